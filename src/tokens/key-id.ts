// The `kid` kube-apiserver puts in service-account tokens and its JWKS (pkg/serviceaccount
// keyIDFromPublicKey): base64url without padding of SHA-256 over the DER SubjectPublicKeyInfo.
import { webcrypto } from '../pki/crypto.ts';
import { base64url } from './random-token.ts';

/** The Kubernetes key ID of a public key given as SPKI DER bytes or a public CryptoKey. */
export async function keyIdFromPublicKey(key: Uint8Array | CryptoKey): Promise<string> {
  const spki =
    key instanceof Uint8Array ? key : new Uint8Array(await webcrypto.subtle.exportKey('spki', key));
  return base64url(new Uint8Array(await webcrypto.subtle.digest('SHA-256', spki.slice())));
}
