// What kube-apiserver's x509 authenticator makes of a client certificate (FACTS §1):
// CommonNameUserConversion takes user = Subject.CommonName (Go keeps the last CN) and groups =
// every O in the order they are encoded; AuthenticatedGroupAdder appends system:authenticated.
// An empty CN gives no user and no error: the request falls through to the next authenticator
// (anonymous, if enabled). Since 1.33 (gate AllowParsingUserUIDFromCertAuth, beta, on) a subject
// attribute 1.3.6.1.4.1.57683.2 (k8s.io/apimachinery/pkg/apis/asn1 X509UID) is the user's UID,
// and two of them fail authentication (PR #127897).
//
// Why the order can change: the CSR API's signer (pkg/controller/certificates/authority) and cfssl
// build the certificate from Go's pkix.Name, whose ToRDNSequence writes every O into ONE
// multi-valued RDN, a DER SET, which encoding/asn1 sorts by the bytes of each encoded value — the
// shorter value first, so [developers qa] comes back as [qa developers]. pkix.Name has no field for
// the UID attribute, so that signer leaves it out (tests/interop/cluster-csr-api-order.test.ts runs
// the same Go code on the engine's CSRs).
import type { MessageKey } from '../i18n/index.ts';
import { formatName, type NamePart } from './decode-name.ts';
import { oid, seq } from './der.ts';
import { directoryString } from './encode-name.ts';
import { goCommonName, goOrganizations } from './go-name.ts';
import { NAME_OID, OID } from './oids.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import { type ParsedCsr, parseCsr } from './parse-csr.ts';
import { readCertificate } from './read-certificates.ts';
import { includesSystemMasters, SYSTEM_MASTERS_RISK } from './system-masters.ts';

/** The subject attribute kube-apiserver 1.33+ reads as the user's UID (k8s.io/apimachinery X509UID). */
export const X509_UID_OID = '1.3.6.1.4.1.57683.2';

/**
 * The groups in the order the cluster reports them when Go writes them into one RDN (the CSR API's
 * signer, cfssl): sorted by the DER of each encoded value, as encoding/asn1 sorts a SET OF.
 */
export function derSortedGroups(groups: readonly string[]): string[] {
  const encoded = groups.map((g) => ({ g, der: seq(oid(NAME_OID.O), directoryString(g)) }));
  return encoded.sort((a, b) => compareDer(a.der, b.der)).map((e) => e.g);
}

/** Go's bytes.Compare: the first differing byte decides, else the shorter is first. */
function compareDer(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** The code of a note on an identity: one exists exactly when its "inspector.note.<code>" text does. */
export type IdentityNoteCode = MessageKey extends infer K
  ? K extends `inspector.note.${infer Code extends `identity/${string}`}`
    ? Code
    : never
  : never;

/** A warning or the reason there is no identity. */
export interface IdentityNote {
  code: IdentityNoteCode;
  message: string;
}

/** The Kubernetes identity of a client certificate. */
export interface Identity {
  /** False when the authenticator returns no user (empty CN). */
  authenticated: boolean;
  /** The user name (CN), or null. */
  user: string | null;
  /** Every O in order, then system:authenticated; empty when not authenticated. */
  groups: string[];
  /** The O values as written in the certificate. */
  organizations: string[];
  /** The UID (attribute 1.3.6.1.4.1.57683.2) kube-apiserver 1.33+ reports, if there is exactly one. */
  uid?: string;
  /** RFC 4514 subject. */
  subject: string;
  /** Why there is no identity (when authenticated is false). */
  reason?: IdentityNote;
  warnings: IdentityNote[];
}

/** The user and groups kube-apiserver derives from a client certificate, with warnings. */
export function describeIdentity(certificate: string | Uint8Array | ParsedCertificate): Identity {
  const cert = readCertificate(certificate);
  const cn = goCommonName(cert.subject);
  const organizations = goOrganizations(cert.subject);
  const uids = uidValues(cert.subject);
  const warnings: IdentityNote[] = [];
  if (includesSystemMasters(organizations)) {
    warnings.push({
      code: 'identity/system-masters',
      message: `${SYSTEM_MASTERS_RISK}: keep such a certificate for break-glass only`,
    });
  }
  const eku = cert.extKeyUsage ?? [];
  if (eku.length > 0 && !eku.includes(OID.clientAuth) && !eku.includes(OID.anyExtendedKeyUsage)) {
    warnings.push({
      code: 'identity/no-client-auth',
      message:
        'The extended key usage lacks clientAuth, so kube-apiserver rejects the certificate (x509: certificate specifies an incompatible key usage)',
    });
  }
  const base: Pick<Identity, 'organizations' | 'subject' | 'warnings' | 'uid'> = {
    organizations,
    subject: formatName(cert.subject),
    warnings,
  };
  if (uids.length === 1) base.uid = uids[0]!;
  /** No user: the authenticator returns none, for `reason`. */
  const refused = (reason: IdentityNote): Identity => ({
    ...base,
    authenticated: false,
    user: null,
    groups: [],
    reason,
  });
  if (cert.goParseError !== undefined) {
    return refused({
      code: 'identity/go-cannot-parse',
      message: `Go's x509 parser refuses this certificate (${cert.goParseError}), so kube-apiserver rejects it before reading any name`,
    });
  }
  if (uids.length > 1) {
    return refused({
      code: 'identity/multiple-uids',
      message: `The subject holds ${uids.length} UID attributes (1.3.6.1.4.1.57683.2): kube-apiserver 1.33 and later refuse to authenticate it`,
    });
  }
  if (cn === '') {
    return refused({
      code: 'identity/empty-common-name',
      message:
        'The subject has no CN, so the x509 authenticator returns no user and no error: the request falls through to the other authenticators and, with anonymous auth on, becomes system:anonymous',
    });
  }
  return { ...base, authenticated: true, user: cn, groups: [...organizations, 'system:authenticated'] };
}

/** The UID values of a subject: attribute 1.3.6.1.4.1.57683.2 (a non-string value counts too: it fails). */
function uidValues(subject: readonly NamePart[]): string[] {
  return subject.filter((p) => p.oid === X509_UID_OID).map((p) => p.value);
}

/** What the cluster will report for a certificate the CSR API signs from this CSR. */
export interface CsrApiIdentity {
  /** The user name (last CN), or '' when there is none (no one is authenticated). */
  user: string;
  /** The groups as typed in the CSR (every O in order). */
  requestedGroups: string[];
  /** The groups as the cluster will report them (DER-sorted, see derSortedGroups). */
  groups: string[];
  /** True when `groups` is not in the order of `requestedGroups`. */
  reordered: boolean;
  /** The CSR's UID attribute, which the CSR API's signer leaves out of the certificate. */
  droppedUid?: string;
}

/** The identity a certificate issued by the CSR API (kubernetes.io/kube-apiserver-client) for this CSR gives. */
export function describeCsrApiIdentity(csr: string | Uint8Array | ParsedCsr): CsrApiIdentity {
  const parsed = typeof csr === 'string' || csr instanceof Uint8Array ? parseCsr(csr) : csr;
  const user = goCommonName(parsed.subject);
  const requestedGroups = goOrganizations(parsed.subject);
  const groups = derSortedGroups(requestedGroups);
  const out: CsrApiIdentity = {
    user,
    requestedGroups,
    groups,
    reordered: groups.some((g, i) => g !== requestedGroups[i]),
  };
  const uids = uidValues(parsed.subject);
  if (uids.length > 0) out.droppedUid = uids.join(', ');
  return out;
}
