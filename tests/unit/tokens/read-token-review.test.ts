// A pasted TokenReview (part 4) read for the inspector: the request kube-apiserver sends, the answer a
// webhook gives in v1 and v1beta1, and what kube-apiserver would believe from the answer — the
// engine's webhook authenticator's own verdict and words, then system:authenticated. Malformed
// input fails with a LabError naming the field, never a bare exception.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLabError } from '../../../src/pki/index.ts';
import {
  buildTokenReviewRequest,
  buildTokenReviewResponse,
  looksLikeTokenReview,
  readTokenReview,
  type TokenReviewAnswerReading,
  type TokenReviewRequestReading,
} from '../../../src/tokens/index.ts';
import { jsonErrorOffset } from '../../../src/tokens/read-token-review.ts';
import { prng } from '../../support/fuzz.ts';

const AUDIENCE = 'https://kubernetes.default.svc.cluster.local';
const json = (v: unknown) => JSON.stringify(v, null, 2);
const alice = {
  username: 'alice',
  uid: '1001',
  groups: ['dev', 'webhook-users'],
  extra: { 'example.com/team': ['blue'] },
};

/** `count` TokenReviews (a request and an answer in turn), each with one to three characters removed or put in from `chars`. */
function* mutatedTokenReviews(rnd: () => number, chars: string[], count: number): Generator<string> {
  const base = [
    json(buildTokenReviewRequest({ token: 'abc', version: 'v1', audiences: [AUDIENCE] })),
    json(buildTokenReviewResponse({ version: 'v1', status: { authenticated: true, user: alice } })),
  ];
  for (let n = 0; n < count; n++) {
    let text = base[n % 2]!;
    for (let k = 0; k < 1 + (n % 3); k++) {
      const i = Math.floor(rnd() * text.length);
      text =
        rnd() < 0.5
          ? text.slice(0, i) + text.slice(i + 1)
          : text.slice(0, i) + chars[Math.floor(rnd() * chars.length)] + text.slice(i);
    }
    yield text;
  }
}

async function answer(text: string): Promise<TokenReviewAnswerReading> {
  const r = await readTokenReview(text);
  assert.equal(r.role, 'answer');
  return r as TokenReviewAnswerReading;
}

/** The code, details and message of what readTokenReview throws. */
async function failure(text: string): Promise<{ code: string; details: unknown; message: string }> {
  try {
    await readTokenReview(text);
  } catch (e) {
    assert.ok(isLabError(e), `a LabError, not ${String(e)}`);
    return { code: e.code, details: e.details, message: e.message };
  }
  assert.fail('readTokenReview did not throw');
}

describe('the TokenReview reader', () => {
  it('reads kube-apiserver’s request: version, token and audiences', async () => {
    const text = json(
      buildTokenReviewRequest({ token: 'kal-example-token', version: 'v1', audiences: [AUDIENCE] }),
    );
    assert.ok(looksLikeTokenReview(text));
    const r = (await readTokenReview(text)) as TokenReviewRequestReading;
    assert.deepEqual(r, {
      role: 'request',
      kind: 'TokenReview',
      apiVersion: 'authentication.k8s.io/v1',
      version: 'v1',
      token: 'kal-example-token',
      audiences: [AUDIENCE],
    });
  });

  it('reads a v1beta1 request without audiences (the flag’s default version)', async () => {
    const r = (await readTokenReview(
      json(buildTokenReviewRequest({ token: 'abc' })),
    )) as TokenReviewRequestReading;
    assert.equal(r.role, 'request');
    assert.equal(r.version, 'v1beta1');
    assert.deepEqual(r.audiences, []);
  });

  it('believes a v1 answer’s user and adds only system:authenticated; a v1beta1 ask refuses it', async () => {
    const a = await answer(
      json(buildTokenReviewResponse({ version: 'v1', status: { authenticated: true, user: alice } })),
    );
    assert.equal(a.version, 'v1');
    assert.deepEqual(a.status?.user, alice);
    assert.deepEqual(a.belief, {
      version: 'v1',
      kind: 'ok',
      user: { ...alice, groups: ['dev', 'webhook-users', 'system:authenticated'] },
      addedAuthenticated: true,
    });
    assert.equal(a.otherBelief.version, 'v1beta1');
    assert.equal(a.otherBelief.kind, 'error');
    assert.equal(
      a.otherBelief.kind === 'error' && a.otherBelief.error,
      'converting (v1.TokenReview) to (v1beta1.TokenReview): unknown conversion',
    );
  });

  it('believes a v1beta1 answer in v1beta1 and refuses it when asked in v1', async () => {
    const a = await answer(
      json(
        buildTokenReviewResponse({
          version: 'v1beta1',
          status: { authenticated: true, user: { username: 'bob' } },
        }),
      ),
    );
    assert.equal(a.belief.version, 'v1beta1');
    assert.equal(a.belief.kind, 'ok');
    assert.deepEqual(a.belief.kind === 'ok' && a.belief.user, {
      username: 'bob',
      uid: '',
      groups: ['system:authenticated'],
      extra: {},
    });
    assert.equal(
      a.otherBelief.kind === 'error' && a.otherBelief.error,
      'converting (v1beta1.TokenReview) to (v1.TokenReview): unknown conversion',
    );
  });

  it('adds nothing when the webhook already put system:authenticated in the groups', async () => {
    const a = await answer(
      json(
        buildTokenReviewResponse({
          version: 'v1',
          status: {
            authenticated: true,
            user: { username: 'carol', groups: ['system:authenticated', 'ops'] },
          },
        }),
      ),
    );
    assert.equal(a.belief.kind === 'ok' && a.belief.addedAuthenticated, false);
    assert.deepEqual(a.belief.kind === 'ok' && a.belief.user.groups, ['system:authenticated', 'ops']);
  });

  it('reads authenticated false without an error as “not mine”', async () => {
    const a = await answer(
      json(buildTokenReviewResponse({ version: 'v1', status: { authenticated: false } })),
    );
    assert.deepEqual(a.belief, { version: 'v1', kind: 'not-mine' });
  });

  it('reads authenticated false with an error as that error', async () => {
    const a = await answer(
      json(
        buildTokenReviewResponse({ version: 'v1', status: { authenticated: false, error: 'token expired' } }),
      ),
    );
    assert.deepEqual(a.belief, { version: 'v1', kind: 'error', error: 'token expired' });
    assert.equal(a.status?.error, 'token expired');
  });

  it('answers without kind and apiVersion are read in the version kube-apiserver asked in', async () => {
    const a = await answer('{"status": {"authenticated": true, "user": {"username": "dave"}}}');
    assert.equal(a.version, undefined);
    assert.equal(a.belief.kind, 'ok');
    assert.equal(a.otherBelief.kind, 'ok');
  });

  it('gives a wrong kind or apiVersion kube-apiserver’s own error, in both versions', async () => {
    const wrongKind = await answer(
      '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReviewResponse", "status": {"authenticated": true}}',
    );
    assert.deepEqual(wrongKind.belief, {
      version: 'v1beta1',
      kind: 'error',
      error: 'no kind "TokenReviewResponse" is registered for version "authentication.k8s.io/v1"',
      log: '"Failed to make webhook authenticator request" err="no kind \\"TokenReviewResponse\\" is registered for version \\"authentication.k8s.io/v1\\""',
    });
    assert.equal(wrongKind.status, undefined);
    const wrongGroup = await answer(
      '{"apiVersion": "example.com/v1", "kind": "TokenReview", "status": {"authenticated": true}}',
    );
    for (const b of [wrongGroup.belief, wrongGroup.otherBelief]) {
      assert.equal(
        b.kind === 'error' && b.error,
        'no kind "TokenReview" is registered for version "example.com/v1"',
      );
    }
  });

  it('refuses a request that is not a TokenReview with the engine’s webhook/not-token-review', async () => {
    const f = await failure(
      '{"apiVersion": "authentication.k8s.io/v2", "kind": "TokenReview", "spec": {"token": "x"}}',
    );
    assert.equal(f.code, 'webhook/not-token-review');
    assert.match(f.message, /got kind "TokenReview" and apiVersion "authentication\.k8s\.io\/v2"/);
  });

  const v1 = (status: string) =>
    `{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "status": ${status}}`;
  const cases: [string, string, string, string][] = [
    [
      v1('{"authenticated": true, "user": {"username": "a", "groups": "dev"}}'),
      'input/review-not-strings',
      'status.user.groups',
      'status.user.groups must be a list of strings',
    ],
    [
      v1('{"authenticated": "yes"}'),
      'input/review-not-boolean',
      'status.authenticated',
      'status.authenticated must be true or false',
    ],
    [
      v1('{"authenticated": true, "user": "alice"}'),
      'input/review-not-object',
      'status.user',
      'status.user must be an object',
    ],
    [
      v1('{"authenticated": true, "user": {"username": 5}}'),
      'input/review-not-string',
      'status.user.username',
      'status.user.username must be a string',
    ],
    [
      v1('{"authenticated": true, "user": {"username": "a", "extra": ["x"]}}'),
      'input/review-not-string-lists',
      'status.user.extra',
      'status.user.extra must be an object of string lists',
    ],
    [
      v1('{"authenticated": true, "user": {"username": "a", "extra": {"team": "blue"}}}'),
      'input/review-not-strings',
      'status.user.extra.team',
      'status.user.extra.team must be a list of strings',
    ],
    [
      v1('{"authenticated": true, "audiences": "api"}'),
      'input/review-not-strings',
      'status.audiences',
      'status.audiences must be a list of strings',
    ],
    [
      v1('{"authenticated": false, "error": 401}'),
      'input/review-not-string',
      'status.error',
      'status.error must be a string',
    ],
    [
      '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": 7}}',
      'input/review-not-string',
      'spec.token',
      'spec.token must be a string',
    ],
    [
      '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": "t", "audiences": "api"}}',
      'input/review-not-strings',
      'spec.audiences',
      'spec.audiences must be a list of strings',
    ],
  ];
  for (const [text, code, field, message] of cases) {
    it(`names the field of a malformed TokenReview: ${message}`, async () => {
      const f = await failure(text);
      assert.deepEqual(f, { code, details: { field }, message });
    });
  }

  it('says where JSON that looks like a TokenReview breaks', async () => {
    const f = await failure(
      '{\n  "apiVersion": "authentication.k8s.io/v1",\n  "kind": "TokenReview",\n  "status": {"authenticated": true,}\n}',
    );
    assert.equal(f.code, 'input/review-json-at');
    assert.deepEqual(f.details, { line: 4, column: 36 });
    const cut = await failure(
      '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "status": {',
    );
    assert.equal(cut.code, 'input/review-json-at');
    assert.equal((cut.details as { line: number }).line, 1);
  });

  it('refuses a TokenReview with neither spec nor status', async () => {
    const f = await failure('{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview"}');
    assert.equal(f.code, 'input/review-neither');
  });

  it('flags an answer that echoes spec.token (a credential) and ignores its spec', async () => {
    const a = await answer(
      v1('{"authenticated": true, "user": {"username": "e"}}').replace(
        '"status"',
        '"spec": {"token": "secret"}, "status"',
      ),
    );
    assert.equal(a.holdsToken, true);
    assert.equal(a.belief.kind, 'ok');
  });

  it('recognises only JSON that is meant as a TokenReview', () => {
    assert.equal(looksLikeTokenReview('{"keys": [{"kty": "EC"}]}'), false);
    assert.equal(looksLikeTokenReview('-----BEGIN CERTIFICATE-----'), false);
    assert.equal(looksLikeTokenReview('apiVersion: authentication.k8s.io/v1\nkind: TokenReview'), false);
    assert.equal(looksLikeTokenReview('{"kind": "TokenReview"'), true);
    assert.equal(looksLikeTokenReview('{"status": {"authenticated": false}}'), true);
  });

  it('finds the first JSON syntax error where JSON.parse has none to say', () => {
    const good = [
      '{}',
      '[]',
      ' {"a": [1, -2.5e3, true, false, null, "x\\"\\u00e9"], "b": {}} ',
      json(buildTokenReviewRequest({ token: 't', audiences: ['a'] })),
    ];
    for (const text of good) {
      JSON.parse(text);
      assert.equal(jsonErrorOffset(text), undefined, text);
    }
    const bad: [string, number][] = [
      ['{"a": tru}', 6],
      ['{"a": 1,}', 8],
      ['{"a" 1}', 5],
      ['{"a": "x}', 9],
      ['{"a": 1} x', 9],
      ['{"a": 01}', 7],
      ["{'a': 1}", 1],
      ['{"a": [1 2]}', 9],
      ['', 0],
    ];
    for (const [text, at] of bad) {
      assert.throws(() => JSON.parse(text));
      assert.equal(jsonErrorOffset(text), at, text);
    }
  });

  it('finds an error in a text exactly when JSON.parse refuses it (3,000 mutated TokenReviews)', () => {
    const rnd = prng(11);
    const chars = [
      '"',
      ',',
      ':',
      '{',
      '}',
      '[',
      ']',
      ' ',
      '1',
      '0',
      '-',
      '.',
      'e',
      'u',
      '\\',
      '\u0001',
      'null',
    ];
    let refused = 0;
    for (const text of mutatedTokenReviews(rnd, chars, 3000)) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
        refused++;
      }
      const at = jsonErrorOffset(text);
      assert.equal(at === undefined, parses, text);
      if (at !== undefined) assert.ok(at <= text.length, text);
    }
    assert.ok(refused > 1500, `${refused} of 3000 mutations refused`);
  });

  it('whatever is pasted, fails only with a LabError (mutated TokenReviews, deep nesting)', async () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const chars = ['"', ',', ':', '{', '}', '[', ']', ' ', '1', 'x', '\\', 'null'];
    let readings = 0;
    for (const text of mutatedTokenReviews(rnd, chars, 400)) {
      try {
        await readTokenReview(text);
        readings++;
      } catch (e) {
        assert.ok(isLabError(e), `${String(e)} for ${text}`);
      }
    }
    assert.ok(readings > 20, `only ${readings} mutations were still readable`);
    const deep = `{"token": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    assert.equal(looksLikeTokenReview(deep), true);
    await readTokenReview(deep).then(
      () => assert.fail('read'),
      (e) => assert.ok(isLabError(e), String(e)),
    );
    await readTokenReview(`{"kind": "TokenReview", "status": ${'['.repeat(200_000)}`).then(
      () => assert.fail('read'),
      (e) => assert.ok(isLabError(e), String(e)),
    );
  });
});
