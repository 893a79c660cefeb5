// A pasted TokenReview (part 4), read for the certificate inspector: is it kube-apiserver's request
// (spec.token, spec.audiences) or a webhook's answer (status), and what would kube-apiserver believe
// from an answer. The belief is the engine's own model of kube-apiserver's webhook authenticator
// (webhook-authenticator.ts) fed the pasted text as the webhook's 200 response, once for each
// --authentication-token-webhook-version, followed by AuthenticatedGroupAdder (system:authenticated),
// so the words of an error are the ones the engine and the stand-in use.
// Failures are LabErrors: input/review-json (not JSON), input/review-neither (no spec.token and no
// status), input/review-not-* (a field of the wrong type, with details.field), webhook/not-json and
// webhook/not-token-review (a request that is not a TokenReview).

import type { LabErrorCode } from '../pki/error-codes.ts';
import { isLabError, LabError } from '../pki/errors.ts';
import { addAuthenticatedGroup } from './authenticate-request.ts';
import type { UserInfo } from './types.ts';
import { webhookTokenAuthenticator } from './webhook-authenticator.ts';
import {
  DEFAULT_WEBHOOK_VERSION,
  parseTokenReviewRequest,
  readTokenReviewStatus,
  TOKEN_REVIEW_VERSIONS,
  type TokenReviewFieldType,
  type TokenReviewStatus,
  type TokenReviewVersion,
} from './webhook-token-review.ts';

/** Text that is meant as a TokenReview: a JSON object naming the kind, the group or its fields. */
export function looksLikeTokenReview(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{')) return false;
  return (
    /"TokenReview"/.test(t) ||
    /"authentication\.k8s\.io\//.test(t) ||
    /"(?:authenticated|token|audiences)"\s*:/.test(t)
  );
}

/** kube-apiserver's request, as a webhook reads it. */
export interface TokenReviewRequestReading {
  role: 'request';
  kind: string;
  apiVersion: string;
  version: TokenReviewVersion;
  /** spec.token: the bearer token kubectl sent (a credential: never stored, never shown whole). */
  token: string;
  audiences: string[];
}

/** What kube-apiserver makes of an answer when it asked in `version`. */
export type TokenReviewBelief =
  /** authenticated true: this user, with system:authenticated added (`addedAuthenticated`). */
  | { version: TokenReviewVersion; kind: 'ok'; user: UserInfo; addedAuthenticated: boolean }
  /** authenticated false without an error: not the webhook's token; the next authenticator is tried. */
  | { version: TokenReviewVersion; kind: 'not-mine' }
  /** An error: kube-apiserver logs it ("Failed to make webhook authenticator request: …" when the
   * answer itself could not be read) and, if no other authenticator accepts the token, answers 401. */
  | { version: TokenReviewVersion; kind: 'error'; error: string; log?: string };

/** A webhook's answer. */
export interface TokenReviewAnswerReading {
  role: 'answer';
  /** As written; '' when absent (kube-apiserver then takes the kind and version it asked for). */
  kind: string;
  apiVersion: string;
  /** The version the answer is in, when it is a TokenReview of v1 or v1beta1. */
  version?: TokenReviewVersion;
  /** The status as kube-apiserver reads it (only when kind and apiVersion are readable). */
  status?: TokenReviewStatus;
  /** The belief for the answer's own version (or, when it has none, the flag's default, v1beta1). */
  belief: TokenReviewBelief;
  /** The belief when kube-apiserver asked in the other version (an error when the answer names one). */
  otherBelief: TokenReviewBelief;
  /** The answer also holds spec.token (kube-apiserver ignores spec in an answer; still a credential). */
  holdsToken: boolean;
}

export type TokenReviewReading = TokenReviewRequestReading | TokenReviewAnswerReading;

const FIELD_CODES: Record<TokenReviewFieldType, LabErrorCode> = {
  string: 'input/review-not-string',
  strings: 'input/review-not-strings',
  boolean: 'input/review-not-boolean',
  object: 'input/review-not-object',
  'string-lists': 'input/review-not-string-lists',
};

/** The engine's webhook/bad-field as the inspector's code for the expected type (details.field kept). */
function fieldError(e: unknown): unknown {
  if (!isLabError(e) || e.code !== 'webhook/bad-field') return e;
  const type = e.details.type as TokenReviewFieldType | undefined;
  const code = type ? FIELD_CODES[type] : undefined;
  return code ? new LabError(code, e.message, { field: String(e.details.field) }) : e;
}

/**
 * The offset of the first JSON syntax error in `text` (RFC 8259), or undefined when it has none.
 * JSON.parse's messages do not always give a position, and browsers differ (V8 has none for
 * "Unexpected token 'u', … is not valid JSON", Firefox says line and column, Safari nothing), so the
 * reader is told where by this scan instead. It finds an error exactly when JSON.parse refuses the
 * text (a unit test mutates TokenReviews to hold it); no library the site carries reports one.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail: () => never = () => {
    throw i;
  };
  const string = () => {
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  // An object or an array: `member` reads one entry; entries are separated by commas until `close`.
  const collection = (close: string, member: () => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const property = () => {
    ws();
    if (text[i] !== '"') fail();
    string();
    ws();
    if (text[i] !== ':') fail();
    i++;
    value();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') collection('}', property);
    else if (c === '[') collection(']', value);
    else if (c === '"') string();
    else {
      const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
        text.slice(i, i + 400),
      );
      if (!m) fail();
      i += m[0].length;
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : undefined;
  }
}

/** The 1-based line and column of the first JSON syntax error. */
function jsonErrorAt(text: string): { line: number; column: number } | undefined {
  const at = jsonErrorOffset(text);
  if (at === undefined) return undefined;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function parse(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = (e as Error).message;
    const at = jsonErrorAt(text);
    if (at) {
      throw new LabError(
        'input/review-json-at',
        `This looks like a TokenReview but is not valid JSON: it breaks off or has a mistake at line ${at.line}, column ${at.column} (${reason})`,
        at,
      );
    }
    throw new LabError(
      'input/review-json',
      `This looks like a TokenReview but is not valid JSON (${reason})`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LabError('webhook/not-json', 'The TokenReview must be a JSON object', { field: 'request' });
  }
  return value as Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A status that says something (a request's status is empty, or `{"user": {}}`). */
function statusSaysSomething(status: unknown): boolean {
  if (status === undefined || status === null) return false;
  if (!isObject(status)) return true; // the wrong type: read as an answer, which says so
  return Object.entries(status).some(([k, v]) => {
    if (v === null || v === undefined) return false;
    if (k === 'user') return !isObject(v) || Object.keys(v).length > 0;
    return true;
  });
}

/** The version an apiVersion names, when it is a TokenReview one. */
function versionOf(apiVersion: string): TokenReviewVersion | undefined {
  const v = apiVersion.startsWith('authentication.k8s.io/') ? apiVersion.slice(22) : '';
  return (TOKEN_REVIEW_VERSIONS as readonly string[]).includes(v) ? (v as TokenReviewVersion) : undefined;
}

/** kube-apiserver (the engine's model) reading `text` as the webhook's 200 answer, asked in `version`. */
async function believe(text: string, version: TokenReviewVersion): Promise<TokenReviewBelief> {
  const authenticator = webhookTokenAuthenticator({
    version,
    cacheTtlSeconds: 0,
    webhook: () => ({ kind: 'response', status: 200, body: text, contentType: 'application/json' }),
  });
  const verdict = await authenticator.review('pasted');
  if (verdict.kind === 'ok') {
    const user = addAuthenticatedGroup(verdict.user);
    return { version, kind: 'ok', user, addedAuthenticated: user.groups.length > verdict.user.groups.length };
  }
  if (verdict.kind === 'not-mine') return { version, kind: 'not-mine' };
  return { version, kind: 'error', error: verdict.error, ...(verdict.log ? { log: verdict.log } : {}) };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Reads a pasted TokenReview. Throws the LabErrors listed at the top of this file. */
export async function readTokenReview(text: string): Promise<TokenReviewReading> {
  const o = parse(text);
  const spec = o.spec;
  const isAnswer = statusSaysSomething(o.status) || (o.status !== undefined && spec === undefined);
  if (!isAnswer) {
    if (spec === undefined || spec === null) {
      throw new LabError(
        'input/review-neither',
        'This TokenReview has neither spec.token (the request kube-apiserver sends) nor status (the answer a webhook gives)',
      );
    }
    let read: ReturnType<typeof parseTokenReviewRequest>;
    try {
      read = parseTokenReviewRequest(o);
    } catch (e) {
      throw fieldError(e);
    }
    return {
      role: 'request',
      kind: str(o.kind),
      apiVersion: str(o.apiVersion),
      version: read.version,
      token: read.token,
      audiences: read.audiences,
    };
  }
  const kind = str(o.kind);
  const apiVersion = str(o.apiVersion);
  const version = kind === 'TokenReview' || kind === '' ? versionOf(apiVersion) : undefined;
  // A kind or version kube-apiserver cannot read is its error (the belief says it); the status is
  // checked only when it would be read.
  const readable = (kind === 'TokenReview' || kind === '') && (apiVersion === '' || version !== undefined);
  let status: TokenReviewStatus | undefined;
  if (readable) {
    try {
      status = readTokenReviewStatus(o.status);
    } catch (e) {
      throw fieldError(e);
    }
  }
  const own = version ?? DEFAULT_WEBHOOK_VERSION;
  const other: TokenReviewVersion = own === 'v1' ? 'v1beta1' : 'v1';
  const holdsToken = isObject(spec) && typeof spec.token === 'string' && spec.token !== '';
  return {
    role: 'answer',
    kind,
    apiVersion,
    ...(version ? { version } : {}),
    ...(status ? { status } : {}),
    belief: await believe(text, own),
    otherBelief: await believe(text, other),
    holdsToken,
  };
}
