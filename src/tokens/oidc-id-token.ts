// ID tokens as an identity provider mints them, with the claims the reader chooses: the registered
// ones kube-apiserver reads (iss, aud, exp, nbf, iat, sub, jti), the usual identity claims
// (email, email_verified, groups) and any extra claim. Nothing is "fixed up": a token with a wrong
// issuer, a string email_verified or a groups number is minted as asked, so the lessons can show
// what kube-apiserver does with it. Signed by signJwt (jose, WebCrypto).
import { LabError } from '../pki/errors.ts';
import type { OidcSigningAlg } from './oidc-authenticator.ts';
import { signJwt } from './sign-jwt.ts';

/** The claims of an ID token. Every field is optional; only those given are written. */
export interface IdTokenClaimsParams {
  /** iss. */
  issuer?: string;
  /** aud: one string, or a list. */
  audience?: string | string[];
  sub?: string;
  email?: string;
  /** email_verified: kube-apiserver needs a JSON boolean; anything else is written as given. */
  emailVerified?: unknown;
  /** groups: a list, a single string, or anything (to show a refusal). */
  groups?: unknown;
  /** jti. */
  jti?: string;
  /** iat, in Unix seconds. Default: now. null writes none. */
  issuedAt?: number | null;
  /** nbf, in Unix seconds. Default: none. */
  notBefore?: number;
  /** exp, in Unix seconds. Default: iat + lifetimeSeconds. null writes none. */
  expiresAt?: number | null;
  /** Default: 3600. */
  lifetimeSeconds?: number;
  /** Further claims (a name here replaces the same claim above). Default: none. */
  extra?: Record<string, unknown>;
  /** Default: now. */
  now?: Date;
}

const REGISTERED = ['iss', 'aud', 'sub', 'email', 'email_verified', 'groups', 'jti', 'iat', 'nbf', 'exp'];

function checkTime(field: string, v: unknown): void {
  if (
    v !== undefined &&
    v !== null &&
    (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 253402300799)
  ) {
    throw new LabError(
      'oidc-token/bad-time',
      `${field} must be a time in Unix seconds between 1970 and 9999`,
      {
        field,
      },
    );
  }
}

/** The claims object, in a stable order. Throws `oidc-token/bad-time`, `oidc-token/bad-claim`. */
export function idTokenClaims(p: IdTokenClaimsParams): Record<string, unknown> {
  const now = Math.floor((p.now ?? new Date()).getTime() / 1000);
  const lifetime = p.lifetimeSeconds ?? 3600;
  checkTime('lifetimeSeconds', lifetime);
  const iat = p.issuedAt === undefined ? now : p.issuedAt;
  checkTime('issuedAt', iat);
  checkTime('notBefore', p.notBefore);
  const exp = p.expiresAt === undefined ? (iat ?? now) + lifetime : p.expiresAt;
  checkTime('expiresAt', exp);
  const c: Record<string, unknown> = {};
  if (p.issuer !== undefined) c.iss = p.issuer;
  if (p.sub !== undefined) c.sub = p.sub;
  if (p.audience !== undefined) c.aud = p.audience;
  if (exp !== null) c.exp = exp;
  if (p.notBefore !== undefined) c.nbf = p.notBefore;
  if (iat !== null) c.iat = iat;
  if (p.jti !== undefined) c.jti = p.jti;
  if (p.email !== undefined) c.email = p.email;
  if (p.emailVerified !== undefined) c.email_verified = p.emailVerified;
  if (p.groups !== undefined) c.groups = p.groups;
  for (const [k, v] of Object.entries(p.extra ?? {})) {
    if (k === '' || k.startsWith('_claim_')) {
      throw new LabError('oidc-token/bad-claim', `"${k}" cannot be a claim name here`, {
        field: 'extra',
        value: k,
      });
    }
    if (v === undefined || typeof v === 'function' || typeof v === 'bigint' || typeof v === 'symbol') {
      throw new LabError('oidc-token/bad-claim', `The claim "${k}" has no JSON value`, {
        field: 'extra',
        value: k,
      });
    }
    c[k] = v;
  }
  return c;
}

/** Names the reader may set with idTokenClaims' own fields rather than `extra`. */
export const ID_TOKEN_REGISTERED_CLAIMS: readonly string[] = REGISTERED;

/** Parameters of mintIdToken. */
export interface MintIdTokenParams {
  claims: Record<string, unknown>;
  privateKey: CryptoKey;
  /** Default: RS256 for RSA, ES* by curve. */
  alg?: OidcSigningAlg;
  /** The header's kid. Default: the key's Kubernetes-style ID (what buildOidcIssuer publishes). '' writes none. */
  kid?: string;
}

/** The compact ID token. Throws the `jwt-sign/*` errors of signJwt. */
export function mintIdToken(p: MintIdTokenParams): Promise<string> {
  return signJwt({
    claims: p.claims,
    privateKey: p.privateKey,
    ...(p.alg ? { alg: p.alg } : {}),
    ...(p.kid !== undefined ? { kid: p.kid } : {}),
  });
}
