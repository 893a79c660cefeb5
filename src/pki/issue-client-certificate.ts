import { webcrypto } from './crypto.ts';
import { encodeName } from './encode-name.ts';
import { exportPrivateKeyPem } from './export-private-key-pem.ts';
import { type GeneratedKeyPair, keyPairFor } from './generate-key-pair.ts';
import { issueCertificate } from './issue-certificate.ts';
import { loadSigningCa } from './load-signing-ca.ts';
import type { ClientCertificateParams, IssuedCertificate, SigningCa } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** A client certificate (CN = user, each O = a group, EKU clientAuth, CA:FALSE) signed by `ca`, and its key. */
export async function issueClientCertificate(
  params: ClientCertificateParams,
  ca: SigningCa,
  /** A key pair made ahead for params.algorithm (default: a new one). */
  keyPair?: GeneratedKeyPair,
): Promise<IssuedCertificate> {
  assertValidParams('client', params);
  const issuer = await loadSigningCa(ca);
  const keys = await keyPairFor(params.algorithm, keyPair);
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  const certificatePem = await issueCertificate({
    profile: 'client',
    subject: encodeName(params.subject),
    spki,
    notBefore: params.notBefore ?? new Date(),
    validityDays: params.validityDays ?? 365,
    issuer,
  });
  return { certificatePem, privateKeyPem: await exportPrivateKeyPem(keys.privateKey) };
}
