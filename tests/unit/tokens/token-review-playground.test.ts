// The TokenReview playground's model: predictions along a timeline with the cache, failures and
// bad input. Interop (tests/interop/webhook-token-review.test.ts, webhook-failures.test.ts) holds
// the underlying authenticator against token-webhook.py, the Go stand-in and kubectl.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  KUBECTL_401,
  readPlaygroundAudiences,
  readPlaygroundTtl,
  tokenReviewPlayground,
} from '../../../src/tokens/index.ts';

const USERS = JSON.stringify({
  users: [
    {
      token: 'tok-alice',
      username: 'alice',
      uid: '1001',
      groups: ['dev'],
      extra: { 'example.com/team': ['blue'] },
    },
    { token: 'tok-bob', username: 'bob' },
  ],
});
const base = { usersText: USERS, token: 'tok-alice', audiences: '', version: 'v1' as const, cacheTtl: '120' };

async function first(p: Parameters<typeof tokenReviewPlayground>[0]) {
  const [r] = await tokenReviewPlayground(p);
  assert.ok(r);
  return r;
}

async function codeOf(fn: () => Promise<unknown>): Promise<{ code: string; field?: string }> {
  try {
    await fn();
  } catch (e) {
    assert.equal((e as Error).name, 'LabError');
    const le = e as { code: string; details?: { field?: string } };
    return { code: le.code, field: le.details?.field };
  }
  throw new Error('no error');
}

describe('tokenReviewPlayground', () => {
  it('a known token: the request, the script answer, the user with system:authenticated', async () => {
    const r = await first(base);
    const req = JSON.parse(r.requestJson);
    assert.equal(req.apiVersion, 'authentication.k8s.io/v1');
    assert.equal(req.kind, 'TokenReview');
    assert.equal(req.spec.token, 'tok-alice');
    assert.deepEqual(r.answer && 'status' in r.answer ? r.answer.status : 0, 200);
    assert.equal(r.httpStatus, 200);
    assert.deepEqual(r.user?.groups, ['dev', 'system:authenticated']);
    assert.deepEqual(r.user?.extra, { 'example.com/team': ['blue'] });
    assert.match(r.kubectl, /alice/);
    assert.match(r.kubectl, /system:authenticated/);
    assert.equal(r.cached, false);
    assert.equal(r.expiresAt, 120);
  });

  it('v1beta1 sends and expects authentication.k8s.io/v1beta1', async () => {
    const r = await first({ ...base, version: 'v1beta1' });
    assert.equal(JSON.parse(r.requestJson).apiVersion, 'authentication.k8s.io/v1beta1');
    assert.equal(r.httpStatus, 200);
  });

  it('an unknown token: authenticated false, 401, and the answer is cached', async () => {
    const rs = await tokenReviewPlayground({ ...base, token: 'nope', requestsAt: [0, 5] });
    const [a, b] = rs;
    assert.ok(a && b);
    assert.equal(a.httpStatus, 401);
    assert.equal(a.kubectl, KUBECTL_401.whoami);
    assert.equal(a.decision.error, 'invalid bearer token');
    assert.equal(b.cached, true);
  });

  it('audiences: sent in spec.audiences; the script echoes none, so the API audiences are taken', async () => {
    const r = await first({ ...base, audiences: 'https://kubernetes.default.svc, api' });
    assert.deepEqual(JSON.parse(r.requestJson).spec.audiences, ['https://kubernetes.default.svc', 'api']);
    assert.equal(r.httpStatus, 200);
    assert.deepEqual(r.verdict.audiences, ['https://kubernetes.default.svc', 'api']);
  });

  it('a removed token works from the cache until the TTL ends, then 401', async () => {
    const rs = await tokenReviewPlayground({
      ...base,
      cacheTtl: '10',
      removeAt: 3,
      requestsAt: [0, 5, 9, 10],
    });
    assert.deepEqual(
      rs.map((r) => [r.at, r.inFile, r.cached, r.httpStatus]),
      [
        [0, true, false, 200],
        [5, false, true, 200],
        [9, false, true, 200],
        [10, false, false, 401],
      ],
    );
  });

  it('a TTL of 0 caches nothing', async () => {
    const rs = await tokenReviewPlayground({ ...base, cacheTtl: '0', removeAt: 1, requestsAt: [0, 1] });
    assert.deepEqual(
      rs.map((r) => [r.cached, r.httpStatus]),
      [
        [false, 200],
        [false, 401],
      ],
    );
  });

  it('webhook down: the error, 401, never cached', async () => {
    const rs = await tokenReviewPlayground({ ...base, failure: 'down', requestsAt: [0, 1] });
    const [a, b] = rs;
    assert.ok(a && b);
    assert.equal(a.httpStatus, 401);
    assert.match(a.decision.error ?? '', /connect: connection refused/);
    assert.equal(b.cached, false);
    assert.equal(b.attempts, 1);
  });

  it('a 500 is retried five times and refused', async () => {
    const r = await first({ ...base, failure: 'non-2xx' });
    assert.equal(r.attempts, 5);
    assert.equal(r.httpStatus, 401);
    assert.match(r.verdict.kind === 'error' ? r.verdict.error : '', /an error on the server/);
  });

  it('an answer in the other apiVersion is an error', async () => {
    const r = await first({ ...base, failure: 'wrong-api-version' });
    assert.equal(r.httpStatus, 401);
    assert.equal(
      r.verdict.kind === 'error' ? r.verdict.error : '',
      'converting (v1beta1.TokenReview) to (v1.TokenReview): unknown conversion',
    );
  });

  it('bad input names its field', async () => {
    assert.deepEqual(await codeOf(() => tokenReviewPlayground({ ...base, usersText: '{' })), {
      code: 'webhook-users/not-json',
      field: undefined,
    });
    assert.deepEqual(await codeOf(() => tokenReviewPlayground({ ...base, cacheTtl: '2m' })), {
      code: 'token-review/bad-ttl',
      field: 'ttl',
    });
    assert.deepEqual(await codeOf(() => tokenReviewPlayground({ ...base, token: 'a b' })), {
      code: 'token-review/bad-token',
      field: 'token',
    });
    assert.deepEqual(await codeOf(() => tokenReviewPlayground({ ...base, requestsAt: [5, 1] })), {
      code: 'token-review/bad-timeline',
      field: 'timeline',
    });
  });

  it('reads TTLs and audiences', () => {
    assert.equal(readPlaygroundTtl('5s'), 5);
    assert.equal(readPlaygroundTtl(' 120 '), 120);
    assert.deepEqual(readPlaygroundAudiences('a\nb, a\n'), ['a', 'b']);
  });
});
