// Lesson 7 end to end with real tools. A CA made the way kubeadm makes one (openssl); a key and CSR
// made by src/pki createCsr (as the browser makes them); the CertificateSigningRequest YAML read back
// by the `yaml` package and its CSR checked by `openssl req -verify`; the CSR signed both by
// sign-on-node.sh (pointed at the temporary CA with KUBE_PKI_DIR) and by src/pki signCsr; each
// certificate judged by Go's crypto/x509 for client auth; and a kubeconfig built by src/kube (and
// another by the `kubectl config` commands the page prints) used by kubectl against the Go stand-in
// for kube-apiserver, whose `kubectl auth whoami` must print exactly the site's preview. The English
// sign-on-node.sh and the Korean one (served at /scripts/ko/sign-on-node.sh) both sign, and both certificates are judged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Lang } from '../../src/i18n/index.ts';
import {
  buildCertificateSigningRequest,
  buildKubeconfig,
  KUBE_APISERVER_CLIENT_SIGNER,
  whoamiPreview,
} from '../../src/kube/index.ts';
import { createCsr, type KeyAlgorithm, parseCsr, signCsr } from '../../src/pki/index.ts';
import { forbiddenPodsMessage, signOnNodeReport, userFiles } from '../../src/recipes/cluster/index.ts';
import { kubectlConfigCommands } from '../../src/recipes/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import type { Standin } from '../support/standin.ts';
import { startClientCertificateStandin } from '../support/standin-certs.ts';
import { hasTool, inCI } from '../support/tools.ts';

const TOOLS = ['go', 'openssl', 'kubectl', 'bash'];
const missing = TOOLS.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the lesson 7 tests need ${missing.join(', ')}`);

const LANGS = ['en', 'ko'] as const;
const SCRIPTS: Record<Lang, string> = {
  en: labScriptFile('sign-on-node.sh', 'en'),
  ko: labScriptFile('sign-on-node.sh', 'ko'),
};

/** What sign-on-node.sh says where these tests look, in each language. */
const SAYS = {
  en: {
    identity: (user: string, groups: string) =>
      `kube-apiserver will see user "${user}" in groups [${groups}].`,
    masters:
      /^sign-on-node\.sh: eve\.csr asks for the group system:masters, which bypasses all authorization/,
    noCn: /^sign-on-node\.sh: nocn\.csr has no CN: kube-apiserver would find no user name/,
    noCsr: /^sign-on-node\.sh: missing\.csr does not exist here/,
  },
  ko: {
    identity: (user: string, groups: string) =>
      `kube-apiserver가 보게 될 사용자: "${user}", 그룹: [${groups}].`,
    masters:
      /^sign-on-node\.sh: eve\.csr 파일은 system:masters 그룹을 요청합니다\. 이 그룹은 모든 인가를 건너뛰고/,
    noCn: /^sign-on-node\.sh: nocn\.csr 파일에 CN이 없습니다: kube-apiserver가 인증서에서 사용자 이름을/,
    noCsr: /^sign-on-node\.sh: missing\.csr 파일이 여기\(.*\)에 없습니다/,
  },
} satisfies Record<Lang, unknown>;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: join(cwd, 'no-such-kubeconfig'), ...env },
  });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function goVerify(leaf: string, roots: string): { ok: boolean; error: string; cn: string; o: string[] } {
  const r = spawnSync(buildGoProgram('verify'), [], {
    input: JSON.stringify([{ name: 'x', leaf, roots, purpose: 'client' }]),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout)[0];
}

/** The user and groups of a CSR as the page reads them (last CN, every O in order). */
function csrIdentity(csrPem: string): { user: string; groups: string[] } {
  const parts = parseCsr(csrPem).subject.filter((p) => p.valueType !== 'other');
  return {
    user: [...parts].reverse().find((p) => p.type === 'CN')?.value ?? '',
    groups: parts.filter((p) => p.type === 'O').map((p) => p.value),
  };
}

describe('lesson 7: a new user, from the browser-made CSR to kubectl auth whoami', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let pki = '';
  let server: Standin;
  let caPem = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-new-user-'));
    pki = join(dir, 'pki');
    spawnSync('mkdir', ['-p', pki]);
    server = await startClientCertificateStandin(pki);
    caPem = readFileSync(join(pki, 'ca.crt'), 'utf8');
  });

  after(() => {
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const CASES: [string, KeyAlgorithm, string, string[]][] = [
    ['RSA-2048, two groups that may list pods', 'RSA-2048', 'jane', ['developers', 'ops']],
    ['ECDSA-P256, a group without a binding', 'ECDSA-P256', 'bob', ['developers']],
  ];

  for (const [label, algorithm, user, groups] of CASES) {
    it(`works end to end (${label})`, async () => {
      const work = mkdtempSync(join(dir, `${user}-`));
      const files = userFiles(user);
      const { csrPem, privateKeyPem } = await createCsr({
        subject: { commonName: user, organizations: groups },
        algorithm,
      });
      writeFileSync(join(work, files.csr), csrPem);
      writeFileSync(join(work, files.key), privateKeyPem);

      // The CertificateSigningRequest object: exactly FACTS §3, and its CSR verifies.
      const { yaml } = buildCertificateSigningRequest({ name: user, csrPem, expirationSeconds: 86400 });
      const object = parse(yaml);
      assert.deepEqual(Object.keys(object).sort(), ['apiVersion', 'kind', 'metadata', 'spec']);
      assert.equal(object.apiVersion, 'certificates.k8s.io/v1');
      assert.equal(object.kind, 'CertificateSigningRequest');
      assert.deepEqual(object.metadata, { name: user });
      assert.deepEqual(Object.keys(object.spec).sort(), [
        'expirationSeconds',
        'request',
        'signerName',
        'usages',
      ]);
      assert.equal(object.spec.signerName, KUBE_APISERVER_CLIENT_SIGNER);
      assert.equal(object.spec.expirationSeconds, 86400);
      assert.deepEqual(object.spec.usages, ['client auth']);
      const embedded = Buffer.from(object.spec.request, 'base64').toString('utf8');
      assert.equal(embedded, csrPem);
      writeFileSync(join(work, 'embedded.csr'), embedded);
      const verify = run('openssl', ['req', '-in', 'embedded.csr', '-noout', '-verify'], work);
      assert.equal(verify.status, 0, verify.stderr);
      assert.match(verify.stdout + verify.stderr, /verify OK/);

      // Signed on the "node" by sign-on-node.sh, in each language (the same command, each in a folder
      // of its own), and by src/pki.
      const byScript = LANGS.map((lang) => {
        const node = lang === 'en' ? work : join(work, lang);
        mkdirSync(node, { recursive: true });
        writeFileSync(join(node, files.csr), csrPem);
        const signed = run('bash', [SCRIPTS[lang], '--days', '1', files.csr], node, { KUBE_PKI_DIR: pki });
        assert.equal(signed.status, 0, signed.stdout + signed.stderr);
        assert.ok(
          signed.stdout
            .split('\n')
            .includes(SAYS[lang].identity(user, `${groups.join(' ')} system:authenticated`)),
          signed.stdout,
        );
        // All it prints is what lesson 7 shows through signOnNodeReport, with this certificate's lines.
        const certificateLines = run(
          'openssl',
          [
            'x509',
            '-in',
            files.certificate,
            '-noout',
            '-subject',
            '-issuer',
            '-enddate',
            '-ext',
            'extendedKeyUsage',
          ],
          node,
        ).stdout;
        assert.equal(
          signed.stdout,
          signOnNodeReport({ lang, user, groups, out: files.certificate, pkiDir: pki, certificateLines }),
        );
        return [`${lang}: sign-on-node.sh`, readFileSync(join(node, files.certificate), 'utf8')] as const;
      });
      const byPki = (
        await signCsr(
          csrPem,
          { certificatePem: caPem, privateKeyPem: readFileSync(join(pki, 'ca.key'), 'utf8') },
          { purpose: 'client', validityDays: 1 },
        )
      ).certificatePem;

      const expectedWhoami = whoamiPreview(csrIdentity(csrPem));
      for (const [signer, certificatePem] of [...byScript, ['src/pki signCsr', byPki] as const]) {
        const go = goVerify(certificatePem, caPem);
        assert.equal(go.ok, true, `${signer}: Go says ${go.error}`);
        assert.equal(go.cn, user);
        assert.deepEqual(go.o, groups);

        const kubeconfig = join(work, `${signer.replace(/\W+/g, '-')}.kubeconfig`);
        writeFileSync(
          kubeconfig,
          buildKubeconfig({
            clusterName: 'kubernetes',
            server: server.url,
            caPem,
            userName: user,
            clientCertificatePem: certificatePem,
            clientKeyPem: privateKeyPem,
          }),
        );
        const view = run(
          'kubectl',
          ['config', 'view', '--raw', '--minify', '--kubeconfig', kubeconfig],
          work,
        );
        assert.equal(view.status, 0, view.stderr);
        const whoami = run('kubectl', ['--kubeconfig', kubeconfig, 'auth', 'whoami'], work);
        assert.equal(whoami.status, 0, whoami.stderr);
        assert.equal(whoami.stdout, expectedWhoami, `${signer}: whoami differs from the preview`);
        const api = run('kubectl', ['--kubeconfig', kubeconfig, 'get', '--raw', '/api'], work);
        assert.equal(api.status, 0, api.stderr);
        assert.equal(JSON.parse(api.stdout).kind, 'APIVersions');
        const pods = run('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-n', 'kube-system'], work);
        if (groups.includes('ops')) {
          assert.equal(pods.status, 0, pods.stderr);
        } else {
          assert.equal(pods.status, 1);
          assert.equal(pods.stderr, forbiddenPodsMessage(user));
        }
      }

      // The `kubectl config` commands the page prints build an equivalent kubeconfig.
      writeFileSync(join(work, 'ca.crt'), caPem);
      for (const step of kubectlConfigCommands({
        clusterName: 'kubernetes',
        server: server.url,
        caFile: 'ca.crt',
        userName: user,
        clientCertificateFile: files.certificate,
        clientKeyFile: files.key,
        kubeconfigFile: files.kubeconfig,
      })) {
        const r = run('bash', ['-euo', 'pipefail', '-c', step.command], work);
        assert.equal(r.status, 0, `${step.command}\n${r.stderr}`);
      }
      const whoami = run('kubectl', ['--kubeconfig', files.kubeconfig, 'auth', 'whoami'], work);
      assert.equal(whoami.stdout, expectedWhoami, whoami.stderr);
    });
  }

  for (const lang of LANGS) {
    it(`sign-on-node.sh (${lang}) refuses system:masters and an empty CN, and never copies ca.key`, async () => {
      const work = mkdtempSync(join(dir, `refused-${lang}-`));
      const masters = await createCsr({ subject: { commonName: 'eve', organizations: ['system:masters'] } });
      writeFileSync(join(work, 'eve.csr'), masters.csrPem);
      const r = run('bash', [SCRIPTS[lang], 'eve.csr'], work, { KUBE_PKI_DIR: pki });
      assert.equal(r.status, 2);
      assert.match(r.stderr, SAYS[lang].masters);
      const nocn = await createCsr({ subject: { commonName: '', organizations: ['ops'] } });
      writeFileSync(join(work, 'nocn.csr'), nocn.csrPem);
      const r2 = run('bash', [SCRIPTS[lang], 'nocn.csr'], work, { KUBE_PKI_DIR: pki });
      assert.equal(r2.status, 2);
      assert.match(r2.stderr, SAYS[lang].noCn);
      const r3 = run('bash', [SCRIPTS[lang], 'missing.csr'], work, { KUBE_PKI_DIR: join(dir, 'nowhere') });
      assert.equal(r3.status, 2);
      assert.match(r3.stderr, SAYS[lang].noCsr);
      assert.deepEqual(readdirSync(work).sort(), ['eve.csr', 'nocn.csr']);

      const caKey = readFileSync(join(pki, 'ca.key'), 'utf8');
      const walk = (d: string): string[] =>
        readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
      const copies = walk(dir).filter((f) => f !== join(pki, 'ca.key') && readFileSync(f, 'utf8') === caKey);
      assert.deepEqual(copies, []);
    });
  }
});
