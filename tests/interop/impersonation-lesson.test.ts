// The outputs lesson 4 of part 5 (impersonation) prints are what real kubectl prints against the Go
// stand-in for kube-apiserver (tests/interop/go/apiserver, its impersonation filter), with the
// lesson's own inputs: the requester jane (the part-1 client certificate, CN jane, O developers)
// with a kubeconfig of her own, the RBAC objects exactly as the widget writes them (the YAML read by
// PyYAML, an independent reader, into the v1 List the stand-in's -rbac-file takes), and each
// kubectl command exactly as the widget prints it, run by bash. Allowed impersonations print the
// widget's whoami table; refused ones print the widget's 403 text and kubectl whoami's own line.
// Each output must appear, as a whole, on both the English and the Korean page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueClientCertificate, issueRootCa, issueServerCertificate } from '../../src/pki/index.ts';
import { computeImpersonation, type Inputs } from '../../src/recipes/impersonation/impersonation-choices.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'kubectl', 'python3', 'bash'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI)
  throw new Error(`CI=true and the impersonation lesson tests need ${missing.join(', ')}`);

/** The lesson's RBAC objects: the widget's defaults (jane may be sam, in group qa). */
export const LESSON_RBAC = computeImpersonation({}).rbacYaml ?? '';

/** The impersonations the lesson runs, each under the lesson's RBAC objects. */
const CASES: { inputs: Inputs; allowed: boolean }[] = [
  { inputs: {}, allowed: true },
  { inputs: { asGroups: '' }, allowed: true },
  { inputs: { asGroups: 'system:masters' }, allowed: false },
  { inputs: { as: 'admin', asGroups: '' }, allowed: false },
];

/** A service account's objects (a Role and RoleBinding in its namespace), served beside the lesson's. */
const SA_RBAC =
  computeImpersonation({ as: 'system:serviceaccount:dev:builder', asGroups: '' }).rbacYaml ?? '';
const SERVED_RBAC = `${LESSON_RBAC}---\n${SA_RBAC}`;

const page = (lang: '' | 'ko/') =>
  readFileSync(new URL(`../../content/${lang}proxy/04-impersonation.mdx`, import.meta.url), 'utf8');

function assertOnPages(what: string) {
  const text = what.trimEnd();
  assert.notEqual(text, '');
  for (const lang of ['', 'ko/'] as const)
    assert.ok(page(lang).includes(text), `content/${lang}proxy/04-impersonation.mdx shows:\n${text}`);
}

describe('lesson 5.4: kubectl --as against the stand-in, with the widget’s commands and RBAC objects', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let standin: Standin;
  const run = (command: string) => {
    const r = spawnSync('bash', ['-c', command], {
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: join(dir, 'jane.kubeconfig') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-impersonation-lesson-'));
    const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
    const server = await issueServerCertificate(
      { subject: { commonName: 'kube-apiserver' }, ipAddresses: ['127.0.0.1'], algorithm: 'ECDSA-P256' },
      ca,
    );
    const jane = await issueClientCertificate(
      { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm: 'ECDSA-P256' },
      ca,
    );
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
    writeFileSync(join(dir, 'server.pem'), server.certificatePem);
    writeFileSync(join(dir, 'server-key.pem'), server.privateKeyPem);
    writeFileSync(join(dir, 'jane.pem'), jane.certificatePem);
    writeFileSync(join(dir, 'jane-key.pem'), jane.privateKeyPem);
    writeFileSync(join(dir, 'impersonation-rbac.yaml'), SERVED_RBAC);
    const py = spawnSync(
      'python3',
      [
        '-c',
        'import json,sys,yaml; print(json.dumps({"apiVersion":"v1","kind":"List","items":[d for d in yaml.safe_load_all(open(sys.argv[1])) if d]}))',
        join(dir, 'impersonation-rbac.yaml'),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(py.status, 0, py.stderr);
    writeFileSync(join(dir, 'rbac.json'), py.stdout);
    standin = await startStandin(dir, {
      cert: join(dir, 'server.pem'),
      key: join(dir, 'server-key.pem'),
      clientCa: join(dir, 'ca.pem'),
      rbacFile: join(dir, 'rbac.json'),
    });
    const kc = (...args: string[]) =>
      assert.equal(
        spawnSync('kubectl', ['--kubeconfig', join(dir, 'jane.kubeconfig'), 'config', ...args]).status,
        0,
      );
    kc('set-cluster', 'lab', `--server=${standin.url}`, `--certificate-authority=${join(dir, 'ca.pem')}`);
    kc(
      'set-credentials',
      'jane',
      `--client-certificate=${join(dir, 'jane.pem')}`,
      `--client-key=${join(dir, 'jane-key.pem')}`,
    );
    kc('set-context', 'jane@lab', '--cluster=lab', '--user=jane');
    kc('use-context', 'jane@lab');
  });
  after(() => {
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the RBAC objects the widget writes for the lesson’s defaults', () => assertOnPages(LESSON_RBAC));

  it('without --as, whoami is jane herself', () => {
    const r = run('kubectl auth whoami');
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [developers system:authenticated]\n',
    );
    assertOnPages(r.stdout);
  });

  for (const { inputs, allowed } of CASES) {
    const r0 = computeImpersonation({ ...inputs, rbacSource: 'edited', rbac: LESSON_RBAC });
    it(`${r0.whoamiCommand}: ${allowed ? 'allowed, whoami shows the widget’s table' : 'refused with the widget’s 403'}`, () => {
      assert.deepEqual(r0.problems, {});
      assert.equal(r0.verdict?.outcome, allowed ? 'impersonated' : 'forbidden');
      assertOnPages(r0.whoamiCommand ?? '');
      const whoami = run(r0.whoamiCommand ?? '');
      if (allowed) {
        assert.equal(whoami.stderr, '');
        assert.equal(whoami.stdout, r0.whoami);
        assertOnPages(whoami.stdout);
        return;
      }
      assert.equal(whoami.status, 1);
      assert.equal(whoami.stderr.trim(), r0.whoami);
      const raw = run(r0.rawCommand ?? '');
      assert.equal(raw.status, 1);
      assert.equal(raw.stderr.trim(), r0.rawError);
      assertOnPages(r0.rawCommand ?? '');
      assertOnPages(raw.stderr);
    });
  }

  for (const [as, allowed] of [
    ['system:serviceaccount:dev:builder', true],
    ['system:serviceaccount:prod:builder', false],
  ] as const) {
    const r0 = computeImpersonation({ as, asGroups: '', rbacSource: 'edited', rbac: SERVED_RBAC });
    it(`a service account's Role allows it in its own namespace only: ${r0.whoamiCommand}`, () => {
      assert.equal(r0.verdict?.outcome, allowed ? 'impersonated' : 'forbidden');
      const r = run(allowed ? (r0.whoamiCommand ?? '') : (r0.rawCommand ?? ''));
      if (allowed) assert.equal(r.stdout, r0.whoami);
      else assert.equal(r.stderr.trim(), r0.rawError);
    });
  }

  it('kubectl refuses --as-group without --as before it sends anything', () => {
    const r = run('kubectl auth whoami --as-group=qa');
    assert.equal(r.status, 1);
    assertOnPages(r.stderr);
  });
});
