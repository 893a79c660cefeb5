// Mints a JWT with jose's SignJWT and a WebCrypto private key: what kube-apiserver's token signer
// does with sa.key, and what a leaked sa.key lets anyone do. The header is {alg, kid} only, as
// kube-apiserver writes it.
import { SignJWT } from 'jose';
import { webcrypto } from '../pki/crypto.ts';
import { LabError, wrapErrorsAsync } from '../pki/errors.ts';
import { keyIdFromPublicKey } from './key-id.ts';
import type { JwsAlgorithm } from './verify-jwt-signature.ts';

/** Parameters of signJwt. */
export interface SignJwtParams {
  /** The claims, as they go in the payload. */
  claims: Record<string, unknown>;
  /** An extractable RSA (RSASSA-PKCS1-v1_5 or RSA-PSS) or ECDSA private key. */
  privateKey: CryptoKey;
  /** Default: RS256 for RSASSA-PKCS1-v1_5, PS256 for RSA-PSS, ES256/ES384/ES512 by curve. PS256 also works with an RSASSA key. */
  alg?: JwsAlgorithm;
  /** Default: the Kubernetes key ID of the public key. '' writes no kid. */
  kid?: string;
}

/** The algorithm kube-apiserver would use for this key (RS256 for RSA, ES* by curve). */
export function defaultAlgorithm(key: CryptoKey): JwsAlgorithm {
  const a = key.algorithm as EcKeyAlgorithm & RsaHashedKeyAlgorithm;
  if (a.name === 'ECDSA') {
    const alg = ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as const)[a.namedCurve as 'P-256'];
    if (alg) return alg;
  }
  if (a.name === 'RSASSA-PKCS1-v1_5') return 'RS256';
  if (a.name === 'RSA-PSS') return 'PS256';
  throw new LabError(
    'jwt-sign/unsupported-key',
    `A ${a.name} key cannot sign service-account tokens: use RSA or ECDSA`,
    {
      field: 'privateKey',
    },
  );
}

/** The public half of a private key, from its JWK. */
async function publicSpki(privateKey: CryptoKey): Promise<Uint8Array> {
  const jwk = await wrapErrorsAsync('jwt-sign/not-extractable', 'The private key cannot be exported', () =>
    webcrypto.subtle.exportKey('jwk', privateKey),
  );
  const { kty, n, e, crv, x, y } = jwk;
  const algorithm = privateKey.algorithm as RsaHashedImportParams | EcKeyImportParams;
  const pub = await webcrypto.subtle.importKey(
    'jwk',
    kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y },
    algorithm,
    true,
    ['verify'],
  );
  return new Uint8Array(await webcrypto.subtle.exportKey('spki', pub));
}

async function keyFor(privateKey: CryptoKey, alg: JwsAlgorithm): Promise<CryptoKey> {
  const name = privateKey.algorithm.name;
  const hash = `SHA-${alg.slice(2)}`;
  const want = alg.startsWith('PS') ? 'RSA-PSS' : alg.startsWith('RS') ? 'RSASSA-PKCS1-v1_5' : 'ECDSA';
  if (
    name === want &&
    (want === 'ECDSA' || (privateKey.algorithm as RsaHashedKeyAlgorithm).hash.name === hash)
  )
    return privateKey;
  if (want === 'ECDSA' || name === 'ECDSA') {
    throw new LabError('jwt-sign/wrong-algorithm', `${alg} does not fit a ${name} key`, {
      field: 'alg',
      alg,
    });
  }
  const pkcs8 = await wrapErrorsAsync('jwt-sign/not-extractable', 'The private key cannot be exported', () =>
    webcrypto.subtle.exportKey('pkcs8', privateKey),
  );
  return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: want, hash }, false, ['sign']);
}

/** The compact JWT. Throws `jwt-sign/unsupported-key`, `jwt-sign/wrong-algorithm`, `jwt-sign/not-extractable`, `jwt-sign/failed`. */
export async function signJwt(params: SignJwtParams): Promise<string> {
  const alg = params.alg ?? defaultAlgorithm(params.privateKey);
  const key = await keyFor(params.privateKey, alg);
  const kid = params.kid ?? (await keyIdFromPublicKey(await publicSpki(params.privateKey)));
  return wrapErrorsAsync('jwt-sign/failed', 'The token could not be signed', () =>
    new SignJWT(params.claims as Record<string, unknown>)
      .setProtectedHeader(kid ? { alg, kid } : { alg })
      .sign(key),
  );
}
