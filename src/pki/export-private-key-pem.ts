import { webcrypto } from './crypto.ts';
import { encodePem } from './encode-pem.ts';
import { wrapErrorsAsync } from './errors.ts';

/** The key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), what `openssl genpkey` writes. */
export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  const der = await wrapErrorsAsync('key/not-extractable', 'The private key cannot be exported', () =>
    webcrypto.subtle.exportKey('pkcs8', key),
  );
  return encodePem('PRIVATE KEY', new Uint8Array(der));
}
