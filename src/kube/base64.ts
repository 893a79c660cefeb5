// Base64 and UTF-8 for src/kube (no Buffer: this runs in the browser too). The base64 is src/pki's:
// kubeconfig `*-data` fields are Go `[]byte`, decoded by encoding/base64's StdEncoding
// (fromBase64Go: padding required, only CR/LF skipped), and written on one line with padding.
export { fromBase64Go as decodeBase64, toBase64 as encodeBase64 } from '../pki/bytes.ts';

/** UTF-8 bytes of a string. */
export function utf8Encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** UTF-8 text of bytes; undefined if they are not valid UTF-8. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
