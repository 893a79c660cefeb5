// Runs the openssl commands src/recipes emits, as printed, one after another with bash in a temp
// dir, then asks openssl itself what was made: subject (every RDN in order), SANs, key usage, EKU,
// CA flags, validity, key type, key/certificate match, and `openssl verify` per purpose.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { createCsr } from '../../src/pki/index.ts';
import { KEY_ALGORITHMS, type SubjectParams } from '../../src/pki/types.ts';
import {
  checkSubject,
  type LabCertificateParams,
  opensslCommands,
  opensslSubject,
} from '../../src/recipes/index.ts';
import { labFor, mixedLab, nastyLab, subjectRdns } from '../support/lab-params.ts';
import { makeCsr } from '../support/openssl.ts';
import { checkLabSet, openssl, run } from '../support/openssl-text.ts';
import { requireTools } from '../support/tools.ts';

const NASTY = nastyLab([
  'dev ops',
  'a+b',
  'back\\slash',
  'x=y, z',
  'équipe ☸',
  '$(id)',
  'kubeadm:cluster-admins',
]);

function checkLab(dir: string, lab: LabCertificateParams): void {
  checkLabSet(dir, lab, subjectRdns, { leafSubjectKeyId: true });
  assert.equal(openssl(dir, ['req', '-verify', '-noout', '-in', 'client.csr']).status, 0);
}

/** A temp folder for one test, removed after it. */
function tempDir(t: TestContext, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the openssl recipe, run as printed', () => {
  for (const algorithm of KEY_ALGORITHMS) {
    test(`makes an ${algorithm} lab set that openssl reads back as asked`, (t) => {
      if (!requireTools(t, 'openssl', 'bash')) return;
      const dir = tempDir(t, 'recipes-openssl-');
      const lab = labFor(algorithm);
      run(dir, opensslCommands(lab));
      checkLab(dir, lab);
    });
  }

  test('keeps quotes, slashes, $, +, =, backslashes and Unicode in subjects exactly', (t) => {
    if (!requireTools(t, 'openssl', 'bash')) return;
    const dir = tempDir(t, 'recipes-openssl-');
    run(dir, opensslCommands(NASTY));
    checkLab(dir, NASTY);
  });

  test('mixes algorithms: an Ed25519 CA signs RSA and ECDSA leaves', (t) => {
    if (!requireTools(t, 'openssl', 'bash')) return;
    const dir = tempDir(t, 'recipes-openssl-');
    const lab = mixedLab();
    run(dir, opensslCommands(lab));
    checkLab(dir, lab);
  });

  test('gives a 64-character CN through, the longest openssl takes', (t) => {
    if (!requireTools(t, 'openssl', 'bash')) return;
    const dir = tempDir(t, 'recipes-openssl-');
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
      const dir = tempDir(t, 'recipes-subject-');
      writeFileSync(join(dir, 'engine.csr'), (await createCsr({ subject })).csrPem);
      makeCsr(dir, 'recipe', ['-utf8', '-subj', opensslSubject(checkSubject('s', subject))], 'p256');
      const rfc2253 = (f: string) =>
        openssl(dir, ['req', '-in', f, '-noout', '-subject', '-nameopt', 'RFC2253']).out;
      assert.equal(rfc2253('recipe.csr'), rfc2253('engine.csr'));
      assert.match(rfc2253('engine.csr'), /^subject=CN=/, 'RFC 2253 lists the last RDN, the CN, first');
    });
  }
});
