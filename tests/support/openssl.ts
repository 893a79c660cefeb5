// Certificates made with the openssl CLI, for interop tests that need a second, independent
// source of certificates (a "cluster CA" made the way kubeadm makes one, another CA, …).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA like kubeadm's (CN kubernetes, RSA-2048, keyCertSign) in DIR/NAME.crt and NAME.key. */
export function makeCa(dir: string, name: string, cn = 'kubernetes'): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-subj',
    `/CN=${cn}`,
    '-days',
    '3650',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign',
  ]);
}

/** How makeLeaf signs. */
export interface LeafOptions {
  /** -days. Default: 30. */
  days?: number;
  /** The digest flag of `openssl x509 -req`, e.g. '-sha1'. Default: openssl's (SHA-256). */
  digest?: string;
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
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  ]);
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

/**
 * A self-signed EC P-256 certificate and its key by `openssl req -x509 -newkey ec … -nodes`, with
 * `args` after (e.g. -subj, -days, -utf8, -addext), made in a folder of its own. Throws with
 * openssl's message when openssl fails.
 */
export function selfSignedEc(args: string[]): { certificate: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kal-selfsigned-'));
  try {
    const r = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        ...args,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
    return {
      certificate: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
