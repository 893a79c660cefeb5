import { webcrypto } from './crypto.ts';
import { encodeName } from './encode-name.ts';
import { exportPrivateKeyPem } from './export-private-key-pem.ts';
import { type GeneratedKeyPair, keyPairFor } from './generate-key-pair.ts';
import { issueCertificate } from './issue-certificate.ts';
import type { IssuedCertificate, RootCaParams } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** A self-signed root CA (CA:TRUE, keyCertSign + cRLSign + digitalSignature, SKI) and its new key. */
export async function issueRootCa(
  params: RootCaParams,
  /** A key pair made ahead for params.algorithm (default: a new one). */
  keyPair?: GeneratedKeyPair,
): Promise<IssuedCertificate> {
  assertValidParams('root-ca', params);
  const keys = await keyPairFor(params.algorithm, keyPair);
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
