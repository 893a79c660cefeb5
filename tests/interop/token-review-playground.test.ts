// The TokenReview playground (part 4, lesson 3) judged by real tools: for the page's own users file
// and a set of requests, what the widget shows (src/tokens runPlayground / tokenReviewPlayground)
// must be what happens for real. token-webhook.py as the site generates it, asked the exact review
// the playground shows, answers the exact status and bytes the playground shows; the Go stand-in
// configured the same way (version, API audiences, cache TTL) calls it, and real `kubectl --token …
// auth whoami` prints what the playground predicts, in v1 and v1beta1; a token removed from the users
// file keeps working until a 3-second TTL ends, then gets the 401; and for each failure mode, a
// webhook that answers exactly what the playground shows (down, 500, the other apiVersion, a
// hand-written answer for another audience) gets kubectl's 401 with the predicted reason in the
// stand-in's log.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tokenWebhookScript } from '../../src/recipes/webhook/index.ts';
import {
  KUBECTL_401,
  type PlaygroundFailure,
  type PlaygroundRequest,
  type PlaygroundTimeline,
  playgroundRequestText,
  pythonJsonDumps,
  runPlayground,
  type TokenReviewVersion,
  tokenReviewPlayground,
} from '../../src/tokens/index.ts';
import {
  ALICE_TOKEN,
  BOB_TOKEN,
  PLAYGROUND_DEFAULTS as D,
  KUBEADM_AUDIENCE,
} from '../../src/widgets/token-review/defaults.ts';
import { freePort } from '../support/net.ts';
import type { Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import {
  startWebhook,
  startWebhookStandin,
  type Webhook,
  webhookKubeconfigFor,
  whoamiWithToken,
  whoamiWithTokenAsync,
  writeWebhookCertificates,
} from '../support/webhook.ts';

const tools = ['go', 'kubectl', 'python3'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the playground tests need ${missing.join(', ')}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The playground's prediction for the page's defaults with `change`. */
async function predict(
  change: Partial<Record<'request' | 'users' | 'ttl' | 'failure' | 'answer', string>>,
  timeline: PlaygroundTimeline = { clock: 0, sent: [0] },
): Promise<PlaygroundRequest[]> {
  const run = await runPlayground({ ...D, ttl: '0', ...change, timeline });
  assert.deepEqual(run.problems, {});
  return run.requests;
}

describe('the TokenReview playground against token-webhook.py, the stand-in and kubectl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let webhook: Webhook;
  const stops: (() => void)[] = [];
  const file = (name: string) => readFileSync(join(dir, name), 'utf8');

  /** POSTs `body` to the webhook as kube-apiserver does (its client certificate, the lab CA). */
  const post = (url: string, body: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(
        `${url}/authenticate`,
        {
          method: 'POST',
          ca: file('rootCA.pem'),
          cert: file('client.pem'),
          key: file('client-key.pem'),
          headers: { 'Content-Type': 'application/json' },
        },
        (res) => {
          let data = '';
          res.on('data', (d) => {
            data += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const standin = (opts: Partial<Parameters<typeof startStandin>[1]>) =>
    startWebhookStandin(dir, stops, opts);

  /** kubectl's result must be the playground's: the whoami table, or the 401 line and the logged reason. */
  const judge = async (
    s: Standin,
    r: PlaygroundRequest,
    got: { status: number | null; stdout: string; stderr: string },
  ) => {
    if (r.httpStatus === 200) {
      assert.equal(got.status, 0, `${got.stderr}${await s.log()}`);
      assert.equal(got.stdout, r.kubectl);
    } else {
      assert.equal(got.status, 1, got.stdout);
      assert.equal(got.stderr.trim(), r.kubectl);
      assert.equal(r.kubectl, KUBECTL_401.whoami);
      const log = await s.log();
      assert.ok(
        log.includes(`Unable to authenticate the request: ${r.decision.error}\n`),
        `expected ${r.decision.error} in:\n${log}`,
      );
    }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-playground-'));
    await writeWebhookCertificates(dir);
    writeFileSync(join(dir, 'webhook-users.json'), D.users);
    writeFileSync(join(dir, 'token-webhook.py'), tokenWebhookScript('en'));
    webhook = await startWebhook(dir, join(dir, 'token-webhook.py'), ['--client-ca', 'rootCA.pem']);
    stops.push(webhook.stop);
  });

  after(() => {
    for (const stop of stops) stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes answers as Python's json.dumps does", () => {
    const value = { a: [1, true, null], ü: 'é"\\\n\t\u007f😀 ~' };
    const r = spawnSync(
      'python3',
      ['-c', 'import json,sys; sys.stdout.write(json.dumps(json.load(sys.stdin)))'],
      {
        input: JSON.stringify(value),
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(pythonJsonDumps(value), r.stdout);
  });

  for (const version of ['v1', 'v1beta1'] as const) {
    it(`${version}: token-webhook.py answers the playground's bytes, and kubectl auth whoami prints its prediction`, async () => {
      const cases: { token: string; audiences: string[] }[] = [
        { token: ALICE_TOKEN, audiences: [KUBEADM_AUDIENCE] },
        { token: BOB_TOKEN, audiences: [KUBEADM_AUDIENCE] },
        { token: 'kal-playground-nobody', audiences: [KUBEADM_AUDIENCE] },
        { token: ALICE_TOKEN, audiences: [] },
      ];
      const { jsonPath } = webhookKubeconfigFor(dir, `whoami-${version}`, webhook.url);
      const withAudience = await standin({
        webhookConfigFile: jsonPath,
        webhookVersion: version,
        webhookCacheTtl: '0s',
        apiAudiences: [KUBEADM_AUDIENCE],
      });
      const without = await standin({
        webhookConfigFile: jsonPath,
        webhookVersion: version,
        webhookCacheTtl: '0s',
      });
      for (const c of cases) {
        const request = playgroundRequestText({ token: c.token, version, audiences: c.audiences });
        const [r] = await predict({ request });
        assert.ok(r?.answer && 'body' in r.answer);
        assert.deepEqual(await post(webhook.url, r.requestJson), r.answer, `the answer to ${c.token}`);
        const s = c.audiences.length ? withAudience : without;
        const before = (await webhook.log()).length;
        await judge(s, r, whoamiWithToken(dir, s.url, c.token));
        // The review the stand-in sent: the version and audiences the playground shows.
        const sent = JSON.parse(r.requestJson) as { apiVersion: string; spec: { audiences?: string[] } };
        assert.equal(sent.apiVersion, `authentication.k8s.io/${version}`);
        assert.match(
          (await webhook.log()).slice(before),
          new RegExp(
            `TokenReview ${version} token sha256:[0-9a-f]{12} audiences ${JSON.stringify(sent.spec.audiences ?? []).replace(/[[\]/.]/g, '\\$&')} -> `,
          ),
        );
      }
    });

    it(`${version}: a token removed from the users file works until a 3 s TTL ends, then is refused, as the playground predicts`, async () => {
      const users = join(dir, 'webhook-users.json');
      const request = playgroundRequestText({ token: ALICE_TOKEN, version, audiences: [KUBEADM_AUDIENCE] });
      const predicted = await predict(
        { request, ttl: '3' },
        { clock: 4, sent: [0, 1, 4], removeAt: 1, removeAfter: 1 },
      );
      assert.deepEqual(
        predicted.map((r) => [r.at, r.inFile, r.cached, r.httpStatus]),
        [
          [0, true, false, 200],
          [1, false, true, 200],
          [4, false, false, 401],
        ],
      );
      const { jsonPath } = webhookKubeconfigFor(dir, `ttl-${version}`, webhook.url);
      const s = await standin({
        webhookConfigFile: jsonPath,
        webhookVersion: version,
        webhookCacheTtl: '3s',
        apiAudiences: [KUBEADM_AUDIENCE],
      });
      const before = (await webhook.log()).length;
      try {
        const start = Date.now();
        await judge(s, predicted[0]!, whoamiWithToken(dir, s.url, ALICE_TOKEN));
        writeFileSync(users, D.users.replace(/\n {2}\{"token":"kal-playground-alice[^\n]*\n/, '\n'));
        assert.ok(!readFileSync(users, 'utf8').includes(ALICE_TOKEN), 'alice is still in the file');
        await sleep(Math.max(0, start + 1000 - Date.now()));
        const cached = whoamiWithToken(dir, s.url, ALICE_TOKEN);
        assert.ok(Date.now() - start < 2500, 'the machine was too slow to see the cache');
        await judge(s, predicted[1]!, cached);
        await sleep(Math.max(0, start + 4000 - Date.now()));
        await judge(s, predicted[2]!, whoamiWithToken(dir, s.url, ALICE_TOKEN));
        const log = (await webhook.log()).slice(before);
        assert.equal(log.match(/-> user alice/g)?.length, 1, `the cached answer was asked again:\n${log}`);
        assert.match(log, /users file read again, users: 1/);
        assert.match(log, /-> unknown token: authenticated false/);
      } finally {
        writeFileSync(users, D.users);
      }
    });
  }

  it('a webhook that is down: 401 and the connection error the playground shows', async () => {
    const port = await freePort();
    const url = `https://127.0.0.1:${port}`;
    const { jsonPath } = webhookKubeconfigFor(dir, 'down', url);
    const s = await standin({ webhookConfigFile: jsonPath, webhookVersion: 'v1' });
    const [r] = await tokenReviewPlayground({
      usersText: D.users,
      token: ALICE_TOKEN,
      audiences: '',
      version: 'v1',
      cacheTtl: '120',
      failure: 'down',
      webhookUrl: `${url}/authenticate`,
    });
    assert.ok(r);
    await judge(s, r, whoamiWithToken(dir, s.url, ALICE_TOKEN));
  });

  describe('a webhook that answers exactly what the playground shows', () => {
    let server: Server;
    let url = '';
    let answer = { status: 200, body: '' };
    let hits = 0;

    before(async () => {
      server = createServer({ cert: file('server.pem'), key: file('server-key.pem') }, (req, res) => {
        req.resume();
        req.on('end', () => {
          hits++;
          const json = answer.body.startsWith('{');
          res.writeHead(answer.status, { 'Content-Type': json ? 'application/json' : 'text/plain' });
          res.end(answer.body);
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    after(() => server?.close());

    const modes: { failure: PlaygroundFailure; version: TokenReviewVersion }[] = [
      { failure: 'non-2xx', version: 'v1' },
      { failure: 'wrong-api-version', version: 'v1' },
      { failure: 'wrong-api-version', version: 'v1beta1' },
      { failure: 'hand-written', version: 'v1' },
    ];
    for (const m of modes) {
      it(`${m.failure} (${m.version}): kubectl gets the playground's 401 with its reason and number of tries`, async () => {
        const request = playgroundRequestText({
          token: ALICE_TOKEN,
          version: m.version,
          audiences: [KUBEADM_AUDIENCE],
        });
        const [r] = await predict({ request, failure: m.failure });
        assert.ok(r?.answer && 'body' in r.answer);
        assert.equal(r.httpStatus, 401);
        answer = r.answer;
        const { jsonPath } = webhookKubeconfigFor(dir, `mode-${m.failure}-${m.version}`, url);
        const s = await standin({
          webhookConfigFile: jsonPath,
          webhookVersion: m.version,
          webhookCacheTtl: '0s',
          apiAudiences: [KUBEADM_AUDIENCE],
        });
        hits = 0;
        // Not spawnSync: this webhook runs on this event loop.
        const got = await whoamiWithTokenAsync(dir, s.url, ALICE_TOKEN);
        await judge(s, r, got);
        const requests = ((await s.log()).match(/Unable to authenticate the request/g) ?? []).length;
        assert.equal(hits, r.attempts * requests, 'POSTs made');
      });
    }

    it('hand-written, with the request audience added: kubectl prints the user the playground believes', async () => {
      const handWritten = D.answer.replace(
        '"https://other-service.example"',
        `"https://other-service.example", "${KUBEADM_AUDIENCE}"`,
      );
      const [r] = await predict({ failure: 'hand-written', answer: handWritten });
      assert.ok(r?.answer && 'body' in r.answer);
      assert.equal(r.httpStatus, 200);
      answer = r.answer;
      const { jsonPath } = webhookKubeconfigFor(dir, 'mode-hand-written-ok', url);
      const s = await standin({
        webhookConfigFile: jsonPath,
        webhookVersion: 'v1',
        webhookCacheTtl: '0s',
        apiAudiences: [KUBEADM_AUDIENCE],
      });
      const got = await whoamiWithTokenAsync(dir, s.url, ALICE_TOKEN);
      await judge(s, r, got);
    });
  });
});
