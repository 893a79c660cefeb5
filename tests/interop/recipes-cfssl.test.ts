// Runs real `cfssl gencert` and `cfssljson -bare` on the JSON files src/recipes emits, with the
// command lines exactly as printed, then asks openssl what was made: subject, SANs, key usage,
// EKU, CA flags, validity, key type, key/certificate match, and `openssl verify` per purpose.
//
// Subjects: Go (so cfssl) writes all O values into ONE multi-valued RDN, and DER sorts the members
// of that SET (shorter encodings first, then bytewise). So the groups Kubernetes reads from a cfssl
// certificate come in that order, not in the order of csr.json. The test asserts exactly that.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { labFor, subjectRdns } from '../support/lab-params.ts';
import { checkLabSet, info, run } from '../support/openssl-text.ts';
import { requireTools } from '../support/tools.ts';

/** DER order of PrintableString values in one SET: shorter first, then bytewise. */
function derOrder(values: string[]): string[] {
  return [...values].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** The subject as Go's pkix.Name writes it: C, ST, L, O (one sorted RDN), OU (one sorted RDN), CN. */
function goSubject(s: SubjectParams): [string, string][] {
  return subjectRdns(s, derOrder);
}

/** The shared lab set with a locality for the CA, and four groups and an OU for the client, to sort. */
function cfsslLab(algorithm: KeyAlgorithm): LabCertificateParams {
  const lab = labFor(algorithm);
  return {
    ...lab,
    rootCa: { ...lab.rootCa, subject: { ...lab.rootCa.subject, locality: 'Berlin' } },
    client: {
      ...lab.client,
      subject: {
        commonName: 'jane',
        organizations: ['developers', 'admins', 'kubeadm:cluster-admins', 'qa'],
        organizationalUnits: ['lab'],
      },
    },
  };
}

function checkLab(dir: string, lab: LabCertificateParams): void {
  checkLabSet(dir, lab, goSubject, { leafSubjectKeyId: false });
  // cfssljson writes keys in the traditional formats (PKCS#1, SEC1).
  for (const [base, params] of [
    ['server', lab.server],
    ['client', lab.client],
  ] as const) {
    assert.match(
      readFileSync(join(dir, `${base}-key.pem`), 'utf8'),
      (params.algorithm ?? 'RSA').startsWith('RSA')
        ? /^-----BEGIN RSA PRIVATE KEY-----/
        : /^-----BEGIN EC PRIVATE KEY-----/,
    );
  }
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
      const lab = cfsslLab(algorithm);
      for (const f of cfsslFiles(lab)) writeFileSync(join(dir, f.name), f.content);
      run(dir, cfsslCommands(lab));
      checkLab(dir, lab);
    });
  }

  test('runs alone when it writes its own JSON files, and honours a path length of 0', (t) => {
    if (!requireTools(t, 'cfssl', 'cfssljson', 'openssl', 'bash')) return;
    const dir = tempDir(t);
    const base = cfsslLab('ECDSA-P256');
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
    // The client step tells the reader the order cfssl really wrote.
    const step = cfsslCommands(lab).find((c) => c.step?.startsWith('cfssl.client'));
    assert.equal(step?.step, 'cfssl.clientSorted');
    assert.equal(
      step?.vars?.groups,
      client.subject
        .filter(([type]) => type === 'O')
        .map(([, value]) => value)
        .join(', '),
    );
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
