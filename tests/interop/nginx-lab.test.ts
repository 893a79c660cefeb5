// nginx-lab.sh --local against Debian's nginx on loopback: the script must see, for every
// experiment, exactly the outcome (and terminal output, and nginx log reason) that lessons 4 and 5
// print, since both come from NGINX_EXPERIMENTS. Each run gets its own folder and a free port on
// 127.0.0.1; the script runs in its own process group, which is killed whatever happens, so no
// nginx outlives a test.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type TestContext, test } from 'node:test';
import {
  EXAMPLE_CLIENT_DN,
  experiment,
  experimentsOf,
  NGINX_EXPERIMENTS,
  type NginxLabStep,
  nginxConfig,
  scriptReport,
} from '../../src/recipes/nginx/index.ts';
import { requireTools } from '../support/tools.ts';

const SCRIPT = resolve(import.meta.dirname, '../../public/scripts/nginx-lab.sh');
const LESSONS = resolve(import.meta.dirname, '../../content/client-certificates');

/** Asserts that a lesson prints `text` as one of its output blocks (the few not rendered from data). */
function assertLessonShows(
  lesson: '04-lab-https-with-nginx.mdx' | '05-lab-mutual-tls.mdx',
  text: string,
): void {
  const mdx = readFileSync(join(LESSONS, lesson), 'utf8');
  assert.ok(mdx.includes(`\n\`\`\`\n${text}\`\`\`\n`), `${lesson} shows this output block:\n${text}`);
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

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs nginx-lab.sh in `cwd` in a process group of its own and kills that group afterwards. */
function runLab(cwd: string, args: string[], timeoutMs = 60_000): Promise<Run> {
  return new Promise((done) => {
    const child = spawn('bash', [SCRIPT, ...args], {
      cwd,
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

function localDefaultConf(step: NginxLabStep, port: number): string {
  const conf = nginxConfig({ step, certDir: 'conf.d', listen: `127.0.0.1:${port}`, errorLog: 'error.log' });
  return `default.conf:\n${conf.replace(/\n$/, '').replace(/^/gm, '  ')}\n`;
}

test('nginx-lab.sh --local sees every outcome lessons 4 and 5 print, against real nginx', async (t) => {
  if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
  const dir = labFolder(t);
  const port = await freePort();
  const run = await runLab(dir, ['--local', '--port', String(port)]);
  assertNoProcessIn(dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);

  const seen = reports(run.stdout);
  assert.deepEqual(
    [...seen.keys()],
    NGINX_EXPERIMENTS.map((e) => e.id),
  );
  for (const e of NGINX_EXPERIMENTS) {
    assert.equal(seen.get(e.id), scriptReport(e, { port, clientDn: EXAMPLE_CLIENT_DN }), e.id);
  }
  for (const step of ['https', 'mtls'] as const) {
    assert.ok(
      run.stdout.includes(localDefaultConf(step, port)),
      `the ${step} default.conf is the lessons' one`,
    );
  }
  assert.match(run.stdout, /^Using other-client\.pem \(issuer=CN = A second CA\)/m);
  assert.match(run.stdout, /\nPASS: all 9 experiments gave the outcome the lessons describe\.\n$/);
});

test('nginx-lab.sh --step https runs lesson 4 alone and ends with the line lesson 4 shows', async (t) => {
  if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
  const dir = labFolder(t, { otherClient: false });
  const port = await freePort();
  const run = await runLab(dir, ['--local', '--port', String(port), '--step', 'https']);
  assertNoProcessIn(dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const seen = reports(run.stdout);
  assert.deepEqual(
    [...seen.keys()],
    experimentsOf('https').map((e) => e.id),
  );
  assert.ok(!run.stdout.includes('=== Lesson 5'));
  const last = run.stdout.trimEnd().split('\n').at(-1)!;
  assert.equal(last, 'PASS: all 4 experiments gave the outcome the lessons describe.');
  assertLessonShows('04-lab-https-with-nginx.mdx', `${last}\n`);
});

test('nginx-lab.sh makes other-client.pem from a throwaway CA when it is missing, and says so', async (t) => {
  if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
  const dir = labFolder(t, { otherClient: false });
  const port = await freePort();
  const run = await runLab(dir, ['--local', '--port', String(port), '--step', 'mtls']);
  assertNoProcessIn(dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /^other-client\.pem and other-client-key\.pem are missing: making them now with openssl/m,
  );
  for (const f of ['other-ca.pem', 'other-ca-key.pem', 'other-client.pem', 'other-client-key.pem']) {
    assert.ok(existsSync(join(dir, f)), f);
  }
  assert.equal(
    openssl(dir, 'x509', '-in', 'other-client.pem', '-noout', '-subject', '-issuer', '-nameopt', 'RFC2253'),
    `subject=${EXAMPLE_CLIENT_DN}\nissuer=CN=Some other CA\n`,
  );
  const seen = reports(run.stdout);
  assert.deepEqual(
    [...seen.keys()],
    experimentsOf('mtls').map((e) => e.id),
  );
  assert.equal(seen.get('other-ca'), scriptReport(experiment('other-ca'), { port }));
  assert.match(run.stdout, /\nPASS: all 5 experiments gave the outcome the lessons describe\.\n$/);
  assertLessonShows(
    '05-lab-mutual-tls.mdx',
    'PASS: all 5 experiments gave the outcome the lessons describe.\n',
  );
  // What lesson 5 shows of the same commands, run by hand.
  assert.match(run.stderr, /^Certificate request self-signature ok\nsubject=O = developers, CN = jane$/m);
  assertLessonShows(
    '05-lab-mutual-tls.mdx',
    'Certificate request self-signature ok\nsubject=O = developers, CN = jane\n',
  );
  assertLessonShows(
    '05-lab-mutual-tls.mdx',
    openssl(dir, 'x509', '-in', 'other-client.pem', '-noout', '-subject', '-issuer'),
  );

  // A second run reuses the files it made.
  const again = await runLab(dir, ['--local', '--port', String(port), '--step', 'mtls']);
  assertNoProcessIn(dir);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /^Using other-client\.pem \(issuer=CN = Some other CA\)/m);
});

test('nginx-lab.sh exits 1 and names the experiment when an outcome differs from the lesson', async (t) => {
  if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
  // A server certificate that also allows client auth (the mistake lesson 3 warns about).
  const dir = labFolder(t, { serverEku: 'serverAuth,clientAuth' });
  const port = await freePort();
  const run = await runLab(dir, ['--local', '--port', String(port), '--step', 'mtls']);
  assertNoProcessIn(dir);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const report = reports(run.stdout).get('server-cert-as-client') ?? '';
  assert.match(report, /^\[FAIL\] server-cert-as-client: /);
  assert.match(
    report,
    /\n {2}expected: 400 The SSL certificate error\n {2}seen: {5}200 hello, CN=localhost\n/,
  );
  assert.match(report, /\n {2}hint: Does server\.pem allow client authentication too/);
  assert.match(run.stdout, /\nFAIL: 1 of 5 experiments did not give the outcome the lessons describe\.\n$/);
});

test('nginx-lab.sh names every missing file and starts nothing', async (t) => {
  if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
  const dir = mkdtempSync(join(tmpdir(), 'nginx-lab-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'rootCA.pem'), 'not used\n');
  const run = await runLab(dir, ['--local', '--port', String(await freePort())]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(
    run.stderr,
    /^nginx-lab\.sh: missing in .+: server\.pem server-key\.pem client\.pem client-key\.pem\nDownload them from lesson 3/,
  );
  assertNoProcessIn(dir);
});

test('nginx-lab.sh refuses a key that does not belong to its certificate', async (t) => {
  if (!requireTools(t, 'nginx', 'openssl', 'curl')) return;
  const dir = labFolder(t, { otherClient: false });
  rmSync(join(dir, 'client-key.pem'));
  openssl(
    dir,
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    'client-key.pem',
  );
  const run = await runLab(dir, ['--local', '--port', String(await freePort())]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^nginx-lab\.sh: client-key\.pem is not the private key of client\.pem$/m);
  assertNoProcessIn(dir);
});
