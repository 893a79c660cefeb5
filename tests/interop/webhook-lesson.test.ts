// Part 4, lesson 2 as printed, in English and Korean, with the lesson's inputs (alice, UID 1001,
// groups dev and webhook-users, added as the widget adds her: a new WebCrypto token) and
// certificates made by the site (src/pki: the part-1 rootCA.pem, server.pem for localhost,
// client.pem; a cluster CA ca.crt for the API server). Every command comes from the engine the page
// uses (src/recipes/webhook webhookSetup), not typed again here, and runs in bash in the lab folder:
// the run command starts the real token-webhook.py of that language (the script the site serves);
// the kube-apiserver stand-in (tests/interop/go/apiserver) gets the flags of the engine's kubeadm
// diff and reads the webhook kubeconfig the page shows (turned into JSON by real kubectl: the
// stand-in has no YAML reader), with kubeadm's API audience; real kubectl and curl do the checks.
// Each must print what the widget says it prints, and the page's own blocks (the answer, the whoami
// table, kubectl's Unauthorized line, the 401, the webhook's log lines, worked out by the page's own
// exports) must be those real outputs, timestamps and token fingerprints aside.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Lang } from '../../src/i18n/index.ts';
import { issueClientCertificate, issueRootCa, issueServerCertificate } from '../../src/pki/index.ts';
import { labScript } from '../../src/recipes/lab-scripts.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from '../../src/recipes/tokens/kubeadm-manifest.ts';
import {
  tokenWebhookListeningLine,
  tokenWebhookReviewLine,
  tokenWebhookScript,
} from '../../src/recipes/webhook/token-webhook-script.ts';
import {
  addWebhookUser,
  UNKNOWN_TOKEN,
  WEBHOOK_FILES,
  type WebhookSetup,
  type WebhookSetupFiles,
  webhookSetup,
  webhookUsersIn,
} from '../../src/recipes/webhook/webhook-setup.ts';
import { freePort } from '../support/net.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { issueLocalhostServerCertificate } from '../support/standin-certs.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { kubeconfigAsJson, type RunningCommand, startWebhookCommand } from '../support/webhook.ts';

const tools = ['go', 'kubectl', 'python3', 'curl', 'bash'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI)
  throw new Error(`CI=true and the webhook lesson tests need ${missing.join(', ')}`);

const page = (lang: Lang) =>
  readFileSync(
    new URL(
      `../../content/${lang === 'ko' ? 'ko/' : ''}webhook/02-lab-a-webhook-of-your-own.mdx`,
      import.meta.url,
    ),
    'utf8',
  );

/** What the page's own exports work out (its log lines), evaluated with the functions it imports. */
function pageExports(lang: Lang): Record<'listening' | 'direct' | 'viaApiServer' | 'unknownLine', string> {
  const block = /^(export const lang[\s\S]*?)\n\n/m.exec(page(lang))?.[1];
  assert.ok(block, 'the page has its exports block');
  const body = `${block.replace(/^export /gm, '')}\nreturn { listening, direct, viaApiServer, unknownLine };`;
  return new Function('tokenWebhookListeningLine', 'tokenWebhookReviewLine', 'tokenWebhookScript', body)(
    tokenWebhookListeningLine,
    tokenWebhookReviewLine,
    tokenWebhookScript,
  );
}

/** A page block, as the reader sees it: the text must be there whole. */
function assertOnPage(lang: Lang, what: string) {
  const text = what.trimEnd();
  assert.notEqual(text, '');
  assert.ok(page(lang).includes(`\n${text}\n`), `the ${lang} page shows:\n${text}`);
}

/** One webhook log line with the page's timestamp and fingerprint put in for the real ones. */
const asOnPage = (real: string, shown: string) => {
  const [time] = shown.split(' ');
  const fingerprint = /token (sha256:[0-9a-f]{12}) /.exec(shown)?.[1] ?? '';
  return `${real.replace(/^\S+ /, `${time} `).replace(/token sha256:[0-9a-f]{12} /, `token ${fingerprint} `)}\n`;
};
const fingerprintOf = (token: string) =>
  `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;

for (const lang of ['en', 'ko'] as const) {
  describe(`lesson 4.2 (${lang}): the commands print what the page and the widget show`, {
    skip: missing.length ? `needs ${missing.join(', ')}` : false,
  }, () => {
    let dir = '';
    let folder = '';
    let webhook: RunningCommand | undefined;
    let standin: Standin | undefined;
    let users = '';
    let alice = '';
    let port = 0;
    /** The widget with the lab's inputs, the API server URL not yet known. */
    let first: WebhookSetup;
    /** The same once the reader typed the API server's URL into the check part. */
    let setup: WebhookSetup;
    const shown = pageExports(lang);

    const bash = (command: string) => {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir };
      delete env.KUBECONFIG;
      const r = spawnSync('bash', ['-c', command], { cwd: folder, encoding: 'utf8', env, timeout: 60_000 });
      return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    /** The webhook's log lines so far, once it had time to write them. */
    const logLines = async () => {
      await new Promise((r) => setTimeout(r, 300));
      return webhook!
        .output()
        .split('\n')
        .filter((l) => l !== '');
    };
    const reviewLines = async () => (await logLines()).filter((l) => / TokenReview v1/.test(l));

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), `kal-webhook-lesson-${lang}-`));
      folder = join(dir, 'lab');
      mkdirSync(folder);
      const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
      // Part 1's files: the lab CA, the server certificate for localhost, a client certificate.
      const ca = await issueRootCa({
        subject: { commonName: 'Kube Auth Lab Root CA', organizations: ['Kube Auth Lab'] },
        algorithm: 'ECDSA-P256',
      });
      const server = await issueLocalhostServerCertificate(ca);
      const client = await issueClientCertificate(
        { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm: 'ECDSA-P256' },
        ca,
      );
      // The cluster's own CA and kube-apiserver's serving certificate (kubeadm's ca.crt).
      const cluster = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
      const apiserver = await issueServerCertificate(
        { subject: { commonName: 'kube-apiserver' }, ipAddresses: ['127.0.0.1'], algorithm: 'ECDSA-P256' },
        cluster,
      );
      const files: WebhookSetupFiles = {
        'rootCA.pem': ca.certificatePem,
        'client.pem': client.certificatePem,
        'client-key.pem': client.privateKeyPem,
      };
      for (const [name, text] of Object.entries(files)) write(name, text);
      write('server.pem', server.certificatePem);
      write('server-key.pem', server.privateKeyPem);
      write('ca.crt', cluster.certificatePem);
      write('apiserver.pem', apiserver.certificatePem);
      write('apiserver-key.pem', apiserver.privateKeyPem);
      write('token-webhook.py', labScript('token-webhook.py', lang));

      // The lesson's user, added as the widget adds one; the webhook on a port of this machine's.
      users = addWebhookUser('', { username: 'alice', uid: '1001', groups: 'dev, webhook-users' });
      alice = webhookUsersIn(users)[0]!.token;
      write(WEBHOOK_FILES.users, users);
      port = await freePort();
      const server_ = `https://localhost:${port}/authenticate`;
      first = await webhookSetup({ users, server: server_ }, files);
      assert.deepEqual(first.errors, {});

      // 1. Start the webhook with the widget's command.
      webhook = await startWebhookCommand(folder, first.run!.command);

      // 3. kube-apiserver with the page's kubeconfig and the flags of the engine's kubeadm diff.
      writeFileSync(join(dir, 'token-webhook.kubeconfig'), first.kubeconfig!);
      const kubeconfigJson = kubeconfigAsJson(join(dir, 'token-webhook.kubeconfig'));
      const flags = Object.fromEntries(
        [
          ...(first.change?.kubeadm?.diff ?? '').matchAll(
            /^\+ {4}- --authentication-token-webhook-([a-z-]+)=(.*)$/gm,
          ),
        ].map((m) => [m[1]!, m[2]!]),
      );
      assert.deepEqual(Object.keys(flags), ['config-file', 'version']);
      assert.equal(flags['config-file'], '/etc/kubernetes/token-webhook.kubeconfig');
      const issuer = /--service-account-issuer=(\S+)/.exec(KUBEADM_KUBE_APISERVER_MANIFEST)?.[1];
      assert.ok(issuer);
      standin = await startStandin(dir, {
        cert: join(folder, 'apiserver.pem'),
        key: join(folder, 'apiserver-key.pem'),
        webhookConfigFile: kubeconfigJson,
        webhookVersion: flags.version as 'v1' | 'v1beta1',
        ...(flags['cache-ttl'] ? { webhookCacheTtl: flags['cache-ttl'] } : {}),
        apiAudiences: [issuer],
      });
      // The reader gives the check part the API server's URL; the CA file keeps its default, ca.crt.
      setup = await webhookSetup({ users, server: server_, apiServer: standin.url }, files);
      assert.deepEqual(setup.errors, {});
    });

    after(() => {
      webhook?.stop();
      standin?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('the page shows the engine’s run command for the defaults, and the webhook says where it listens as the page shows', async () => {
      const defaults = await webhookSetup({});
      assertOnPage(lang, defaults.run!.command);
      // The lab's only change: another port, which the command then names.
      assert.equal(first.run!.command, `${defaults.run!.command} --port ${port}`);
      const [line] = await logLines();
      assert.equal(asOnPage(line!.replace(`:${port}/`, ':8443/'), shown.listening), shown.listening);
    });

    it('curl straight to the webhook prints the answer the widget and the page show, and the webhook logs the line the page shows', async () => {
      const r = bash(setup.review!.command.command);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, setup.review!.output);
      assertOnPage(lang, setup.review!.output);
      const line = (await reviewLines()).at(-1)!;
      assert.match(line, new RegExp(`token ${fingerprintOf(alice)} `));
      assert.ok(!webhook!.output().includes(alice), 'the token was logged');
      assert.equal(asOnPage(line, shown.direct), shown.direct);
    });

    it('curl without the client certificate gets no answer, and the webhook logs a refused handshake', async () => {
      const command = setup.review!.command.command.replace(' --cert client.pem --key client-key.pem', '');
      assert.notEqual(command, setup.review!.command.command);
      const r = bash(command);
      assert.notEqual(r.status, 0);
      assert.equal(r.stdout, '');
      let lines: string[] = [];
      for (let i = 0; i < 20 && !lines.some((l) => /TLS/.test(l)); i++) lines = await logLines();
      const refused = lang === 'en' ? 'TLS handshake refused: ' : 'TLS 핸드셰이크 거절: ';
      assert.ok(
        lines.some((l) => l.includes(refused)),
        lines.join('\n'),
      );
      assert.ok(
        page(lang).includes(`\`${refused.replace(/: $/, '')}\``),
        `the ${lang} page names "${refused}"`,
      );
    });

    it('the kubeconfig commands and kubectl auth whoami print the table the widget and the page show; kube-apiserver asked with kubeadm’s audience', async () => {
      const commands = setup.whoami!.commands;
      for (const c of commands.slice(0, -1)) {
        const r = bash(c.command);
        assert.equal(r.status, 0, `${c.command}: ${r.stderr}`);
      }
      const whoami = commands.at(-1)!.command;
      assertOnPage(lang, whoami);
      const r = bash(whoami);
      assert.equal(r.status, 0, `${r.stderr}${await standin!.log()}`);
      assert.equal(r.stdout, setup.whoami!.output);
      assertOnPage(lang, r.stdout);
      // (kubectl may have asked already while the kubeconfig was written: the google-cloud-sdk
      // dispatcher GETs /version with the kubeconfig's token. Either way one review, with the audience.)
      const lines = await reviewLines();
      assert.equal(asOnPage(lines.at(-1)!, shown.viaApiServer), shown.viaApiServer, webhook!.output());
      // Again at once: kube-apiserver answers from its cache and the webhook logs nothing.
      const again = bash(whoami);
      assert.equal(again.stdout, setup.whoami!.output);
      assert.equal((await reviewLines()).length, lines.length);
    });

    it('a token nobody has: kubectl prints the Unauthorized line and curl the 401 the page shows; the webhook said so with a 200', async () => {
      const kubectl = setup.unknown!.kubectl.command;
      assert.ok(kubectl.includes(`--token=${UNKNOWN_TOKEN}`));
      assertOnPage(lang, kubectl);
      const r = bash(kubectl);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, setup.unknown!.kubectlOutput);
      assertOnPage(lang, r.stderr);
      const line = (await reviewLines()).at(-1)!;
      assert.match(line, new RegExp(`token ${fingerprintOf(UNKNOWN_TOKEN)} `));
      assert.equal(asOnPage(line, shown.unknownLine), shown.unknownLine);
      const curl = bash(setup.unknown!.curl.command);
      assert.equal(curl.stdout, setup.unknown!.curlOutput);
      assertOnPage(lang, curl.stdout);
      assert.match(await standin!.log(), /Unable to authenticate the request: invalid bearer token/);
    });
  });
}
