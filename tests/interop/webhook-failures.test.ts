// How kube-apiserver's side treats webhook answers that are not a plain yes or no, the engine's model
// (src/tokens webhookTokenAuthenticator) against the Go stand-in: a small HTTPS server answers each
// case (5xx with its retries, 503, 401, 404, another apiVersion, no kind at all, an error in the
// status, other audiences, a metav1.Status body); the stand-in's logged cause and retry count, and
// kubectl's verdict, must be what the engine predicts for the same answer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  authenticateRequest,
  KUBECTL_401,
  type TokenReviewVersion,
  type WebhookAnswer,
  webhookTokenAuthenticator,
  whoamiForUser,
} from '../../src/tokens/index.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { webhookKubeconfigFor, whoamiWithTokenAsync, writeWebhookCertificates } from '../support/webhook.ts';

const tools = ['go', 'kubectl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI)
  throw new Error(`CI=true and the webhook failure tests need ${missing.join(', ')}`);

const USER = { username: 'carol', uid: 'c-1', groups: ['ops'], extra: { 'example.com/shift': ['night'] } };
const AUDS = ['https://kubernetes.default.svc.cluster.local'];
const review = (status: unknown, apiVersion?: string) =>
  JSON.stringify({ ...(apiVersion ? { apiVersion, kind: 'TokenReview' } : {}), status });

interface Case {
  name: string;
  version: TokenReviewVersion;
  answer: WebhookAnswer & { kind: 'response' };
}

/** An answer with a text/plain body. */
const textAnswer = (status: number, body: string): Case['answer'] => ({
  kind: 'response',
  status,
  body,
  contentType: 'text/plain',
});
/** A 200 with this JSON body. */
const jsonAnswer = (body: string): Case['answer'] => ({
  kind: 'response',
  status: 200,
  contentType: 'application/json',
  body,
});

const CASES: Case[] = [
  {
    name: 'a 500 with a text body, retried five times',
    version: 'v1',
    answer: textAnswer(500, 'database down'),
  },
  {
    name: 'a 503 without Retry-After, not retried',
    version: 'v1',
    answer: textAnswer(503, 'busy'),
  },
  {
    name: 'a 401 instead of authenticated:false',
    version: 'v1',
    answer: textAnswer(401, 'no'),
  },
  {
    name: 'a 404: the kubeconfig names the wrong path',
    version: 'v1beta1',
    answer: textAnswer(404, 'not found'),
  },
  {
    name: 'a Status body: its message',
    version: 'v1',
    answer: {
      kind: 'response',
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'review refused',
        code: 400,
      }),
    },
  },
  {
    name: 'a v1beta1 answer to a v1 request',
    version: 'v1',
    answer: jsonAnswer(review({ authenticated: true, user: USER }, 'authentication.k8s.io/v1beta1')),
  },
  {
    name: 'a v1 answer to a v1beta1 request',
    version: 'v1beta1',
    answer: jsonAnswer(review({ authenticated: true, user: USER }, 'authentication.k8s.io/v1')),
  },
  {
    name: 'no kind and no apiVersion: read as the version asked',
    version: 'v1',
    answer: jsonAnswer(review({ authenticated: true, user: USER })),
  },
  {
    name: 'authenticated:false with an error',
    version: 'v1',
    answer: jsonAnswer(
      review({ authenticated: false, error: 'token revoked by the IdP' }, 'authentication.k8s.io/v1'),
    ),
  },
  {
    name: 'authenticated:true for other audiences',
    version: 'v1',
    answer: jsonAnswer(
      review(
        { authenticated: true, user: USER, audiences: ['https://elsewhere'] },
        'authentication.k8s.io/v1',
      ),
    ),
  },
  {
    name: 'authenticated:true for one of the API audiences',
    version: 'v1',
    answer: jsonAnswer(
      review(
        { authenticated: true, user: USER, audiences: [AUDS[0], 'https://elsewhere'] },
        'authentication.k8s.io/v1',
      ),
    ),
  },
];

describe("kube-apiserver's reading of webhook answers: the engine's model against the stand-in", {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let server: Server;
  let port = 0;
  let current: Case = CASES[0]!;
  let hits = 0;
  let lastBody = '';
  const stops: (() => void)[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-webhook-fail-'));
    const { server: leaf } = await writeWebhookCertificates(dir);
    server = createServer({ cert: leaf.certificatePem, key: leaf.privateKeyPem }, (req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        hits++;
        lastBody = body;
        const a = current.answer;
        res.writeHead(a.status, a.contentType ? { 'Content-Type': a.contentType } : {});
        res.end(a.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
    webhookKubeconfigFor(dir, 'webhook', `https://127.0.0.1:${port}`);
  });

  after(() => {
    for (const s of stops) s();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const standins = new Map<TokenReviewVersion, Standin>();
  const standinFor = async (version: TokenReviewVersion) => {
    let s = standins.get(version);
    if (!s) {
      s = await startStandin(dir, {
        cert: join(dir, 'server.pem'),
        key: join(dir, 'server-key.pem'),
        tokenCacheTtl: '0s',
        webhookConfigFile: join(dir, 'webhook.kubeconfig.json'),
        webhookVersion: version,
        webhookCacheTtl: '0s',
        webhookRetryBackoff: '5ms',
        apiAudiences: AUDS,
      });
      stops.push(s.stop);
      standins.set(version, s);
    }
    return s;
  };

  for (const c of CASES) {
    it(`${c.name}: the stand-in logs, retries and answers as the engine predicts`, async () => {
      current = c;
      const s = await standinFor(c.version);
      const before = (await s.log()).length;
      hits = 0;
      const model = webhookTokenAuthenticator({
        version: c.version,
        apiAudiences: AUDS,
        cacheTtlSeconds: 0,
        webhook: () => c.answer,
      });
      const token = `tok-${Math.random().toString(36).slice(2)}`;
      const predicted = await authenticateRequest({
        authorization: `Bearer ${token}`,
        authenticators: [model],
      });
      const verdict = await model.review(token);
      // Not spawnSync: the webhook above runs on this event loop.
      const r = await whoamiWithTokenAsync(dir, s.url, token);
      const log = (await s.log()).slice(before);
      // kubectl may send its request more than once (once per request the stand-in logs).
      const requests = (log.match(/Unable to authenticate the request|POST \/apis\/authentication/g) ?? [])
        .length;
      assert.ok(requests >= 1, log);
      assert.equal(hits, verdict.attempts * requests, `POSTs made: ${log}`);
      const sent = JSON.parse(lastBody) as Record<string, unknown>;
      assert.deepEqual(sent, verdict.request as unknown, 'the TokenReview sent');
      if (predicted.outcome === 'authenticated') {
        assert.equal(r.status, 0, `${r.stderr}${log}`);
        assert.equal(r.stdout, whoamiForUser(predicted.user!));
      } else {
        assert.equal(r.status, 1, r.stdout);
        assert.equal(r.stderr.trim(), KUBECTL_401.whoami);
        assert.ok(
          log.includes(`Unable to authenticate the request: ${predicted.error}\n`),
          `expected ${predicted.error} in:\n${log}`,
        );
        if (verdict.kind === 'error' && verdict.log)
          assert.ok(log.includes(`Failed to make webhook authenticator request: ${predicted.error}\n`), log);
      }
    });
  }
});
