// kube-apiserver's JWT (OIDC) token authenticator, step for step, with its logged error texts
// (k8s.io/apiserver plugin/pkg/authenticator/token/oidc/oidc.go AuthenticateToken, and the go-oidc
// v2 IDTokenVerifier.Verify and remoteKeySet it calls; go.mod pins go-oidc v2.5.0+incompatible):
//   0. initialisation: the discovery document must be served and its "issuer" must equal the
//      configured URL string-exactly; until then every token of that issuer gets
//      "oidc: authenticator not initialized" (init is retried every 10 s and logged on its own);
//   1. the unverified iss must equal issuer.url, else the token is not this authenticator's (no
//      error; with no other authenticator the request ends as "invalid bearer token");
//   2. go-oidc: a compact JWS; with one audience, aud must contain it; exp in the future (no
//      leeway; a token without exp is expired), nbf with a 1-minute leeway; the header's alg in the
//      allow-list (flags: --oidc-signing-algs, default RS256; the file: all nine); then the
//      signature by a JWKS key with the header's kid (all keys when it has none), the JWKS fetched
//      again once when no key verifies (the files carry no cache headers);
//   3. with several audiences, aud must intersect them (MatchAny);
//   4. username (claim + prefix, or CEL); with the claim "email", an email_verified claim must be
//      the JSON boolean true; groups (a string or a list of strings) + prefix, or CEL; uid; extra
//      (CEL); credential-id "JTI=<jti>" (1.32+); required claims (string values only); CEL claim
//      validation rules; CEL user validation rules.
// Errors are what AuthenticateToken returns, as kube-apiserver logs them ("Unable to authenticate the
// request" err=…); the client sees only 401 Unauthorized. CEL parts load oidc-cel.ts on first use.
import { goQuote } from './bootstrap-token.ts';
import { type JwtAuthenticator, OIDC_SIGNING_ALGS, oidcVersionSupport } from './oidc-authenticator.ts';
import { discoveryUrlFor } from './oidc-issuer.ts';
import { EXTRA, type TokenAuthenticator, type TokenVerdict, type UserInfo } from './types.ts';
import { readVerificationKeysJwks, type VerificationKey } from './verification-keys.ts';
import { verifyJwtSignature } from './verify-jwt-signature.ts';

/** What kube-apiserver was told and what the issuer serves. */
export interface OidcAuthParams {
  authenticator: JwtAuthenticator;
  /** The accepted algorithms. Default: all nine (the file); the flags give ['RS256'] unless --oidc-signing-algs says otherwise. */
  signingAlgs?: readonly string[];
  /** The discovery document as served (parsed JSON or its text). Undefined: not reachable. */
  discovery?: unknown;
  /** The JWKS as served now (parsed JSON or text). Undefined: not reachable. */
  jwks?: unknown;
  /** The JWKS as cached before (a refetch replaces it when no cached key verifies). Default: none cached. */
  cachedJwks?: unknown;
  /**
   * For a token from an identity provider whose files the page does not have (the inspector):
   * 'skip' treats the discovery document as matching and the signature as valid, and says so in
   * the verdict (`signatureSkipped`). Default: 'verify'.
   */
  signature?: 'verify' | 'skip';
  /** The Kubernetes release, for credential-id (1.32+). Default: '1.34'. */
  version?: string;
  /** Default: now. */
  now?: Date;
}

/** Why a token was refused (stable, for widgets). */
export type OidcRefusal =
  | 'other-issuer'
  | 'not-initialized'
  | 'malformed'
  | 'audience'
  | 'expired'
  | 'not-yet-valid'
  | 'algorithm'
  | 'signature'
  | 'username-claim'
  | 'email-verified'
  | 'email-not-verified'
  | 'groups-claim'
  | 'uid-claim'
  | 'required-claim'
  | 'claim-rule'
  | 'user-rule'
  | 'cel';

/**
 * The authenticator's verdict; on 'not-initialized', `initError` is what the initialisation logs;
 * `signatureSkipped` when the discovery document and the signature were not checked (signature: 'skip').
 */
export type OidcVerdict = TokenVerdict & {
  refusal?: OidcRefusal;
  initError?: string;
  signatureSkipped?: boolean;
};

/** go-oidc NewProvider's verdict on a discovery document: the jwks_uri, or the error it logs. */
export function checkDiscovery(
  issuerUrl: string,
  discovery: unknown,
): { ok: true; jwksUri: string } | { ok: false; error: string } {
  const url = discoveryUrlFor(issuerUrl);
  if (discovery === undefined) return { ok: false, error: `Get ${goQuote(url)}: unreachable` };
  let doc = discovery;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      return {
        ok: false,
        error: `oidc: failed to decode provider discovery object: ${(e as Error).message}`,
      };
    }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, error: 'oidc: failed to decode provider discovery object: not a JSON object' };
  }
  const d = doc as { issuer?: unknown; jwks_uri?: unknown };
  const iss = typeof d.issuer === 'string' ? d.issuer : '';
  if (iss !== issuerUrl) {
    return {
      ok: false,
      error: `oidc: issuer did not match the issuer returned by provider, expected ${goQuote(issuerUrl)} got ${goQuote(iss)}`,
    };
  }
  if (typeof d.jwks_uri !== 'string' || !d.jwks_uri)
    return { ok: false, error: 'provider did not return JWKS URL' };
  return { ok: true, jwksUri: d.jwks_uri };
}

function b64urlJson(part: string | undefined): unknown {
  if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) return undefined;
  try {
    const bin = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))),
    );
  } catch {
    return undefined;
  }
}

/** oidc.go untrustedIssuer: the unverified iss (accounts.google.com coalesced), or undefined. */
export function untrustedOidcIssuer(token: string): string | undefined {
  if (token.trim().startsWith('{')) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const c = b64urlJson(parts[1]);
  if (!c || typeof c !== 'object' || Array.isArray(c)) return undefined;
  const iss = (c as { iss?: unknown }).iss;
  if (iss !== undefined && iss !== null && typeof iss !== 'string') return undefined;
  const s = typeof iss === 'string' ? iss : '';
  return s === 'accounts.google.com' ? 'https://accounts.google.com' : s;
}

/** Go's %v of a time.Time in UTC: "2026-12-06 21:00:00 +0000 UTC". */
export function goTime(unixSeconds: number): string {
  const d = new Date(Math.trunc(unixSeconds) * 1000);
  if (Number.isNaN(d.getTime())) return '0001-01-01 00:00:00 +0000 UTC';
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

/** Go's name for a JSON value's type in json.UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
const cannot = (v: unknown, goType: string) =>
  `json: cannot unmarshal ${jsonKind(v)} into Go value of type ${goType}`;

/** json.Unmarshal of a claim into a Go string: null leaves "" (no error). */
function asString(claims: Record<string, unknown>, name: string): { value: string } | { error: string } {
  if (!(name in claims)) return { error: 'claim not present' };
  const v = claims[name];
  if (v === null) return { value: '' };
  if (typeof v !== 'string') return { error: cannot(v, 'string') };
  return { value: v };
}

const goStrings = (xs: readonly string[]) => `[${xs.map(goQuote).join(' ')}]`;

function refuse(refusal: OidcRefusal, error: string, extra: Partial<OidcVerdict> = {}): OidcVerdict {
  return { kind: 'error', error, refusal, ...extra } as OidcVerdict;
}

function keysFrom(jwks: unknown): Promise<VerificationKey[]> {
  if (jwks === undefined) return Promise.resolve([]);
  return readVerificationKeysJwks(jwks as string).catch(() => []);
}

/** The verdict of kube-apiserver's JWT authenticator on one token. Never throws. */
export async function authenticateOidcToken(token: string, p: OidcAuthParams): Promise<OidcVerdict> {
  const a = p.authenticator;
  const url = a.issuer.url;
  const iss = untrustedOidcIssuer(token);
  if (iss !== url) {
    return {
      kind: 'not-mine',
      why: `issuer ${iss === undefined ? '(unreadable)' : goQuote(iss)} is not ${goQuote(url)}`,
      refusal: 'other-issuer',
    };
  }
  const skip = p.signature === 'skip';
  const init = skip ? ({ ok: true } as const) : checkDiscovery(url, p.discovery);
  if (!init.ok)
    return refuse('not-initialized', 'oidc: authenticator not initialized', { initError: init.error });
  const verify = (e: string) => `oidc: verify token: ${e}`;
  const parts = token.trim().split('.');
  const header = b64urlJson(parts[0]);
  if (parts.length !== 3 || !header || typeof header !== 'object' || !/^[A-Za-z0-9_-]+$/.test(parts[2]!)) {
    return refuse(
      'malformed',
      verify('oidc: malformed jwt: square/go-jose: compact JWS format must have three parts'),
    );
  }
  const claims = b64urlJson(parts[1]) as Record<string, unknown>;
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    return refuse('malformed', verify('oidc: failed to unmarshal claims: the payload is not a JSON object'));
  }
  // go-oidc unmarshals the payload into its idToken struct first: sub must be a string, aud a
  // string or a list of strings (null is the string ""), exp/iat/nbf numbers (or numeric strings).
  const unmarshal = (e: string) => refuse('malformed', verify(`oidc: failed to unmarshal claims: ${e}`));
  const field = (name: string, v: unknown, goType: string) =>
    unmarshal(`json: cannot unmarshal ${jsonKind(v)} into Go struct field idToken.${name} of type ${goType}`);
  const sub = claims.sub;
  if (sub !== undefined && sub !== null && typeof sub !== 'string') return field('sub', sub, 'string');
  const audRaw = claims.aud;
  let aud: string[];
  if (audRaw === undefined) aud = [];
  else if (audRaw === null) aud = [''];
  else if (typeof audRaw === 'string') aud = [audRaw];
  else if (!Array.isArray(audRaw)) return field('aud', audRaw, '[]string');
  else {
    const bad = audRaw.find((x) => typeof x !== 'string' && x !== null);
    if (bad !== undefined) return field('aud', bad, 'string');
    aud = audRaw.map((x) => (x === null ? '' : (x as string)));
  }
  const times: Record<string, number | undefined> = {};
  for (const k of ['exp', 'iat', 'nbf'] as const) {
    const v = claims[k];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number') times[k] = v;
    else if (typeof v === 'string' && /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(v)) times[k] = Number(v);
    else if (typeof v === 'string') {
      return unmarshal(
        `json: invalid number literal, trying to unmarshal ${goQuote(JSON.stringify(v))} into Number`,
      );
    } else return field(k, v, 'json.Number');
  }
  const audiences = a.issuer.audiences;
  if (audiences.length === 1 && !aud.includes(audiences[0]!)) {
    return refuse(
      'audience',
      verify(`oidc: expected audience ${goQuote(audiences[0]!)} got ${goStrings(aud)}`),
    );
  }
  const nowMs = (p.now ?? new Date()).getTime();
  const exp = typeof claims.exp === 'number' ? Math.trunc(claims.exp) : 0;
  const expMs = claims.exp === undefined || claims.exp === null ? -62135596800000 : exp * 1000;
  if (expMs < nowMs) {
    return refuse(
      'expired',
      verify(
        `oidc: token is expired (Token Expiry: ${claims.exp == null ? '0001-01-01 00:00:00 +0000 UTC' : goTime(exp)})`,
      ),
    );
  }
  if (typeof claims.nbf === 'number' && nowMs + 60_000 < Math.trunc(claims.nbf) * 1000) {
    return refuse(
      'not-yet-valid',
      verify(
        `oidc: current time ${goTime(nowMs / 1000)} before the nbf (not before) time: ${goTime(claims.nbf)}`,
      ),
    );
  }
  const algs = p.signingAlgs?.length ? [...p.signingAlgs] : [...OIDC_SIGNING_ALGS];
  const alg = String((header as { alg?: unknown }).alg ?? '');
  if (!algs.includes(alg)) {
    return refuse(
      'algorithm',
      verify(
        `oidc: id token signed with unsupported algorithm, expected ${goStrings(algs)} got ${goQuote(alg)}`,
      ),
    );
  }
  let verified = skip;
  for (const set of skip ? [] : p.cachedJwks === undefined ? [p.jwks] : [p.cachedJwks, p.jwks]) {
    const keys = await keysFrom(set);
    if (keys.length === 0) continue;
    try {
      const sig = await verifyJwtSignature(token.trim(), keys);
      if (sig.valid) {
        verified = true;
        break;
      }
    } catch {
      // not a JWS; reported below as a signature failure
    }
  }
  if (!verified) {
    return refuse('signature', verify('failed to verify signature: failed to verify id token signature'));
  }
  if (audiences.length > 1 && !aud.some((x) => audiences.includes(x))) {
    return refuse(
      'audience',
      verify(`oidc: expected audience in ${goStrings([...audiences].sort())} got ${goStrings(aud)}`),
    );
  }
  const verdict = await mapClaims(claims, p);
  return skip ? { ...verdict, signatureSkipped: true } : verdict;
}

/** Steps 4 on verified claims: the user, the required claims and the CEL rules. */
export async function mapClaims(claims: Record<string, unknown>, p: OidcAuthParams): Promise<OidcVerdict> {
  const a = p.authenticator;
  const m = a.claimMappings;
  const cel = needsCel(a) ? await import('./oidc-cel.ts') : undefined;
  let username: string;
  if (m.username.expression && cel) {
    const r = cel.evaluateClaimsExpression(m.username.expression, claims);
    if ('error' in r) return refuse('cel', `oidc: error evaluating username claim expression: ${r.error}`);
    if (typeof r.value !== 'string') {
      return refuse(
        'cel',
        'oidc: error evaluating username claim expression: username claim expression must return a string',
      );
    }
    if (r.value === '') return refuse('cel', 'oidc: empty username via CEL expression is not allowed');
    username = r.value;
  } else {
    const claim = m.username.claim ?? '';
    const u = asString(claims, claim);
    if ('error' in u)
      return refuse('username-claim', `oidc: parse username claims ${goQuote(claim)}: ${u.error}`);
    if (claim === 'email' && 'email_verified' in claims) {
      const v = claims.email_verified;
      if (v !== null && typeof v !== 'boolean') {
        return refuse('email-verified', `oidc: parse 'email_verified' claim: ${cannot(v, 'bool')}`);
      }
      if (v !== true) return refuse('email-not-verified', 'oidc: email not verified');
    }
    username = (m.username.prefix ?? '') + u.value;
  }
  let groups: string[] = [];
  const gc = m.groups?.claim;
  if (gc && gc in claims) {
    const v = claims[gc];
    if (v === null) groups = [];
    else if (typeof v === 'string') groups = [v];
    else if (Array.isArray(v) && v.every((g) => typeof g === 'string' || g === null)) {
      groups = v.map((g) => (g === null ? '' : (g as string)));
    } else {
      return refuse(
        'groups-claim',
        `oidc: parse groups claim ${goQuote(gc)}: ${cannot(Array.isArray(v) ? v : v, 'string')}`,
      );
    }
    const prefix = m.groups?.prefix ?? '';
    if (prefix) groups = groups.map((g) => prefix + g);
  } else if (m.groups?.expression && cel) {
    const r = cel.evaluateClaimsExpression(m.groups.expression, claims);
    const list = 'error' in r ? r : cel.stringList(r.value);
    if ('error' in list) return refuse('cel', `oidc: error evaluating group claim expression: ${list.error}`);
    groups = list.value;
  }
  let uid = '';
  if (m.uid?.claim) {
    const u = asString(claims, m.uid.claim);
    if ('error' in u) return refuse('uid-claim', `oidc: parse uid claim ${goQuote(m.uid.claim)}: ${u.error}`);
    uid = u.value;
  } else if (m.uid?.expression && cel) {
    const r = cel.evaluateClaimsExpression(m.uid.expression, claims);
    if ('error' in r) return refuse('cel', `oidc: error evaluating uid claim expression: ${r.error}`);
    if (typeof r.value !== 'string') {
      return refuse(
        'cel',
        'oidc: error evaluating uid claim expression: uid claim expression must return a string',
      );
    }
    uid = r.value;
  }
  const extra: Record<string, string[]> = {};
  for (const x of m.extra ?? []) {
    if (!cel) break;
    const r = cel.evaluateClaimsExpression(x.valueExpression, claims);
    const list = 'error' in r ? r : cel.stringList(r.value);
    if ('error' in list) {
      return refuse(
        'cel',
        `oidc: error evaluating extra claim expression: ${x.valueExpression}: ${list.error}`,
      );
    }
    if (list.value.length) extra[x.key] = list.value;
  }
  const jti = claims.jti;
  if (oidcVersionSupport(p.version ?? '1.34').credentialId && typeof jti === 'string' && jti !== '') {
    extra[EXTRA.credentialId] = [`JTI=${jti}`];
  }
  for (const r of a.claimValidationRules ?? []) {
    if (!r.claim) continue;
    if (!(r.claim in claims))
      return refuse('required-claim', `oidc: required claim ${r.claim} not present in ID token`);
    const v = asString(claims, r.claim);
    if ('error' in v) return refuse('required-claim', `oidc: parse claim ${r.claim}: ${v.error}`);
    if (v.value !== (r.requiredValue ?? '')) {
      return refuse(
        'required-claim',
        `oidc: required claim ${r.claim} value does not match. Got = ${v.value}, want = ${r.requiredValue ?? ''}`,
      );
    }
  }
  if (cel) {
    for (const r of a.claimValidationRules ?? []) {
      if (!r.expression) continue;
      const out = cel.evaluateClaimsExpression(r.expression, claims);
      const verdict = cel.ruleVerdict(r.expression, r.message, out);
      if (verdict)
        return refuse('claim-rule', `oidc: error evaluating claim validation expression: ${verdict}`);
    }
  }
  const user: UserInfo = { username, uid, groups, extra };
  if (cel) {
    for (const r of a.userValidationRules ?? []) {
      const out = cel.evaluateUserExpression(r.expression, user);
      const verdict = cel.ruleVerdict(r.expression, r.message, out);
      if (verdict) return refuse('user-rule', `oidc: error evaluating user info validation rule: ${verdict}`);
    }
  }
  return { kind: 'ok', user };
}

function needsCel(a: JwtAuthenticator): boolean {
  const m = a.claimMappings;
  return Boolean(
    (m.username.expression && !m.username.claim) ||
      (m.groups?.expression && !m.groups.claim) ||
      (m.uid?.expression && !m.uid.claim) ||
      (m.extra ?? []).length ||
      (a.claimValidationRules ?? []).some((r) => r.expression) ||
      (a.userValidationRules ?? []).length,
  );
}

/** The JWT authenticator for a token union (authenticateRequest), in kube-apiserver's place: after bootstrap tokens. */
export function oidcTokenAuthenticator(p: OidcAuthParams): TokenAuthenticator {
  return { name: 'oidc', authenticate: (t) => authenticateOidcToken(t, p) };
}
