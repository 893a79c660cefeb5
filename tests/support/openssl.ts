// Certificates made with the openssl CLI, for interop tests that need a second, independent
// source of certificates (a "cluster CA" made the way kubeadm makes one, another CA, …).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs openssl in DIR; throws with openssl's message (its stderr) when it fails. */
function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The keys `openssl req -newkey` makes here: RSA-2048 (kubeadm's default), ECDSA P-256 or P-384. */
export type OpensslKey = 'rsa' | 'p256' | 'p384';

const NEWKEY: Record<OpensslKey, string[]> = {
  rsa: ['-newkey', 'rsa:2048'],
  p256: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  p384: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
};

/** `-newkey … -nodes -keyout NAME.key`: a new key of kind `key`, unencrypted, in DIR/NAME.key. */
function newKey(key: OpensslKey, name: string): string[] {
  return [...NEWKEY[key], '-nodes', '-keyout', `${name}.key`];
}

/** The `openssl genpkey` arguments for a new EC P-256 key in PKCS#8, written to `out`. */
export function ecKeyGenpkeyArgs(out: string): string[] {
  return ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', out];
}

/** How makeSelfSigned makes a certificate. */
export interface SelfSignedOptions {
  /** The key. Default: 'rsa'. */
  key?: OpensslKey;
  /** -days. Default: openssl's (30). */
  days?: number;
  /** More arguments of `openssl req -x509`, e.g. ['-addext', 'basicConstraints=critical,CA:TRUE']. */
  args?: string[];
}

/**
 * A self-signed certificate by `openssl req -x509 -newkey … -nodes` in DIR/NAME.crt and its key in
 * NAME.key; `subject` like "/CN=kubernetes". Returns the certificate's PEM.
 */
export function makeSelfSigned(
  dir: string,
  name: string,
  subject: string,
  options: SelfSignedOptions = {},
): string {
  openssl(dir, [
    'req',
    '-x509',
    ...newKey(options.key ?? 'rsa', name),
    '-out',
    `${name}.crt`,
    '-subj',
    subject,
    ...(options.days === undefined ? [] : ['-days', String(options.days)]),
    ...(options.args ?? []),
  ]);
  return readFileSync(join(dir, `${name}.crt`), 'utf8');
}

/** How makeCa makes a CA. */
export interface CaOptions {
  /** The CN. Default: kubernetes. */
  cn?: string;
  /** The key. Default: 'rsa'. */
  key?: OpensslKey;
  /** -days. Default: 3650. */
  days?: number;
  /** The basicConstraints extension. Default: critical,CA:TRUE; null writes none (openssl's own). */
  basicConstraints?: string | null;
  /** The keyUsage extension. Default: kubeadm's CA usages; null writes none. */
  keyUsage?: string | null;
}

/**
 * A CA like kubeadm's (CN kubernetes, RSA-2048, keyCertSign) in DIR/NAME.crt and NAME.key, or the
 * CA `options` (or a CN) asks for. Returns the certificate's PEM.
 */
export function makeCa(dir: string, name: string, options: string | CaOptions = {}): string {
  const o = typeof options === 'string' ? { cn: options } : options;
  const basic = o.basicConstraints === undefined ? 'critical,CA:TRUE' : o.basicConstraints;
  const usage =
    o.keyUsage === undefined ? 'critical,digitalSignature,keyEncipherment,keyCertSign' : o.keyUsage;
  return makeSelfSigned(dir, name, `/CN=${o.cn ?? 'kubernetes'}`, {
    key: o.key ?? 'rsa',
    days: o.days ?? 3650,
    args: [
      ...(basic === null ? [] : ['-addext', `basicConstraints=${basic}`]),
      ...(usage === null ? [] : ['-addext', `keyUsage=${usage}`]),
    ],
  });
}

/**
 * A CSR by `openssl req -new -newkey … -nodes` in DIR/NAME.csr and its key in NAME.key, with `args`
 * after (e.g. -subj, -config, -utf8, -multivalue-rdn). Returns the CSR's PEM.
 */
export function makeCsr(dir: string, name: string, args: string[], key: OpensslKey = 'rsa'): string {
  openssl(dir, ['req', '-new', ...newKey(key, name), '-out', `${name}.csr`, ...args]);
  return readFileSync(join(dir, `${name}.csr`), 'utf8');
}

/** How makeLeaf and signCsr sign. */
export interface LeafOptions {
  /** -days. Default: 30. */
  days?: number;
  /** The digest flag of `openssl x509 -req`, e.g. '-sha1'. Default: openssl's (SHA-256). */
  digest?: string;
  /** The leaf's key (makeLeaf). Default: 'rsa'. */
  key?: OpensslKey;
}

/**
 * Signs DIR/NAME.csr with CA (DIR/CA.crt and CA.key) by `openssl x509 -req`, with `extensions`
 * (lines of an extfile, written to NAME.ext), into DIR/NAME.crt.
 */
export function signCsr(
  dir: string,
  ca: string,
  name: string,
  extensions: string[],
  options: LeafOptions = {},
): void {
  writeFileSync(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  openssl(dir, [
    'x509',
    '-req',
    ...(options.digest ? [options.digest] : []),
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    String(options.days ?? 30),
    '-extfile',
    `${name}.ext`,
  ]);
}

/** A leaf signed by CA in DIR/NAME.crt and NAME.key; `subject` like "/CN=jane/O=dev". */
export function makeLeaf(
  dir: string,
  ca: string,
  name: string,
  subject: string,
  extensions: string[],
  options: LeafOptions = {},
): void {
  makeCsr(dir, name, ['-subj', subject], options.key ?? 'rsa');
  signCsr(dir, ca, name, extensions, options);
}

/**
 * A self-signed EC P-256 certificate and its key by `openssl req -x509 -newkey ec … -nodes`, with
 * `args` after (e.g. -subj, -days, -utf8, -addext), made in a folder of its own. Throws with
 * openssl's message when openssl fails.
 */
export function selfSignedEc(args: string[]): { certificate: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kal-selfsigned-'));
  try {
    openssl(dir, ['req', '-x509', ...newKey('p256', 'key'), '-out', 'cert.pem', ...args]);
    return {
      certificate: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(join(dir, 'key.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
