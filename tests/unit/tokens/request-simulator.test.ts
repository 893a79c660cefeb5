// The request simulator's model of kube-apiserver's chain: the order, the first success wins, an
// error versus "not mine", anonymous (flag and path conditions), system:authenticated, two
// credentials on one request, and field-named errors for bad input. (The same rules against the Go
// stand-in: tests/interop/request-simulator-table.test.ts.)
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { isLabError } from '../../../src/pki/errors.ts';
import {
  CHAIN,
  readAnonymousPaths,
  readHeaderLines,
  type SimulatorSetup,
  simulateRequest,
} from '../../../src/tokens/request-simulator.ts';
import {
  DEFAULT_REQUEST,
  DEFAULT_SETUP,
  EXAMPLE_BOOTSTRAP_GROUP,
  EXAMPLE_BOOTSTRAP_TOKEN,
  EXAMPLE_REQUESTS,
  exampleRequest,
  makeExamples,
  type SimulatorExamples,
} from '../../../src/tokens/request-simulator-examples.ts';
import { readBootstrapTokens, readImpersonationRules } from '../../../src/tokens/request-simulator-rules.ts';
import { EXAMPLE_WINNER } from '../../support/token-simulator-winners.ts';

let ex: SimulatorExamples;
before(async () => {
  ex = await makeExamples();
});

const off = (s: SimulatorSetup): SimulatorSetup => ({
  requestHeader: { ...s.requestHeader, on: false },
  clientCa: { ...s.clientCa, on: false },
  tokenFile: { ...s.tokenFile, on: false },
  serviceAccount: { ...s.serviceAccount, on: false },
  oidc: { ...s.oidc, on: false },
  bootstrap: { ...s.bootstrap, on: false },
  webhook: { ...s.webhook, on: false },
  anonymous: { ...s.anonymous },
  impersonation: { ...s.impersonation },
});

describe('the request simulator', () => {
  it('works out of the box: the token file’s token is alice, with system:authenticated', async () => {
    const r = await simulateRequest(DEFAULT_SETUP, DEFAULT_REQUEST);
    assert.equal(r.status, 201);
    assert.equal(r.authenticatedBy, 'token-file');
    assert.deepEqual(r.user?.groups, ['developers', 'ops', 'system:authenticated']);
    assert.match(
      r.kubectl!,
      /^ATTRIBUTE\s+VALUE\nUsername\s+alice\nUID\s+1001\nGroups\s+\[developers ops system:authenticated\]\n$/,
    );
    assert.deepEqual(
      r.steps.map((s) => [s.name, s.verdict.kind]),
      [
        ['request-header', 'off'],
        ['x509', 'off'],
        ['token-file', 'ok'],
        ['legacy-service-account', 'off'],
        ['service-account', 'off'],
        ['bootstrap-token', 'skipped'],
        ['oidc', 'off'],
        ['webhook', 'skipped'],
        ['anonymous', 'skipped'],
      ],
    );
  });

  it('every example request is accepted by the authenticator it is for', async () => {
    const by: Record<string, string | undefined> = {};
    for (const name of EXAMPLE_REQUESTS)
      by[name] = (await simulateRequest(ex.setup, exampleRequest(name, ex))).authenticatedBy;
    assert.deepEqual(by, EXAMPLE_WINNER);
    assert.equal(CHAIN.length, 9);
    assert.deepEqual(CHAIN.slice(4, 7), ['service-account', 'bootstrap-token', 'oidc']);
  });

  it('a refused certificate with no other credential is 401, not anonymous', async () => {
    const r = await simulateRequest(ex.setup, {
      ...exampleRequest('nothing', ex),
      certificatePem: ex.foreignCertificatePem,
    });
    assert.equal(r.status, 401);
    assert.equal(r.kubectl, 'error: You must be logged in to the server (Unauthorized)');
    assert.match(
      r.log!,
      /verifying certificate SN=\d+, SKID=[0-9A-F:]+, AKID=[0-9A-F:]+ failed: x509: certificate signed by unknown authority/,
    );
    assert.equal(r.steps.find((s) => s.name === 'x509')?.verdict.kind, 'error');
  });

  it('an unknown token is "not mine" everywhere: invalid bearer token, 401', async () => {
    const r = await simulateRequest(ex.setup, {
      ...DEFAULT_REQUEST,
      authorization: 'Bearer nobody-knows-me',
    });
    assert.equal(r.status, 401);
    assert.equal(r.log, '"Unable to authenticate the request" err="invalid bearer token"');
  });

  it('anonymous: whoami is 403 with kubectl’s permission error; /livez is 200; off gives 401', async () => {
    const none = { ...DEFAULT_REQUEST, authorization: '' };
    const on = await simulateRequest(DEFAULT_SETUP, none);
    assert.equal(on.status, 403);
    assert.deepEqual(on.user, {
      username: 'system:anonymous',
      uid: '',
      groups: ['system:unauthenticated'],
      extra: {},
    });
    assert.match(on.kubectl!, /do not have permission/);
    assert.equal((await simulateRequest(DEFAULT_SETUP, { ...none, endpoint: '/livez' })).status, 200);
    const offSetup = { ...DEFAULT_SETUP, anonymous: { mode: 'off' as const, paths: '' } };
    assert.equal((await simulateRequest(offSetup, { ...none, endpoint: '/livez' })).status, 401);
  });

  it('anonymous with conditions: only the listed exact paths get system:anonymous', async () => {
    const setup = { ...DEFAULT_SETUP, anonymous: { mode: 'conditions' as const, paths: '/livez\n' } };
    const none = { ...DEFAULT_REQUEST, authorization: '' };
    assert.equal((await simulateRequest(setup, { ...none, endpoint: '/livez' })).status, 200);
    const r = await simulateRequest(setup, { ...none, endpoint: '/readyz' });
    assert.equal(r.status, 401);
    assert.equal(r.log, undefined);
    assert.equal(r.steps.at(-1)?.verdict.kind, 'not-mine');
    assert.equal((await simulateRequest(setup, none)).status, 401);
  });

  it('with no token authenticator, the Authorization header is not read: anonymous', async () => {
    const r = await simulateRequest(off(DEFAULT_SETUP), DEFAULT_REQUEST);
    assert.equal(r.status, 403);
    assert.equal(r.authenticatedBy, 'anonymous');
  });

  it('Bearer with two spaces is no token at all: anonymous, with the warning', async () => {
    const r = await simulateRequest(DEFAULT_SETUP, { ...DEFAULT_REQUEST, authorization: `Bearer  x` });
    assert.equal(r.status, 403);
    assert.match(r.warning!, /extra space/);
  });

  it('bad input names its field', async () => {
    const code = async (f: () => Promise<unknown>) => {
      try {
        await f();
      } catch (e) {
        assert.ok(isLabError(e), String(e));
        return [e.code, e.details.field];
      }
      return undefined;
    };
    assert.deepEqual(
      await code(() => simulateRequest(DEFAULT_SETUP, { ...DEFAULT_REQUEST, headers: 'nope' })),
      ['simulator/bad-header', 'headers'],
    );
    assert.deepEqual(
      await code(() =>
        simulateRequest({ ...DEFAULT_SETUP, clientCa: { on: true, caPem: 'junk' } }, DEFAULT_REQUEST),
      ),
      ['pem/no-block', 'clientCaPem'],
    );
    assert.deepEqual(
      await code(() =>
        simulateRequest({ ...DEFAULT_SETUP, clientCa: { on: true, caPem: '' } }, DEFAULT_REQUEST),
      ),
      ['simulator/required', 'clientCaPem'],
    );
    assert.deepEqual(
      await code(() =>
        simulateRequest({ ...DEFAULT_SETUP, tokenFile: { on: true, csv: 'a,b\n' } }, DEFAULT_REQUEST),
      ),
      ['token-file/too-few-columns', 'tokenCsv'],
    );
    assert.deepEqual(
      await code(() =>
        simulateRequest({ ...DEFAULT_SETUP, webhook: { on: true, users: '{' } }, DEFAULT_REQUEST),
      ),
      ['webhook-users/not-json', 'webhookUsers'],
    );
    assert.deepEqual(
      await code(() => simulateRequest(DEFAULT_SETUP, { ...DEFAULT_REQUEST, certificatePem: 'x' })),
      ['pem/no-block', 'certificatePem'],
    );
    const bad = (tokens: string) =>
      code(() => simulateRequest({ ...DEFAULT_SETUP, bootstrap: { on: true, tokens } }, DEFAULT_REQUEST));
    assert.deepEqual(await bad('07401b.short\n'), ['simulator/bad-bootstrap-token', 'bootstrapTokens']);
    assert.deepEqual(await bad('07401b.f395accd246ae52d devs\n'), [
      'simulator/bad-bootstrap-group',
      'bootstrapTokens',
    ]);
    assert.deepEqual(await bad('07401b.f395accd246ae52d expires=tomorrow\n'), [
      'simulator/bad-bootstrap-expiration',
      'bootstrapTokens',
    ]);
    assert.deepEqual(await bad('07401b.f395accd246ae52d usages=reading\n'), [
      'simulator/bad-bootstrap-usage',
      'bootstrapTokens',
    ]);
    assert.deepEqual(await bad('07401b.f395accd246ae52d\n07401b.0000000000000000\n'), [
      'simulator/duplicate-bootstrap-token',
      'bootstrapTokens',
    ]);
    const rules = (r: string) =>
      code(() => simulateRequest({ ...DEFAULT_SETUP, impersonation: { rules: r } }, DEFAULT_REQUEST));
    assert.deepEqual(await rules('alice users/sam\n'), [
      'simulator/bad-impersonation-line',
      'impersonationRules',
    ]);
    assert.deepEqual(await rules('alice: pods/x\n'), [
      'simulator/bad-impersonation-target',
      'impersonationRules',
    ]);
    assert.deepEqual(await rules('alice: serviceaccounts/x\n'), [
      'simulator/bad-impersonation-target',
      'impersonationRules',
    ]);
    assert.throws(() => readAnonymousPaths('livez'), /not a path/);
    assert.throws(() => readHeaderLines('Authorization: Bearer x'), /own field/);
  });
});

describe('bootstrap tokens in the simulator', () => {
  const setup = (tokens: string) => ({ ...DEFAULT_SETUP, bootstrap: { on: true, tokens } });
  const bearer = (token: string) => ({ ...DEFAULT_REQUEST, authorization: `Bearer ${token}` });

  it('the example token is system:bootstrap:<id> with its extra group, after the token file in the union', async () => {
    const r = await simulateRequest(DEFAULT_SETUP, bearer(EXAMPLE_BOOTSTRAP_TOKEN));
    assert.equal(r.status, 201);
    assert.equal(r.authenticatedBy, 'bootstrap-token');
    assert.deepEqual(r.user, {
      username: 'system:bootstrap:07401b',
      uid: '',
      groups: ['system:bootstrappers', EXAMPLE_BOOTSTRAP_GROUP, 'system:authenticated'],
      extra: {},
    });
    assert.equal(r.steps.find((s) => s.name === 'token-file')?.verdict.kind, 'not-mine');
  });

  it('an expired token, a wrong secret, a token without the authentication usage: not mine, 401', async () => {
    for (const [tokens, why] of [
      ['07401b.f395accd246ae52d expires=2020-01-01T00:00:00Z', /Expired bootstrap token/],
      ['07401b.0000000000000000', /invalid value for key token-secret/],
      ['07401b.f395accd246ae52d usages=signing', /not marked usage-bootstrap-authentication=true/],
    ] as const) {
      const r = await simulateRequest(setup(`${tokens}\n`), bearer(EXAMPLE_BOOTSTRAP_TOKEN));
      assert.equal(r.status, 401, tokens);
      const v = r.steps.find((s) => s.name === 'bootstrap-token')!.verdict;
      assert.equal(v.kind, 'not-mine');
      assert.match((v as { why: string }).why, why);
      assert.equal(r.log, '"Unable to authenticate the request" err="invalid bearer token"');
    }
  });

  it('the lines become the Secrets kubeadm token create writes', () => {
    const [s] = readBootstrapTokens(
      '07401b.f395accd246ae52d system:bootstrappers:worker expires=2030-01-01T00:00:00Z\n',
    );
    assert.equal(s?.metadata.name, 'bootstrap-token-07401b');
    assert.equal(s?.metadata.namespace, 'kube-system');
    assert.deepEqual(s?.stringData, {
      'token-id': '07401b',
      'token-secret': 'f395accd246ae52d',
      expiration: '2030-01-01T00:00:00Z',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': 'system:bootstrappers:worker',
    });
  });
});

describe('impersonation in the simulator', () => {
  it('allowed: alice acts as sam of group qa, and kubectl auth whoami prints sam', async () => {
    const r = await simulateRequest(DEFAULT_SETUP, exampleRequest('impersonation-allowed', ex));
    assert.equal(r.status, 201);
    assert.equal(r.impersonation?.outcome, 'impersonated');
    assert.equal(r.impersonation?.requester.username, 'alice');
    assert.deepEqual(r.user, { username: 'sam', uid: '', groups: ['qa', 'system:authenticated'], extra: {} });
    assert.match(r.kubectl!, /^ATTRIBUTE\s+VALUE\nUsername\s+sam\nGroups\s+\[qa system:authenticated\]\n$/);
  });

  it('refused: the 403 Status names the resource, and the request stops', async () => {
    const r = await simulateRequest(DEFAULT_SETUP, exampleRequest('impersonation-refused', ex));
    assert.equal(r.status, 403);
    assert.deepEqual(JSON.parse(r.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'users "admin" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
      reason: 'Forbidden',
      details: { name: 'admin', kind: 'users' },
      code: 403,
    });
    assert.equal(r.impersonation?.outcome, 'forbidden');
  });

  it('a group without a user: 500, plain text', async () => {
    const r = await simulateRequest(DEFAULT_SETUP, exampleRequest('impersonation-without-user', ex));
    assert.equal(r.status, 500);
    assert.equal(
      r.body,
      'Internal Server Error: "/apis/authentication.k8s.io/v1/selfsubjectreviews": requested [{Group  qa    }] without impersonating a user\n',
    );
    assert.equal(r.impersonation?.outcome, 'error');
  });

  it('the lines become RBAC objects: cluster-wide, or a Role in a named namespace; * for any name', async () => {
    const objects = readImpersonationRules(
      'group/ops: users/* uids/u-1 userextras/scopes\njane: serviceaccounts/ci/deployer serviceaccounts/*/viewer\n',
    );
    assert.deepEqual(
      objects.map((o) => [o.kind, o.metadata.name, o.metadata.namespace]),
      [
        ['ClusterRole', 'kal-sim-impersonate-1', undefined],
        ['ClusterRoleBinding', 'kal-sim-impersonate-1', undefined],
        ['ClusterRole', 'kal-sim-impersonate-2', undefined],
        ['ClusterRoleBinding', 'kal-sim-impersonate-2', undefined],
        ['Role', 'kal-sim-impersonate-2', 'ci'],
        ['RoleBinding', 'kal-sim-impersonate-2', 'ci'],
      ],
    );
    const setup = { ...DEFAULT_SETUP, impersonation: { rules: 'group/ops: users/* uids/u-1\n' } };
    const as = (headers: string) => simulateRequest(setup, { ...DEFAULT_REQUEST, headers });
    assert.equal((await as('Impersonate-User: anyone\nImpersonate-Uid: u-1\n')).user?.uid, 'u-1');
    assert.equal((await as('Impersonate-User: anyone\nImpersonate-Uid: u-2\n')).status, 403);
  });

  it('anonymous may impersonate when a rule lets system:anonymous; impersonating system:anonymous gets its 403', async () => {
    const setup = {
      ...DEFAULT_SETUP,
      impersonation: { rules: 'system:anonymous: users/sam\nalice: users/system:anonymous\n' },
    };
    const anon = await simulateRequest(setup, {
      ...DEFAULT_REQUEST,
      authorization: '',
      headers: 'Impersonate-User: sam\n',
    });
    assert.equal(anon.status, 201);
    assert.equal(anon.user?.username, 'sam');
    const toAnon = await simulateRequest(setup, {
      ...DEFAULT_REQUEST,
      headers: 'Impersonate-User: system:anonymous\n',
    });
    assert.equal(toAnon.status, 403);
    assert.deepEqual(toAnon.user?.groups, ['system:unauthenticated']);
  });
});
