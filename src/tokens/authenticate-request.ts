// What kube-apiserver decides for one request's Authorization header, end to end:
//   bearertoken.go: TrimSpace, split on " " into at most 3 parts, scheme "bearer" in any case,
//     token = part 2; an empty part 2 (two spaces) means no token at all (plus a warning);
//   token union: each authenticator in turn, an error is remembered and the next one tried, the
//     first success wins; none → the errors joined, or "invalid bearer token" when there were none;
//   request union with FailOnError around anonymous: any error → 401, only "no credential" →
//     system:anonymous;
//   AuthenticatedGroupAdder: system:authenticated appended (not for system:anonymous, nor when
//     system:authenticated or system:unauthenticated is already there).
// The stand-in (tests/interop/go/apiserver) does the same in Go; tests hold the two equal.

import type { TokenAuthenticator, TokenAuthenticatorName, TokenVerdict, UserInfo } from './types.ts';
import { aggregateError } from './verify-jwt-signature.ts';

export const INVALID_BEARER_TOKEN = 'invalid bearer token';
export const EXTRA_SPACE_WARNING =
  'the provided Authorization header contains extra space before the bearer token, and is ignored';
export const ANONYMOUS: UserInfo = {
  username: 'system:anonymous',
  uid: '',
  groups: ['system:unauthenticated'],
  extra: {},
};

/** The Authorization header, read as bearertoken.go reads it. */
export type BearerHeader = { kind: 'none'; warning?: string } | { kind: 'token'; token: string };

/** Extracts the bearer token of an Authorization header value (undefined: no header). */
export function parseAuthorizationHeader(value: string | undefined): BearerHeader {
  const auth = (value ?? '').trim();
  if (auth === '') return { kind: 'none' };
  const parts = splitN(auth, ' ', 3);
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'bearer') return { kind: 'none' };
  const token = parts[1]!;
  if (token === '') return { kind: 'none', warning: EXTRA_SPACE_WARNING };
  return { kind: 'token', token };
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** Options of authenticateRequest. */
export interface AuthenticateRequestParams {
  /** The Authorization header's value. Default: none sent. */
  authorization?: string;
  /** The token authenticators, in kube-apiserver's order (see TokenAuthenticatorName). */
  authenticators: TokenAuthenticator[];
  /** --anonymous-auth. Default: true. */
  anonymous?: boolean;
}

/** kube-apiserver's decision. */
export interface RequestVerdict {
  /** 'authenticated' (whoami shows `user`), 'anonymous' (authorizers see system:anonymous), 'unauthorized' (401). */
  outcome: 'authenticated' | 'anonymous' | 'unauthorized';
  /** The user, with system:authenticated added; ANONYMOUS when anonymous. */
  user?: UserInfo;
  /** Which token authenticator accepted the token. */
  authenticatedBy?: TokenAuthenticatorName;
  /** kube-apiserver's log line on 401 (klog's structured form). */
  log?: string;
  /** The error kube-apiserver logged (err.Error()). */
  error?: string;
  /** A warning header kube-apiserver returns. */
  warning?: string;
  /** Each authenticator tried, in order, and its verdict. */
  trace: { name: TokenAuthenticatorName; verdict: TokenVerdict }[];
}

/** AuthenticatedGroupAdder. */
export function addAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.username === 'system:anonymous') return user;
  if (user.groups.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated')) return user;
  return { ...user, groups: [...user.groups, 'system:authenticated'] };
}

/** The verdict of kube-apiserver's authentication on a request that carries only this header. */
export async function authenticateRequest(p: AuthenticateRequestParams): Promise<RequestVerdict> {
  const header = parseAuthorizationHeader(p.authorization);
  const trace: RequestVerdict['trace'] = [];
  const warning = header.kind === 'none' ? header.warning : undefined;
  if (header.kind === 'none') {
    if (p.anonymous ?? true)
      return { outcome: 'anonymous', user: ANONYMOUS, trace, ...(warning ? { warning } : {}) };
    return unauthorized('', trace, warning);
  }
  const errors: string[] = [];
  for (const a of p.authenticators) {
    const verdict = await a.authenticate(header.token);
    trace.push({ name: a.name, verdict });
    if (verdict.kind === 'error') errors.push(verdict.error);
    if (verdict.kind === 'ok') {
      return {
        outcome: 'authenticated',
        user: addAuthenticatedGroup(verdict.user),
        authenticatedBy: a.name,
        trace,
      };
    }
  }
  return unauthorized(errors.length ? aggregateError(errors) : INVALID_BEARER_TOKEN, trace);
}

function unauthorized(error: string, trace: RequestVerdict['trace'], warning?: string): RequestVerdict {
  return {
    outcome: 'unauthorized',
    ...(error
      ? { error, log: `"Unable to authenticate the request" err="${error.replace(/"/g, '\\"')}"` }
      : {}),
    ...(warning ? { warning } : {}),
    trace,
  };
}

/** The 401 body kube-apiserver sends (responsewriters.Unauthorized… as a metav1.Status). */
export const UNAUTHORIZED_STATUS = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
} as const;

/**
 * What kubectl prints on a 401: the typed form (auth whoami, and get when discovery is cached), and
 * the form after a failed API discovery. Both mean the same: the credential was refused.
 */
export const KUBECTL_401 = {
  whoami: 'error: You must be logged in to the server (Unauthorized)',
  get: 'error: You must be logged in to the server (the server has asked for the client to provide credentials)',
} as const;
