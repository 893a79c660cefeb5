import { webcrypto } from './crypto.ts';
import { encodeName } from './encode-name.ts';
import { LabError } from './errors.ts';
import { exportPrivateKeyPem } from './export-private-key-pem.ts';
import { generateKeyPair } from './generate-key-pair.ts';
import { issueCertificate } from './issue-certificate.ts';
import { loadSigningCa } from './load-signing-ca.ts';
import type { IntermediateCaParams, IssuedCertificate, SigningCa } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** An intermediate CA signed by `ca` (pathLen default 0, AKI + SKI) and its new key. */
export async function issueIntermediateCa(
  params: IntermediateCaParams,
  ca: SigningCa,
): Promise<IssuedCertificate> {
  assertValidParams('intermediate-ca', params);
  const issuer = await loadSigningCa(ca);
  if (issuer.certificate.basicConstraints?.pathLength === 0) {
    throw new LabError(
      'ca/path-length-exceeded',
      'The issuing CA has pathLen 0: it may sign only leaf certificates, not another CA',
      { field: 'ca' },
    );
  }
  const keys = await generateKeyPair(params.algorithm);
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  const certificatePem = await issueCertificate({
    profile: 'intermediate-ca',
    subject: encodeName(params.subject),
    spki,
    pathLength: params.pathLength ?? 0,
    notBefore: params.notBefore ?? new Date(),
    validityDays: params.validityDays ?? 3650,
    issuer,
  });
  return { certificatePem, privateKeyPem: await exportPrivateKeyPem(keys.privateKey) };
}
