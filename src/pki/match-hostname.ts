// Go's crypto/x509 host name matching (verify.go: VerifyHostname, matchHostnames, validHostname):
// IPs only against IP SANs, names only against DNS SANs (never the CN), case-insensitive ASCII, a
// wildcard only as the whole left-most label, and exact matching for names that are not valid
// host names.
import { bytesEqual } from './bytes.ts';
import { formatIp } from './format-ip.ts';
import { goCommonName } from './go-name.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import { ipTo16, parseIp } from './parse-ip.ts';

function lower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function validHostname(host: string, isPattern: boolean): boolean {
  const h = isPattern ? host : host.replace(/\.$/, '');
  if (h.length === 0) return false;
  return h.split('.').every((part, i) => {
    if (part === '') return false;
    if (isPattern && i === 0 && part === '*') return true;
    return [...part].every((c, j) => /[a-zA-Z0-9_]/.test(c) || (c === '-' && j !== 0));
  });
}

/** Go's matchHostnames(pattern, host). */
export function matchHostnames(pattern: string, host: string): boolean {
  const p = lower(pattern);
  const h = lower(host.replace(/\.$/, ''));
  if (p.length === 0 || h.length === 0) return false;
  const pp = p.split('.');
  const hp = h.split('.');
  if (pp.length !== hp.length) return false;
  return pp.every((part, i) => (i === 0 && part === '*') || part === hp[i]);
}

function matchExactly(a: string, b: string): boolean {
  if (a === '' || a === '.' || b === '' || b === '.') return false;
  return lower(a) === lower(b);
}

/** The host name problem Go's VerifyHostname reports, or null when `host` matches. */
export function checkHostname(
  cert: ParsedCertificate,
  host: string,
): { code: 'verify/hostname-mismatch' | 'verify/legacy-common-name'; goError: string } | null {
  let candidateIp = host;
  if (host.length >= 3 && host.startsWith('[') && host.endsWith(']')) candidateIp = host.slice(1, -1);
  const san = cert.subjectAltNames;
  const ip = parseIp(candidateIp);
  let errHost = host;
  if (ip) {
    if ((san?.ipBytes ?? []).some((c) => bytesEqual(ipTo16(c), ipTo16(ip)))) return null;
    errHost = candidateIp;
  } else {
    const candidate = lower(host);
    const validCandidate = validHostname(candidate, false);
    for (const match of san?.dns ?? []) {
      if (
        validCandidate && validHostname(match, true)
          ? matchHostnames(match, candidate)
          : matchExactly(match, candidate)
      ) {
        return null;
      }
    }
  }
  return hostnameError(cert, errHost);
}

function hostnameError(cert: ParsedCertificate, host: string) {
  const hasSan = cert.extensions.some((e) => e.oid === '2.5.29.17');
  const cn = goCommonName(cert.subject);
  if (!hasSan && matchHostnames(cn, host)) {
    return {
      code: 'verify/legacy-common-name' as const,
      goError: 'x509: certificate relies on legacy Common Name field, use SANs instead',
    };
  }
  const san = cert.subjectAltNames;
  let valid: string;
  if (parseIp(host)) {
    if ((san?.ipBytes ?? []).length === 0) {
      return {
        code: 'verify/hostname-mismatch' as const,
        goError: `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`,
      };
    }
    valid = (san?.ipBytes ?? []).map(formatIp).join(', ');
  } else {
    valid = (san?.dns ?? []).join(', ');
  }
  if (valid === '') {
    return {
      code: 'verify/hostname-mismatch' as const,
      goError: `x509: certificate is not valid for any names, but wanted to match ${host}`,
    };
  }
  return {
    code: 'verify/hostname-mismatch' as const,
    goError: `x509: certificate is valid for ${valid}, not ${host}`,
  };
}
