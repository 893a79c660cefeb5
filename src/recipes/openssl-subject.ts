import type { CheckedSubject } from './recipe-params.ts';

/**
 * A subject in the `-subj` syntax of `openssl req` ("/CN=jane/O=developers/O=admins"): one RDN per
 * value, in this order (CN, each O, each OU, C, ST, L). Inside a value, `\`, `/` and `+` are
 * backslash-escaped, since `/` starts a new RDN and `+` joins a multi-valued one. Pass `-utf8` so
 * non-ASCII text is read as UTF-8.
 */
export function opensslSubject(s: CheckedSubject): string {
  const parts: [string, string][] = [['CN', s.commonName]];
  for (const o of s.organizations) parts.push(['O', o]);
  for (const ou of s.organizationalUnits) parts.push(['OU', ou]);
  if (s.country !== undefined) parts.push(['C', s.country]);
  if (s.state !== undefined) parts.push(['ST', s.state]);
  if (s.locality !== undefined) parts.push(['L', s.locality]);
  return parts.map(([type, value]) => `/${type}=${value.replace(/[\\/+]/g, (c) => `\\${c}`)}`).join('');
}
