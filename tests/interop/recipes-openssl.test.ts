// Runs the openssl commands src/recipes emits, as printed, one after another with bash in a temp
// dir, then asks openssl itself what was made: subject (every RDN in order), SANs, key usage, EKU,
// CA flags, validity, key type, key/certificate match, and `openssl verify` per purpose.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { KeyAlgorithm } from '../../src/pki/types.ts';
import { type LabCertificateParams, opensslCommands } from '../../src/recipes/index.ts';
import { checkLabSet, openssl, run } from '../support/openssl-text.ts';
import { requireTools } from '../support/tools.ts';

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
  checkLabSet(dir, lab, expectedSubject, { leafSubjectKeyId: true });
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
