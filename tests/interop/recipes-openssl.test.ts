// Runs the openssl commands src/recipes emits, as printed, one after another with bash in a temp
// dir, then asks openssl itself what was made: subject (every RDN in order), SANs, key usage, EKU,
// CA flags, validity, key type, key/certificate match, and `openssl verify` per purpose.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createCsr } from '../../src/pki/index.ts';
import type { KeyAlgorithm, SubjectParams } from '../../src/pki/types.ts';
import {
  checkSubject,
  type LabCertificateParams,
  opensslCommands,
  opensslSubject,
} from '../../src/recipes/index.ts';
import { labFor } from '../support/lab-params.ts';
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

/** The browser engine's order (src/pki encodeName), which the recipe's -subj now follows: C, ST, L, O…, OU…, CN. */
function expectedSubject(s: LabCertificateParams['client']['subject']): [string, string][] {
  return [
    ...(s.country ? [['C', s.country] as [string, string]] : []),
    ...(s.state ? [['ST', s.state] as [string, string]] : []),
    ...(s.locality ? [['L', s.locality] as [string, string]] : []),
    ...(s.organizations ?? []).map((o): [string, string] => ['O', o]),
    ...(s.organizationalUnits ?? []).map((o): [string, string] => ['OU', o]),
    ['CN', s.commonName],
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

describe('the openssl recipe writes the subject the browser writes', () => {
  const SUBJECTS: SubjectParams[] = [
    { commonName: 'jane', organizations: ['developers'] },
    { commonName: 'jane', organizations: ['developers', 'qa'] },
    {
      commonName: 'dana.kim',
      organizations: ['ops', 'équipe', 'a+b'],
      organizationalUnits: ['x'],
      country: 'KR',
    },
  ];
  for (const subject of SUBJECTS) {
    test(`reads the same in RFC 2253 (${subject.organizations?.join(', ')})`, async (t) => {
      if (!requireTools(t, 'openssl')) return;
      const dir = mkdtempSync(join(tmpdir(), 'recipes-subject-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(join(dir, 'engine.csr'), (await createCsr({ subject })).csrPem);
      const made = openssl(dir, [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'k.pem',
        '-utf8',
        '-subj',
        opensslSubject(checkSubject('s', subject)),
        '-out',
        'recipe.csr',
      ]);
      assert.equal(made.status, 0, made.out);
      const rfc2253 = (f: string) =>
        openssl(dir, ['req', '-in', f, '-noout', '-subject', '-nameopt', 'RFC2253']).out;
      assert.equal(rfc2253('recipe.csr'), rfc2253('engine.csr'));
      assert.match(rfc2253('engine.csr'), /^subject=CN=/, 'RFC 2253 lists the last RDN, the CN, first');
    });
  }
});
