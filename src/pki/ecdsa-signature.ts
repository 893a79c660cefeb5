// WebCrypto's ECDSA signatures are r||s (IEEE P1363); X.509, CSRs and openssl use DER
// SEQUENCE { INTEGER r, INTEGER s } (X9.62). These convert between the two.
import { concatBytes } from './bytes.ts';
import { children, expectTag, readSingle, readUnsigned, seq, TAG, unsignedInteger } from './der.ts';

/** DER (X9.62) form of a raw r||s ECDSA signature. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return seq(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

/** Raw r||s form (each `size` bytes) of a DER ECDSA signature; null when it is not one. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  try {
    const parts = children(expectTag(readSingle(der), TAG.SEQUENCE, 'an ECDSA signature'));
    if (parts.length !== 2) return null;
    const out: Uint8Array[] = [];
    for (const p of parts) {
      const v = readUnsigned(p, 'an ECDSA signature value');
      if (v.length > size) return null;
      out.push(concatBytes(new Uint8Array(size - v.length), v));
    }
    return concatBytes(...out);
  } catch {
    return null;
  }
}
