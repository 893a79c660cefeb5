// Checks a JWT's signature the way kube-apiserver's service-account authenticator does
// (pkg/serviceaccount/jwt.go with go-jose): keys picked by the header's kid (all keys when it has
// none), the first key that verifies wins; with no key for the kid the error is "invalid
// signature, no keys found"; a signature no key accepts is go-jose's ErrCryptoFailure, joined as
// utilerrors.NewAggregate joins a list. The verification itself is jose's compactVerify.
import { compactVerify } from 'jose';
import { webcrypto } from '../pki/crypto.ts';
import { decodeJwt } from './decode-jwt.ts';
import type { VerificationKey } from './verification-keys.ts';

export const NO_KEYS_FOUND = 'invalid signature, no keys found';
export const GO_JOSE_CRYPTO_FAILURE = 'go-jose/go-jose: error in cryptographic primitive';

/** The algorithms go-jose checks with RSA and ECDSA public keys. */
export const JWS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

/** The verdict on a signature. */
export type SignatureVerdict =
  | { valid: true; key: VerificationKey; alg: JwsAlgorithm }
  | { valid: false; error: string; reason: 'no-keys' | 'bad-signature' };

/** utilerrors.NewAggregate(list).Error(): one message as is, several de-duplicated in brackets. */
export function aggregateError(messages: string[]): string {
  if (messages.length === 1) return messages[0]!;
  const seen = [...new Set(messages)];
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}

const CURVE_OF: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

async function importFor(key: VerificationKey, alg: string): Promise<CryptoKey | undefined> {
  const hash = `SHA-${alg.slice(2)}`;
  let params: RsaHashedImportParams | EcKeyImportParams;
  if (key.keyType === 'RSA' && alg.startsWith('RS')) params = { name: 'RSASSA-PKCS1-v1_5', hash };
  else if (key.keyType === 'RSA' && alg.startsWith('PS')) params = { name: 'RSA-PSS', hash };
  else if (key.keyType === 'EC' && CURVE_OF[alg] === key.curve)
    params = { name: 'ECDSA', namedCurve: key.curve! };
  else return undefined;
  try {
    return await webcrypto.subtle.importKey('spki', key.spki.slice(), params, false, ['verify']);
  } catch {
    return undefined;
  }
}

/** Verifies `token` against `keys`. Throws only `jwt/*` LabErrors for a token that is not a JWT. */
export async function verifyJwtSignature(token: string, keys: VerificationKey[]): Promise<SignatureVerdict> {
  const { header } = decodeJwt(token);
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const alg = String(header.alg ?? '');
  const candidates = kid === '' ? keys : keys.filter((k) => k.kid === kid);
  if (candidates.length === 0) return { valid: false, error: NO_KEYS_FOUND, reason: 'no-keys' };
  const errors: string[] = [];
  for (const key of candidates) {
    const cryptoKey = (JWS_ALGORITHMS as readonly string[]).includes(alg)
      ? await importFor(key, alg)
      : undefined;
    if (cryptoKey) {
      try {
        await compactVerify(token.trim(), cryptoKey, { algorithms: [alg] });
        return { valid: true, key, alg: alg as JwsAlgorithm };
      } catch {
        // go-jose reports every failed check as ErrCryptoFailure
      }
    }
    errors.push(GO_JOSE_CRYPTO_FAILURE);
  }
  return { valid: false, error: aggregateError(errors), reason: 'bad-signature' };
}
