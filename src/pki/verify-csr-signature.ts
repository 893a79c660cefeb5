import { checkSignature } from './check-signature.ts';
import type { ParsedCsr } from './parse-csr.ts';
import { parseCsr } from './parse-csr.ts';

/** True when the CSR is signed by the key it contains (proof of possession), as `openssl req -verify`. */
export async function verifyCsrSignature(csr: string | Uint8Array | ParsedCsr): Promise<boolean> {
  const parsed = typeof csr === 'string' || csr instanceof Uint8Array ? parseCsr(csr) : csr;
  return (
    (await checkSignature(parsed.signatureAlgorithmOid, parsed.info, parsed.signature, parsed.publicKey)) ===
    null
  );
}
