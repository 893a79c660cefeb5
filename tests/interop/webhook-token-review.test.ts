// Part 4's webhook, end to end with real tools: token-webhook.py as the site generates it (Python 3,
// standard library) serving the engine's certificates and users file; the kube-apiserver stand-in
// calling it through the webhook kubeconfig the site writes (read by real kubectl); real kubectl
// with --token judging. `kubectl auth whoami` must print what the engine's model predicts
// (src/tokens webhookTokenAuthenticator over webhookScriptAnswer), in v1 and v1beta1; unknown
// tokens, a webhook that is down and a webhook that refuses the stand-in's missing client
// certificate end in 401; a token removed from the users file works until the cache TTL ends.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { tokenWebhookScript, writeWebhookUsersFile } from '../../src/recipes/webhook/index.ts';
import {
  authenticateRequest,
  INVALID_BEARER_TOKEN,
  KUBECTL_401,
  randomToken,
  readWebhookUsers,
  type TokenReviewVersion,
  type WebhookUser,
  webhookScriptAnswer,
  webhookTokenAuthenticator,
  whoamiForUser,
} from '../../src/tokens/index.ts';
import { freePort } from '../support/net.ts';
import type { Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import {
  startWebhook,
  startWebhookStandin,
  webhookKubeconfigFor,
  whoamiWithToken,
  writeWebhookCertificates,
} from '../support/webhook.ts';

const tools = ['go', 'kubectl', 'python3', 'pyflakes3'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the webhook tests need ${missing.join(', ')}`);

const alice: WebhookUser = {
  token: randomToken(),
  username: 'alice@example.com',
  uid: '1001',
  groups: ['dev', 'webhook-users'],
  extra: { 'example.com/team': ['blue', 'green'] },
};
const bob: WebhookUser = { token: randomToken({ encoding: 'hex' }), username: 'bob' };

describe('token-webhook.py and the stand-in, judged by kubectl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  const stops: (() => void)[] = [];

  const whoami = (server: Standin, token: string) => whoamiWithToken(dir, server.url, token);
  const kubeconfigFor = (name: string, url: string, mutate?: (c: Record<string, unknown>) => void) =>
    webhookKubeconfigFor(dir, name, url, mutate);
  const standin = (opts: Partial<Parameters<typeof startStandin>[1]>) =>
    startWebhookStandin(dir, stops, opts);
  const webhook = async (extra: string[] = [], script = 'token-webhook.py') => {
    const w = await startWebhook(dir, join(dir, script), extra);
    stops.push(w.stop);
    return w;
  };
  /** The engine's prediction: kube-apiserver's model asking the model of the script. */
  const predict = (token: string, version: TokenReviewVersion) => {
    const users = readWebhookUsers(readFileSync(join(dir, 'webhook-users.json'), 'utf8'));
    const wh = webhookTokenAuthenticator({
      version,
      webhook: (req) => ({ kind: 'response', ...webhookScriptAnswer(users, JSON.stringify(req)) }),
    });
    return authenticateRequest({ authorization: `Bearer ${token}`, authenticators: [wh] });
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-webhook-'));
    await writeWebhookCertificates(dir);
    writeFileSync(join(dir, 'webhook-users.json'), writeWebhookUsersFile([alice, bob]));
    writeFileSync(join(dir, 'token-webhook.py'), tokenWebhookScript('en'));
    writeFileSync(join(dir, 'token-webhook.ko.py'), tokenWebhookScript('ko'));
  });

  after(() => {
    for (const stop of stops) stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('generates a script that python3 -m py_compile and pyflakes accept, in both languages', () => {
    for (const f of ['token-webhook.py', 'token-webhook.ko.py']) {
      const c = spawnSync('python3', ['-m', 'py_compile', join(dir, f)], { encoding: 'utf8' });
      assert.equal(c.status, 0, `${f}: ${c.stderr}`);
      const l = spawnSync('pyflakes3', [join(dir, f)], { encoding: 'utf8' });
      assert.equal(l.status, 0, `${f}: ${l.stdout}${l.stderr}`);
    }
  });

  it('writes a webhook kubeconfig that kubectl reads back field by field', async () => {
    const { yamlPath, json } = kubeconfigFor('fields', 'https://localhost:8443');
    const yaml = parse(readFileSync(yamlPath, 'utf8')) as Record<string, unknown>;
    const b64 = (f: string) =>
      Buffer.from(`${readFileSync(join(dir, f), 'utf8').trim()}\n`).toString('base64');
    const expected = {
      clusters: [
        {
          name: 'token-webhook',
          cluster: {
            server: 'https://localhost:8443/authenticate',
            'certificate-authority-data': b64('rootCA.pem'),
          },
        },
      ],
      users: [
        {
          name: 'kube-apiserver',
          user: { 'client-certificate-data': b64('client.pem'), 'client-key-data': b64('client-key.pem') },
        },
      ],
      contexts: [{ name: 'webhook', context: { cluster: 'token-webhook', user: 'kube-apiserver' } }],
      'current-context': 'webhook',
    };
    for (const doc of [yaml, json]) {
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(doc[k], v, k);
    }
  });

  for (const version of ['v1', 'v1beta1'] as const) {
    it(`answers a TokenReview ${version}: kubectl auth whoami prints the engine's prediction; an unknown token is a 401`, async () => {
      const w = await webhook();
      const { jsonPath } = kubeconfigFor(`whoami-${version}`, w.url);
      const s = await standin({ webhookConfigFile: jsonPath, webhookVersion: version });
      for (const user of [alice, bob]) {
        const expected = await predict(user.token, version);
        assert.equal(expected.outcome, 'authenticated');
        const r = whoami(s, user.token);
        assert.equal(r.status, 0, `${r.stderr}${await s.log()}${await w.log()}`);
        assert.equal(r.stdout, whoamiForUser(expected.user!), user.username);
      }
      const stranger = randomToken();
      const expected = await predict(stranger, version);
      assert.equal(expected.outcome, 'unauthorized');
      assert.equal(expected.error, INVALID_BEARER_TOKEN);
      const r = whoami(s, stranger);
      assert.equal(r.status, 1);
      assert.equal(r.stderr.trim(), KUBECTL_401.whoami);
      assert.match(await s.log(), new RegExp(`Unable to authenticate the request: ${INVALID_BEARER_TOKEN}`));
      const log = await w.log();
      assert.match(
        log,
        new RegExp(
          `TokenReview ${version} token sha256:[0-9a-f]{12} audiences \\[\\] -> user alice@example.com`,
        ),
      );
      assert.match(log, /-> unknown token: authenticated false/);
      for (const t of [alice.token, bob.token, stranger]) assert.ok(!log.includes(t), 'a token was logged');
    });
  }

  it('the Korean edition answers the same and logs in Korean', async () => {
    const w = await webhook([], 'token-webhook.ko.py');
    const { jsonPath } = kubeconfigFor('korean', w.url);
    const s = await standin({ webhookConfigFile: jsonPath, webhookVersion: 'v1' });
    const r = whoami(s, alice.token);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, whoamiForUser((await predict(alice.token, 'v1')).user!));
    assert.equal(whoami(s, randomToken()).stderr.trim(), KUBECTL_401.whoami);
    const log = await w.log();
    assert.match(log, /-> 사용자 alice@example\.com 그룹 \["dev", "webhook-users"\]/);
    assert.match(log, /-> 모르는 토큰: authenticated false/);
  });

  it('a webhook that is down makes every token a 401, logged as a failed webhook request', async () => {
    const port = await freePort();
    const { jsonPath } = kubeconfigFor('down', `https://127.0.0.1:${port}`);
    const s = await standin({ webhookConfigFile: jsonPath, webhookVersion: 'v1' });
    const r = whoami(s, alice.token);
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim(), KUBECTL_401.whoami);
    assert.match(
      await s.log(),
      new RegExp(
        `Failed to make webhook authenticator request: Post "https://127.0.0.1:${port}/authenticate": dial tcp .*connection refused`,
      ),
    );
  });

  it('with --client-ca the webhook refuses a stand-in without a client certificate and accepts one with it', async () => {
    const w = await webhook(['--client-ca', 'rootCA.pem']);
    const withCert = kubeconfigFor('client-cert', w.url);
    const withoutCert = kubeconfigFor('no-client-cert', w.url, (c) => {
      const users = c.users as { user: Record<string, string> }[];
      delete users[0]!.user['client-certificate-data'];
      delete users[0]!.user['client-key-data'];
    });
    const good = await standin({ webhookConfigFile: withCert.jsonPath, webhookVersion: 'v1' });
    const ok = whoami(good, alice.token);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, whoamiForUser((await predict(alice.token, 'v1')).user!));
    const bad = await standin({ webhookConfigFile: withoutCert.jsonPath, webhookVersion: 'v1' });
    const refused = whoami(bad, alice.token);
    assert.equal(refused.status, 1);
    assert.equal(refused.stderr.trim(), KUBECTL_401.whoami);
    assert.match(
      await bad.log(),
      /Failed to make webhook authenticator request: .*(certificate required|bad certificate)/,
    );
    // The webhook logs the refused handshake on its own time: give a busy machine a few seconds.
    for (let i = 0; i < 30 && !/TLS handshake refused: /.test(await w.log()); i++);
    assert.match(await w.log(), /TLS handshake refused: /);
  });

  it('a token removed from the users file keeps working until the cache TTL ends, as the engine models it', async () => {
    const users = join(dir, 'webhook-users.json');
    const w = await webhook();
    const { jsonPath } = kubeconfigFor('ttl', w.url);
    const ttl = 5;
    const s = await standin({
      webhookConfigFile: jsonPath,
      webhookVersion: 'v1',
      webhookCacheTtl: `${ttl}s`,
    });
    let clock = 0;
    const model = webhookTokenAuthenticator({
      version: 'v1',
      cacheTtlSeconds: ttl,
      now: () => clock,
      webhook: (req) => ({
        kind: 'response',
        ...webhookScriptAnswer(readWebhookUsers(readFileSync(users, 'utf8')), JSON.stringify(req)),
      }),
    });
    try {
      const first = whoami(s, alice.token);
      assert.equal(first.status, 0, first.stderr);
      assert.equal((await model.review(alice.token)).kind, 'ok');
      writeFileSync(users, writeWebhookUsersFile([bob]));
      const start = Date.now();
      const cached = whoami(s, alice.token);
      assert.ok(Date.now() - start < ttl * 1000 - 500, 'the machine was too slow to see the cache');
      assert.equal(cached.status, 0, `removed token refused before the TTL ended: ${cached.stderr}`);
      clock = ttl * 1000 - 1;
      const modelCached = await model.review(alice.token);
      assert.equal(modelCached.kind, 'ok');
      assert.equal(modelCached.cached, true);
      await new Promise((r) => setTimeout(r, ttl * 1000 + 300));
      const expired = whoami(s, alice.token);
      assert.equal(expired.status, 1);
      assert.equal(expired.stderr.trim(), KUBECTL_401.whoami);
      clock = ttl * 1000;
      const modelExpired = await model.review(alice.token);
      assert.equal(modelExpired.kind, 'not-mine');
      assert.equal(modelExpired.cached, false);
      const log = await w.log();
      assert.equal(log.match(/-> user alice@example.com/g)?.length, 1, 'the cached answer was asked again');
      assert.match(log, /users file read again, users: 1/);
    } finally {
      writeFileSync(users, writeWebhookUsersFile([alice, bob]));
    }
  });
});
