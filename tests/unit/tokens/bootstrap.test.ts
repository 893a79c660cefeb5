import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLabError } from '../../../src/pki/index.ts';
import {
  authenticateBootstrapToken,
  authenticateRequest,
  bootstrapTokenAuthenticator,
  buildBootstrapTokenSecret,
  type ClusterObject,
  generateBootstrapToken,
  parseBootstrapToken,
  whoamiForUser,
} from '../../../src/tokens/index.ts';

const TOKEN = 'abcdef.0123456789abcdef';
const secretFor = (over: Partial<ClusterObject> = {}, data: Record<string, string> = {}): ClusterObject => {
  const base = buildBootstrapTokenSecret({
    token: TOKEN,
    expiration: new Date('2030-01-01T00:00:00Z'),
  }).object;
  return { ...(base as ClusterObject), ...over, stringData: { ...base.stringData, ...data } };
};
const now = new Date('2029-06-01T00:00:00Z');

describe('bootstrap tokens', () => {
  it('makes random tokens of the anchored form', () => {
    for (let i = 0; i < 50; i++) assert.match(generateBootstrapToken(), /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    assert.deepEqual(parseBootstrapToken(TOKEN), { id: 'abcdef', secret: '0123456789abcdef' });
  });

  for (const bad of [
    'ABCDEF.0123456789abcdef',
    'abcdef.0123456789abcde',
    'abcdef-0123456789abcdef',
    ' abcdef.0123456789abcdef',
    'abcdef.0123456789abcdef\n',
  ]) {
    it(`refuses ${JSON.stringify(bad)} as a bootstrap token`, () => {
      assert.throws(
        () => parseBootstrapToken(bad),
        (e) => isLabError(e, 'bootstrap-token/format'),
      );
      assert.equal(authenticateBootstrapToken(bad, { secrets: [] }).kind, 'not-mine');
    });
  }

  it('writes the Secret kubeadm writes: name, namespace, type and fields', () => {
    const { object, yaml } = buildBootstrapTokenSecret({
      token: TOKEN,
      expiration: new Date('2030-01-01T00:00:00.123Z'),
    });
    assert.equal(object.metadata.name, 'bootstrap-token-abcdef');
    assert.equal(object.metadata.namespace, 'kube-system');
    assert.equal(object.type, 'bootstrap.kubernetes.io/token');
    assert.deepEqual(object.stringData, {
      description: 'The token of Kube Auth Lab',
      'token-id': 'abcdef',
      'token-secret': '0123456789abcdef',
      expiration: '2030-01-01T00:00:00Z',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    });
    assert.match(yaml, /^apiVersion: v1\nkind: Secret\nmetadata:\n {2}name: bootstrap-token-abcdef\n/);
  });

  it('refuses an extra group outside system:bootstrappers: with the text kube-apiserver would log', () => {
    assert.throws(
      () => buildBootstrapTokenSecret({ token: TOKEN, extraGroups: ['system:masters'] }),
      (e) =>
        isLabError(e, 'bootstrap-token/bad-group') &&
        e.details.apiserverError ===
          'bootstrap group "system:masters" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z)',
    );
    assert.throws(
      () => buildBootstrapTokenSecret({ token: TOKEN, usages: ['login' as never] }),
      (e) => isLabError(e, 'bootstrap-token/bad-usage'),
    );
  });

  it('authenticates system:bootstrap:<id> with sorted, de-duplicated groups', async () => {
    const secrets = [
      secretFor(
        {},
        { 'auth-extra-groups': 'system:bootstrappers:z,system:bootstrappers:a,system:bootstrappers:z' },
      ),
    ];
    const v = authenticateBootstrapToken(TOKEN, { secrets, now });
    assert.equal(v.kind, 'ok');
    const r = await authenticateRequest({
      authorization: `Bearer ${TOKEN}`,
      authenticators: [bootstrapTokenAuthenticator({ secrets, now })],
    });
    assert.equal(
      whoamiForUser(r.user!),
      'ATTRIBUTE   VALUE\nUsername    system:bootstrap:abcdef\nGroups      [system:bootstrappers system:bootstrappers:a system:bootstrappers:z system:authenticated]\n',
    );
  });

  const refusals: [string, ClusterObject[], string, string][] = [
    [
      'no Secret',
      [],
      'no-secret',
      'No secret of name bootstrap-token-abcdef to match bootstrap bearer token',
    ],
    [
      'a Secret being deleted',
      [
        secretFor({
          metadata: {
            name: 'bootstrap-token-abcdef',
            namespace: 'kube-system',
            deletionTimestamp: '2029-01-01T00:00:00Z',
          },
        }),
      ],
      'secret-deleted',
      'Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token is deleted and awaiting removal',
    ],
    [
      'an Opaque Secret',
      [secretFor({ type: 'Opaque' })],
      'wrong-type',
      'Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token has invalid type, expected bootstrap.kubernetes.io/token.',
    ],
    [
      'another secret',
      [secretFor({}, { 'token-secret': 'ffffffffffffffff' })],
      'wrong-secret',
      'Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token has invalid value for key token-secret, expected 0123456789abcdef.',
    ],
    [
      'another token-id',
      [secretFor({}, { 'token-id': 'zzzzzz' })],
      'wrong-id',
      'Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token has invalid value for key token-id, expected abcdef.',
    ],
    [
      'an expired token',
      [secretFor({}, { expiration: '2029-05-31T23:59:59Z' })],
      'expired',
      'Expired bootstrap token in kube-system/bootstrap-token-abcdef Secret: 2029-05-31T23:59:59Z',
    ],
    [
      'an unparseable expiration (counts as expired)',
      [secretFor({}, { expiration: 'tomorrow' })],
      'unparseable-expiration',
      'Unparseable expiration time (tomorrow) in kube-system/bootstrap-token-abcdef Secret',
    ],
    [
      'no authentication usage',
      [secretFor({}, { 'usage-bootstrap-authentication': 'yes' })],
      'no-authentication-usage',
      'Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token not marked usage-bootstrap-authentication=true.',
    ],
    [
      'a bad extra group',
      [secretFor({}, { 'auth-extra-groups': 'system:bootstrappers:ok, system:bootstrappers:space' })],
      'bad-extra-group',
      'Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token has invalid value for key auth-extra-groups: bootstrap group " system:bootstrappers:space" is invalid',
    ],
  ];
  for (const [name, secrets, refusal, log] of refusals) {
    it(`ignores the token for ${name}, logging what kube-apiserver logs (then 401 invalid bearer token)`, async () => {
      const v = authenticateBootstrapToken(TOKEN, { secrets, now });
      assert.equal(v.kind, 'not-mine');
      assert.equal(v.refusal, refusal);
      assert.ok(v.log?.startsWith(log), v.log);
      const r = await authenticateRequest({
        authorization: `Bearer ${TOKEN}`,
        authenticators: [bootstrapTokenAuthenticator({ secrets, now })],
      });
      assert.deepEqual([r.outcome, r.error], ['unauthorized', 'invalid bearer token']);
    });
  }
});
