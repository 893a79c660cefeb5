import type { CheckedSubject } from './recipe-params.ts';

/**
 * A subject in the `-subj` syntax of `openssl req` ("/O=developers/O=admins/CN=jane"): one RDN per
 * value, in the order the browser engine (src/pki encodeName) writes them — C, ST, L, each O, each
 * OU, then CN — so both make the same Name and Kubernetes reads the groups in the same order.
 * Inside a value, `\`, `/` and `+` are backslash-escaped, since `/` starts a new RDN and `+` joins
 * a multi-valued one. Pass `-utf8` so non-ASCII text is read as UTF-8.
 */
export function opensslSubject(s: CheckedSubject): string {
  const parts: [string, string][] = [];
  if (s.country !== undefined) parts.push(['C', s.country]);
  if (s.state !== undefined) parts.push(['ST', s.state]);
  if (s.locality !== undefined) parts.push(['L', s.locality]);
  for (const o of s.organizations) parts.push(['O', o]);
  for (const ou of s.organizationalUnits) parts.push(['OU', ou]);
  if (s.commonName !== '') parts.push(['CN', s.commonName]);
  return parts.map(([type, value]) => `/${type}=${value.replace(/[\\/+]/g, (c) => `\\${c}`)}`).join('');
}
