// What kube-apiserver's x509 authenticator makes of a client certificate (FACTS §1):
// CommonNameUserConversion takes user = Subject.CommonName (Go keeps the last CN) and groups =
// every O in order; AuthenticatedGroupAdder appends system:authenticated. An empty CN gives no user
// and no error: the request falls through to the next authenticator (anonymous, if enabled).
import { formatName } from './decode-name.ts';
import { OID } from './oids.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import { readCertificate } from './read-certificates.ts';

/** A warning or the reason there is no identity. */
export interface IdentityNote {
  code: string;
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
  /** RFC 4514 subject. */
  subject: string;
  /** Why there is no identity (when authenticated is false). */
  reason?: IdentityNote;
  warnings: IdentityNote[];
}

/** The user and groups kube-apiserver derives from a client certificate, with warnings. */
export function describeIdentity(certificate: string | Uint8Array | ParsedCertificate): Identity {
  const cert = readCertificate(certificate);
  const strings = cert.subject.filter((p) => p.valueType !== 'other');
  const cn = [...strings].reverse().find((p) => p.type === 'CN')?.value ?? '';
  const organizations = strings.filter((p) => p.type === 'O').map((p) => p.value);
  const warnings: IdentityNote[] = [];
  if (organizations.includes('system:masters')) {
    warnings.push({
      code: 'identity/system-masters',
      message:
        'The group system:masters bypasses RBAC entirely and cannot be revoked by removing bindings: keep it for break-glass only',
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
  const base = { organizations, subject: formatName(cert.subject), warnings };
  if (cn === '') {
    return {
      ...base,
      authenticated: false,
      user: null,
      groups: [],
      reason: {
        code: 'identity/empty-common-name',
        message:
          'The subject has no CN, so the x509 authenticator returns no user and no error: the request falls through to the other authenticators and, with anonymous auth on, becomes system:anonymous',
      },
    };
  }
  return { ...base, authenticated: true, user: cn, groups: [...organizations, 'system:authenticated'] };
}
