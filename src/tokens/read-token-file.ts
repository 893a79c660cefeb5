// kube-apiserver's --token-auth-file, read as tokenfile.NewCSV reads it: Go encoding/csv records
// (go-csv.ts); fewer than 3 columns stops the API server; column 4, if present, is split on
// commas into groups (so groups must be one quoted column); columns after the 4th are dropped; an
// empty token is skipped with a warning; a repeated token warns and the last row wins.
import { LabError } from '../pki/errors.ts';
import { readGoCsv } from './go-csv.ts';
import type { UserInfo } from './types.ts';

/** One row as kube-apiserver keeps it. */
export interface TokenFileEntry {
  token: string;
  user: string;
  uid: string;
  /** undefined when the row has only 3 columns (the user then has no groups of its own). */
  groups?: string[];
  /** The line the record starts on. */
  line: number;
  /** Columns after the 4th, which kube-apiserver ignores. */
  ignoredColumns: string[];
}

/** A warning kube-apiserver logs while reading the file (klog.Warningf text). */
export interface TokenFileWarning {
  line: number;
  text: string;
}

/** The file as kube-apiserver holds it after startup. */
export interface TokenFile {
  /** Every row, in file order (including those a later duplicate overrides). */
  rows: TokenFileEntry[];
  /** token → the row that wins (the last one with that token). */
  tokens: Map<string, TokenFileEntry>;
  warnings: TokenFileWarning[];
}

/** Options of readTokenFile. */
export interface ReadTokenFileParams {
  /** The path kube-apiserver names in its messages. Default: '/etc/kubernetes/tokens.csv'. */
  path?: string;
}

/**
 * Reads a token file exactly as kube-apiserver does at startup. Where kube-apiserver would refuse
 * to start, throws LabError `token-file/csv-syntax` or `token-file/too-few-columns`, with the
 * error kube-apiserver prints in `details.apiserverError` and the line in `details.line`.
 */
export function readTokenFile(text: string, params: ReadTokenFileParams = {}): TokenFile {
  if (typeof text !== 'string') throw new LabError('token-file/not-text', 'A token file is text');
  const path = params.path ?? '/etc/kubernetes/tokens.csv';
  const { records, error } = readGoCsv(text);
  const rows: TokenFileEntry[] = [];
  const tokens = new Map<string, TokenFileEntry>();
  const warnings: TokenFileWarning[] = [];
  let recordNum = 0;
  // Records before a syntax error are checked first, as Go reads them one by one.
  for (const record of records) {
    const f = record.fields;
    if (f.length < 3) {
      const apiserverError = `token file '${path}' must have at least 3 columns (token, user name, user uid), found ${f.length}`;
      throw new LabError(
        'token-file/too-few-columns',
        `Line ${record.line} has ${f.length} column${f.length === 1 ? '' : 's'}; every row needs token,user,uid (kube-apiserver: ${apiserverError})`,
        { line: record.line, found: f.length, apiserverError },
      );
    }
    recordNum++;
    if (f[0] === '') {
      warnings.push({
        line: record.line,
        text: `empty token has been found in token file '${path}', record number '${recordNum}'`,
      });
      continue;
    }
    const entry: TokenFileEntry = {
      token: f[0]!,
      user: f[1]!,
      uid: f[2]!,
      line: record.line,
      ignoredColumns: f.slice(4),
    };
    if (f.length >= 4) entry.groups = f[3]!.split(',');
    if (tokens.has(entry.token)) {
      warnings.push({
        line: record.line,
        text: `duplicate token has been found in token file '${path}', record number '${recordNum}'`,
      });
    }
    tokens.set(entry.token, entry);
    rows.push(entry);
  }
  if (error) {
    throw new LabError(
      'token-file/csv-syntax',
      `Line ${error.line}, column ${error.column}: ${error.reason}`,
      {
        line: error.line,
        column: error.column,
        apiserverError: error.text,
      },
    );
  }
  return { rows, tokens, warnings };
}

/** The user a token file row authenticates (before system:authenticated is added). */
export function tokenFileUser(entry: TokenFileEntry): UserInfo {
  return { username: entry.user, uid: entry.uid, groups: [...(entry.groups ?? [])], extra: {} };
}
