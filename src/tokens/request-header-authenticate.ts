// kube-apiserver's decision on a whole request: the request-level authenticators first (the front
// proxy's request header, then client certificates, as pkg/kubeapiserver/authenticator/config.go
// orders them), then the Authorization header over the token union (authenticateRequest), in one
// request union: an error is remembered and the next one tried, the first success wins; any
// error with no success is a 401 (FailOnError), and only a request that carried no credential at
// all is anonymous. The stand-in's authn_union.go assembles the same chain.

import { readCertificates } from '../pki/index.ts';
import {
  ANONYMOUS,
  addAuthenticatedGroup,
  authenticateRequest,
  type RequestVerdict,
} from './authenticate-request.ts';
import {
  commonNameOf,
  type IncomingRequest,
  type RequestAuthenticator,
  verifyPeer,
} from './request-header-authenticator.ts';
import type { TokenAuthenticator, TokenVerdict } from './types.ts';
import { aggregateError } from './verify-jwt-signature.ts';

/** Options of authenticateFullRequest. */
export interface AuthenticateFullRequestParams {
  request: IncomingRequest;
  /** Request authenticators in kube-apiserver's order: request-header, then x509. Default: none. */
  requestAuthenticators?: RequestAuthenticator[];
  /** The token authenticators (see authenticateRequest). Default: none (the Authorization header is then ignored). */
  tokenAuthenticators?: TokenAuthenticator[];
  /** --anonymous-auth. Default: true. */
  anonymous?: boolean;
}

/** The verdict, with the request authenticators' own trace. */
export interface FullRequestVerdict extends Omit<RequestVerdict, 'authenticatedBy'> {
  /** Which authenticator accepted the request. */
  authenticatedBy?: RequestVerdict['authenticatedBy'] | RequestAuthenticator['name'];
  /** Each request authenticator tried, in order. */
  requestTrace: { name: RequestAuthenticator['name']; verdict: TokenVerdict }[];
}

/** The verdict of kube-apiserver's authentication on a request with headers and a client certificate. */
export async function authenticateFullRequest(p: AuthenticateFullRequestParams): Promise<FullRequestVerdict> {
  const requestTrace: FullRequestVerdict['requestTrace'] = [];
  const errors: string[] = [];
  for (const a of p.requestAuthenticators ?? []) {
    const verdict = await a.authenticate(p.request);
    requestTrace.push({ name: a.name, verdict });
    if (verdict.kind === 'error') errors.push(verdict.error);
    if (verdict.kind === 'ok')
      return {
        outcome: 'authenticated',
        user: addAuthenticatedGroup(verdict.user),
        authenticatedBy: a.name,
        trace: [],
        requestTrace,
      };
  }
  // Config.New adds the bearer-token authenticator only when some token authenticator is on: with
  // none, an Authorization header is not read at all.
  const authorization = p.tokenAuthenticators?.length
    ? p.request.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]
    : undefined;
  const tokens = await authenticateRequest({
    ...(authorization !== undefined ? { authorization } : {}),
    authenticators: p.tokenAuthenticators ?? [],
    anonymous: false,
  });
  const warning = tokens.warning ? { warning: tokens.warning } : {};
  if (tokens.outcome === 'authenticated') return { ...tokens, requestTrace };
  if (tokens.error) errors.push(tokens.error);
  if (errors.length) {
    const error = aggregateError(errors);
    return {
      outcome: 'unauthorized',
      error,
      log: `"Unable to authenticate the request" err="${error.replace(/"/g, '\\"')}"`,
      trace: tokens.trace,
      requestTrace,
      ...warning,
    };
  }
  if (p.anonymous ?? true)
    return { outcome: 'anonymous', user: ANONYMOUS, trace: tokens.trace, requestTrace, ...warning };
  return { outcome: 'unauthorized', trace: tokens.trace, requestTrace, ...warning };
}

/**
 * The x509 authenticator (request/x509, --client-ca-file) as a request authenticator: the peer's
 * certificate verified with client auth, CN → user, every O → a group; a failure is an error, no
 * certificate or an empty CN is not mine. (The credential-id extra of 1.32 is left out.)
 */
export function x509RequestAuthenticator(p: { clientCaPem: string }): RequestAuthenticator {
  const roots = readCertificates(p.clientCaPem);
  return {
    name: 'x509',
    async authenticate(request) {
      const peer = await verifyPeer(request, roots, 'the TLS layer refuses a malformed client certificate');
      if ('verdict' in peer) return peer.verdict;
      const { leaf } = peer;
      const cn = commonNameOf(leaf);
      if (cn === '') return { kind: 'not-mine', why: 'the certificate has no CN' };
      const groups = leaf.subject.filter((n) => n.type === 'O').map((n) => n.value);
      return { kind: 'ok', user: { username: cn, uid: '', groups, extra: {} } };
    },
  };
}
