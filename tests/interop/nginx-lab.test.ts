// nginx-lab.sh --local against Debian's nginx on loopback: the script must see, for every
// experiment, exactly the outcome (and terminal output, and nginx log reason) that lessons 4 and 5
// print, since both come from NGINX_EXPERIMENTS. Every test runs the English script and the Korean
// one (served at /scripts/ko/nginx-lab.sh), which must behave the same and say it in Korean. Each run
// gets its own folder and a free port on 127.0.0.1; the script runs in its own process group, which
// is killed whatever happens, so no nginx outlives a test.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import type { Lang } from '../../src/i18n/index.ts';
import {
  EXAMPLE_CLIENT_DN,
  experiment,
  experimentsOf,
  NGINX_EXPERIMENTS,
  type NginxLabStep,
  nginxConfig,
  nginxLabSummary,
  scriptReport,
} from '../../src/recipes/nginx/index.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import { freePort } from '../support/net.ts';
import { ecKeyGenpkeyArgs } from '../support/openssl.ts';
import { requireTools } from '../support/tools.ts';

const SCRIPTS: Record<Lang, string> = {
  en: labScriptFile('nginx-lab.sh', 'en'),
  ko: labScriptFile('nginx-lab.sh', 'ko'),
};
const LESSONS: Record<Lang, string> = {
  en: resolve(import.meta.dirname, '../../content/client-certificates'),
  ko: resolve(import.meta.dirname, '../../content/ko/client-certificates'),
};
type Lesson = '04-lab-https-with-nginx.mdx' | '05-lab-mutual-tls.mdx';

/** What docker 27 writes to stderr for `docker info` when no daemon answers (after "Server:" on stdout). */
const DOCKER_NO_DAEMON =
  'ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

/** A folder for PATH holding a `docker` that fails as docker does without a daemon. */
function dockerWithoutDaemon(t: TestContext): string {
  const bin = mkdtempSync(join(tmpdir(), 'nginx-lab-bin-'));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'docker'),
    [
      '#!/bin/sh',
      'echo "Client:"',
      'echo " Version:    27.5.1"',
      'echo',
      'echo "Server:"',
      `echo "${DOCKER_NO_DAEMON}" >&2`,
      'echo "errors pretty printing info" >&2',
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'docker'), 0o755);
  return bin;
}

/** Listens on 127.0.0.1:`port` (accepting and holding connections) until the test ends. */
async function occupy(t: TestContext, port: number): Promise<void> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
}

/** What nginx-lab.sh says where these tests look, in each language (written here, not taken from src). */
const SAYS = {
  en: {
    lesson5: '=== Lesson 5',
    usingOtherClient: (issuer: string) => `Using other-client.pem (${issuer}) for the other-CA experiment.`,
    makingOtherClient:
      'other-client.pem and other-client-key.pem are missing: making them now with openssl, from a',
    passed: (total: number) => `PASS: all ${total} experiments gave the outcome the lessons describe.`,
    failed: (failures: number, total: number) =>
      `FAIL: ${failures} of ${total} experiments did not give the outcome the lessons describe.`,
    expectedSeen: (expected: string, seen: string) => `\n  expected: ${expected}\n  seen:     ${seen}\n`,
    hint: '\n  hint: Does server.pem allow client authentication too (EKU clientAuth)?',
    missingFiles:
      /^nginx-lab\.sh: missing in .+: server\.pem server-key\.pem client\.pem client-key\.pem\nDownload them from lesson 3/,
    notThePair: /^nginx-lab\.sh: client-key\.pem is not the private key of client\.pem$/m,
    noDaemon:
      'nginx-lab.sh: docker cannot reach its daemon, so nothing was started:\n' +
      `  ${DOCKER_NO_DAEMON}\n` +
      'Start docker (or run the script as a user allowed to use it), or run the lab with the nginx\n' +
      'installed on this host instead (sudo apt-get install nginx):\n' +
      '  bash nginx-lab.sh --local\n',
    portInUse: (port: number) =>
      `nginx-lab.sh: something already listens on 127.0.0.1:${port}, so nothing was started.\n` +
      "If it is the lessons' nginx (still running from lesson 4 or 5), stop it:\n" +
      '  docker rm -f kube-auth-lab-nginx\n' +
      'Or run the lab on another port:\n' +
      '  bash nginx-lab.sh --local --port 8444\n',
  },
  ko: {
    lesson5: '=== 5강',
    usingOtherClient: (issuer: string) => `다른 CA 실험에 other-client.pem(${issuer})을 씁니다.`,
    makingOtherClient:
      'other-client.pem과 other-client-key.pem이 없으므로 지금 openssl로 만듭니다. 한 번 쓰고 버릴',
    passed: (total: number) => `PASS: 실험 ${total}개 모두 강의에서 설명한 결과가 나왔습니다.`,
    failed: (failures: number, total: number) =>
      `FAIL: 실험 ${total}개 중 ${failures}개가 강의에서 설명한 결과와 다릅니다.`,
    expectedSeen: (expected: string, seen: string) =>
      `\n  기대한 결과: ${expected}\n  실제 결과:   ${seen}\n`,
    hint: '\n  힌트: server.pem이 클라이언트 인증(EKU clientAuth)도 허용하지 않나요?',
    missingFiles:
      /^nginx-lab\.sh: .+에 없는 파일: server\.pem server-key\.pem client\.pem client-key\.pem\n3강에서 이 폴더로 내려받거나/,
    notThePair: /^nginx-lab\.sh: client-key\.pem 파일은 client\.pem의 개인 키가 아닙니다$/m,
    noDaemon:
      'nginx-lab.sh: docker가 데몬에 연결하지 못해 아무것도 시작하지 않았습니다:\n' +
      `  ${DOCKER_NO_DAEMON}\n` +
      'docker 데몬을 시작하거나(또는 docker를 쓸 권한이 있는 사용자로 실행하거나), 이 호스트에 설치된\n' +
      'nginx로 실습하세요(sudo apt-get install nginx):\n' +
      '  bash nginx-lab.sh --local\n',
    portInUse: (port: number) =>
      `nginx-lab.sh: 127.0.0.1:${port}에서 이미 다른 프로그램이 연결을 받고 있어 아무것도 시작하지 않았습니다.\n` +
      '4강이나 5강에서 띄운 nginx가 아직 실행 중이라면 멈추세요:\n' +
      '  docker rm -f kube-auth-lab-nginx\n' +
      '또는 다른 포트로 실습하세요:\n' +
      '  bash nginx-lab.sh --local --port 8444\n',
  },
} satisfies Record<Lang, unknown>;

/** Asserts that a lesson prints `text` as one of its output blocks (the few not rendered from data). */
function assertLessonShows(lang: Lang, lesson: Lesson, text: string): void {
  const mdx = readFileSync(join(LESSONS[lang], lesson), 'utf8');
  assert.ok(mdx.includes(`\n\`\`\`\n${text}\`\`\`\n`), `${lang} ${lesson} shows this output block:\n${text}`);
}

function openssl(cwd: string, ...args: string[]): string {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `openssl ${args.join(' ')}\n${run.stderr}`);
  return run.stdout;
}

function makeCa(dir: string, name: string, cn: string): void {
  openssl(dir, 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${name}-key.pem`);
  openssl(
    dir,
    ...['req', '-x509', '-new', '-key', `${name}-key.pem`, '-days', '2', '-subj', `/CN=${cn}`],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ...['-out', `${name}.pem`],
  );
}

function makeLeaf(dir: string, name: string, ca: string, subject: string, extensions: string): void {
  openssl(dir, 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${name}-key.pem`);
  openssl(dir, 'req', '-new', '-key', `${name}-key.pem`, '-subj', subject, '-out', `${name}.csr`);
  writeFileSync(
    join(dir, `${name}.ext`),
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n${extensions}\n`,
  );
  openssl(
    dir,
    ...['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`],
    ...['-set_serial', '0x1234abcd', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`],
  );
  rmSync(join(dir, `${name}.csr`));
  rmSync(join(dir, `${name}.ext`));
}

interface Pki {
  /** EKUs of server.pem. Default: 'serverAuth'. */
  serverEku?: string;
  /** Whether to make other-client.pem from a second CA. Default: true. */
  otherClient?: boolean;
}

/** A folder like the reader's after lesson 3 (subject of client.pem: O=developers, CN=jane). */
function labFolder(t: TestContext, pki: Pki = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'nginx-lab-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  makeCa(dir, 'rootCA', 'Kube Auth Lab test CA');
  makeLeaf(
    dir,
    'server',
    'rootCA',
    '/CN=localhost',
    `extendedKeyUsage=${pki.serverEku ?? 'serverAuth'}\nsubjectAltName=DNS:localhost,IP:127.0.0.1`,
  );
  makeLeaf(dir, 'client', 'rootCA', '/O=developers/CN=jane', 'extendedKeyUsage=clientAuth');
  if (pki.otherClient ?? true) {
    makeCa(dir, 'second-ca', 'A second CA');
    makeLeaf(dir, 'other-client', 'second-ca', '/O=developers/CN=jane', 'extendedKeyUsage=clientAuth');
  }
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs nginx-lab.sh in `cwd` in a process group of its own and kills that group afterwards. */
function runLab(
  lang: Lang,
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60_000,
): Promise<Run> {
  return new Promise((done) => {
    const child = spawn('bash', [SCRIPTS[lang], ...args], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    };
    const timer = setTimeout(killGroup, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup();
      done({ code, stdout, stderr });
    });
  });
}

/** The [PASS]/[FAIL] blocks of the script's output, by experiment id. */
function reports(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of stdout.split('\n\n')) {
    const m = /^\[(?:PASS|FAIL)\] ([\w-]+): /.exec(block);
    if (m) found.set(m[1]!, `${block.split(/\n(?:===|PASS:|FAIL:)/)[0]!.trimEnd()}\n`);
  }
  return found;
}

/** No process still mentions the folder (the script's nginx runs from a subfolder of it). */
function assertNoProcessIn(dir: string): void {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  assert.deepEqual(
    ps.stdout.split('\n').filter((l) => l.includes(dir)),
    [],
  );
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.nginx-lab.')),
    [],
    'the temporary folder is removed',
  );
}

function localDefaultConf(step: NginxLabStep, port: number, lang: Lang): string {
  const conf = nginxConfig({
    step,
    certDir: 'conf.d',
    listen: `127.0.0.1:${port}`,
    errorLog: 'error.log',
    lang,
  });
  return `default.conf:\n${conf.replace(/\n$/, '').replace(/^/gm, '  ')}\n`;
}

test('the Korean experiment titles are the headings of the Korean lessons’ sections', () => {
  const lessons: [NginxLabStep, Lesson][] = [
    ['https', '04-lab-https-with-nginx.mdx'],
    ['mtls', '05-lab-mutual-tls.mdx'],
  ];
  for (const [step, lesson] of lessons) {
    const mdx = readFileSync(join(LESSONS.ko, lesson), 'utf8');
    const headings = [...mdx.matchAll(/^### \d+\. (.+)$/gm)].map((m) => m[1]!.replaceAll('`', ''));
    const titles = experimentsOf(step).map((e) => e.title.ko);
    assert.equal(titles.length, headings.length, lesson);
    titles.forEach((title, i) => {
      assert.ok(title.startsWith(headings[i]!), `${lesson}: '${title}' starts with '${headings[i]}'`);
    });
  }
});

for (const lang of ['en', 'ko'] as const) {
  const says = SAYS[lang];

  describe(`nginx-lab.sh in ${lang === 'en' ? 'English' : 'Korean'} (${lang})`, () => {
    test('--local sees every outcome lessons 4 and 5 print, against real nginx', async (t) => {
      if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
      const dir = labFolder(t);
      const port = await freePort();
      const run = await runLab(lang, dir, ['--local', '--port', String(port)]);
      assertNoProcessIn(dir);
      assert.equal(run.code, 0, run.stdout + run.stderr);

      const seen = reports(run.stdout);
      assert.deepEqual(
        [...seen.keys()],
        NGINX_EXPERIMENTS.map((e) => e.id),
      );
      for (const e of NGINX_EXPERIMENTS) {
        assert.equal(seen.get(e.id), scriptReport(e, { port, clientDn: EXAMPLE_CLIENT_DN, lang }), e.id);
      }
      for (const step of ['https', 'mtls'] as const) {
        assert.ok(
          run.stdout.includes(localDefaultConf(step, port, lang)),
          `the ${step} default.conf is the lessons' one`,
        );
      }
      assert.ok(run.stdout.split('\n').includes(says.usingOtherClient('issuer=CN = A second CA')));
      assert.ok(run.stdout.endsWith(`\n${says.passed(9)}\n`), run.stdout.slice(-200));
    });

    test('--step https runs lesson 4 alone and ends with the line that says all passed', async (t) => {
      if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
      const dir = labFolder(t, { otherClient: false });
      const before = readdirSync(dir).sort();
      const port = await freePort();
      const run = await runLab(lang, dir, ['--local', '--port', String(port), '--step', 'https']);
      assertNoProcessIn(dir);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.deepEqual(readdirSync(dir).sort(), before, 'lesson 4 alone leaves no other-ca* files');
      assert.ok(!run.stdout.includes(says.makingOtherClient));
      const seen = reports(run.stdout);
      assert.deepEqual(
        [...seen.keys()],
        experimentsOf('https').map((e) => e.id),
      );
      assert.ok(!run.stdout.includes(says.lesson5));
      const last = run.stdout.trimEnd().split('\n').at(-1)!;
      assert.equal(last, says.passed(4));
      // The lessons show this line through nginxLabSummary.
      assert.equal(`${last}\n`, nginxLabSummary(4, lang));
    });

    test('makes other-client.pem from a throwaway CA when it is missing, and says so', async (t) => {
      if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
      const dir = labFolder(t, { otherClient: false });
      const port = await freePort();
      const run = await runLab(lang, dir, ['--local', '--port', String(port), '--step', 'mtls']);
      assertNoProcessIn(dir);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.ok(run.stdout.split('\n').includes(says.makingOtherClient), run.stdout.slice(0, 400));
      for (const f of ['other-ca.pem', 'other-ca-key.pem', 'other-client.pem', 'other-client-key.pem']) {
        assert.ok(existsSync(join(dir, f)), f);
      }
      assert.equal(
        openssl(
          dir,
          'x509',
          '-in',
          'other-client.pem',
          '-noout',
          '-subject',
          '-issuer',
          '-nameopt',
          'RFC2253',
        ),
        `subject=${EXAMPLE_CLIENT_DN}\nissuer=CN=Some other CA\n`,
      );
      const seen = reports(run.stdout);
      assert.deepEqual(
        [...seen.keys()],
        experimentsOf('mtls').map((e) => e.id),
      );
      assert.equal(seen.get('other-ca'), scriptReport(experiment('other-ca'), { port, lang }));
      assert.ok(run.stdout.endsWith(`\n${says.passed(5)}\n`), run.stdout.slice(-200));
      assert.ok(run.stdout.endsWith(`\n${nginxLabSummary(5, lang)}`));
      // What lesson 5 shows of the same commands, run by hand.
      assert.match(run.stderr, /^Certificate request self-signature ok\nsubject=O = developers, CN = jane$/m);
      assertLessonShows(
        lang,
        '05-lab-mutual-tls.mdx',
        'Certificate request self-signature ok\nsubject=O = developers, CN = jane\n',
      );
      assertLessonShows(
        lang,
        '05-lab-mutual-tls.mdx',
        openssl(dir, 'x509', '-in', 'other-client.pem', '-noout', '-subject', '-issuer'),
      );

      // A second run reuses the files it made.
      const again = await runLab(lang, dir, ['--local', '--port', String(port), '--step', 'mtls']);
      assertNoProcessIn(dir);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.ok(again.stdout.split('\n').includes(says.usingOtherClient('issuer=CN = Some other CA')));
    });

    test('exits 1 and names the experiment when an outcome differs from the lesson', async (t) => {
      if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
      // A server certificate that also allows client auth (the mistake lesson 3 warns about).
      const dir = labFolder(t, { serverEku: 'serverAuth,clientAuth' });
      const port = await freePort();
      const run = await runLab(lang, dir, ['--local', '--port', String(port), '--step', 'mtls']);
      assertNoProcessIn(dir);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const report = reports(run.stdout).get('server-cert-as-client') ?? '';
      assert.ok(
        report.startsWith(
          `[FAIL] server-cert-as-client: ${experiment('server-cert-as-client').title[lang]}\n`,
        ),
        report,
      );
      assert.ok(
        report.includes(says.expectedSeen('400 The SSL certificate error', '200 hello, CN=localhost')),
        report,
      );
      assert.ok(report.includes(says.hint), report);
      assert.ok(run.stdout.endsWith(`\n${says.failed(1, 5)}\n`), run.stdout.slice(-200));
    });

    test('names every missing file and starts nothing', async (t) => {
      if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
      const dir = mkdtempSync(join(tmpdir(), 'nginx-lab-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(join(dir, 'rootCA.pem'), 'not used\n');
      const run = await runLab(lang, dir, ['--local', '--port', String(await freePort())]);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, says.missingFiles);
      assertNoProcessIn(dir);
    });

    test('without a docker daemon it says so and how to run with --local, before making anything', async (t) => {
      if (!requireTools(t, 'openssl', 'curl')) return;
      const dir = labFolder(t, { otherClient: false });
      const before = readdirSync(dir).sort();
      const bin = dockerWithoutDaemon(t);
      const run = await runLab(lang, dir, [], { ...process.env, PATH: `${bin}:${process.env.PATH}` });
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.equal(run.stdout, '', 'nothing is announced (no "making them now")');
      assert.equal(run.stderr, says.noDaemon);
      assert.deepEqual(readdirSync(dir).sort(), before, 'no other-ca* file and no temporary folder');
    });

    test('--local on a port something listens on says how to free it or pick another, before making anything', async (t) => {
      if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
      const dir = labFolder(t, { otherClient: false });
      const before = readdirSync(dir).sort();
      const port = await freePort();
      await occupy(t, port);
      const run = await runLab(lang, dir, ['--local', '--port', String(port)]);
      assertNoProcessIn(dir);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, says.portInUse(port));
      assert.deepEqual(readdirSync(dir).sort(), before, 'no other-ca* file and no temporary folder');
    });

    test('refuses a key that does not belong to its certificate', async (t) => {
      if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
      const dir = labFolder(t, { otherClient: false });
      rmSync(join(dir, 'client-key.pem'));
      openssl(dir, ...ecKeyGenpkeyArgs('client-key.pem'));
      const run = await runLab(lang, dir, ['--local', '--port', String(await freePort())]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, says.notThePair);
      assertNoProcessIn(dir);
    });
  });
}
