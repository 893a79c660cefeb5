// Reads a compact JWS/JWT without checking it (jose's decoders), for display and for the checks
// that come before the signature.
import { decodeProtectedHeader, decodeJwt as joseDecodeJwt } from 'jose';
import { LabError } from '../pki/errors.ts';

/** A JWT's parts, unverified. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The three base64url parts. */
  parts: [string, string, string];
}

/** Decodes `token`. Throws `jwt/malformed` (not three parts; details.reason 'base64url' or 'json' with details.part) or `jwt/not-text`. */
export function decodeJwt(token: string): DecodedJwt {
  if (typeof token !== 'string') throw new LabError('jwt/not-text', 'A token is text');
  const t = token.trim();
  const parts = t.split('.');
  if (parts.length !== 3) {
    throw new LabError('jwt/malformed', `A JWT has three parts separated by dots; this has ${parts.length}`, {
      parts: parts.length,
    });
  }
  // Which of the two failed, for the reader: a part that is not base64url, or one that is but
  // does not decode to a JSON object.
  for (const [i, part] of (['header', 'claims'] as const).entries()) {
    const text = parts[i]!;
    if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) {
      throw new LabError('jwt/malformed', `The ${part} is not base64url`, { part, reason: 'base64url' });
    }
  }
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(t) as Record<string, unknown>;
  } catch (e) {
    throw new LabError('jwt/malformed', `The header is not base64url JSON: ${(e as Error).message}`, {
      part: 'header',
      reason: 'json',
    });
  }
  try {
    claims = joseDecodeJwt(t) as Record<string, unknown>;
  } catch (e) {
    throw new LabError('jwt/malformed', `The claims are not base64url JSON: ${(e as Error).message}`, {
      part: 'claims',
      reason: 'json',
    });
  }
  return { header, claims, parts: parts as [string, string, string] };
}
