// kube-apiserver's webhook token authenticator, the last of the token union, modelled step for step
// so a page can show what the API server believes after each answer of the reader's webhook:
//   1. POST a TokenReview in --authentication-token-webhook-version (default v1beta1) to the exact
//      server URL of the webhook kubeconfig; spec.audiences = the request's audiences (the API
//      audiences, when --api-audiences or --service-account-issuer set them);
//   2. retry with backoff (500 ms × 1.5, jitter 0.2, at most 5 attempts) on a connection reset, a
//      5xx other than 503, 504, 429, or any answer with Retry-After (util/webhook DefaultShouldRetry);
//   3. any error left — the webhook unreachable, a non-2xx status, a body that is not a TokenReview
//      of the configured version — is an error: logged "Failed to make webhook authenticator
//      request: …" and, as every token error, a 401;
//   4. with audiences: status.audiences (or, when empty, the API audiences) must intersect the
//      request's, else (nil, false, nil) — not this authenticator's token;
//   5. authenticated false: with status.error that error, without it (nil, false, nil) — the union
//      then ends with "invalid bearer token";
//   6. authenticated true: status.user → the user (username, uid, groups, extra), as returned.
// Around it, token/cache (config.go newWebhookTokenAuthenticator: cache.New(wh, false, ttl, ttl)):
// successes and "not authenticated" answers are remembered for --authentication-token-webhook-cache-ttl
// (default 2m), keyed by the audiences and the token; errors are never cached. So a token removed
// from the webhook's users still works until its cached answer expires.
// Sources: k8s.io/apiserver plugin/pkg/authenticator/token/webhook/webhook.go, pkg/util/webhook/webhook.go,
// pkg/authentication/token/cache/cached_token_authenticator.go; client-go rest/request.go
// (transformResponse, Result.Into) and apimachinery api/errors NewGenericServerResponse for the texts.
// Texts for bodies that are not a TokenReview are from the code, not run against kube-apiserver.

import type { TokenAuthenticator, TokenVerdict, UserInfo } from './types.ts';
import {
  buildTokenReviewRequest,
  checkTokenReviewVersion,
  DEFAULT_WEBHOOK_CACHE_TTL_SECONDS,
  DEFAULT_WEBHOOK_VERSION,
  readTokenReviewStatus,
  type TokenReviewRequest,
  type TokenReviewStatus,
  type TokenReviewVersion,
  tokenReviewApiVersion,
} from './webhook-token-review.ts';

/** What came back from one POST to the webhook. */
export type WebhookAnswer =
  /** An HTTP response. */
  | { kind: 'response'; status: number; body: string; contentType?: string; retryAfter?: boolean }
  /** No response: `error` as Go's http client says it, e.g. `Post "https://…": dial tcp …: connect: connection refused`. */
  | { kind: 'unreachable'; error: string; connectionReset?: boolean };

/** The webhook as the model calls it. */
export type WebhookCall = (request: TokenReviewRequest) => WebhookAnswer | Promise<WebhookAnswer>;

/** How kube-apiserver is configured. */
export interface WebhookAuthenticatorParams {
  webhook: WebhookCall;
  /** --authentication-token-webhook-version. Default: 'v1beta1'. */
  version?: TokenReviewVersion;
  /** --authentication-token-webhook-cache-ttl in seconds. Default: 120. */
  cacheTtlSeconds?: number;
  /** The API audiences (--api-audiences, else the service-account issuers). Default: none (no audience check). */
  apiAudiences?: string[];
  /** The clock, in milliseconds. Default: Date.now. */
  now?: () => number;
}

/** The verdict on one token, with what was sent and seen. */
export type WebhookVerdict = TokenVerdict & {
  /** True when the answer came from the cache (nothing was sent). */
  cached: boolean;
  /** The TokenReview sent (also when cached: the one that was sent then). */
  request: TokenReviewRequest;
  /** How many POSTs were made (0 when cached). */
  attempts: number;
  /** The status read, when the answer was a TokenReview. */
  status?: TokenReviewStatus;
  /** The audiences of the result (the intersection), when audiences were checked. */
  audiences?: string[];
  /** kube-apiserver's log line for an error. */
  log?: string;
  /** When the cached answer expires (ms of `now`). */
  expires?: number;
};

/** A TokenAuthenticator that also says how it decided (review) and forgets its cache (clear). */
export interface WebhookTokenAuthenticator extends TokenAuthenticator {
  review(token: string): Promise<WebhookVerdict>;
  clear(): void;
}

const MAX_ATTEMPTS = 5;

/** The webhook token authenticator with its cache. Never throws for a token; throws `webhook/unsupported-version` for the version. */
export function webhookTokenAuthenticator(p: WebhookAuthenticatorParams): WebhookTokenAuthenticator {
  const version = checkTokenReviewVersion(p.version ?? DEFAULT_WEBHOOK_VERSION);
  const ttlMs = Math.max(0, (p.cacheTtlSeconds ?? DEFAULT_WEBHOOK_CACHE_TTL_SECONDS) * 1000);
  const now = p.now ?? Date.now;
  const auds = p.apiAudiences ?? [];
  const cache = new Map<string, WebhookVerdict & { expires: number }>();

  const review = async (token: string): Promise<WebhookVerdict> => {
    const key = `${JSON.stringify(auds)}|${token}`;
    const hit = cache.get(key);
    if (hit && now() < hit.expires) return { ...hit, cached: true, attempts: 0 };
    cache.delete(key);
    const verdict = await call(token);
    // Errors are cached for no time (cacheErrs false); ok and not-mine for the TTL (a TTL of 0: none).
    if (verdict.kind !== 'error' && ttlMs > 0) {
      const expires = now() + ttlMs;
      cache.set(key, { ...verdict, expires });
      return { ...verdict, expires };
    }
    return verdict;
  };

  const call = async (token: string): Promise<WebhookVerdict> => {
    const request = buildTokenReviewRequest({ token, version, audiences: auds });
    let attempts = 0;
    let outcome: { error: string } | { status: TokenReviewStatus } = { error: '' };
    while (attempts < MAX_ATTEMPTS) {
      attempts++;
      let answer: WebhookAnswer;
      try {
        answer = await p.webhook(structuredClone(request));
      } catch (e) {
        answer = { kind: 'unreachable', error: e instanceof Error ? e.message : String(e) };
      }
      const read = readAnswer(answer, version);
      outcome = read;
      if (!('error' in read) || !read.retry) break;
    }
    const base = { cached: false, request, attempts };
    if ('error' in outcome) {
      return {
        ...base,
        kind: 'error',
        error: outcome.error,
        log: `"Failed to make webhook authenticator request" err="${outcome.error.replace(/"/g, '\\"')}"`,
      };
    }
    const status = outcome.status;
    let resultAuds: string[] | undefined;
    if (auds.length) {
      const got = status.audiences?.length ? status.audiences : auds;
      resultAuds = auds.filter((a) => got.includes(a));
      if (resultAuds.length === 0)
        return {
          ...base,
          status,
          kind: 'not-mine',
          why: 'no audience of the answer is one of the API audiences',
        };
    }
    if (!status.authenticated) {
      if (status.error) return { ...base, status, kind: 'error', error: status.error };
      return { ...base, status, kind: 'not-mine', why: 'the webhook answered authenticated: false' };
    }
    const u = status.user ?? {};
    const user: UserInfo = {
      username: u.username ?? '',
      uid: u.uid ?? '',
      groups: [...(u.groups ?? [])],
      extra: { ...(u.extra ?? {}) },
    };
    return { ...base, status, kind: 'ok', user, ...(resultAuds ? { audiences: resultAuds } : {}) };
  };

  return {
    name: 'webhook',
    authenticate: (token) => review(token),
    review,
    clear: () => cache.clear(),
  };
}

type Read = { status: TokenReviewStatus } | { error: string; retry: boolean };

/** One answer as client-go's REST client and the TokenReview decoder read it. */
function readAnswer(answer: WebhookAnswer, version: TokenReviewVersion): Read {
  if (answer.kind === 'unreachable') return { error: answer.error, retry: answer.connectionReset === true };
  const { status, body } = answer;
  if (status < 200 || status > 206) {
    const error = statusFailureMessage(body) ?? genericServerResponse(status, serverMessage(answer));
    const retry =
      answer.retryAfter === true || status === 429 || status === 504 || (status >= 500 && status !== 503);
    return { error, retry };
  }
  if (body.length === 0) {
    return {
      error: `0-length response with status code: ${status} and content type: ${answer.contentType ?? ''}`,
      retry: false,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    return { error: `couldn't get version/kind; json parse error: ${(e as Error).message}`, retry: false };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: "couldn't get version/kind; json parse error: not a JSON object", retry: false };
  }
  const o = parsed as Record<string, unknown>;
  // A missing kind or apiVersion is taken from the object decoded into (gvkWithDefaults).
  const kind = typeof o.kind === 'string' && o.kind !== '' ? o.kind : 'TokenReview';
  const apiVersion =
    typeof o.apiVersion === 'string' && o.apiVersion !== '' ? o.apiVersion : tokenReviewApiVersion(version);
  const want = tokenReviewApiVersion(version);
  if (
    kind === 'TokenReview' &&
    apiVersion !== want &&
    /^authentication\.k8s\.io\/(v1|v1beta1)$/.test(apiVersion)
  ) {
    const other = apiVersion.slice(22);
    return {
      error: `converting (${other}.TokenReview) to (${version}.TokenReview): unknown conversion`,
      retry: false,
    };
  }
  if (kind !== 'TokenReview' || apiVersion !== want) {
    return {
      error: `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)}`,
      retry: false,
    };
  }
  try {
    return { status: readTokenReviewStatus(o.status) };
  } catch (e) {
    return { error: (e as Error).message, retry: false };
  }
}

function serverMessage(a: { body: string; contentType?: string }): string {
  const ct = a.contentType ?? '';
  const text = ct === '' || /^text\//i.test(ct.trim());
  return text ? a.body.slice(0, 1024).trim() : 'unknown';
}

/** A body that is a metav1.Status with status Failure: its message wins (Result.Error). */
function statusFailureMessage(body: string): string | undefined {
  try {
    const s = JSON.parse(body) as Record<string, unknown>;
    if (s && s.kind === 'Status' && s.status === 'Failure' && typeof s.message === 'string') return s.message;
  } catch {
    // not JSON: the generic text
  }
  return undefined;
}

/** apimachinery errors.NewGenericServerResponse's message for a POST without a resource. */
export function genericServerResponse(code: number, serverMessage: string): string {
  switch (code) {
    case 409:
      return 'the server reported a conflict';
    case 404:
      return 'the server could not find the requested resource';
    case 400:
      return 'the server rejected our request for an unknown reason';
    case 401:
      return 'the server has asked for the client to provide credentials';
    case 403:
      return serverMessage;
    case 406:
      return serverMessage === '' || serverMessage === 'unknown'
        ? 'the server was unable to respond with a content type that the client supports'
        : serverMessage;
    case 415:
      return serverMessage;
    case 405:
      return 'the server does not allow this method on the requested resource';
    case 422:
      return 'the server rejected our request due to an error in our request';
    case 503:
      return 'the server is currently unable to handle the request';
    case 504:
      return 'the server was unable to return a response in the time allotted, but may still be processing the request';
    case 429:
      return 'the server has received too many requests and has asked us to try again later';
    default:
      if (code >= 500)
        return `an error on the server (${JSON.stringify(serverMessage)}) has prevented the request from succeeding`;
      return `the server responded with the status code ${code} but did not return more information`;
  }
}
