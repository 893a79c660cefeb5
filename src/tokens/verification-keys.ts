// The keys a JWT can be checked against: what --service-account-key-file takes (PEM public keys,
// private keys or certificates, several per file) or a JWKS (`kubectl get --raw /openid/v1/jwks`).
import { webcrypto } from '../pki/crypto.ts';
import { encodePem } from '../pki/encode-pem.ts';
import { LabError, wrapErrorsAsync } from '../pki/errors.ts';
import { importPrivateKeyPem } from '../pki/import-private-key-pem.ts';
import { parsePem } from '../pki/parse-pem.ts';
import { parsePublicKeyInfo } from '../pki/public-key-info.ts';
import { readCertificates } from '../pki/read-certificates.ts';
import { keyIdFromPublicKey } from './key-id.ts';

/** A public key ready for signature checks. */
export interface VerificationKey {
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  keyType: 'RSA' | 'EC';
  /** EC curve ('P-256', 'P-384', 'P-521'). */
  curve?: string;
  /** The key's kid: derived as Kubernetes derives it (PEM), or as the JWKS says. */
  kid: string;
  /** Where it came from: 'pem' or 'jwks'. */
  source: 'pem' | 'jwks';
}

async function fromSpki(
  spki: Uint8Array,
  kid?: string,
  source: 'pem' | 'jwks' = 'pem',
): Promise<VerificationKey> {
  let info: ReturnType<typeof parsePublicKeyInfo>;
  try {
    info = parsePublicKeyInfo(spki);
  } catch (e) {
    throw new LabError('jwt-key/malformed', `The public key is not valid: ${(e as Error).message}`);
  }
  if (info.algorithm !== 'RSA' && info.algorithm !== 'EC') {
    throw new LabError(
      'jwt-key/unsupported',
      `A ${info.algorithm} key cannot verify service-account tokens: use RSA or ECDSA`,
      {
        algorithm: info.algorithm,
      },
    );
  }
  return {
    spki,
    keyType: info.algorithm,
    ...(info.curve ? { curve: info.curve } : {}),
    kid: kid ?? (await keyIdFromPublicKey(spki)),
    source,
  };
}

/**
 * Every key in PEM text, as kube-apiserver's --service-account-key-file reads it: PUBLIC KEY,
 * CERTIFICATE, and private keys (their public half). Throws `pem/*`, `jwt-key/none`,
 * `jwt-key/malformed`, `jwt-key/unsupported`, `key/*`.
 */
export async function readVerificationKeysPem(pem: string): Promise<VerificationKey[]> {
  const blocks = parsePem(pem);
  const keys: VerificationKey[] = [];
  for (const b of blocks) {
    if (b.label === 'PUBLIC KEY') keys.push(await fromSpki(b.der));
    else if (b.label === 'CERTIFICATE') keys.push(await fromSpki(readCertificates(b.der)[0]!.publicKey.spki));
    else if (/PRIVATE KEY$/.test(b.label)) {
      const imported = await importPrivateKeyPem(encodePem(b.label, b.der));
      keys.push(await fromSpki(new Uint8Array(await webcrypto.subtle.exportKey('spki', imported.publicKey))));
    }
  }
  if (keys.length === 0) {
    throw new LabError('jwt-key/none', 'No public key, certificate or private key found in this PEM text', {
      labels: blocks.map((b) => b.label).join(', '),
    });
  }
  return keys;
}

/** Every signing key of a JWKS (JSON text or object). Throws `jwks/bad-json`, `jwks/no-keys`, `jwks/bad-key`. */
export async function readVerificationKeysJwks(
  jwks: string | { keys?: unknown },
): Promise<VerificationKey[]> {
  let doc: unknown = jwks;
  if (typeof jwks === 'string') {
    try {
      doc = JSON.parse(jwks);
    } catch (e) {
      throw new LabError('jwks/bad-json', `This is not JSON: ${(e as Error).message}`);
    }
  }
  const list = (doc as { keys?: unknown })?.keys;
  if (!Array.isArray(list) || list.length === 0) {
    throw new LabError('jwks/no-keys', 'A JWKS is an object with a non-empty "keys" array');
  }
  const keys: VerificationKey[] = [];
  for (const [i, jwk] of list.entries()) {
    const k = jwk as { kty?: string; crv?: string; kid?: string; use?: string };
    if (k.use !== undefined && k.use !== 'sig') continue;
    const params =
      k.kty === 'RSA'
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
        : k.kty === 'EC'
          ? { name: 'ECDSA', namedCurve: String(k.crv) }
          : undefined;
    if (!params)
      throw new LabError(
        'jwks/bad-key',
        `Key ${i + 1} has kty "${String(k.kty)}": only RSA and EC keys sign tokens`,
        { index: i },
      );
    const { kty, n, e, crv, x, y } = jwk as Record<string, string>;
    const pub = await wrapErrorsAsync('jwks/bad-key', `Key ${i + 1} is not a valid public key`, () =>
      webcrypto.subtle.importKey('jwk', kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y }, params, true, [
        'verify',
      ]),
    );
    const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', pub));
    keys.push(await fromSpki(spki, typeof k.kid === 'string' ? k.kid : '', 'jwks'));
  }
  return keys;
}
