import { webcrypto } from './crypto.ts';
import { encodePem } from './encode-pem.ts';
import { wrapErrorsAsync } from './errors.ts';

/** The public key as SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), as `openssl pkey -pubout`. */
export async function exportPublicKeyPem(key: CryptoKey): Promise<string> {
  const der = await wrapErrorsAsync('key/not-extractable', 'The public key cannot be exported', () =>
    webcrypto.subtle.exportKey('spki', key),
  );
  return encodePem('PUBLIC KEY', new Uint8Array(der));
}
