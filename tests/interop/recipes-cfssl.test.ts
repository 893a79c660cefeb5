// Runs real `cfssl gencert` and `cfssljson -bare` on the JSON files src/recipes emits, with the
// command lines exactly as printed, then asks openssl what was made: subject, SANs, key usage,
// EKU, CA flags, validity, key type, key/certificate match, and `openssl verify` per purpose.
//
// Subjects: Go (so cfssl) writes all O values into ONE multi-valued RDN, and DER sorts the members
// of that SET (shorter encodings first, then bytewise). So the groups Kubernetes reads from a cfssl
// certificate come in that order, not in the order of csr.json. The test asserts exactly that.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { KeyAlgorithm, SubjectParams } from '../../src/pki/types.ts';
import {
  CFSSL_KEY_ALGORITHMS,
  cfsslCommands,
  cfsslFiles,
  type LabCertificateParams,
} from '../../src/recipes/index.ts';
import { info, openssl, publicKey, run } from '../support/openssl-text.ts';
import { requireTools } from '../support/tools.ts';

/** IPv6/IPv4 text as `openssl x509 -text` prints it in a SAN. */
function opensslIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => Number.parseInt(g, 16).toString(16).toUpperCase()).join(':');
}

/** DER order of PrintableString values in one SET: shorter first, then bytewise. */
function derOrder(values: string[]): string[] {
  return [...values].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** The subject as Go's pkix.Name writes it: C, ST, L, O (one sorted RDN), OU (one sorted RDN), CN. */
function goSubject(s: SubjectParams): [string, string][] {
  return [
    ...(s.country ? [['C', s.country] as [string, string]] : []),
    ...(s.state ? [['ST', s.state] as [string, string]] : []),
    ...(s.locality ? [['L', s.locality] as [string, string]] : []),
    ...derOrder(s.organizations ?? []).map((o): [string, string] => ['O', o]),
    ...derOrder(s.organizationalUnits ?? []).map((o): [string, string] => ['OU', o]),
    ['CN', s.commonName],
  ];
}

function labFor(algorithm: KeyAlgorithm): LabCertificateParams {
  return {
    rootCa: {
      subject: {
        commonName: 'Kube Auth Lab CA',
        organizations: ['Kube Auth Lab'],
        country: 'DE',
        locality: 'Berlin',
      },
      algorithm,
      validityDays: 3650,
    },
    server: {
      subject: { commonName: 'localhost' },
      dnsNames: ['localhost', 'lab.example.test'],
      ipAddresses: ['127.0.0.1', '::1'],
      algorithm,
      validityDays: 90,
    },
    client: {
      subject: {
        commonName: 'jane',
        organizations: ['developers', 'admins', 'kubeadm:cluster-admins', 'qa'],
        organizationalUnits: ['lab'],
      },
      algorithm,
      validityDays: 30,
    },
  };
}

function checkLab(dir: string, lab: LabCertificateParams): void {
  const ca = info(dir, 'rootCA.pem');
  assert.deepEqual(ca.subject, goSubject(lab.rootCa.subject));
  const pathLen = lab.rootCa.pathLength === undefined ? '' : `, pathlen:${lab.rootCa.pathLength}`;
  assert.equal(ca.ext('Basic Constraints'), `X509v3 Basic Constraints: critical CA:TRUE${pathLen}`);
  assert.equal(ca.ext('Key Usage'), 'X509v3 Key Usage: critical Certificate Sign, CRL Sign');
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
    assert.deepEqual(c.subject, goSubject(params.subject), file);
    assert.equal(c.ext('Basic Constraints'), 'X509v3 Basic Constraints: critical CA:FALSE');
    assert.equal(
      c.ext('Key Usage'),
      (params.algorithm ?? 'RSA-2048').startsWith('RSA')
        ? 'X509v3 Key Usage: critical Digital Signature, Key Encipherment'
        : 'X509v3 Key Usage: critical Digital Signature',
    );
    assert.equal(c.ext('Extended Key Usage'), `X509v3 Extended Key Usage: ${eku}`);
    assert.match(c.ext('Authority Key Identifier'), /Authority Key Identifier: [0-9A-F:]{59}/);
    assert.equal(c.validitySeconds, (params.validityDays ?? 365) * 86400);
    assert.equal(c.key, params.algorithm ?? 'RSA-2048');
    const keyPem = readFileSync(join(dir, `${base}-key.pem`), 'utf8');
    assert.match(
      keyPem,
      (params.algorithm ?? 'RSA').startsWith('RSA')
        ? /^-----BEGIN RSA PRIVATE KEY-----/
        : /^-----BEGIN EC PRIVATE KEY-----/,
    );
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

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'recipes-cfssl-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the cfssl recipe, run as printed with real cfssl and cfssljson', () => {
  for (const algorithm of CFSSL_KEY_ALGORITHMS) {
    test(`makes an ${algorithm} lab set that openssl reads back as asked`, (t) => {
      if (!requireTools(t, 'cfssl', 'cfssljson', 'openssl', 'bash')) return;
      const dir = tempDir(t);
      const lab = labFor(algorithm);
      for (const f of cfsslFiles(lab)) writeFileSync(join(dir, f.name), f.content);
      run(dir, cfsslCommands(lab));
      checkLab(dir, lab);
    });
  }

  test('runs alone when it writes its own JSON files, and honours a path length of 0', (t) => {
    if (!requireTools(t, 'cfssl', 'cfssljson', 'openssl', 'bash')) return;
    const dir = tempDir(t);
    const base = labFor('ECDSA-P256');
    const lab = {
      ...base,
      rootCa: { ...base.rootCa, pathLength: 0, validityDays: 7 },
      client: {
        ...base.client,
        subject: { commonName: "O'Brien José", organizations: ['dev ops', '$HOME'] },
      },
    };
    run(dir, cfsslCommands(lab, { writeFiles: true }));
    const client = info(dir, 'client.pem');
    assert.deepEqual(client.subject, [
      ['O', '$HOME'],
      ['O', 'dev ops'],
      ['CN', "O'Brien José"],
    ]);
    assert.equal(
      info(dir, 'rootCA.pem').ext('Basic Constraints'),
      'X509v3 Basic Constraints: critical CA:TRUE, pathlen:0',
    );
  });

  test('cfssl here really rejects Ed25519 keys, as CFSSL_KEY_ALGORITHMS says', (t) => {
    if (!requireTools(t, 'cfssl')) return;
    const dir = tempDir(t);
    writeFileSync(join(dir, 'ed.json'), JSON.stringify({ CN: 'x', key: { algo: 'ed25519' } }));
    const r = spawnSync('cfssl', ['gencert', '-initca', 'ed.json'], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stdout + r.stderr, /invalid algorithm/);
    assert.ok(!CFSSL_KEY_ALGORITHMS.includes('Ed25519'));
  });
});
