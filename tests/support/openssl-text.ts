// Reading certificates the way the recipe tests do: run recipe commands as printed with bash, and
// ask `openssl x509 -text` what was made (subject RDNs in order, extensions, validity, key type).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { RecipeCommand } from '../../src/recipes/index.ts';

export function run(dir: string, commands: RecipeCommand[]): void {
  for (const c of commands) {
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', c.command], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, `command failed:\n${c.command}\n${r.stdout}${r.stderr}`);
  }
}

export function openssl(dir: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function gmt(text: string): number {
  const m = text.match(/(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d) (\d{4}) GMT/);
  assert.ok(m, `no date in ${text}`);
  const [, mon = '', d, h, mi, se, y] = m;
  return Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d), Number(h), Number(mi), Number(se));
}

/** What `openssl x509 -text` says about a certificate, read with one call. */
export interface CertInfo {
  /** [type, value] in DER order, multi-valued RDNs flattened. */
  subject: [string, string][];
  /** "X509v3 Name: [critical ]value" for an extension, '' when absent. */
  ext: (name: string) => string;
  validitySeconds: number;
  key: string;
}

export function info(dir: string, file: string): CertInfo {
  const { status, out } = openssl(dir, [
    'x509',
    '-in',
    file,
    '-noout',
    '-subject',
    '-nameopt',
    'sep_multiline,utf8,-esc_msb,sname',
    '-text',
  ]);
  assert.equal(status, 0, out);
  const lines = out.split('\n');
  const certAt = lines.findIndex((l) => l.startsWith('Certificate:'));
  const subject = lines
    .slice(1, certAt)
    .filter((l) => l.trim() !== '')
    .flatMap((l) => l.trim().split(' + '))
    .map((ava) => [ava.slice(0, ava.indexOf('=')), ava.slice(ava.indexOf('=') + 1)] as [string, string]);
  const ext = (name: string) => {
    const at = lines.findIndex((l) => l.trim().startsWith(`X509v3 ${name}:`));
    if (at < 0) return '';
    return `${lines[at]?.trim()} ${lines[at + 1]?.trim()}`.replace(/\s+/g, ' ').trim();
  };
  const notBefore = gmt(lines.find((l) => l.includes('Not Before:')) ?? '');
  const notAfter = gmt(lines.find((l) => l.includes('Not After :')) ?? '');
  const keyAt = lines.findIndex((l) => l.includes('Public Key Algorithm:'));
  const keyText = lines.slice(keyAt, keyAt + 12).join('\n');
  const curve = keyText.match(/NIST CURVE: P-(\d+)/)?.[1];
  const key = /ED25519/.test(lines[keyAt] ?? '')
    ? 'Ed25519'
    : curve
      ? `ECDSA-P${curve}`
      : `RSA-${keyText.match(/Public-Key: \((\d+) bit\)/)?.[1]}`;
  return { subject, ext, validitySeconds: (notAfter - notBefore) / 1000, key };
}

export function publicKey(dir: string, args: string[]): string {
  return openssl(dir, args).out;
}
