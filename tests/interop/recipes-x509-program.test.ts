// Runs the "in your own code" programs src/recipes prints (make-lab-certs.mjs for lesson 3,
// make-user-csr.mjs for lesson 7) with Node and the real @peculiar/x509 and reflect-metadata
// packages — the ones this project installs, linked as ./node_modules in place of the reader's
// `npm install` — then judges what they wrote as the cfssl and openssl recipes are judged: openssl
// reads every certificate back (subject in order, extensions, lifetimes, key types, key/certificate
// pairs, key file modes, `openssl verify` per purpose), and Go's crypto/x509 verifies the chains the
// way kube-apiserver does and reads the user and groups.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { KEY_ALGORITHMS } from '../../src/pki/types.ts';
import type { LabCertificateParams } from '../../src/recipes/index.ts';
import { x509CsrRecipe } from '../../src/recipes/x509-csr-program.ts';
import { x509LabRecipe } from '../../src/recipes/x509-lab-program.ts';
import { buildGoProgram } from '../support/go.ts';
import { labFor, mixedLab, nastyLab, subjectRdns } from '../support/lab-params.ts';
import { makeSelfSigned, signCsr } from '../support/openssl.ts';
import { checkLabSet, openssl } from '../support/openssl-text.ts';
import { requireTools } from '../support/tools.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NASTY = nastyLab(
  ['#dev ops', 'a+b', 'back\\slash', '"quoted"', 'x=y, z', 'équipe ☸', '$(id) `x`', 'kubeadm:cluster-admins'],
  { locality: 'Zürich' },
);

/** A temp folder with the real packages as ./node_modules, removed after the test. */
function folder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'recipes-x509-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Saves the program and runs its commands as printed (the install step is the link above). */
function runProgram(dir: string, recipe: ReturnType<typeof x509LabRecipe>): string {
  writeFileSync(join(dir, recipe.file.name), recipe.file.content);
  const [install, runIt] = recipe.commands;
  assert.equal(install?.command, 'npm install @peculiar/x509 reflect-metadata');
  assert.equal(runIt?.command, `node ${recipe.file.name}`);
  // `node` is the project's pinned Node (the one running this test).
  const r = spawnSync(process.execPath, [recipe.file.name], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `${runIt.command} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

interface GoVerdict {
  ok: boolean;
  error: string;
  cn: string;
  o: string[];
}

function goVerify(cases: { leaf: string; roots: string; purpose: string; hostname?: string }[]): GoVerdict[] {
  const r = spawnSync(buildGoProgram('verify'), [], {
    input: JSON.stringify(cases.map((c, i) => ({ name: String(i), ...c }))),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as GoVerdict[];
}

/** Go verifies server.pem for serverAuth at each SAN and client.pem for clientAuth, and reads CN and O. */
function checkWithGo(dir: string, lab: LabCertificateParams): void {
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const roots = read('rootCA.pem');
  const hosts = [
    ...(lab.server.dnsNames ?? []).map((d) => d.replace('*.', 'x.')),
    ...(lab.server.ipAddresses ?? []),
  ];
  const verdicts = goVerify([
    { leaf: read('client.pem'), roots, purpose: 'client' },
    { leaf: read('server.pem'), roots, purpose: 'server' },
    ...hosts.map((hostname) => ({ leaf: read('server.pem'), roots, purpose: 'server', hostname })),
    { leaf: read('client.pem'), roots, purpose: 'server' },
  ]);
  const [client, server, ...rest] = verdicts;
  const crossed = rest.pop();
  assert.equal(client?.ok, true, `Go: client.pem for clientAuth: ${client?.error}`);
  assert.equal(client?.cn, lab.client.subject.commonName);
  assert.deepEqual(client?.o, lab.client.subject.organizations ?? []);
  assert.equal(server?.ok, true, `Go: server.pem for serverAuth: ${server?.error}`);
  rest.forEach((v, i) => {
    assert.equal(v.ok, true, `Go: server.pem for ${hosts[i]}: ${v.error}`);
  });
  assert.equal(crossed?.ok, false, 'Go must refuse client.pem for serverAuth');
  assert.match(crossed?.error ?? '', /incompatible key usage/);
}

function checkLab(dir: string, lab: LabCertificateParams): void {
  checkLabSet(dir, lab, subjectRdns, {
    leafSubjectKeyId: true,
    caKeyUsage: 'Digital Signature, Certificate Sign, CRL Sign',
  });
  for (const base of ['rootCA', 'server', 'client']) {
    assert.match(readFileSync(join(dir, `${base}-key.pem`), 'utf8'), /^-----BEGIN PRIVATE KEY-----\n/);
  }
}

describe('make-lab-certs.mjs, the @peculiar/x509 program of lesson 3, run as printed', () => {
  for (const algorithm of KEY_ALGORITHMS) {
    test(`makes an ${algorithm} lab set that openssl reads back as asked and Go verifies`, (t) => {
      if (!requireTools(t, 'openssl', 'go')) return;
      const dir = folder(t);
      const lab = labFor(algorithm);
      const out = runProgram(dir, x509LabRecipe(lab));
      assert.match(out, /^Wrote rootCA\.pem, rootCA-key\.pem, server\.pem/);
      checkLab(dir, lab);
      checkWithGo(dir, lab);
    });
  }

  test('keeps quotes, slashes, #, $, +, =, backslashes and Unicode in subjects exactly', (t) => {
    if (!requireTools(t, 'openssl', 'go')) return;
    const dir = folder(t);
    runProgram(dir, x509LabRecipe(NASTY));
    checkLab(dir, NASTY);
    checkWithGo(dir, NASTY);
    const pathLen = openssl(dir, ['x509', '-in', 'rootCA.pem', '-noout', '-ext', 'basicConstraints']).out;
    assert.match(pathLen, /CA:TRUE, pathlen:0/);
  });

  test('mixes algorithms: an Ed25519 CA signs RSA and ECDSA leaves', (t) => {
    if (!requireTools(t, 'openssl', 'go')) return;
    const dir = folder(t);
    const lab = mixedLab();
    runProgram(dir, x509LabRecipe(lab));
    checkLab(dir, lab);
    checkWithGo(dir, lab);
  });

  test('the Korean edition runs the same code and says what it wrote in Korean', (t) => {
    if (!requireTools(t, 'openssl', 'go')) return;
    const lab = labFor('ECDSA-P256');
    const code = (s: string) => s.replace(/^\s*\/\/.*$/gm, '').replace(/console\.log\(.*\);/, '');
    assert.equal(code(x509LabRecipe(lab, 'ko').file.content), code(x509LabRecipe(lab).file.content));
    const dir = folder(t);
    assert.match(runProgram(dir, x509LabRecipe(lab, 'ko')), /^만든 파일: rootCA\.pem/);
    checkLab(dir, lab);
    checkWithGo(dir, lab);
  });

  test('refuses the values the other recipes refuse, with the same codes', () => {
    const base = labFor('RSA-2048');
    assert.throws(
      () => x509LabRecipe({ ...base, client: { ...base.client, subject: { commonName: 'a\u0085b' } } }),
      { code: 'recipe/control-character' },
    );
    assert.throws(() => x509LabRecipe({ ...base, server: { ...base.server, dnsNames: ['bad name'] } }), {
      code: 'recipe/bad-dns-name',
    });
    assert.throws(() => x509LabRecipe({ ...base, rootCa: { ...base.rootCa, validityDays: 0 } }), {
      code: 'recipe/bad-validity',
    });
  });
});

describe('make-user-csr.mjs, the @peculiar/x509 program of lesson 7, run as printed', () => {
  for (const algorithm of KEY_ALGORITHMS) {
    test(`makes an ${algorithm} key and CSR that openssl verifies and Go's authenticator reads as the user`, (t) => {
      if (!requireTools(t, 'openssl', 'go')) return;
      const dir = folder(t);
      const params = { user: 'Jane Doe', groups: ['developers', 'équipe ☸', 'a+b'], algorithm };
      const recipe = x509CsrRecipe(params);
      assert.equal(recipe.file.name, 'make-user-csr.mjs');
      assert.match(runProgram(dir, recipe), /^Wrote jane-doe-key\.pem, jane-doe\.csr/);

      const verify = openssl(dir, ['req', '-in', 'jane-doe.csr', '-noout', '-verify']);
      assert.equal(verify.status, 0, verify.out);
      assert.match(verify.out, /verify OK/);
      const subject = openssl(dir, [
        'req',
        '-in',
        'jane-doe.csr',
        '-noout',
        '-subject',
        '-nameopt',
        'sep_multiline,utf8,-esc_msb,sname',
      ]).out;
      assert.deepEqual(
        subject
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
          .filter(Boolean),
        ['O=developers', 'O=équipe ☸', 'O=a+b', 'CN=Jane Doe'],
      );
      assert.equal(
        openssl(dir, ['req', '-in', 'jane-doe.csr', '-noout', '-pubkey']).out,
        openssl(dir, ['pkey', '-in', 'jane-doe-key.pem', '-pubout']).out,
        'jane-doe-key.pem is the CSR’s key',
      );
      assert.equal(statSync(join(dir, 'jane-doe-key.pem')).mode & 0o777, 0o600);

      // Signed as sign-on-node.sh signs it (openssl x509 -req, clientAuth), Go reads user and groups.
      makeSelfSigned(dir, 'ca', '/CN=kubernetes', { key: 'p256', days: 1 });
      signCsr(
        dir,
        'ca',
        'jane-doe',
        ['extendedKeyUsage = clientAuth', 'keyUsage = critical,digitalSignature'],
        {
          days: 1,
        },
      );
      const [go] = goVerify([
        {
          leaf: readFileSync(join(dir, 'jane-doe.crt'), 'utf8'),
          roots: readFileSync(join(dir, 'ca.crt'), 'utf8'),
          purpose: 'client',
        },
      ]);
      assert.equal(go?.ok, true, go?.error);
      assert.equal(go?.cn, 'Jane Doe');
      assert.deepEqual(go?.o, ['developers', 'équipe ☸', 'a+b']);
    });
  }

  test('the Korean edition runs the same code and says what it wrote in Korean', (t) => {
    if (!requireTools(t, 'openssl')) return;
    const params = { user: 'jane', groups: ['developers'] };
    const dir = folder(t);
    assert.match(runProgram(dir, x509CsrRecipe(params, 'ko')), /^만든 파일: jane-key\.pem, jane\.csr/);
    assert.equal(openssl(dir, ['req', '-in', 'jane.csr', '-noout', '-verify']).status, 0);
  });

  test('refuses an empty user name with the recipes’ code', () => {
    assert.throws(() => x509CsrRecipe({ user: ' ' }), { code: 'recipe/empty-value' });
  });
});
