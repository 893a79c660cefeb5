// TokenReview objects (authentication.k8s.io v1 and v1beta1) as kube-apiserver's webhook token
// authenticator sends and reads them. The two versions have the same fields (k8s.io/api
// authentication/v1 and v1beta1 types.go); only apiVersion differs. The request is what Go's
// encoding/json makes of the typed object: kind, apiVersion, an empty metadata (creationTimestamp
// null), spec.token, spec.audiences when the request context has audiences, and an empty status —
// the exact bytes kube-apiserver sends are not confirmed, so a webhook must ignore what it does not
// know. The response must be a TokenReview whose status says authenticated, user{username, uid,
// groups, extra}, audiences and error (all optional).
// Sources: k8s.io/apiserver plugin/pkg/authenticator/token/webhook/webhook.go (AuthenticateToken,
// tokenReviewV1Client, tokenReviewV1beta1Client); k8s.io/api authentication/v1/types.go.
import { LabError } from '../pki/errors.ts';
import type { UserInfo } from './types.ts';

/** --authentication-token-webhook-version values (webhook.go tokenReviewInterfaceFromKubeconfig). */
export const TOKEN_REVIEW_VERSIONS = ['v1', 'v1beta1'] as const;
export type TokenReviewVersion = (typeof TOKEN_REVIEW_VERSIONS)[number];

/** The flag's default: v1beta1 still (pkg/kubeapiserver/options/authentication.go WithWebHook; the 1.29+ reference docs). */
export const DEFAULT_WEBHOOK_VERSION: TokenReviewVersion = 'v1beta1';
/** --authentication-token-webhook-cache-ttl's default: 2m0s (WithWebHook). */
export const DEFAULT_WEBHOOK_CACHE_TTL_SECONDS = 120;

/** "authentication.k8s.io/<version>". */
export function tokenReviewApiVersion(version: TokenReviewVersion): string {
  return `authentication.k8s.io/${version}`;
}

/** The request body kube-apiserver POSTs. */
export interface TokenReviewRequest {
  kind: 'TokenReview';
  apiVersion: string;
  metadata: { creationTimestamp: null };
  spec: { token: string; audiences?: string[] };
  status: { user: Record<string, never> };
}

/** A TokenReview status as a webhook fills it. */
export interface TokenReviewStatus {
  authenticated?: boolean;
  user?: Partial<UserInfo>;
  audiences?: string[];
  error?: string;
}

/** Checks a version value as kube-apiserver does at start. Throws `webhook/unsupported-version`. */
export function checkTokenReviewVersion(version: string): TokenReviewVersion {
  if ((TOKEN_REVIEW_VERSIONS as readonly string[]).includes(version)) return version as TokenReviewVersion;
  throw new LabError(
    'webhook/unsupported-version',
    `unsupported authentication webhook version "${version}", supported versions are "v1", "v1beta1"`,
    { value: version },
  );
}

/** The TokenReview kube-apiserver sends for a token. Audiences: the request context's (--api-audiences); none → no field. */
export function buildTokenReviewRequest(p: {
  token: string;
  /** Default: the flag's default, v1beta1. */
  version?: TokenReviewVersion;
  /** Default: none. */
  audiences?: string[];
}): TokenReviewRequest {
  const version = checkTokenReviewVersion(p.version ?? DEFAULT_WEBHOOK_VERSION);
  return {
    kind: 'TokenReview',
    apiVersion: tokenReviewApiVersion(version),
    metadata: { creationTimestamp: null },
    spec: { token: p.token, ...(p.audiences?.length ? { audiences: [...p.audiences] } : {}) },
    status: { user: {} },
  };
}

/** What a webhook reads from a request: its version, the token and the audiences. */
export interface ParsedTokenReviewRequest {
  version: TokenReviewVersion;
  token: string;
  audiences: string[];
}

/**
 * Reads a TokenReview request as a webhook must (the playground's editor, the model of
 * token-webhook.py). Throws `webhook/not-json`, `webhook/not-token-review`, `webhook/bad-field`.
 */
export function parseTokenReviewRequest(body: unknown): ParsedTokenReviewRequest {
  const o = asObject(body, 'request');
  const version = reviewVersion(o);
  const spec = o.spec === undefined ? {} : asObject(o.spec, 'spec');
  const token = spec.token ?? '';
  if (typeof token !== 'string') badField('spec.token', 'a string');
  const audiences = stringList(spec.audiences, 'spec.audiences');
  return { version, token: token as string, audiences };
}

/** The response a webhook sends, in the request's version. */
export function buildTokenReviewResponse(p: { version: TokenReviewVersion; status: TokenReviewStatus }): {
  apiVersion: string;
  kind: 'TokenReview';
  status: TokenReviewStatus;
} {
  return {
    apiVersion: tokenReviewApiVersion(checkTokenReviewVersion(p.version)),
    kind: 'TokenReview',
    status: p.status,
  };
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  let value = v;
  if (typeof v === 'string') {
    try {
      value = JSON.parse(v);
    } catch (e) {
      throw new LabError('webhook/not-json', `The ${what} is not JSON: ${(e as Error).message}`, {
        field: what,
      });
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LabError('webhook/not-json', `The ${what} must be a JSON object`, { field: what });
  }
  return value as Record<string, unknown>;
}

function reviewVersion(o: Record<string, unknown>): TokenReviewVersion {
  const api = o.apiVersion;
  const kind = o.kind;
  const version = typeof api === 'string' && api.startsWith('authentication.k8s.io/') ? api.slice(22) : '';
  if (kind !== 'TokenReview' || !(TOKEN_REVIEW_VERSIONS as readonly string[]).includes(version)) {
    throw new LabError(
      'webhook/not-token-review',
      `Expected kind TokenReview and apiVersion authentication.k8s.io/v1 or /v1beta1, got kind ${JSON.stringify(kind ?? null)} and apiVersion ${JSON.stringify(api ?? null)}`,
      { value: String(api ?? '') },
    );
  }
  return version as TokenReviewVersion;
}

/** What a field must be, in the message's words, and as a stable name (details.type) for the readers. */
const FIELD_TYPES = {
  'a string': 'string',
  'a list of strings': 'strings',
  'true or false': 'boolean',
  'an object': 'object',
  'an object of string lists': 'string-lists',
} as const;

/** The type names of `webhook/bad-field`'s details.type. */
export type TokenReviewFieldType = (typeof FIELD_TYPES)[keyof typeof FIELD_TYPES];

function badField(field: string, expected: keyof typeof FIELD_TYPES): never {
  throw new LabError('webhook/bad-field', `${field} must be ${expected}`, {
    field,
    type: FIELD_TYPES[expected],
  });
}

function stringList(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) badField(field, 'a list of strings');
  return [...(v as string[])];
}

/**
 * Reads a webhook's status as kube-apiserver's decoder does (Go types: a wrong JSON type is an
 * error). Throws `webhook/bad-field`.
 */
export function readTokenReviewStatus(v: unknown): TokenReviewStatus {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) badField('status', 'an object');
  const s = v as Record<string, unknown>;
  const out: TokenReviewStatus = {};
  if (s.authenticated !== undefined && s.authenticated !== null) {
    if (typeof s.authenticated !== 'boolean') badField('status.authenticated', 'true or false');
    out.authenticated = s.authenticated as boolean;
  }
  if (s.error !== undefined && s.error !== null) {
    if (typeof s.error !== 'string') badField('status.error', 'a string');
    out.error = s.error as string;
  }
  const audiences = stringList(s.audiences, 'status.audiences');
  if (audiences.length) out.audiences = audiences;
  if (s.user !== undefined && s.user !== null) {
    if (typeof s.user !== 'object' || Array.isArray(s.user)) badField('status.user', 'an object');
    const u = s.user as Record<string, unknown>;
    const user: Partial<UserInfo> = {};
    for (const k of ['username', 'uid'] as const) {
      if (u[k] === undefined || u[k] === null) continue;
      if (typeof u[k] !== 'string') badField(`status.user.${k}`, 'a string');
      user[k] = u[k] as string;
    }
    const groups = stringList(u.groups, 'status.user.groups');
    if (groups.length) user.groups = groups;
    if (u.extra !== undefined && u.extra !== null) {
      if (typeof u.extra !== 'object' || Array.isArray(u.extra))
        badField('status.user.extra', 'an object of string lists');
      const extra: Record<string, string[]> = {};
      for (const [k, val] of Object.entries(u.extra as Record<string, unknown>)) {
        extra[k] = stringList(val, `status.user.extra.${k}`);
      }
      user.extra = extra;
    }
    out.user = user;
  }
  return out;
}
