// What a request becomes on its way through the lab's nginx (proxyConfig) and what kube-apiserver
// then believes, for the proxy builder's identity preview and the pitfalls page.
// nginx's proxy module builds the upstream request from its proxy_set_header lines (a line whose
// value is empty sends nothing; several lines of one name send that header several times) and,
// while proxy_pass_request_headers is on, every client header whose name no proxy_set_header
// line names (compared without case). So the site's config (proxy_pass_request_headers off) sends
// only what it sets, and the pitfall config passes everything the client wrote except the names it
// sets itself: X-Remote-User (the client's own when it sent one: $http_x_remote_user) and, when
// the config has group lines, X-Remote-Group. The API server's side is the request-header
// authenticator of src/tokens, run on those headers and the proxy's own certificate.
import { KUBECTL_401, whoamiForUser } from '../../tokens/index.ts';
import {
  authenticateFullRequest,
  type FullRequestVerdict,
} from '../../tokens/request-header-authenticate.ts';
import {
  type HttpHeaders,
  headerMap,
  requestHeaderAuthenticator,
} from '../../tokens/request-header-authenticator.ts';
import type { RequestHeaderConfig } from '../../tokens/request-header-config.ts';
import type { ProxyAuthMode } from './config.ts';
import type { ProxyBasicUser } from './htpasswd.ts';

/** The part of proxyConfig's parameters that decides the upstream headers. */
export interface ProxyHeaderParams {
  mode: ProxyAuthMode;
  /** The basic-auth users (mode basic): how many group lines the config has. Default: none. */
  users?: readonly ProxyBasicUser[];
  /** Mode certificate: how many O values become groups. Default: 3 (proxyConfig's). */
  certificateGroups?: number;
  /** The pitfall switch. Default: false. */
  trustClientIdentity?: boolean;
}

/** Who nginx verified: the client certificate's CN and O values, or the basic-auth user and their groups. */
export interface VerifiedUser {
  user: string;
  groups: readonly string[];
}

/** The headers the safe config copies from the client (proxyConfig's proxy_set_header lines). */
const COPIED = ['Accept', 'Content-Type', 'User-Agent'] as const;

/** The headers nginx sends to kube-apiserver for a request of `verified` that carried `clientHeaders`. */
export function upstreamHeaders(
  p: ProxyHeaderParams,
  verified: VerifiedUser,
  clientHeaders: HttpHeaders,
): HttpHeaders {
  const client = headerMap(clientHeaders);
  const lines =
    p.mode === 'certificate'
      ? (p.certificateGroups ?? 3)
      : Math.max(0, ...(p.users ?? []).map((u) => u.groups?.length ?? 0));
  const groups = verified.groups.slice(0, lines);
  const sent: [string, string][] = [];
  const set = (name: string, value: string) => {
    if (value !== '') sent.push([name, value]);
  };
  const named = new Set(['x-remote-user', ...(lines ? ['x-remote-group'] : [])]);
  if (p.trustClientIdentity) {
    for (const [name, value] of clientHeaders) if (!named.has(name.toLowerCase())) sent.push([name, value]);
  } else {
    for (const name of COPIED) set(name, client.get(name)?.[0] ?? '');
  }
  const claimed = p.trustClientIdentity ? (client.get('X-Remote-User')?.[0] ?? '') : '';
  set('X-Remote-User', claimed || verified.user);
  for (const g of groups) set('X-Remote-Group', g);
  return sent;
}

/** kubectl auth whoami's text for a 403 (system:anonymous may not create a SelfSubjectReview). */
export const WHOAMI_FORBIDDEN =
  'the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it';

/** A request's fate at kube-apiserver: the headers it got, the verdict and what `kubectl auth whoami` prints. */
export interface ProxiedPreview {
  headers: HttpHeaders;
  verdict: FullRequestVerdict;
  /** `kubectl auth whoami`'s table, or its 401 line. */
  whoami: string;
}

/** The API server's side of a request sent with `peerCertificatePem` and `headers` (through the proxy or around it). */
export async function apiServerPreview(p: {
  headers: HttpHeaders;
  /** The certificate the API server's TLS peer shows: the proxy's client certificate. */
  peerCertificatePem: string;
  /** The --requestheader-client-ca-file bundle. */
  frontProxyCaPem: string;
  /** The --requestheader-* settings. Default: kubeadm's. */
  config?: RequestHeaderConfig;
}): Promise<ProxiedPreview> {
  const verdict = await authenticateFullRequest({
    request: { headers: p.headers, peerCertificatesPem: p.peerCertificatePem },
    requestAuthenticators: [
      requestHeaderAuthenticator({
        clientCaPem: p.frontProxyCaPem,
        ...(p.config ? { config: p.config } : {}),
      }),
    ],
  });
  const whoami =
    verdict.outcome === 'authenticated' && verdict.user
      ? whoamiForUser(verdict.user)
      : verdict.outcome === 'anonymous'
        ? `error: ${WHOAMI_FORBIDDEN}\n`
        : `${KUBECTL_401.whoami}\n`;
  return { headers: p.headers, verdict, whoami };
}
