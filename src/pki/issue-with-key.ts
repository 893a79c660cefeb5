// What the four issue* operations share: a key pair for the params' algorithm (the one made ahead, or a
// new one), the certificate for its public key, and both as PEM. Each operation only says which
// profile, which issuer and which extras.
import { webcrypto } from './crypto.ts';
import { encodeName } from './encode-name.ts';
import { exportPrivateKeyPem } from './export-private-key-pem.ts';
import { type GeneratedKeyPair, keyPairFor } from './generate-key-pair.ts';
import { type IssueRequest, issueCertificate } from './issue-certificate.ts';
import type { IssuedCertificate, KeyAlgorithm, SubjectParams } from './types.ts';

/** The params every issue* operation takes. */
export interface IssueParams {
  subject: SubjectParams;
  /** Default: DEFAULT_KEY_ALGORITHM. */
  algorithm?: KeyAlgorithm;
  /** Default: now. */
  notBefore?: Date;
  /** Default: `defaultDays`. */
  validityDays?: number;
}

/** Issues a certificate of `request` for `params` with a key for params.algorithm (`keyPair` if it fits). */
export async function issueWithKey(
  params: IssueParams,
  defaultDays: number,
  request: (keys: GeneratedKeyPair) => Omit<IssueRequest, 'subject' | 'spki' | 'notBefore' | 'validityDays'>,
  keyPair?: GeneratedKeyPair,
): Promise<IssuedCertificate> {
  const keys = await keyPairFor(params.algorithm, keyPair);
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  const certificatePem = await issueCertificate({
    ...request(keys),
    subject: encodeName(params.subject),
    spki,
    notBefore: params.notBefore ?? new Date(),
    validityDays: params.validityDays ?? defaultDays,
  });
  return { certificatePem, privateKeyPem: await exportPrivateKeyPem(keys.privateKey) };
}
