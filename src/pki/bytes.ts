// Small byte helpers shared by src/pki: hex, base64 and comparisons on Uint8Array, so that nothing here
// needs Node's Buffer and the same code runs in the browser.
import { LabError } from './errors.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map<string, number>([...B64].map((c, i) => [c, i]));

/** Encodes bytes as standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2];
    out += B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : B64[c & 63];
  }
  return out;
}

/** The bytes of base64 characters without padding, or the index of the first one outside the alphabet. */
function base64Body(body: string): Uint8Array | number {
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const v = B64_INDEX.get(body[i]!);
    if (v === undefined) return i;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Decodes standard base64 (whitespace ignored, padding optional); throws `base64/invalid`. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s]/g, '');
  const body = clean.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) {
    throw new LabError('base64/invalid', `Base64 text has an impossible length (${clean.length} characters)`);
  }
  if (clean.length !== body.length && clean.length % 4 !== 0) {
    throw new LabError('base64/invalid', 'Base64 padding "=" is in the wrong place');
  }
  const out = base64Body(body);
  if (typeof out === 'number') {
    const ch = body[out]!;
    throw new LabError(
      'base64/invalid',
      `Base64 text contains ${JSON.stringify(ch)}, which is not A–Z, a–z, 0–9, + or /`,
      { index: out },
    );
  }
  return out;
}

/**
 * Decodes base64 as Go's encoding/base64 StdEncoding does, for Go `[]byte` fields in JSON and YAML
 * (kubeconfig `*-data`): the standard alphabet, padding required, only '\r' and '\n' skipped.
 * Accepting more would call a file good that kubectl rejects. Undefined when invalid.
 */
export function fromBase64Go(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0) return undefined;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = base64Body(s.slice(0, s.length - pad));
  return typeof out === 'number' ? undefined : out;
}

/** The bit length of an unsigned big-endian integer (an RSA modulus): leading zero bytes do not count. */
export function bitLength(unsigned: Uint8Array): number {
  let i = 0;
  while (i < unsigned.length && unsigned[i] === 0) i++;
  return i === unsigned.length ? 0 : (unsigned.length - i) * 8 - Math.clz32(unsigned[i]!) + 24;
}

/** Lower-case hex without separators. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Upper-case hex pairs joined by ':' (openssl's fingerprint style). */
export function toColonHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** Decodes hex text (no separators). */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** True when both byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Base64url without padding (JWK fields). */
export function fromBase64Url(text: string): Uint8Array {
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}

/** A copy backed by its own ArrayBuffer, as WebCrypto's BufferSource wants. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}
