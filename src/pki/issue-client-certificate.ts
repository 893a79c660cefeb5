import type { GeneratedKeyPair } from './generate-key-pair.ts';
import { issueWithKey } from './issue-with-key.ts';
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
  return issueWithKey(params, 365, () => ({ profile: 'client', issuer }), keyPair);
}
