// The JWKS kube-apiserver serves at /openid/v1/jwks (pkg/serviceaccount/openidmetadata.go): each
// public key as a JWK with use "sig", its Kubernetes kid and its algorithm (RS256 for RSA, ES* by
// curve). WebCrypto's JWK export has no kid and, for EC keys, no alg; both are added here.
import { webcrypto } from '../pki/crypto.ts';
import { wrapErrorsAsync } from '../pki/errors.ts';
import { keyIdFromPublicKey } from './key-id.ts';
import { defaultAlgorithm } from './sign-jwt.ts';

/** One published key. */
export interface PublishedJwk {
  kty: string;
  use: 'sig';
  kid: string;
  alg: string;
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
  y?: string;
}

/** The JWKS of these public keys, as kube-apiserver publishes it. Throws `jwt-sign/unsupported-key`, `jwks/not-extractable`. */
export async function buildJwks(publicKeys: CryptoKey[]): Promise<{ keys: PublishedJwk[] }> {
  const keys: PublishedJwk[] = [];
  for (const key of publicKeys) {
    const alg = defaultAlgorithm(key);
    const jwk = await wrapErrorsAsync('jwks/not-extractable', 'The public key cannot be exported', () =>
      webcrypto.subtle.exportKey('jwk', key),
    );
    const kid = await keyIdFromPublicKey(key);
    keys.push(
      jwk.kty === 'RSA'
        ? { use: 'sig', kty: 'RSA', kid, alg, n: jwk.n!, e: jwk.e! }
        : { use: 'sig', kty: 'EC', kid, crv: jwk.crv!, alg, x: jwk.x!, y: jwk.y! },
    );
  }
  return { keys };
}
