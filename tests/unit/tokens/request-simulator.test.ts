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
  EXAMPLE_REQUESTS,
  exampleRequest,
  makeExamples,
  type SimulatorExamples,
} from '../../../src/tokens/request-simulator-examples.ts';

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
  webhook: { ...s.webhook, on: false },
  anonymous: { ...s.anonymous },
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
    assert.deepEqual(by, {
      certificate: 'x509',
      'token-file': 'token-file',
      'service-account': 'service-account',
      oidc: 'oidc',
      webhook: 'webhook',
      proxy: 'request-header',
      nothing: 'anonymous',
      'certificate-and-wrong-token': 'x509',
      'foreign-certificate-and-token': 'token-file',
    });
    assert.equal(CHAIN.length, 8);
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
    assert.throws(() => readAnonymousPaths('livez'), /not a path/);
    assert.throws(() => readHeaderLines('Authorization: Bearer x'), /own field/);
  });
});
