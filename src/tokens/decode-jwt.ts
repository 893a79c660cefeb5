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

/** Decodes `token`. Throws `jwt/malformed` (not three parts, bad base64url or JSON) or `jwt/not-text`. */
export function decodeJwt(token: string): DecodedJwt {
  if (typeof token !== 'string') throw new LabError('jwt/not-text', 'A token is text');
  const t = token.trim();
  const parts = t.split('.');
  if (parts.length !== 3) {
    throw new LabError('jwt/malformed', `A JWT has three parts separated by dots; this has ${parts.length}`, {
      parts: parts.length,
    });
  }
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(t) as Record<string, unknown>;
  } catch (e) {
    throw new LabError('jwt/malformed', `The header is not base64url JSON: ${(e as Error).message}`, {
      part: 'header',
    });
  }
  try {
    claims = joseDecodeJwt(t) as Record<string, unknown>;
  } catch (e) {
    throw new LabError('jwt/malformed', `The claims are not base64url JSON: ${(e as Error).message}`, {
      part: 'claims',
    });
  }
  return { header, claims, parts: parts as [string, string, string] };
}
