import { webcrypto } from './crypto.ts';

/**
 * A positive random serial of 20 octets in DER, as cfssl makes them: 20 random bytes with the top
 * bit cleared (positive, so no 00 pad) and a non-zero first byte (so the encoding stays 20 octets,
 * within RFC 5280's limit).
 */
export function randomSerial(): Uint8Array {
  const bytes = webcrypto.getRandomValues(new Uint8Array(20));
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return bytes;
}
