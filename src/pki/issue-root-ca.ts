import type { GeneratedKeyPair } from './generate-key-pair.ts';
import { issueWithKey } from './issue-with-key.ts';
import type { IssuedCertificate, RootCaParams } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** A self-signed root CA (CA:TRUE, keyCertSign + cRLSign + digitalSignature, SKI) and its new key. */
export async function issueRootCa(
  params: RootCaParams,
  /** A key pair made ahead for params.algorithm (default: a new one). */
  keyPair?: GeneratedKeyPair,
): Promise<IssuedCertificate> {
  assertValidParams('root-ca', params);
  return issueWithKey(
    params,
    3650,
    (keys) => ({
      profile: 'root-ca',
      selfKey: keys.privateKey,
      ...(params.pathLength !== undefined ? { pathLength: params.pathLength } : {}),
    }),
    keyPair,
  );
}
