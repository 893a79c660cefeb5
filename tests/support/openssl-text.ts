// Reading certificates the way the recipe tests do: run recipe commands as printed with bash, and
// ask `openssl x509 -text` what was made (subject RDNs in order, extensions, validity, key type).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SubjectParams } from '../../src/pki/types.ts';
import type { LabCertificateParams, RecipeCommand } from '../../src/recipes/index.ts';

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

/** IPv6/IPv4 text as `openssl x509 -text` prints it in a SAN. */
export function opensslIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => Number.parseInt(g, 16).toString(16).toUpperCase()).join(':');
}

/**
 * Checks a lab set (rootCA, server, client) made in `dir` against its parameters, reading it with
 * `openssl x509 -text`: subjects, CA and leaf extensions, SANs, lifetimes, key types, key/cert pairs,
 * key file modes, and `openssl verify` for the right purpose (and not the crossed one).
 */
export function checkLabSet(
  dir: string,
  lab: LabCertificateParams,
  expectedSubject: (s: SubjectParams) => [string, string][],
  options: { leafSubjectKeyId: boolean; caKeyUsage?: string },
): void {
  const ca = info(dir, 'rootCA.pem');
  assert.deepEqual(ca.subject, expectedSubject(lab.rootCa.subject));
  const pathLen = lab.rootCa.pathLength === undefined ? '' : `, pathlen:${lab.rootCa.pathLength}`;
  assert.equal(ca.ext('Basic Constraints'), `X509v3 Basic Constraints: critical CA:TRUE${pathLen}`);
  assert.equal(
    ca.ext('Key Usage'),
    `X509v3 Key Usage: critical ${options.caKeyUsage ?? 'Certificate Sign, CRL Sign'}`,
  );
  assert.match(ca.ext('Subject Key Identifier'), /Subject Key Identifier: [0-9A-F:]{59}/);
  assert.equal(ca.ext('Extended Key Usage'), '');
  assert.equal(ca.validitySeconds, (lab.rootCa.validityDays ?? 3650) * 86400);
  assert.equal(ca.key, lab.rootCa.algorithm ?? 'RSA-2048');

  for (const [base, params, eku, purpose, wrong] of [
    ['server', lab.server, 'TLS Web Server Authentication', 'sslserver', 'sslclient'],
    ['client', lab.client, 'TLS Web Client Authentication', 'sslclient', 'sslserver'],
  ] as const) {
    const file = `${base}.pem`;
    const c = info(dir, file);
    assert.deepEqual(c.subject, expectedSubject(params.subject), file);
    assert.equal(c.ext('Basic Constraints'), 'X509v3 Basic Constraints: critical CA:FALSE');
    assert.equal(
      c.ext('Key Usage'),
      (params.algorithm ?? 'RSA-2048').startsWith('RSA')
        ? 'X509v3 Key Usage: critical Digital Signature, Key Encipherment'
        : 'X509v3 Key Usage: critical Digital Signature',
    );
    assert.equal(c.ext('Extended Key Usage'), `X509v3 Extended Key Usage: ${eku}`);
    assert.match(c.ext('Authority Key Identifier'), /Authority Key Identifier: [0-9A-F:]{59}/);
    if (options.leafSubjectKeyId) {
      assert.match(c.ext('Subject Key Identifier'), /Subject Key Identifier: [0-9A-F:]{59}/);
    }
    assert.equal(c.validitySeconds, (params.validityDays ?? 365) * 86400);
    assert.equal(c.key, params.algorithm ?? 'RSA-2048');
    assert.equal(
      publicKey(dir, ['x509', '-in', file, '-noout', '-pubkey']),
      publicKey(dir, ['pkey', '-in', `${base}-key.pem`, '-pubout']),
      `${base}-key.pem matches ${file}`,
    );
    assert.equal(statSync(join(dir, `${base}-key.pem`)).mode & 0o777, 0o600);
    assert.equal(
      openssl(dir, ['verify', '-CAfile', 'rootCA.pem', '-purpose', purpose, file]).status,
      0,
      `${file} for ${purpose}`,
    );
    const crossed = openssl(dir, ['verify', '-CAfile', 'rootCA.pem', '-purpose', wrong, file]);
    assert.notEqual(crossed.status, 0, `${file} must fail ${wrong}`);
    assert.match(crossed.out, /unsuitable certificate purpose/);
    if (base === 'server') {
      const s = lab.server;
      const sans = [
        ...(s.dnsNames ?? []).map((d) => `DNS:${d}`),
        ...(s.ipAddresses ?? []).map((ip) => `IP Address:${opensslIp(ip)}`),
      ];
      assert.equal(c.ext('Subject Alternative Name'), `X509v3 Subject Alternative Name: ${sans.join(', ')}`);
    } else {
      assert.equal(c.ext('Subject Alternative Name'), '');
    }
  }
  assert.equal(statSync(join(dir, 'rootCA-key.pem')).mode & 0o777, 0o600);
}
