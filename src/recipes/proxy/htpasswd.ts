// The password file of the proxy's basic-auth mode, in a format nginx's auth_basic_user_file reads
// (ngx_http_auth_basic_module: crypt(), apr1, and RFC 2307 schemes PLAIN, SHA and SSHA): the site
// writes {SSHA}, salted SHA-1, because WebCrypto has SHA-1 and neither MD5 (apr1) nor crypt().
// nginx checks it as ngx_crypt_ssha does: base64(SHA1(password ‖ salt) ‖ salt).
import { LabError } from '../../pki/index.ts';

/** One basic-auth user of the proxy. */
export interface ProxyBasicUser {
  /** The user name nginx puts in $remote_user (and the proxy in X-Remote-User). No ':' or newline. */
  name: string;
  password: string;
  /** The groups the proxy asserts for this user (X-Remote-Group). Default: none. */
  groups?: string[];
}

const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

/** One `name:{SSHA}…` line; salt: 8 random bytes unless given (tests). */
export async function sshaLine(name: string, password: string, salt?: Uint8Array): Promise<string> {
  if (name === '' || /[:\r\n]/.test(name))
    throw new LabError(
      'proxy/bad-user',
      `“${name}” cannot be a basic-auth user name: it must be non-empty, without ':' or a line break`,
      {
        value: name,
      },
    );
  if (/[\r\n]/.test(password))
    throw new LabError('proxy/bad-password', 'A password cannot hold a line break', { value: name });
  const s = salt ?? crypto.getRandomValues(new Uint8Array(8));
  const pw = new TextEncoder().encode(password);
  const input = new Uint8Array(pw.length + s.length);
  input.set(pw);
  input.set(s, pw.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', input));
  const out = new Uint8Array(digest.length + s.length);
  out.set(digest);
  out.set(s, digest.length);
  return `${name}:{SSHA}${toBase64(out)}`;
}

/** The whole file (one line per user, in order); a user name may appear once. */
export async function writeHtpasswd(users: readonly ProxyBasicUser[]): Promise<string> {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const u of users) {
    if (seen.has(u.name))
      throw new LabError(
        'proxy/duplicate-user',
        `“${u.name}” appears twice: nginx would use only the first line`,
        {
          value: u.name,
        },
      );
    seen.add(u.name);
    lines.push(await sshaLine(u.name, u.password));
  }
  return `${lines.join('\n')}\n`;
}
