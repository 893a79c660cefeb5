import { checkSignature } from './check-signature.ts';
import type { ParsedCsr } from './parse-csr.ts';
import { parseCsr } from './parse-csr.ts';

/**
 * Whether a CSR is signed by the key it holds: "valid", "invalid" (altered, forged, or signed with an
 * algorithm that Go refuses, such as MD5), or "cannot-check" when this engine cannot check the
 * algorithm (DSA, Ed448, explicit EC parameters, an unknown curve or OID; Ed25519 in a browser
 * without it), which says nothing either way about the signature.
 */
export type CsrSignatureVerdict = 'valid' | 'invalid' | 'cannot-check';

/** The CSR's proof of possession, checked as Go's `CertificateRequest.CheckSignature` does. */
export async function verifyCsrSignature(csr: string | Uint8Array | ParsedCsr): Promise<CsrSignatureVerdict> {
  const parsed = typeof csr === 'string' || csr instanceof Uint8Array ? parseCsr(csr) : csr;
  const problem = await checkSignature(
    parsed.signatureAlgorithmOid,
    parsed.info,
    parsed.signature,
    parsed.publicKey,
    parsed.signatureAlgorithmParams,
    true,
  );
  if (problem === null) return 'valid';
  return problem.kind === 'cannot-check' || problem.kind === 'unsupported-algorithm'
    ? 'cannot-check'
    : 'invalid';
}
