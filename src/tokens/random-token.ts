// Random secrets from WebCrypto, for static token files.
import { toHex } from '../pki/bytes.ts';
import { webcrypto } from '../pki/crypto.ts';
import { LabError } from '../pki/errors.ts';

/** Options of randomToken. */
export interface RandomTokenParams {
  /** Random bytes. Default: 32 (256 bits). At least 16. */
  bytes?: number;
  /** 'base64url' (no padding) or 'hex'. Default: 'base64url'. */
  encoding?: 'base64url' | 'hex';
}

/**
 * A strong random token: only characters that need no quoting in a CSV file, a shell or an HTTP
 * header. Throws `token/too-short` under 16 bytes, `token/bad-encoding` for an unknown encoding.
 */
export function randomToken(params: RandomTokenParams = {}): string {
  const n = params.bytes ?? 32;
  if (!Number.isInteger(n) || n < 16 || n > 1024) {
    throw new LabError('token/too-short', `A token needs 16 to 1024 random bytes; ${n} was asked for`, {
      field: 'bytes',
      limit: 16,
    });
  }
  const bytes = webcrypto.getRandomValues(new Uint8Array(n));
  const encoding = params.encoding ?? 'base64url';
  if (encoding === 'hex') return toHex(bytes);
  if (encoding !== 'base64url') {
    throw new LabError(
      'token/bad-encoding',
      `Unknown token encoding "${String(encoding)}": use base64url or hex`,
      {
        field: 'encoding',
      },
    );
  }
  return base64url(bytes);
}

/** Base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `length` characters drawn uniformly from `alphabet` (rejection sampling, no modulo bias). */
export function randomFromAlphabet(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of webcrypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}
