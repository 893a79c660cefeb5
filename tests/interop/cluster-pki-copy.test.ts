// kube-pki-copy.sh against a fake /etc/kubernetes: a CA, an API server certificate and an admin
// client certificate made with openssl the way kubeadm makes them, and admin.conf / super-admin.conf
// written as kubeadm writes them (base64 of PEM in the *-data fields). The script must produce the
// five files with the right contents and modes, rerun cleanly, name what is missing, and never
// copy ca.key — in English and in Korean (served at /scripts/ko/kube-pki-copy.sh), which must do the
// same and say it in Korean.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Lang } from '../../src/i18n/index.ts';
import { parseKubeconfig } from '../../src/kube/index.ts';
import { kubePkiCleanupCommand, kubePkiCopyReport } from '../../src/recipes/cluster/index.ts';
import { kubeadmConf } from '../support/lab-kubeconfig.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { hasTool, inCI } from '../support/tools.ts';

const TOOLS = ['openssl', 'bash', 'base64'];
const missing = TOOLS.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and kube-pki-copy.sh tests need ${missing.join(', ')}`);

const SCRIPTS: Record<Lang, string> = {
  en: labScriptFile('kube-pki-copy.sh', 'en'),
  ko: labScriptFile('kube-pki-copy.sh', 'ko'),
};

/** What kube-pki-copy.sh says where these tests look, in each language. */
const SAYS = {
  en: {
    wroteAdminKey:
      /^wrote {5}kube-pki\/admin\.key +decoded from client-key-data in .*admin\.conf \(mode 600\)$/m,
    unchanged: /^unchanged /gm,
    wrote: /^wrote /m,
    missing: /missing: .*pki\/apiserver\.crt .*pki\/apiserver\.key .*admin\.conf/,
    noKubeDir: /does not exist: run this on a kubeadm control-plane node/,
    noCertificate:
      /admin\.conf has no client-certificate-data \(does this user log in with a certificate\?\)/,
  },
  ko: {
    wroteAdminKey:
      /^저장함 {4}kube-pki\/admin\.key +.*admin\.conf의 client-key-data에서 디코딩 \(모드 600\)$/m,
    unchanged: /^변경 없음 /gm,
    wrote: /^저장함 /m,
    missing: /없는 파일: .*pki\/apiserver\.crt .*pki\/apiserver\.key .*admin\.conf/,
    noKubeDir: /폴더가 없습니다: kubeadm 컨트롤 플레인 노드에서 실행하세요/,
    noCertificate:
      /admin\.conf 파일에 client-certificate-data 항목이 없습니다\(이 사용자는 인증서로 로그인하나요\?\)/,
  },
} satisfies Record<Lang, Record<string, RegExp>>;

function run(lang: Lang, cwd: string, args: string[], env: Record<string, string>) {
  const r = spawnSync('bash', [SCRIPTS[lang], ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

describe('kube-pki-copy.sh on a fake kubeadm control-plane node', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let root = '';
  let kubeDir = '';
  const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
  const mode = (...p: string[]) => statSync(join(...p)).mode & 0o777;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kal-pki-copy-'));
    kubeDir = join(root, 'etc-kubernetes');
    const pki = join(kubeDir, 'pki');
    mkdirSync(pki, { recursive: true });
    makeCa(pki, 'ca');
    makeLeaf(pki, 'ca', 'apiserver', '/CN=kube-apiserver', [
      'subjectAltName=DNS:cp1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1,IP:192.0.2.10',
      'extendedKeyUsage=serverAuth',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'basicConstraints=critical,CA:FALSE',
    ]);
    makeLeaf(pki, 'ca', 'admin', '/O=kubeadm:cluster-admins/CN=kubernetes-admin', [
      'extendedKeyUsage=clientAuth',
    ]);
    makeLeaf(pki, 'ca', 'super', '/O=system:masters/CN=kubernetes-super-admin', [
      'extendedKeyUsage=clientAuth',
    ]);
    const ca = read(pki, 'ca.crt');
    writeFileSync(
      join(kubeDir, 'admin.conf'),
      kubeadmConf({
        caPem: ca,
        user: 'kubernetes-admin',
        certificatePem: read(pki, 'admin.crt'),
        keyPem: read(pki, 'admin.key'),
      }),
      { mode: 0o600 },
    );
    writeFileSync(
      join(kubeDir, 'super-admin.conf'),
      kubeadmConf({
        caPem: ca,
        user: 'kubernetes-super-admin',
        certificatePem: read(pki, 'super.crt'),
        keyPem: read(pki, 'super.key'),
      }),
      { mode: 0o600 },
    );
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  for (const lang of ['en', 'ko'] as const) {
    const says = SAYS[lang];
    describe(`in ${lang === 'en' ? 'English' : 'Korean'} (${lang})`, () => {
      it('copies the CA and API server files, decodes admin.conf, keeps keys 600 and the folder 700', () => {
        const work = mkdtempSync(join(root, 'work-'));
        const r = run(lang, work, [], { KUBE_DIR: kubeDir });
        assert.equal(r.status, 0, r.stdout + r.stderr);
        const out = join(work, 'kube-pki');
        assert.deepEqual(readdirSync(out).sort(), [
          'admin.crt',
          'admin.key',
          'apiserver.crt',
          'apiserver.key',
          'ca.crt',
        ]);
        const pki = join(kubeDir, 'pki');
        assert.equal(read(out, 'ca.crt'), read(pki, 'ca.crt'));
        assert.equal(read(out, 'apiserver.crt'), read(pki, 'apiserver.crt'));
        assert.equal(read(out, 'apiserver.key'), read(pki, 'apiserver.key'));
        const conf = parseKubeconfig(read(kubeDir, 'admin.conf'));
        assert.equal(read(out, 'admin.crt'), conf.users[0]?.clientCertificatePem);
        assert.equal(read(out, 'admin.key'), conf.users[0]?.clientKeyPem);
        assert.equal(read(out, 'admin.crt'), read(pki, 'admin.crt'));
        assert.equal(mode(out), 0o700);
        assert.equal(mode(out, 'apiserver.key'), 0o600);
        assert.equal(mode(out, 'admin.key'), 0o600);
        assert.equal(mode(out, 'ca.crt'), 0o644);
        assert.equal(mode(out, 'admin.crt'), 0o644);
        assert.match(r.stdout, says.wroteAdminKey);
        // Lesson 6 shows these lines through kubePkiCopyReport.
        assert.ok(r.stdout.startsWith(kubePkiCopyReport({ lang, kubeDir })), r.stdout);
        assert.match(r.stdout, /subject=O = kubeadm:cluster-admins, CN = kubernetes-admin/);
        assert.match(r.stdout, /DNS:kubernetes, DNS:kubernetes.default/);
        // openssl agrees that the decoded pair belongs together.
        const pub = (args: string[]) => spawnSync('openssl', args, { cwd: out, encoding: 'utf8' }).stdout;
        assert.equal(
          pub(['x509', '-in', 'admin.crt', '-noout', '-pubkey']),
          pub(['pkey', '-in', 'admin.key', '-pubout']),
        );

        const again = run(lang, work, [], { KUBE_DIR: kubeDir });
        assert.equal(again.status, 0, again.stderr);
        assert.equal(again.stdout.match(says.unchanged)?.length, 5);
        assert.ok(again.stdout.startsWith(kubePkiCopyReport({ lang, kubeDir, again: true })), again.stdout);
        assert.doesNotMatch(again.stdout, says.wrote);
      });

      it('tells how to delete the folder from anywhere, and both that command and the lesson one delete it from inside', () => {
        for (const command of ['printed', 'lesson'] as const) {
          const home = mkdtempSync(join(root, 'home-'));
          const r = run(lang, home, [], { KUBE_DIR: kubeDir, HOME: home });
          assert.equal(r.status, 0, r.stderr);
          const printed = /cd && rm -rf -- (\S+)/.exec(r.stdout);
          assert.ok(printed, r.stdout);
          assert.equal(printed[1], join(home, 'kube-pki'));
          const text = command === 'printed' ? printed[0] : kubePkiCleanupCommand();
          // Where the lesson leaves the reader: inside kube-pki.
          const rm = spawnSync('bash', ['-c', text], {
            cwd: join(home, 'kube-pki'),
            encoding: 'utf8',
            env: { ...process.env, HOME: home },
          });
          assert.equal(rm.status, 0, rm.stderr);
          assert.equal(
            existsSync(join(home, 'kube-pki')),
            false,
            `${command}: the folder and its keys are gone`,
          );
        }
      });

      it('decodes super-admin.conf into super-admin.crt/.key in a folder of your choice', () => {
        const work = mkdtempSync(join(root, 'work-'));
        const r = run(lang, work, ['--kubeconfig', 'super-admin.conf', 'break-glass'], { KUBE_DIR: kubeDir });
        assert.equal(r.status, 0, r.stderr);
        assert.ok(read(work, 'break-glass', 'super-admin.crt').startsWith('-----BEGIN CERTIFICATE-----'));
        assert.equal(mode(work, 'break-glass', 'super-admin.key'), 0o600);
        assert.match(r.stdout, /O = system:masters, CN = kubernetes-super-admin/);
      });

      it('names every missing input and exits 2', () => {
        const empty = join(root, `empty-kube-${lang}`);
        mkdirSync(join(empty, 'pki'), { recursive: true });
        writeFileSync(join(empty, 'pki', 'ca.crt'), read(kubeDir, 'pki', 'ca.crt'));
        const work = mkdtempSync(join(root, 'work-'));
        const r = run(lang, work, [], { KUBE_DIR: empty });
        assert.equal(r.status, 2);
        assert.match(r.stderr, says.missing);
        assert.deepEqual(readdirSync(work), []);
        const none = run(lang, work, [], { KUBE_DIR: join(root, 'nothing-here') });
        assert.equal(none.status, 2);
        assert.match(none.stderr, says.noKubeDir);
      });

      it('refuses a kubeconfig whose user has no client certificate', () => {
        const tokenDir = join(root, `token-kube-${lang}`);
        mkdirSync(join(tokenDir, 'pki'), { recursive: true });
        for (const f of ['ca.crt', 'apiserver.crt', 'apiserver.key']) {
          writeFileSync(join(tokenDir, 'pki', f), read(kubeDir, 'pki', f));
        }
        writeFileSync(
          join(tokenDir, 'admin.conf'),
          'apiVersion: v1\nkind: Config\nusers:\n- name: a\n  user:\n    token: abc\n',
        );
        const work = mkdtempSync(join(root, 'work-'));
        const r = run(lang, work, [], { KUBE_DIR: tokenDir });
        assert.equal(r.status, 2);
        assert.match(r.stderr, says.noCertificate);
      });
    });
  }

  it('never copies ca.key', () => {
    const caKey = read(kubeDir, 'pki', 'ca.key');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    const copies = walk(root).filter((f) => !f.startsWith(kubeDir) && readFileSync(f, 'utf8') === caKey);
    assert.deepEqual(copies, []);
  });
});
