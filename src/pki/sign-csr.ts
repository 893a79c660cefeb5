// The "sign on the control plane" step, and what the Kubernetes CSR signer does: the subject is
// copied as requested, the requested SANs kept, every other requested extension dropped, and the
// profile decides the rest (EKU clientAuth or serverAuth, CA:FALSE, key usage for the key type).
import { readSingle } from './der.ts';
import { LabError } from './errors.ts';
import { issueCertificate } from './issue-certificate.ts';
import { loadSigningCa } from './load-signing-ca.ts';
import { parseCsr } from './parse-csr.ts';
import type { Purpose, SigningCa } from './types.ts';
import { validityErrors } from './validate-params.ts';
import { verifyCsrSignature } from './verify-csr-signature.ts';

/** How to sign a CSR. */
export interface SignCsrOptions {
  purpose: Purpose;
  /** Default: 365. */
  validityDays?: number;
  /** Default: now. */
  notBefore?: Date;
}

/** Signs a CSR with `ca` under the client or server profile; returns the certificate PEM. */
export async function signCsr(
  csrPem: string | Uint8Array,
  ca: SigningCa,
  options: SignCsrOptions,
): Promise<{ certificatePem: string }> {
  if (!options || (options.purpose !== 'client' && options.purpose !== 'server')) {
    throw new LabError(
      'params/invalid-purpose',
      `Purpose must be "client" or "server", not ${JSON.stringify(options?.purpose)}`,
      {
        field: 'purpose',
      },
    );
  }
  const [problem] = validityErrors(options);
  if (problem) throw problem;
  const csr = parseCsr(csrPem);
  const signature = await verifyCsrSignature(csr);
  if (signature !== 'valid') {
    throw signature === 'invalid'
      ? new LabError(
          'csr/bad-signature',
          'The CSR is not signed by the key it contains, so it was altered or forged',
        )
      : new LabError(
          'csr/signature-not-checked',
          `Cannot check this CSR's signature here (${csr.signatureAlgorithmOid})`,
          {
            algorithm: csr.signatureAlgorithmOid,
          },
        );
  }
  if (csr.publicKey.algorithm === 'unknown') {
    throw new LabError(
      'key/unsupported-algorithm',
      `The CSR's key algorithm ${csr.publicKey.oid} is not supported here`,
    );
  }
  const issuer = await loadSigningCa(ca);
  const san = csr.subjectAltNames;
  const certificatePem = await issueCertificate({
    profile: options.purpose,
    subject: readSingle(csr.subjectRaw).bytes,
    spki: csr.publicKey.spki,
    dnsNames: san?.dns ?? [],
    ipAddresses: san?.ipBytes ?? [],
    notBefore: options.notBefore ?? new Date(),
    validityDays: options.validityDays ?? 365,
    issuer,
  });
  return { certificatePem };
}
