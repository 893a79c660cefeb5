// The part of Go's net/url.Parse that crypto/x509 depends on: whether a URI SAN parses, Go's error
// text when it does not, and the host Go reads from it (name constraints match on that host).
import { goQuote } from './go-quote.ts';

/** The host Go's url.Parse reads from `raw`, or its error text ("parse …: …"). */
export function goParseUrl(raw: string): { host: string } | { error: string } {
  const hash = raw.indexOf('#');
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  const fail = (why: string, url = u) => ({ error: `parse ${goQuote(url)}: ${why}` });
  for (let i = 0; i < u.length; i++) {
    const b = u.charCodeAt(i);
    if (b < 0x20 || b === 0x7f) return fail('net/url: invalid control character in URL');
  }
  if (u === '*') return { host: '' };
  let scheme = '';
  let rest = u;
  for (let i = 0; i < u.length; i++) {
    const c = u[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return fail('missing protocol scheme');
      scheme = u.slice(0, i);
      rest = u.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const qi = rest.indexOf('?');
    if (qi >= 0) rest = rest.slice(0, qi);
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { host: '' };
    const segment = rest.split('/')[0]!;
    if (segment.includes(':')) return fail('first path segment in URL cannot contain colon');
  }
  let host = '';
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    rest = '';
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    const hostPart = at < 0 ? authority : authority.slice(at + 1);
    const parsed = parseHost(hostPart);
    if ('error' in parsed) return fail(parsed.error);
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return fail('net/url: invalid userinfo');
      const e = unescapeError(userinfo, false);
      if (e) return fail(e);
    }
    host = parsed.host;
  }
  const pathError = unescapeError(rest, false);
  if (pathError) return fail(pathError);
  if (hash >= 0) {
    const fragError = unescapeError(raw.slice(hash + 1), false);
    if (fragError) return fail(fragError, raw);
  }
  return { host };
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): { host: string } | { error: string } {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return { error: "missing ']' in host" };
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) return { error: `invalid port ${goQuote(colonPort)} after host` };
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) return { error: `invalid port ${goQuote(colonPort)} after host` };
    }
  }
  const e = unescapeError(host, true);
  if (e) return { error: e };
  return { host: host.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
}

const HOST_OK = /[A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~]/;

function unescapeError(s: string, hostMode: boolean): string | null {
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (i + 2 >= s.length || !/^[0-9A-Fa-f]{2}$/.test(h))
        return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      if (hostMode && parseInt(h[0]!, 16) < 8 && s.slice(i, i + 3) !== '%25')
        return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      i += 3;
      continue;
    }
    if (hostMode && c.charCodeAt(0) < 0x80 && !HOST_OK.test(c)) {
      return `invalid character ${goQuote(c)} in host name`;
    }
    i++;
  }
  return null;
}
