// The signature playground: sign a text with a private key and check it with the public one.
// Signatures are what `openssl dgst -sha256 -sign` writes (DER for ECDSA), in base64.
import { toArrayBuffer, toBase64 } from './bytes.ts';
import { LabError } from './errors.ts';
import { importPrivateKeyPem } from './import-private-key-pem.ts';
import { signBytes } from './sign-bytes.ts';

/** Base64 signature of the UTF-8 text with the private key (PEM or CryptoKey). */
export async function signMessage(privateKey: string | CryptoKey, text: string): Promise<string> {
  if (typeof text !== 'string') throw new LabError('message/not-text', 'The message must be text');
  const key =
    typeof privateKey === 'string' ? (await importPrivateKeyPem(privateKey)).privateKey : privateKey;
  const { signature } = await signBytes(key, new Uint8Array(toArrayBuffer(new TextEncoder().encode(text))));
  return toBase64(signature);
}
