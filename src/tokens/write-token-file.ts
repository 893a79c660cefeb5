// Writes a --token-auth-file that kube-apiserver reads back to exactly these users: fields quoted
// as Go's csv.Writer quotes them, groups joined into one (then quoted) 4th column.
import type { LabErrorCode } from '../pki/error-codes.ts';
import { LabError } from '../pki/errors.ts';
import { writeGoCsvRecord } from './go-csv.ts';

/** One user of the token file. */
export interface TokenFileUserParams {
  /** The bearer token: printable ASCII, no spaces (a space would split the Authorization header). */
  token: string;
  /** User name (column 2). Required. */
  user: string;
  /** User UID (column 3). Default: '' (the column is still written: kube-apiserver needs 3). */
  uid?: string;
  /** Groups (column 4). Default: none, and no 4th column. */
  groups?: string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const TOKEN = /^[\x21-\x7e]+$/;

function fail(
  code: LabErrorCode,
  message: string,
  row: number,
  field: string,
  extra: Record<string, string> = {},
): never {
  throw new LabError(code, message, { row, field, ...extra });
}

/**
 * The token file text, one line per user. Throws LabError with `details.row` (0-based) and
 * `details.field` ('token' | 'user' | 'uid' | 'groups'): `token-file/bad-token`,
 * `token-file/duplicate-token`, `token-file/empty-user`, `token-file/control-character`,
 * `token-file/comma-in-group`, `token-file/empty-group`, `token-file/space-around-value`,
 * `token-file/no-users`.
 */
export function writeTokenFile(users: TokenFileUserParams[]): string {
  if (!Array.isArray(users) || users.length === 0) {
    throw new LabError('token-file/no-users', 'A token file needs at least one user');
  }
  const seen = new Set<string>();
  let out = '';
  users.forEach((u, row) => {
    const token = String(u?.token ?? '');
    if (!TOKEN.test(token)) {
      fail('token-file/bad-token', 'A token must be printable ASCII without spaces', row, 'token');
    }
    if (seen.has(token)) {
      fail(
        'token-file/duplicate-token',
        'Two users have the same token; kube-apiserver would keep only the last',
        row,
        'token',
      );
    }
    seen.add(token);
    const user = String(u.user ?? '');
    if (user === '') fail('token-file/empty-user', 'The user name is empty', row, 'user');
    const uid = String(u.uid ?? '');
    const groups = (u.groups ?? []).map(String);
    for (const [field, value] of [
      ['user', user],
      ['uid', uid],
      ...groups.map((g) => ['groups', g] as const),
    ] as const) {
      if (CONTROL.test(value)) {
        fail(
          'token-file/control-character',
          `"${value}" holds a control character (tab, line break…)`,
          row,
          field,
          { value },
        );
      }
      if (value !== value.trim()) {
        fail(
          'token-file/space-around-value',
          `"${value}" starts or ends with a space, which kube-apiserver keeps as part of the name`,
          row,
          field,
          { value },
        );
      }
    }
    for (const g of groups) {
      if (g === '') fail('token-file/empty-group', 'One of the groups is empty', row, 'groups');
      if (g.includes(',')) {
        fail(
          'token-file/comma-in-group',
          `"${g}" holds a comma: kube-apiserver splits the groups column on commas`,
          row,
          'groups',
          { value: g },
        );
      }
    }
    out += writeGoCsvRecord(groups.length ? [token, user, uid, groups.join(',')] : [token, user, uid]);
  });
  return out;
}
