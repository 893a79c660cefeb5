import { formatName } from './decode-name.ts';
import type { ExtensionInfo, NameInfo, PublicKeySummary } from './inspect-certificate.ts';
import { describeExtensions, signatureAlgorithmName, summarizePublicKey } from './inspect-certificate.ts';
import { EKU_NAMES } from './oids.ts';
import type { SubjectAltNames } from './parse-certificate.ts';
import type { ParsedCsr } from './parse-csr.ts';
import { parseCsr } from './parse-csr.ts';
import type { CsrSignatureVerdict } from './verify-csr-signature.ts';
import { verifyCsrSignature } from './verify-csr-signature.ts';

/** Everything the inspector shows about a CSR. */
export interface CsrInfo {
  version: number;
  subject: NameInfo;
  publicKey: PublicKeySummary;
  signatureAlgorithm: { name: string; oid: string };
  /** Whether the request is signed by its own key (openssl req -verify), or cannot be checked here. */
  signature: CsrSignatureVerdict;
  /** Attribute OIDs, in order. */
  attributes: string[];
  /** Requested extensions. */
  extensions: ExtensionInfo[];
  subjectAltNames?: Omit<SubjectAltNames, 'ipBytes'>;
  keyUsage?: string[];
  extendedKeyUsage?: { oid: string; name: string | null }[];
}

/** Inspects a CSR (PEM, DER or parsed). */
export async function inspectCsr(input: string | Uint8Array | ParsedCsr): Promise<CsrInfo> {
  const csr = typeof input === 'string' || input instanceof Uint8Array ? parseCsr(input) : input;
  const decoded: { subjectAltNames?: SubjectAltNames; keyUsage?: string[]; extKeyUsage?: string[] } = {};
  if (csr.subjectAltNames) decoded.subjectAltNames = csr.subjectAltNames;
  if (csr.keyUsage) decoded.keyUsage = csr.keyUsage;
  if (csr.extKeyUsage) decoded.extKeyUsage = csr.extKeyUsage;
  const info: CsrInfo = {
    version: csr.version,
    subject: { rfc4514: formatName(csr.subject), parts: csr.subject },
    publicKey: summarizePublicKey(csr.publicKey),
    signatureAlgorithm: signatureAlgorithmName(csr.signatureAlgorithmOid),
    signature: await verifyCsrSignature(csr),
    attributes: [...csr.attributes],
    extensions: describeExtensions(csr.extensions, decoded),
  };
  if (csr.subjectAltNames) {
    const { ipBytes: _omit, ...san } = csr.subjectAltNames;
    info.subjectAltNames = san;
  }
  if (csr.keyUsage) info.keyUsage = [...csr.keyUsage];
  if (csr.extKeyUsage)
    info.extendedKeyUsage = csr.extKeyUsage.map((o) => ({ oid: o, name: EKU_NAMES[o] ?? null }));
  return info;
}
