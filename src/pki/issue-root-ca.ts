import { webcrypto } from './crypto.ts';
import { encodeName } from './encode-name.ts';
import { exportPrivateKeyPem } from './export-private-key-pem.ts';
import { generateKeyPair } from './generate-key-pair.ts';
import { issueCertificate } from './issue-certificate.ts';
import type { IssuedCertificate, RootCaParams } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** A self-signed root CA (CA:TRUE, keyCertSign + cRLSign + digitalSignature, SKI) and its new key. */
export async function issueRootCa(params: RootCaParams): Promise<IssuedCertificate> {
  assertValidParams('root-ca', params);
  const keys = await generateKeyPair(params.algorithm);
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  const certificatePem = await issueCertificate({
    profile: 'root-ca',
    subject: encodeName(params.subject),
    spki,
    notBefore: params.notBefore ?? new Date(),
    validityDays: params.validityDays ?? 3650,
    selfKey: keys.privateKey,
    ...(params.pathLength !== undefined ? { pathLength: params.pathLength } : {}),
  });
  return { certificatePem, privateKeyPem: await exportPrivateKeyPem(keys.privateKey) };
}
