// The TokenReview playground's model (Part 4, lesson 3): for the reader's users file, one bearer
// token, the API audiences and the TokenReview version, what happens on each `kubectl --token …`
// along a timeline — the TokenReview the API server POSTs, what token-webhook.py answers
// (webhookScriptAnswer, or a chosen failure), and what the API server then believes (the user with
// system:authenticated added, or the 401 and kubectl's message). The token may be removed from the
// users file at some second; the webhook token authenticator's cache (successes and
// authenticated:false for the TTL, errors never) decides whether the webhook is asked again.
// The answers are the exact bytes the script sends (Python's json.dumps); a hand-written answer
// stands for a webhook other than the script (token-webhook.py never sends status.audiences).
// Pure: a fake clock, no network.
import { fieldAttempts, isLabError, LabError } from '../pki/errors.ts';
import { authenticateRequest, KUBECTL_401, type RequestVerdict } from './authenticate-request.ts';
import { pythonJsonDumps } from './python-json.ts';
import type { UserInfo } from './types.ts';
import {
  type WebhookAnswer,
  type WebhookVerdict,
  webhookTokenAuthenticator,
} from './webhook-authenticator.ts';
import {
  buildTokenReviewRequest,
  checkTokenReviewVersion,
  parseTokenReviewRequest,
  type TokenReviewRequest,
  type TokenReviewVersion,
  tokenReviewApiVersion,
} from './webhook-token-review.ts';
import { readWebhookUsers, webhookScriptAnswer } from './webhook-users.ts';
import { whoamiForUser } from './whoami-for-user.ts';

/** How the webhook misbehaves, when it does. */
export const PLAYGROUND_FAILURES = ['none', 'down', 'non-2xx', 'wrong-api-version', 'hand-written'] as const;
export type PlaygroundFailure = (typeof PLAYGROUND_FAILURES)[number];

/** The playground's inputs. */
export interface PlaygroundParams {
  /** The users file of token-webhook.py (JSON). */
  usersText: string;
  /** The bearer token kubectl sends. */
  token: string;
  /** The API audiences (--api-audiences), one per line or comma separated. Empty: no audience check. */
  audiences: string;
  /** --authentication-token-webhook-version. */
  version: TokenReviewVersion;
  /** --authentication-token-webhook-cache-ttl in seconds, as typed. */
  cacheTtl: string;
  /** The failure the webhook shows. Default: none. */
  failure?: PlaygroundFailure;
  /** The body the webhook answers (HTTP 200, application/json) when failure is 'hand-written'. Default: '{}'. */
  answerText?: string;
  /** The second at which the token is removed from the users file. Default: never. */
  removeAt?: number;
  /**
   * How many requests were made before the removal: requests at the removal's second among them
   * still find the token (the reader sent, then removed). Default: 0 (requests at that second come after).
   */
  removeAfter?: number;
  /** The seconds at which kubectl sends the token. Default: [0]. */
  requestsAt?: number[];
  /** The webhook's URL (for the "connection refused" text). Default: https://127.0.0.1:8443/authenticate. */
  webhookUrl?: string;
}

/** One `kubectl --token … auth whoami` on the timeline. */
export interface PlaygroundRequest {
  /** Seconds since the first request. */
  at: number;
  /** Whether the token is in the users file at that second. */
  inFile: boolean;
  /** True when the cache answered (nothing was POSTed). */
  cached: boolean;
  /** The TokenReview the API server POSTs (pretty JSON); when cached, the one it sent before. */
  requestJson: string;
  /** The webhook's answer: HTTP status and body, or the connection error; absent when cached. */
  answer?: { status: number; body: string } | { error: string };
  /** POSTs made (retries included). */
  attempts: number;
  /** The webhook authenticator's verdict. */
  verdict: WebhookVerdict;
  /** kube-apiserver's decision. */
  decision: RequestVerdict;
  /** The user kube-apiserver believes (system:authenticated added), when authenticated. */
  user?: UserInfo;
  /** What `kubectl auth whoami` prints (stdout on success, the error line on 401). */
  kubectl: string;
  /** curl's HTTP status for the same request. */
  httpStatus: 200 | 401;
  /** Second at which the cached answer expires, when it is cached. */
  expiresAt?: number;
}

/** Reads a TTL in whole seconds, 0 to 86400. Throws `token-review/bad-ttl` (details: field). */
export function readPlaygroundTtl(text: string): number {
  const t = text.trim().replace(/s$/, '');
  if (!/^\d+$/.test(t) || Number(t) > 86400) {
    throw new LabError(
      'token-review/bad-ttl',
      `The cache TTL must be whole seconds from 0 to 86400: ${text}`,
      {
        field: 'ttl',
      },
    );
  }
  return Number(t);
}

/** The API audiences from one-per-line or comma-separated text. */
export function readPlaygroundAudiences(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** What the reader's TokenReview request says: the three things kube-apiserver puts in it. */
export interface PlaygroundRequestFields {
  /** From apiVersion: --authentication-token-webhook-version. */
  version: TokenReviewVersion;
  /** spec.token: the bearer token kubectl sent. */
  token: string;
  /** spec.audiences: the API audiences, newline separated ('' for none). */
  audiences: string;
}

/**
 * Reads a TokenReview request as the reader edits it. Throws LabErrors, all about the request:
 * `webhook/not-json`, `token-review/bad-api-version` (details: value), `webhook/bad-field`
 * (details.field: the JSON path, e.g. spec.token), `token-review/bad-token`.
 */
export function readPlaygroundRequest(text: string): PlaygroundRequestFields {
  let parsed: ReturnType<typeof parseTokenReviewRequest>;
  try {
    parsed = parseTokenReviewRequest(text);
  } catch (e) {
    if (!isLabError(e)) throw e;
    if (e.code === 'webhook/not-token-review') {
      let api: unknown;
      try {
        api = (JSON.parse(text) as { apiVersion?: unknown }).apiVersion;
      } catch {
        api = undefined;
      }
      throw new LabError(
        'token-review/bad-api-version',
        `kube-apiserver sends kind TokenReview with apiVersion authentication.k8s.io/v1 or authentication.k8s.io/v1beta1, not ${JSON.stringify(api ?? null)}`,
        { field: 'request', value: String(api ?? '') },
      );
    }
    throw e;
  }
  if (parsed.token === '' || /\s/.test(parsed.token))
    throw new LabError('token-review/bad-token', 'The token must be non-empty and without spaces', {
      field: 'request',
    });
  return { version: parsed.version, token: parsed.token, audiences: parsed.audiences.join('\n') };
}

/** The request text kube-apiserver would send for these fields (pretty JSON), the playground's starting point. */
export function playgroundRequestText(p: {
  token: string;
  version: TokenReviewVersion;
  /** Default: none. */
  audiences?: string[];
}): string {
  return JSON.stringify(buildTokenReviewRequest(p), null, 2);
}

/** Checks a hand-written answer is a JSON object. Throws `token-review/bad-answer` (details: field 'answer'). */
export function readPlaygroundAnswer(text: string): string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new LabError('token-review/bad-answer', `The answer is not JSON: ${(e as Error).message}`, {
      field: 'answer',
    });
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new LabError('token-review/bad-answer', 'The answer must be a JSON object', { field: 'answer' });
  return text;
}

/**
 * Runs the timeline. Throws LabErrors for bad input: the users file (`webhook-users/*`, field
 * users), the TTL (`token-review/bad-ttl`), an empty or spaced token (`token-review/bad-token`),
 * times that are not ascending non-negative seconds (`token-review/bad-timeline`), a hand-written
 * answer that is not a JSON object (`token-review/bad-answer`).
 */
export async function tokenReviewPlayground(p: PlaygroundParams): Promise<PlaygroundRequest[]> {
  const users = readWebhookUsers(p.usersText);
  const ttl = readPlaygroundTtl(p.cacheTtl);
  const version = checkTokenReviewVersion(p.version);
  if (p.token === '' || /\s/.test(p.token))
    throw new LabError('token-review/bad-token', 'The token must be non-empty and without spaces', {
      field: 'token',
    });
  const times = p.requestsAt ?? [0];
  if (times.some((t, i) => !Number.isInteger(t) || t < 0 || (i > 0 && t < (times[i - 1] ?? 0))))
    throw new LabError('token-review/bad-timeline', 'Request times must be ascending whole seconds', {
      field: 'timeline',
    });
  const auds = readPlaygroundAudiences(p.audiences);
  const mode = p.failure ?? 'none';
  const handWritten = mode === 'hand-written' ? readPlaygroundAnswer(p.answerText ?? '{}') : '';
  const url = p.webhookUrl ?? 'https://127.0.0.1:8443/authenticate';
  const removed = new Map(users);
  removed.delete(p.token);
  let clock = 0;
  let index = 0;
  let lastAnswer: PlaygroundRequest['answer'];
  const inFileAt = (i: number, at: number) =>
    p.removeAt === undefined || at < p.removeAt || (at === p.removeAt && i < (p.removeAfter ?? 0));

  const webhook = (request: TokenReviewRequest): WebhookAnswer => {
    const inFile = inFileAt(index, clock / 1000);
    const body = JSON.stringify(request);
    if (mode === 'down') {
      const host = new URL(url).host;
      const error = `Post "${url}": dial tcp ${host}: connect: connection refused`;
      lastAnswer = { error };
      return { kind: 'unreachable', error };
    }
    if (mode === 'non-2xx') {
      lastAnswer = { status: 500, body: 'Internal Server Error' };
      return { kind: 'response', status: 500, body: 'Internal Server Error', contentType: 'text/plain' };
    }
    if (mode === 'hand-written') {
      lastAnswer = { status: 200, body: handWritten };
      return { kind: 'response', status: 200, body: handWritten, contentType: 'application/json' };
    }
    const a = webhookScriptAnswer(inFile ? users : removed, body);
    let out = a.response ? pythonJsonDumps(a.response) : a.body;
    if (mode === 'wrong-api-version' && a.response) {
      const other: TokenReviewVersion = version === 'v1' ? 'v1beta1' : 'v1';
      out = pythonJsonDumps({ ...a.response, apiVersion: tokenReviewApiVersion(other) });
    }
    lastAnswer = { status: a.status, body: out };
    return { kind: 'response', status: a.status, body: out, contentType: a.contentType };
  };

  const authn = webhookTokenAuthenticator({
    webhook,
    version,
    cacheTtlSeconds: ttl,
    apiAudiences: auds,
    now: () => clock,
  });
  const out: PlaygroundRequest[] = [];
  for (const [i, at] of times.entries()) {
    index = i;
    clock = at * 1000;
    lastAnswer = undefined;
    const verdict = await authn.review(p.token);
    // The same verdict again through the union: the cache now holds it (or errors re-ask, which
    // with a pure webhook gives the same answer), so replay it instead of calling twice.
    const decision = await authenticateRequest({
      authorization: `Bearer ${p.token}`,
      authenticators: [{ name: 'webhook', authenticate: async () => verdict }],
    });
    const user = decision.outcome === 'authenticated' ? decision.user : undefined;
    out.push({
      at,
      inFile: inFileAt(i, at),
      cached: verdict.cached,
      requestJson: JSON.stringify(verdict.request, null, 2),
      ...(lastAnswer ? { answer: lastAnswer } : {}),
      attempts: verdict.attempts,
      verdict,
      decision,
      ...(user ? { user } : {}),
      kubectl: user ? whoamiForUser(user) : KUBECTL_401.whoami,
      httpStatus: user ? 200 : 401,
      ...(verdict.expires !== undefined ? { expiresAt: verdict.expires / 1000 } : {}),
    });
  }
  return out;
}

// The playground page: the reader's fields and the simulated clock, each problem at its field.

/** The fields the reader edits. */
export const PLAYGROUND_FIELDS = ['request', 'users', 'ttl', 'failure', 'answer'] as const;
export type PlaygroundField = (typeof PLAYGROUND_FIELDS)[number];

/** The simulated clock: now, the seconds at which a request was sent, and when the token left the file. */
export interface PlaygroundTimeline {
  /** The clock, in seconds since the start. */
  clock: number;
  /** When kubectl sent the token, ascending. */
  sent: number[];
  /** When the request's token was removed from the users file. Default: never. */
  removeAt?: number;
  /** How many of `sent` came before the removal. Default: those before removeAt. */
  removeAfter?: number;
}

/** The timeline of a fresh page: one request at 0:00. */
export const PLAYGROUND_START: PlaygroundTimeline = { clock: 0, sent: [0] };

/** A stored timeline (JSON) as a valid timeline; anything damaged gives the fresh page's. */
export function readPlaygroundTimeline(text: string): PlaygroundTimeline {
  try {
    const t = JSON.parse(text) as Partial<PlaygroundTimeline>;
    const sec = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
    const sent = Array.isArray(t.sent) ? t.sent : [];
    if (!sec(t.clock) || !sent.every(sec) || sent.some((s, i) => i > 0 && s < (sent[i - 1] ?? 0)))
      return PLAYGROUND_START;
    if (sent.some((s) => s > (t.clock as number))) return PLAYGROUND_START;
    const removal = sec(t.removeAt)
      ? { removeAt: t.removeAt, ...(sec(t.removeAfter) ? { removeAfter: t.removeAfter } : {}) }
      : {};
    return { clock: t.clock, sent, ...removal };
  } catch {
    return PLAYGROUND_START;
  }
}

/** The page's inputs, as typed. */
export type PlaygroundInputs = Record<PlaygroundField, string> & { timeline: PlaygroundTimeline };

/** What the page shows: the problems by field, else the request's fields and the requests so far. */
export interface PlaygroundRun {
  problems: Partial<Record<PlaygroundField, LabError>>;
  /** What the request says, when it reads. */
  fields?: PlaygroundRequestFields;
  /** One entry per request sent (none while a field has a problem). */
  requests: PlaygroundRequest[];
}

/** Reads every field (each problem kept at its field) and, when all read, runs the timeline. */
export async function runPlayground(inputs: PlaygroundInputs): Promise<PlaygroundRun> {
  const problems: PlaygroundRun['problems'] = {};
  const read = fieldAttempts(problems);
  const fields = read('request', () => readPlaygroundRequest(inputs.request));
  read('users', () => readWebhookUsers(inputs.users));
  read('ttl', () => readPlaygroundTtl(inputs.ttl));
  const failure = (PLAYGROUND_FAILURES as readonly string[]).includes(inputs.failure)
    ? (inputs.failure as PlaygroundFailure)
    : 'none';
  if (failure === 'hand-written') read('answer', () => readPlaygroundAnswer(inputs.answer));
  if (!fields || Object.keys(problems).length)
    return { problems, ...(fields ? { fields } : {}), requests: [] };
  const { timeline } = inputs;
  const requests = await tokenReviewPlayground({
    usersText: inputs.users,
    token: fields.token,
    audiences: fields.audiences,
    version: fields.version,
    cacheTtl: inputs.ttl,
    failure,
    answerText: inputs.answer,
    requestsAt: timeline.sent,
    ...(timeline.removeAt !== undefined ? { removeAt: timeline.removeAt } : {}),
    ...(timeline.removeAfter !== undefined ? { removeAfter: timeline.removeAfter } : {}),
  });
  return { problems, fields, requests };
}
