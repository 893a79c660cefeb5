// Runs the openssl commands src/recipes emits, as printed, one after another with bash in a temp
// dir, then asks openssl itself what was made: subject (every RDN in order), SANs, key usage, EKU,
// CA flags, validity, key type, key/certificate match, and `openssl verify` per purpose.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { KeyAlgorithm } from '../../src/pki/types.ts';
import { type LabCertificateParams, opensslCommands } from '../../src/recipes/index.ts';
import { info, openssl, publicKey, run } from '../support/openssl-text.ts';
import { requireTools } from '../support/tools.ts';

/** IPv6/IPv4 text as `openssl x509 -text` prints it in a SAN. */
export function opensslIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => Number.parseInt(g, 16).toString(16).toUpperCase()).join(':');
}

const ALGORITHMS: KeyAlgorithm[] = [
  'RSA-2048',
  'RSA-3072',
  'RSA-4096',
  'ECDSA-P256',
  'ECDSA-P384',
  'Ed25519',
];

function labFor(algorithm: KeyAlgorithm): LabCertificateParams {
  return {
    rootCa: {
      subject: { commonName: 'Kube Auth Lab CA', organizations: ['Kube Auth Lab'], country: 'DE' },
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
      subject: { commonName: 'jane', organizations: ['developers', 'admins'] },
      algorithm,
      validityDays: 30,
    },
  };
}

const NASTY: LabCertificateParams = {
  rootCa: {
    subject: { commonName: `Lab "CA" / $HOME`, organizations: ['R&D; `x`'] },
    algorithm: 'ECDSA-P256',
    pathLength: 0,
    validityDays: 10,
  },
  server: {
    subject: { commonName: "it's a server" },
    dnsNames: ['*.apps.example.test'],
    ipAddresses: ['2001:db8::10'],
    algorithm: 'ECDSA-P256',
    validityDays: 2,
  },
  client: {
    subject: {
      commonName: "O'Brien/José",
      organizations: [
        'dev ops',
        'a+b',
        'back\\slash',
        'x=y, z',
        'équipe ☸',
        '$(id)',
        'kubeadm:cluster-admins',
      ],
      organizationalUnits: ['unit 1'],
    },
    algorithm: 'RSA-2048',
    validityDays: 1,
  },
};

function expectedSubject(s: LabCertificateParams['client']['subject']): [string, string][] {
  return [
    ['CN', s.commonName],
    ...(s.organizations ?? []).map((o): [string, string] => ['O', o]),
    ...(s.organizationalUnits ?? []).map((o): [string, string] => ['OU', o]),
    ...(s.country ? [['C', s.country] as [string, string]] : []),
  ];
}

function checkLab(dir: string, lab: LabCertificateParams): void {
  const ca = info(dir, 'rootCA.pem');
  assert.deepEqual(ca.subject, expectedSubject(lab.rootCa.subject));
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
    assert.match(c.ext('Subject Key Identifier'), /Subject Key Identifier: [0-9A-F:]{59}/);
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
  assert.equal(openssl(dir, ['req', '-verify', '-noout', '-in', 'client.csr']).status, 0);
}

describe('the openssl recipe, run as printed', () => {
  for (const algorithm of ALGORITHMS) {
    test(`makes an ${algorithm} lab set that openssl reads back as asked`, (t) => {
      if (!requireTools(t, 'openssl', 'bash')) return;
      const dir = mkdtempSync(join(tmpdir(), 'recipes-openssl-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const lab = labFor(algorithm);
      run(dir, opensslCommands(lab));
      checkLab(dir, lab);
    });
  }

  test('keeps quotes, slashes, $, +, =, backslashes and Unicode in subjects exactly', (t) => {
    if (!requireTools(t, 'openssl', 'bash')) return;
    const dir = mkdtempSync(join(tmpdir(), 'recipes-openssl-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    run(dir, opensslCommands(NASTY));
    checkLab(dir, NASTY);
  });

  test('mixes algorithms: an Ed25519 CA signs RSA and ECDSA leaves', (t) => {
    if (!requireTools(t, 'openssl', 'bash')) return;
    const dir = mkdtempSync(join(tmpdir(), 'recipes-openssl-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const base = labFor('RSA-2048');
    const lab = {
      ...base,
      rootCa: { ...base.rootCa, algorithm: 'Ed25519' as const },
      server: { ...base.server, algorithm: 'ECDSA-P384' as const },
    };
    run(dir, opensslCommands(lab));
    checkLab(dir, lab);
  });

  test('gives a 64-character CN through, the longest openssl takes', (t) => {
    if (!requireTools(t, 'openssl', 'bash')) return;
    const dir = mkdtempSync(join(tmpdir(), 'recipes-openssl-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const base = labFor('ECDSA-P256');
    const lab = {
      ...base,
      client: { ...base.client, subject: { commonName: 'é'.repeat(64), organizations: ['o'.repeat(64)] } },
    };
    run(dir, opensslCommands(lab));
    checkLab(dir, lab);
  });
});
