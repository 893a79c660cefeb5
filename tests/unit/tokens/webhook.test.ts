// Part 4's engine: TokenReview objects, kube-apiserver's webhook authenticator (answers, audiences,
// cache with a clock, retries, error texts), the users file and the script's answer, the
// kube-apiserver change. Interop (tests/interop/webhook-*.test.ts) holds the same against
// token-webhook.py, the Go stand-in and kubectl.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  tokenWebhookScript,
  webhookApiServerSettings,
  webhookKindConfig,
  webhookKubeconfig,
  webhookManifestPatch,
  writeWebhookUsersFile,
} from '../../../src/recipes/webhook/index.ts';
import {
  authenticateRequest,
  buildTokenReviewRequest,
  checkTokenReviewVersion,
  INVALID_BEARER_TOKEN,
  parseTokenReviewRequest,
  readWebhookUsers,
  type WebhookAnswer,
  webhookScriptAnswer,
  webhookTokenAuthenticator,
} from '../../../src/tokens/index.ts';
import { onlyLabErrorsSync, prng } from '../../support/fuzz.ts';

const ok = (status: unknown, apiVersion = 'authentication.k8s.io/v1'): WebhookAnswer => ({
  kind: 'response',
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify({ apiVersion, kind: 'TokenReview', status }),
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.equal((e as Error).name, 'LabError');
    return (e as { code: string }).code;
  }
  return 'no error';
}

describe('TokenReview objects', () => {
  it('builds the request kube-apiserver sends, v1beta1 by default, audiences only when there are some', () => {
    assert.deepEqual(buildTokenReviewRequest({ token: 'abc' }), {
      kind: 'TokenReview',
      apiVersion: 'authentication.k8s.io/v1beta1',
      metadata: { creationTimestamp: null },
      spec: { token: 'abc' },
      status: { user: {} },
    });
    assert.deepEqual(
      buildTokenReviewRequest({ token: 'abc', version: 'v1', audiences: ['https://k'] }).spec,
      {
        token: 'abc',
        audiences: ['https://k'],
      },
    );
    assert.equal(
      buildTokenReviewRequest({ token: 'abc', version: 'v1' }).apiVersion,
      'authentication.k8s.io/v1',
    );
  });

  it('refuses a version kube-apiserver does not know, with its start-up message', () => {
    assert.equal(
      codeOf(() => checkTokenReviewVersion('v2')),
      'webhook/unsupported-version',
    );
    assert.throws(() => checkTokenReviewVersion('v2'), {
      message: 'unsupported authentication webhook version "v2", supported versions are "v1", "v1beta1"',
    });
  });

  it('reads a request as a webhook must and refuses what is not a TokenReview', () => {
    assert.deepEqual(
      parseTokenReviewRequest(JSON.stringify(buildTokenReviewRequest({ token: 't', audiences: ['a'] }))),
      {
        version: 'v1beta1',
        token: 't',
        audiences: ['a'],
      },
    );
    assert.equal(
      codeOf(() => parseTokenReviewRequest('{')),
      'webhook/not-json',
    );
    assert.equal(
      codeOf(() => parseTokenReviewRequest('[]')),
      'webhook/not-json',
    );
    assert.equal(
      codeOf(() => parseTokenReviewRequest({ kind: 'TokenReview', apiVersion: 'v1' })),
      'webhook/not-token-review',
    );
    assert.equal(
      codeOf(() =>
        parseTokenReviewRequest({
          kind: 'TokenReview',
          apiVersion: 'authentication.k8s.io/v1',
          spec: { token: 1 },
        }),
      ),
      'webhook/bad-field',
    );
  });
});

describe("kube-apiserver's webhook authenticator", () => {
  const user = { username: 'alice', uid: '1001', groups: ['dev'], extra: { 'example.com/team': ['blue'] } };

  it('takes the user as returned and adds only system:authenticated', async () => {
    const wh = webhookTokenAuthenticator({ version: 'v1', webhook: () => ok({ authenticated: true, user }) });
    const v = await authenticateRequest({ authorization: 'Bearer t', authenticators: [wh] });
    assert.equal(v.outcome, 'authenticated');
    assert.deepEqual(v.user, { ...user, groups: ['dev', 'system:authenticated'] });
  });

  it('reads authenticated:false as not its token (invalid bearer token), and false with an error as that error', async () => {
    const no = webhookTokenAuthenticator({ version: 'v1', webhook: () => ok({ authenticated: false }) });
    const v = await authenticateRequest({ authorization: 'Bearer t', authenticators: [no] });
    assert.equal(v.error, INVALID_BEARER_TOKEN);
    const err = webhookTokenAuthenticator({
      version: 'v1',
      webhook: () => ok({ authenticated: false, error: 'token expired' }),
    });
    const e = await authenticateRequest({ authorization: 'Bearer t', authenticators: [err] });
    assert.equal(e.outcome, 'unauthorized');
    assert.equal(e.error, 'token expired');
  });

  it('sends the API audiences and needs the answer to intersect them (status.audiences, else the API audiences)', async () => {
    let sent: unknown;
    const make = (status: unknown) =>
      webhookTokenAuthenticator({
        version: 'v1',
        apiAudiences: ['https://kubernetes.default.svc', 'api'],
        webhook: (req) => {
          sent = req.spec.audiences;
          return ok(status);
        },
      });
    const implicit = await make({ authenticated: true, user }).review('t');
    assert.deepEqual(sent, ['https://kubernetes.default.svc', 'api']);
    assert.equal(implicit.kind, 'ok');
    assert.deepEqual(implicit.audiences, ['https://kubernetes.default.svc', 'api']);
    const narrowed = await make({ authenticated: true, user, audiences: ['api', 'other'] }).review('t');
    assert.deepEqual(narrowed.audiences, ['api']);
    const disjoint = await make({ authenticated: true, user, audiences: ['other'] }).review('t');
    assert.equal(disjoint.kind, 'not-mine');
    // The audience check comes first: even an error answer with other audiences is "not mine".
    const errOther = await make({ authenticated: false, error: 'x', audiences: ['other'] }).review('t');
    assert.equal(errOther.kind, 'not-mine');
    const none = webhookTokenAuthenticator({
      version: 'v1',
      webhook: () => ok({ authenticated: true, user, audiences: ['x'] }),
    });
    assert.equal((await none.review('t')).kind, 'ok', 'without API audiences nothing is checked');
  });

  it('caches ok and authenticated:false for the TTL on its clock, errors never', async () => {
    let clock = 1_000;
    let answer: WebhookAnswer = ok({ authenticated: true, user });
    let calls = 0;
    const wh = webhookTokenAuthenticator({
      version: 'v1',
      cacheTtlSeconds: 120,
      now: () => clock,
      webhook: () => {
        calls++;
        return answer;
      },
    });
    assert.equal((await wh.review('t')).kind, 'ok');
    answer = ok({ authenticated: false });
    clock += 119_999;
    const cached = await wh.review('t');
    assert.equal(cached.kind, 'ok');
    assert.equal(cached.cached, true);
    assert.equal(calls, 1);
    clock += 1;
    const after = await wh.review('t');
    assert.equal(after.kind, 'not-mine');
    assert.equal(after.cached, false);
    assert.equal((await wh.review('t')).cached, true, 'authenticated:false is cached too');
    answer = { kind: 'response', status: 400, body: 'nope', contentType: 'text/plain' };
    const other = await wh.review('u');
    assert.equal(other.kind, 'error');
    assert.equal((await wh.review('u')).cached, false, 'errors are not cached');
    const noCache = webhookTokenAuthenticator({
      version: 'v1',
      cacheTtlSeconds: 0,
      webhook: () => ok({ authenticated: true, user }),
    });
    await noCache.review('t');
    assert.equal((await noCache.review('t')).cached, false);
  });

  it("gives client-go's texts for answers that are not a TokenReview of its version", async () => {
    const cases: [WebhookAnswer, string, number][] = [
      [
        { kind: 'response', status: 500, body: 'boom', contentType: 'text/plain' },
        'an error on the server ("boom") has prevented the request from succeeding',
        5,
      ],
      [
        { kind: 'response', status: 500, body: '{"x":1}', contentType: 'application/json' },
        'an error on the server ("unknown") has prevented the request from succeeding',
        5,
      ],
      [
        { kind: 'response', status: 503, body: '' },
        'the server is currently unable to handle the request',
        1,
      ],
      [
        { kind: 'response', status: 503, body: '', retryAfter: true },
        'the server is currently unable to handle the request',
        5,
      ],
      [
        { kind: 'response', status: 401, body: '' },
        'the server has asked for the client to provide credentials',
        1,
      ],
      [{ kind: 'response', status: 404, body: 'no' }, 'the server could not find the requested resource', 1],
      [{ kind: 'response', status: 403, body: 'go away', contentType: 'text/plain' }, 'go away', 1],
      [
        { kind: 'response', status: 418, body: '' },
        'the server responded with the status code 418 but did not return more information',
        1,
      ],
      [
        {
          kind: 'response',
          status: 400,
          body: '{"kind":"Status","status":"Failure","message":"bad review"}',
          contentType: 'application/json',
        },
        'bad review',
        1,
      ],
      [
        ok({ authenticated: true }, 'authentication.k8s.io/v1beta1'),
        'converting (v1beta1.TokenReview) to (v1.TokenReview): unknown conversion',
        1,
      ],
      [
        ok({ authenticated: true }, 'example.com/v1'),
        'no kind "TokenReview" is registered for version "example.com/v1"',
        1,
      ],
      [
        { kind: 'response', status: 200, body: '', contentType: 'application/json' },
        '0-length response with status code: 200 and content type: application/json',
        1,
      ],
      [
        { kind: 'unreachable', error: 'Post "https://w/": dial tcp: connection refused' },
        'Post "https://w/": dial tcp: connection refused',
        1,
      ],
    ];
    for (const [answer, error, attempts] of cases) {
      const v = await webhookTokenAuthenticator({ version: 'v1', webhook: () => answer }).review('t');
      assert.equal(v.kind, 'error', error);
      assert.equal(v.kind === 'error' && v.error, error);
      assert.equal(v.attempts, attempts, error);
      assert.equal(
        v.log,
        `"Failed to make webhook authenticator request" err="${error.replace(/"/g, '\\"')}"`,
      );
    }
    const notJson = await webhookTokenAuthenticator({
      version: 'v1',
      webhook: () => ({ kind: 'response', status: 200, body: 'hi' }),
    }).review('t');
    assert.match(
      notJson.kind === 'error' ? notJson.error : '',
      /^couldn't get version\/kind; json parse error: /,
    );
  });

  it('accepts an answer without kind and apiVersion as the version it asked in', async () => {
    const v = await webhookTokenAuthenticator({
      version: 'v1beta1',
      webhook: () => ({
        kind: 'response',
        status: 200,
        body: JSON.stringify({ status: { authenticated: true, user } }),
      }),
    }).review('t');
    assert.equal(v.kind, 'ok');
  });

  it('never throws, whatever the webhook answers', async () => {
    const bodies = [
      '',
      'null',
      '[]',
      '{"status":[]}',
      '{"status":{"user":"x"}}',
      '{"status":{"authenticated":"yes"}}',
      '{"status":{"user":{"extra":{"a":"b"}}}}',
      '\u0000',
    ];
    for (const body of bodies) {
      const v = await webhookTokenAuthenticator({
        version: 'v1',
        webhook: () => ({ kind: 'response', status: 200, body }),
      }).review('t');
      assert.ok(v.kind === 'error' || v.kind === 'not-mine', body);
    }
    const thrown = await webhookTokenAuthenticator({
      version: 'v1',
      webhook: () => {
        throw new Error('down');
      },
    }).review('t');
    assert.equal(thrown.kind, 'error');
  });
});

describe('the users file and the answer of token-webhook.py', () => {
  const text = writeWebhookUsersFile([
    { token: 'tok-a', username: 'alice', uid: '1', groups: ['dev'], extra: { k: ['v'] } },
    { token: 'tok-b', username: 'bob' },
  ]);

  it('writes a file the reader reads back', () => {
    const users = readWebhookUsers(text);
    assert.deepEqual(users.get('tok-a'), {
      username: 'alice',
      uid: '1',
      groups: ['dev'],
      extra: { k: ['v'] },
    });
    assert.deepEqual(users.get('tok-b'), { username: 'bob', uid: '', groups: [], extra: {} });
  });

  it('refuses bad entries with the index and the field', () => {
    assert.equal(
      codeOf(() => readWebhookUsers('nope')),
      'webhook-users/not-json',
    );
    assert.equal(
      codeOf(() => readWebhookUsers('{"users":{}}')),
      'webhook-users/not-json',
    );
    assert.equal(
      codeOf(() => readWebhookUsers('{"users":[{"token":"a b","username":"x"}]}')),
      'webhook-users/bad-entry',
    );
    assert.throws(
      () => readWebhookUsers('{"users":[{"token":"a","username":"x"},{"token":"b","username":""}]}'),
      (e: unknown) => {
        const d = (e as { details: Record<string, unknown> }).details;
        return d.index === 1 && d.field === 'username';
      },
    );
    assert.equal(
      codeOf(() => readWebhookUsers('{"users":[{"token":"a","username":"x","groups":[""]}]}')),
      'webhook-users/bad-entry',
    );
    assert.equal(
      codeOf(() => readWebhookUsers('{"users":[{"token":"a","username":"x"},{"token":"a","username":"y"}]}')),
      'webhook-users/duplicate-token',
    );
    assert.equal(
      codeOf(() => writeWebhookUsersFile([{ token: '', username: 'x' }])),
      'webhook-users/bad-entry',
    );
  });

  it('answers 200 in the request version, authenticated:false for an unknown token, 400 for a non-TokenReview', () => {
    const users = readWebhookUsers(text);
    const a = webhookScriptAnswer(
      users,
      JSON.stringify(buildTokenReviewRequest({ token: 'tok-a', version: 'v1' })),
    );
    assert.equal(a.status, 200);
    assert.deepEqual(a.response, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      status: {
        authenticated: true,
        user: { username: 'alice', uid: '1', groups: ['dev'], extra: { k: ['v'] } },
      },
    });
    const u = webhookScriptAnswer(users, JSON.stringify(buildTokenReviewRequest({ token: 'nope' })));
    assert.deepEqual(u.response, {
      apiVersion: 'authentication.k8s.io/v1beta1',
      kind: 'TokenReview',
      status: { authenticated: false },
    });
    assert.equal(webhookScriptAnswer(users, '{"kind":"SubjectAccessReview"}').status, 400);
  });
});

describe('the kube-apiserver change for the webhook', () => {
  it('writes the three flags (the TTL only when not 2m) and mounts the kubeconfig', () => {
    assert.deepEqual(webhookApiServerSettings().extraFlags, [
      { name: 'authentication-token-webhook-config-file', value: '/etc/kubernetes/token-webhook.kubeconfig' },
      { name: 'authentication-token-webhook-version', value: 'v1' },
    ]);
    assert.deepEqual(webhookApiServerSettings({ cacheTtl: '2m0s' }).extraFlags?.length, 2);
    assert.deepEqual(webhookApiServerSettings({ cacheTtl: '30s', version: 'v1beta1' }).extraFlags, [
      { name: 'authentication-token-webhook-config-file', value: '/etc/kubernetes/token-webhook.kubeconfig' },
      { name: 'authentication-token-webhook-cache-ttl', value: '30s' },
      { name: 'authentication-token-webhook-version', value: 'v1beta1' },
    ]);
    assert.equal(
      codeOf(() => webhookApiServerSettings({ cacheTtl: 'soon' })),
      'webhook/bad-cache-ttl',
    );
    assert.equal(
      codeOf(() => webhookApiServerSettings({ version: 'v2' as never })),
      'webhook/unsupported-version',
    );
    const patch = webhookManifestPatch({ cacheTtl: '30s' });
    assert.match(
      patch.diff,
      /^\+ {4}- --authentication-token-webhook-config-file=\/etc\/kubernetes\/token-webhook\.kubeconfig$/m,
    );
    assert.match(patch.diff, /^\+ {4}- --authentication-token-webhook-cache-ttl=30s$/m);
    assert.match(patch.diff, /mountPath: \/etc\/kubernetes\/token-webhook\.kubeconfig/);
    const kind = parse(webhookKindConfig({})) as {
      nodes: { extraMounts: { hostPath: string; containerPath: string; readOnly: boolean }[] }[];
    };
    assert.deepEqual(kind.nodes[0]!.extraMounts, [
      {
        hostPath: './token-webhook.kubeconfig',
        containerPath: '/etc/kubernetes/token-webhook.kubeconfig',
        readOnly: true,
      },
    ]);
  });
});

describe('webhook parsers under random input', () => {
  const seeds = [
    JSON.stringify(buildTokenReviewRequest({ token: 'abc', version: 'v1', audiences: ['a'] })),
    writeWebhookUsersFile([
      { token: 'tok', username: 'alice', uid: '1', groups: ['g'], extra: { k: ['v'] } },
    ]),
    JSON.stringify({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      status: {
        authenticated: true,
        user: { username: 'a', groups: ['g'], extra: { k: ['v'] } },
        audiences: ['x'],
      },
    }),
  ];
  const chars = ['"', ',', '{', '}', '[', ']', ':', 'null', 'true', '1', ' ', '\u0000', 'é'];

  it('only LabError comes out of the readers, and the authenticator never throws', async () => {
    const rnd = prng(15);
    for (let n = 0; n < 600; n++) {
      const seed = seeds[n % seeds.length]!;
      const i = Math.floor(rnd() * seed.length);
      const text =
        rnd() < 0.3
          ? seed.slice(0, i)
          : seed.slice(0, i) + chars[Math.floor(rnd() * chars.length)] + seed.slice(i + 1);
      for (const fn of [() => parseTokenReviewRequest(text), () => readWebhookUsers(text)])
        onlyLabErrorsSync(fn, JSON.stringify(text));
      const v = await webhookTokenAuthenticator({
        version: 'v1',
        webhook: () => ({ kind: 'response', status: 200, body: text }),
      }).review('t');
      assert.ok(['ok', 'not-mine', 'error'].includes(v.kind));
    }
  });
});

describe('the webhook kubeconfig', () => {
  it('refuses what kube-apiserver could not use, by code, through the one kubeconfig writer', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    const key = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n';
    const p = {
      server: 'https://192.0.2.20:8443/authenticate',
      caPem: pem,
      clientCertificatePem: pem,
      clientKeyPem: key,
    };
    const doc = parse(webhookKubeconfig(p)) as {
      clusters: { cluster: { server: string } }[];
      'current-context': string;
    };
    assert.equal(
      doc.clusters[0]!.cluster.server,
      'https://192.0.2.20:8443/authenticate',
      'the exact URL, path kept',
    );
    assert.equal(doc['current-context'], 'webhook');
    assert.equal(
      codeOf(() => webhookKubeconfig({ ...p, server: 'http://192.0.2.20:8443/authenticate' })),
      'kubeconfig/server-not-https',
    );
    assert.equal(
      codeOf(() => webhookKubeconfig({ ...p, server: 'https://192.0.2.20/x?y=1' })),
      'kubeconfig/bad-server-url',
    );
    assert.equal(
      codeOf(() => webhookKubeconfig({ ...p, clientKeyPem: pem })),
      'kubeconfig/bad-pem',
    );
  });
});

describe('token-webhook.py in both languages', () => {
  /** The script without its comments and string literals: the code both editions must share. */
  const code = (text: string) =>
    text
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .join('\n')
      .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');

  it('runs the same code in Korean, with every comment and message translated', () => {
    const en = tokenWebhookScript('en');
    const ko = tokenWebhookScript('ko');
    assert.equal(code(ko), code(en));
    assert.notEqual(ko, en);
    const koComments = ko.split('\n').filter((l) => /^\s*# /.test(l));
    assert.ok(koComments.length > 10);
    for (const l of koComments)
      assert.ok(!/\b(the|and|with|when|is)\b/.test(l.replace(/`[^`]*`/g, '')) || /[가-힣]/.test(l), l);
  });
});
