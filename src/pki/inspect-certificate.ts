// A certificate as plain JSON-serializable data for the inspector widget: what `openssl x509 -text`
// shows, with RFC 4514 names, every extension (known ones decoded, the rest by OID and hex) and
// openssl-style fingerprints.
import { bytesEqual, toArrayBuffer, toColonHex, toHex } from './bytes.ts';
import { checkSignature } from './check-signature.ts';
import { webcrypto } from './crypto.ts';
import type { NamePart } from './decode-name.ts';
import { formatName } from './decode-name.ts';
import type { NameConstraints } from './name-constraints.ts';
import { describeConstraintSet } from './name-constraints.ts';
import { EKU_NAMES, EXTENSION_NAMES, OID, SIGNATURE_ALGORITHMS } from './oids.ts';
import type { ParsedCertificate, RawExtension, SubjectAltNames } from './parse-certificate.ts';
import type { PublicKeyInfo } from './public-key-info.ts';
import { readCertificate } from './read-certificates.ts';
import { serialDecimal } from './serial-decimal.ts';

/** A distinguished name two ways. */
export interface NameInfo {
  /** RFC 4514 text, e.g. "CN=jane,O=dev". */
  rfc4514: string;
  /** The attributes in certificate order. */
  parts: NamePart[];
}

/** One extension, decoded when known. */
export interface ExtensionInfo {
  oid: string;
  /** Short name ("subjectAltName", …) or null for an extension this inspector does not know. */
  name: string | null;
  critical: boolean;
  /** The extnValue contents, hex. */
  valueHex: string;
  /** A one-line summary like openssl's, when known. */
  summary?: string;
}

/** Public key facts. */
export interface PublicKeySummary {
  algorithm: 'RSA' | 'EC' | 'Ed25519' | 'unknown';
  oid: string;
  /** Bits: the RSA modulus, the curve size, 256 for Ed25519. */
  size?: number;
  curve?: string;
}

/** Everything the inspector shows about a certificate. */
export interface CertificateInfo {
  version: number;
  /** Lower-case hex of the serial's magnitude, without a leading 00, e.g. "5c57b9…" (see negativeSerial). */
  serialNumber: string;
  /** The serial in decimal with its sign, as kube-apiserver logs it (SN=…). */
  serialDecimal: string;
  subject: NameInfo;
  issuer: NameInfo;
  /** ISO 8601 UTC. */
  notBefore: string;
  notAfter: string;
  publicKey: PublicKeySummary;
  signatureAlgorithm: { name: string; oid: string };
  extensions: ExtensionInfo[];
  subjectAltNames?: Omit<SubjectAltNames, 'ipBytes'>;
  keyUsage?: string[];
  extendedKeyUsage?: { oid: string; name: string | null }[];
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** Colon-separated upper-case hex, as openssl prints it. */
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  isCa: boolean;
  /** Issuer equals subject and the certificate's own key verifies its signature. */
  isSelfSigned: boolean;
  fingerprints: { sha256: string; sha1: string };
  /** Why Go's x509.ParseCertificate refuses this certificate (Go's text); absent when Go parses it. */
  goParseError?: string;
  /** The serial is negative: Go 1.19 (the release the site names) accepts it, Go 1.23 and later refuse it. */
  negativeSerial?: boolean;
}

/** Public key facts from a SubjectPublicKeyInfo. */
export function summarizePublicKey(key: PublicKeyInfo): PublicKeySummary {
  const out: PublicKeySummary = { algorithm: key.algorithm, oid: key.oid };
  if (key.bits !== undefined) out.size = key.bits;
  if (key.curve !== undefined) {
    out.curve = key.curve;
    const size = { 'P-256': 256, 'P-384': 384, 'P-521': 521 }[key.curve];
    if (size) out.size = size;
  }
  if (key.algorithm === 'Ed25519') out.size = 256;
  return out;
}

/** The signature algorithm's openssl name and OID. */
export function signatureAlgorithmName(oid: string): { name: string; oid: string } {
  return { name: SIGNATURE_ALGORITHMS[oid]?.name ?? oid, oid };
}

/** Summaries of extensions, in order. */
export function describeExtensions(
  exts: RawExtension[],
  decoded: {
    subjectAltNames?: SubjectAltNames;
    keyUsage?: string[];
    extKeyUsage?: string[];
    basicConstraints?: { ca: boolean; pathLength?: number };
    subjectKeyId?: Uint8Array;
    authorityKeyId?: Uint8Array;
    nameConstraints?: NameConstraints;
  },
): ExtensionInfo[] {
  return exts.map((ext) => {
    const info: ExtensionInfo = {
      oid: ext.oid,
      name: EXTENSION_NAMES[ext.oid] ?? null,
      critical: ext.critical,
      valueHex: toHex(ext.value),
    };
    let summary: string | undefined;
    switch (ext.oid) {
      case OID.subjectAltName: {
        const s = decoded.subjectAltNames;
        if (s) {
          summary = [
            ...s.dns.map((d) => `DNS:${d}`),
            ...s.ip.map((i) => `IP Address:${i}`),
            ...s.email.map((e) => `email:${e}`),
            ...s.uri.map((u) => `URI:${u}`),
            ...s.other.map((o) => `${o.kind}:${o.hex}`),
          ].join(', ');
        }
        break;
      }
      case OID.keyUsage:
        summary = decoded.keyUsage?.join(', ');
        break;
      case OID.extKeyUsage:
        summary = decoded.extKeyUsage?.map((o) => EKU_NAMES[o] ?? o).join(', ');
        break;
      case OID.basicConstraints: {
        const bc = decoded.basicConstraints;
        if (bc)
          summary = `CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLength !== undefined ? `, pathlen:${bc.pathLength}` : ''}`;
        break;
      }
      case OID.subjectKeyIdentifier:
        if (decoded.subjectKeyId) summary = toColonHex(decoded.subjectKeyId);
        break;
      case OID.authorityKeyIdentifier:
        if (decoded.authorityKeyId) summary = toColonHex(decoded.authorityKeyId);
        break;
      case OID.nameConstraints: {
        const nc = decoded.nameConstraints;
        if (nc) {
          const permitted = describeConstraintSet(nc.permitted);
          const excluded = describeConstraintSet(nc.excluded);
          summary = [
            ...(permitted.length ? [`Permitted: ${permitted.join(', ')}`] : []),
            ...(excluded.length ? [`Excluded: ${excluded.join(', ')}`] : []),
            ...(nc.unhandledForms.length ? [`Not handled by Go: ${nc.unhandledForms.join(', ')}`] : []),
          ].join('; ');
        }
        break;
      }
    }
    if (summary !== undefined) info.summary = summary;
    return info;
  });
}

/** Inspects the first certificate of `input` (PEM, DER or parsed). */
export async function inspectCertificate(
  input: string | Uint8Array | ParsedCertificate,
): Promise<CertificateInfo> {
  const cert = readCertificate(input);
  const digest = async (alg: string) =>
    toColonHex(new Uint8Array(await webcrypto.subtle.digest(alg, toArrayBuffer(cert.der))));
  const selfSigned =
    bytesEqual(cert.issuerRaw, cert.subjectRaw) &&
    (await checkSignature(
      cert.signatureAlgorithmOid,
      cert.tbs,
      cert.signature,
      cert.publicKey,
      cert.signatureAlgorithmParams,
    )) === null;
  const info: CertificateInfo = {
    version: cert.version,
    serialNumber: toHex(cert.serial),
    serialDecimal: serialDecimal(cert),
    subject: { rfc4514: formatName(cert.subject), parts: cert.subject },
    issuer: { rfc4514: formatName(cert.issuer), parts: cert.issuer },
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    publicKey: summarizePublicKey(cert.publicKey),
    signatureAlgorithm: signatureAlgorithmName(cert.signatureAlgorithmOid),
    extensions: describeExtensions(cert.extensions, cert),
    isCa: cert.basicConstraints?.ca === true,
    isSelfSigned: selfSigned,
    fingerprints: { sha256: await digest('SHA-256'), sha1: await digest('SHA-1') },
  };
  if (cert.subjectAltNames) {
    const { ipBytes: _omit, ...san } = cert.subjectAltNames;
    info.subjectAltNames = san;
  }
  if (cert.keyUsage) info.keyUsage = [...cert.keyUsage];
  if (cert.extKeyUsage)
    info.extendedKeyUsage = cert.extKeyUsage.map((o) => ({ oid: o, name: EKU_NAMES[o] ?? null }));
  if (cert.basicConstraints) info.basicConstraints = { ...cert.basicConstraints };
  if (cert.subjectKeyId) info.subjectKeyIdentifier = toColonHex(cert.subjectKeyId);
  if (cert.authorityKeyId) info.authorityKeyIdentifier = toColonHex(cert.authorityKeyId);
  if (cert.goParseError !== undefined) info.goParseError = cert.goParseError;
  if (cert.negativeSerial) info.negativeSerial = true;
  return info;
}
