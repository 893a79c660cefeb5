// The TokenReview playground's model: predictions along a timeline with the cache, failures and
// bad input. Interop (tests/interop/webhook-token-review.test.ts, webhook-failures.test.ts) holds
// the underlying authenticator against token-webhook.py, the Go stand-in and kubectl.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  KUBECTL_401,
  PLAYGROUND_START,
  playgroundRequestText,
  pythonJsonDumps,
  readPlaygroundAnswer,
  readPlaygroundAudiences,
  readPlaygroundRequest,
  readPlaygroundTimeline,
  readPlaygroundTtl,
  runPlayground,
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

  it('requests sent before the removal at the same second still find the token (removeAfter)', async () => {
    const rs = await tokenReviewPlayground({
      ...base,
      cacheTtl: '0',
      removeAt: 5,
      removeAfter: 1,
      requestsAt: [5, 5],
    });
    assert.deepEqual(
      rs.map((r) => [r.inFile, r.httpStatus]),
      [
        [true, 200],
        [false, 401],
      ],
    );
  });

  it('reads a stored timeline, and gives the fresh one for anything damaged', () => {
    assert.deepEqual(readPlaygroundTimeline('{"clock":30,"sent":[0,30],"removeAt":0,"removeAfter":1}'), {
      clock: 30,
      sent: [0, 30],
      removeAt: 0,
      removeAfter: 1,
    });
    for (const bad of [
      '',
      '{',
      '{"clock":-1,"sent":[]}',
      '{"clock":5,"sent":[6]}',
      '{"clock":5,"sent":[3,1]}',
    ])
      assert.deepEqual(readPlaygroundTimeline(bad), PLAYGROUND_START);
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

  it("shows the script's answer as Python's json.dumps writes it", async () => {
    const r = await first(base);
    assert.deepEqual(r.answer, {
      status: 200,
      body: '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "status": {"authenticated": true, "user": {"username": "alice", "uid": "1001", "groups": ["dev"], "extra": {"example.com/team": ["blue"]}}}}',
    });
    const unknown = await first({ ...base, token: 'nope', version: 'v1beta1' });
    assert.deepEqual(unknown.answer, {
      status: 200,
      body: '{"apiVersion": "authentication.k8s.io/v1beta1", "kind": "TokenReview", "status": {"authenticated": false}}',
    });
  });

  it('a hand-written answer for other audiences is not this token: 401, and it is cached', async () => {
    const answerText = JSON.stringify({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      status: { authenticated: true, user: { username: 'mallory' }, audiences: ['https://elsewhere'] },
    });
    const rs = await tokenReviewPlayground({
      ...base,
      audiences: 'https://kubernetes.default.svc.cluster.local',
      failure: 'hand-written',
      answerText,
      requestsAt: [0, 1],
    });
    const [a, b] = rs;
    assert.ok(a && b);
    assert.deepEqual(a.answer, { status: 200, body: answerText });
    assert.equal(a.verdict.kind, 'not-mine');
    assert.equal(a.httpStatus, 401);
    assert.equal(a.decision.error, 'invalid bearer token');
    assert.equal(b.cached, true);
    // Without API audiences nothing is checked: the hand-written user is believed.
    const open = await first({ ...base, failure: 'hand-written', answerText });
    assert.equal(open.user?.username, 'mallory');
    assert.deepEqual(open.verdict.audiences, undefined);
  });

  it('a hand-written answer that names one of the API audiences gives the user with that audience', async () => {
    const answerText = JSON.stringify({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      status: { authenticated: true, user: { username: 'dana' }, audiences: ['api', 'other'] },
    });
    const r = await first({ ...base, audiences: 'api\nhttps://k', failure: 'hand-written', answerText });
    assert.equal(r.httpStatus, 200);
    assert.deepEqual(r.verdict.audiences, ['api']);
  });

  it('reads the request the reader edits: version, token, audiences, each problem at the request field', async () => {
    const text = playgroundRequestText({ token: 'tok-bob', version: 'v1beta1', audiences: ['a', 'b'] });
    assert.deepEqual(readPlaygroundRequest(text), {
      version: 'v1beta1',
      token: 'tok-bob',
      audiences: 'a\nb',
    });
    const codeOfSync = (t: string) => {
      try {
        readPlaygroundRequest(t);
      } catch (e) {
        const le = e as { code: string; details: { field?: string; value?: string } };
        return [le.code, le.details.field, le.details.value];
      }
      return [];
    };
    assert.deepEqual(codeOfSync('{"kind":'), ['webhook/not-json', 'request', undefined]);
    assert.deepEqual(codeOfSync('[]'), ['webhook/not-json', 'request', undefined]);
    assert.deepEqual(codeOfSync(text.replace('v1beta1', 'v2')), [
      'token-review/bad-api-version',
      'request',
      'authentication.k8s.io/v2',
    ]);
    assert.deepEqual(codeOfSync(text.replace('"tok-bob"', '""')), [
      'token-review/bad-token',
      'request',
      undefined,
    ]);
    assert.deepEqual(codeOfSync(text.replace('"tok-bob"', '7')), [
      'webhook/bad-field',
      'spec.token',
      undefined,
    ]);
  });

  it('refuses a hand-written answer that is not a JSON object', async () => {
    assert.equal(readPlaygroundAnswer('{"a": 1}'), '{"a": 1}');
    for (const bad of ['{', '[]', 'null']) {
      assert.deepEqual(
        await codeOf(() => tokenReviewPlayground({ ...base, failure: 'hand-written', answerText: bad })),
        { code: 'token-review/bad-answer', field: 'answer' },
      );
    }
  });

  it("writes JSON as Python's json.dumps does", () => {
    assert.equal(
      pythonJsonDumps({ a: [1, true, null], b: 'é"\\\n\u007f😀' }),
      String.raw`{"a": [1, true, null], "b": "\u00e9\"\\\n\u007f\ud83d\ude00"}`,
    );
  });

  it('runPlayground keeps each problem at its field and runs nothing until all read', async () => {
    const inputs = {
      request: playgroundRequestText({ token: 'tok-alice', version: 'v1' }),
      users: USERS,
      ttl: '120',
      failure: 'none',
      answer: '{',
      timeline: { clock: 30, sent: [0, 30] },
    };
    const ok = await runPlayground(inputs);
    assert.deepEqual(ok.problems, {});
    assert.deepEqual(ok.fields, { version: 'v1', token: 'tok-alice', audiences: '' });
    assert.deepEqual(
      ok.requests.map((r) => [r.at, r.cached, r.user?.username]),
      [
        [0, false, 'alice'],
        [30, true, 'alice'],
      ],
    );
    const bad = await runPlayground({ ...inputs, users: '[]', ttl: 'soon', failure: 'hand-written' });
    assert.deepEqual(Object.fromEntries(Object.entries(bad.problems).map(([k, e]) => [k, e?.code])), {
      users: 'webhook-users/not-json',
      ttl: 'token-review/bad-ttl',
      answer: 'token-review/bad-answer',
    });
    assert.deepEqual(bad.requests, []);
    const unknownFailure = await runPlayground({ ...inputs, failure: 'sometimes' });
    assert.equal(unknownFailure.requests[0]?.httpStatus, 200);
  });
});
