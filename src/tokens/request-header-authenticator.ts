// How kube-apiserver reads a proxied request: the request-header authenticator
// (staging/src/k8s.io/apiserver/pkg/authentication/request/headerrequest/requestheader.go, wrapped
// in request/x509's Verifier), first in the chain (pkg/kubeapiserver/authenticator/config.go):
//   1. no client certificate → not mine;
//   2. the certificate is verified against --requestheader-client-ca-file with client auth
//      (x509request.DefaultVerifyOptions) and the peer's other certificates as intermediates; a
//      failure is an error, "verifying certificate SN=<serial>, SKID=<hex>, AKID=<hex> failed: <Go's error>";
//   3. allowed names, when given, must hold the CN: "x509: subject with cn=<CN> is not in the allowed list";
//   4. no non-empty username header → not mine (the x509 authenticator tries the same certificate next);
//   5. user = the first non-empty username header, uid = the first non-empty uid header, groups =
//      every non-empty value of every group header (never split on commas), extra = every header
//      starting (in any case) with a prefix: key = the rest lower-cased, then url.PathUnescape'd
//      (kept as it is when that fails), values appended.
// Header names are compared as Go's http.Header does: canonicalised (textproto.CanonicalMIMEHeaderKey).
// The stand-in (tests/interop/go/apiserver/authn_requestheader.go) does the same in Go.
import { type ParsedCertificate, readCertificates, verifyChain } from '../pki/index.ts';
import { type RequestHeaderConfig, resolveRequestHeaderConfig } from './request-header-config.ts';
import type { TokenVerdict, UserInfo } from './types.ts';

/** Request headers in the order they were sent; a name may repeat (each is one value). */
export type HttpHeaders = readonly (readonly [name: string, value: string])[];

/** What a request authenticator sees of a request. */
export interface IncomingRequest {
  headers: HttpHeaders;
  /** The TLS peer's certificates (PEM, leaf first), as the proxy sent them. Default: none. */
  peerCertificatesPem?: string;
  /** The time to verify at. Default: now. */
  at?: Date;
}

/** A request-level authenticator, as kube-apiserver's authenticator.Request. */
export interface RequestAuthenticator {
  name: 'request-header' | 'x509';
  authenticate(request: IncomingRequest): Promise<TokenVerdict>;
}

const TOKEN_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]*$/;

/** Go's textproto.CanonicalMIMEHeaderKey: x-remote-user → X-Remote-User (left as it is when it holds a non-token character). */
export function canonicalHeaderKey(name: string): string {
  if (!TOKEN_CHARS.test(name)) return name;
  let upper = true;
  let out = '';
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}

/** The header map Go's server builds: canonical name → values in order. */
export function headerMap(headers: HttpHeaders): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = canonicalHeaderKey(name);
    map.set(key, [...(map.get(key) ?? []), value]);
  }
  return map;
}

/** Go's url.PathUnescape; undefined when the escapes are malformed. */
export function goPathUnescape(s: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return undefined;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; ) {
    if (s[i] === '%') {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
    }
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes));
}

/** k8s x509's certificateIdentifier: SN in decimal, SKID and AKID as upper-case hex pairs joined by ':'. */
export function certificateIdentifier(cert: ParsedCertificate): string {
  const hex = (d?: Uint8Array) =>
    Array.from(d ?? [], (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
  let serial = 0n;
  for (const b of cert.serial) serial = (serial << 8n) | BigInt(b);
  const sn = `${cert.negativeSerial && serial !== 0n ? '-' : ''}${serial}`;
  return `SN=${sn}, SKID=${hex(cert.subjectKeyId)}, AKID=${hex(cert.authorityKeyId)}`;
}

/**
 * request/x509's Verifier, which both the request-header and the client-certificate authenticators
 * wrap: no peer certificate is not theirs; the leaf is verified for client auth against `roots`, the
 * peer's other certificates as intermediates, and a failure is an error naming the certificate.
 * `malformed` is the authenticator's words for a peer chain the TLS layer would refuse.
 */
export async function verifyPeer(
  request: IncomingRequest,
  roots: ParsedCertificate[],
  malformed: string,
): Promise<{ leaf: ParsedCertificate } | { verdict: TokenVerdict }> {
  let peers: ParsedCertificate[];
  try {
    peers = request.peerCertificatesPem ? readCertificates(request.peerCertificatesPem) : [];
  } catch {
    return { verdict: { kind: 'not-mine', why: malformed } };
  }
  const leaf = peers[0];
  if (!leaf) return { verdict: { kind: 'not-mine', why: 'no client certificate' } };
  const verdict = await verifyChain({
    leaf,
    intermediates: peers.slice(1),
    roots,
    purpose: 'client',
    ...(request.at ? { at: request.at } : {}),
  });
  if (!verdict.ok)
    return {
      verdict: {
        kind: 'error',
        error: `verifying certificate ${certificateIdentifier(leaf)} failed: ${verdict.goError}`,
      },
    };
  return { leaf };
}

/** pkix.Name's CommonName: the last CN attribute ('' when none). */
export function commonNameOf(cert: ParsedCertificate): string {
  return cert.subject.filter((p) => p.type === 'CN').at(-1)?.value ?? '';
}

/** Reads the identity headers as requestHeaderAuthRequestHandler does (the certificate is not looked at). */
export function readIdentityHeaders(
  headers: HttpHeaders,
  config: RequestHeaderConfig = {},
): UserInfo | undefined {
  const c = resolveRequestHeaderConfig(config);
  const map = headerMap(headers);
  const first = (names: string[]) => {
    for (const n of names) {
      const v = map.get(canonicalHeaderKey(n))?.[0] ?? '';
      if (v !== '') return v;
    }
    return '';
  };
  const username = first(c.usernameHeaders);
  if (username === '') return undefined;
  const groups = c.groupHeaders.flatMap((n) =>
    (map.get(canonicalHeaderKey(n)) ?? []).filter((v) => v !== ''),
  );
  const extra: Record<string, string[]> = {};
  for (const prefix of c.extraHeaderPrefixes) {
    for (const [name, values] of map) {
      if (name.length < prefix.length || name.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase())
        continue;
      const lowered = name.slice(prefix.length).toLowerCase();
      const key = goPathUnescape(lowered) ?? lowered;
      extra[key] = [...(extra[key] ?? []), ...values];
    }
  }
  return { username, uid: first(c.uidHeaders), groups, extra };
}

/** The request-header authenticator for a configuration and its CA bundle (PEM). */
export function requestHeaderAuthenticator(p: {
  config?: RequestHeaderConfig;
  /** The --requestheader-client-ca-file bundle (PEM). */
  clientCaPem: string;
}): RequestAuthenticator {
  const c = resolveRequestHeaderConfig(p.config);
  const roots = readCertificates(p.clientCaPem);
  return {
    name: 'request-header',
    async authenticate(request) {
      const peer = await verifyPeer(
        request,
        roots,
        'the TLS layer refuses a malformed client certificate before any authenticator runs',
      );
      if ('verdict' in peer) return peer.verdict;
      const cn = commonNameOf(peer.leaf);
      if (c.allowedNames.length > 0 && !c.allowedNames.includes(cn))
        return { kind: 'error', error: `x509: subject with cn=${cn} is not in the allowed list` };
      const user = readIdentityHeaders(request.headers, c);
      if (!user) return { kind: 'not-mine', why: 'no username header: the next authenticators run' };
      return { kind: 'ok', user };
    },
  };
}
