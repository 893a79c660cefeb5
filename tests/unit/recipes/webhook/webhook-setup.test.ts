// The webhook-config widget's engine: users added with WebCrypto tokens in the users-file format,
// bad input kept at the field that caused it, the run command with only the options that differ
// from token-webhook.py's defaults, the kube-apiserver change with its mount, and the checks'
// predicted outputs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  addWebhookUser,
  tokenWebhookListeningLine,
  tokenWebhookReviewLine,
  tokenWebhookRunCommand,
  webhookSetup,
  webhookUsersIn,
} from '../../../../src/recipes/webhook/index.ts';
import { readWebhookUsers } from '../../../../src/tokens/index.ts';

const files = { 'rootCA.pem': 'x', 'client.pem': 'y', 'client-key.pem': 'z' };

describe('webhookSetup', () => {
  it('adds users with new random tokens in the format token-webhook.py reads', () => {
    const one = addWebhookUser('', { username: 'alice', uid: '1001', groups: 'dev, webhook-users' });
    const two = addWebhookUser(one, { username: 'bob' });
    const users = webhookUsersIn(two);
    assert.equal(users.length, 2);
    assert.deepEqual(users[0]?.groups, ['dev', 'webhook-users']);
    assert.match(users[0]!.token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(users[0]!.token, users[1]!.token);
    assert.equal(readWebhookUsers(two).get(users[1]!.token)?.username, 'bob');
  });

  it('refuses a user without a name at its field, and a broken file at the users field', () => {
    assert.throws(() => addWebhookUser('', { username: ' ' }), { code: 'webhook/no-username' });
    assert.throws(
      () => addWebhookUser('{', { username: 'a' }),
      (e: { details: { field: string } }) => e.details.field === 'users',
    );
  });

  it('refuses control characters in the new user at the field that holds them', () => {
    for (const [field, user] of [
      ['newUsername', { username: 'ali\tce' }],
      ['newUid', { username: 'alice', uid: '10\u000701' }],
      ['newGroups', { username: 'alice', groups: 'dev, web\u0085hook' }],
    ] as const) {
      assert.throws(
        () => addWebhookUser('', user),
        (e: { code: string; details: { field: string } }) =>
          e.code === 'webhook/control-character' && e.details.field === field,
        field,
      );
    }
  });

  it('refuses a webhook port outside 1 to 65535 at the server field', async () => {
    for (const port of ['0', '65536', '99999']) {
      const s = await webhookSetup({ server: `https://localhost:${port}/authenticate` });
      assert.equal(s.errors.server?.code, 'webhook/bad-port', port);
      assert.equal(s.errors.server?.details.value, port);
      assert.equal(s.run, undefined);
    }
    const ok = await webhookSetup({ server: 'https://localhost:65535/authenticate' });
    assert.equal(ok.errors.server, undefined);
    assert.match(ok.run?.command ?? '', / --port 65535$/);
  });

  it('puts each bad input at its own field and keeps the rest', async () => {
    const users = addWebhookUser('', { username: 'alice' }, 'T0K');
    const s = await webhookSetup({ users, server: 'http://x', cacheTtl: 'soon', apiServer: 'nope' }, files);
    assert.equal(s.errors.server?.code, 'webhook/bad-server');
    assert.equal(s.errors.cacheTtl?.code, 'webhook/bad-cache-ttl');
    assert.equal(s.errors.apiServer?.code, 'kubeconfig/bad-server-url');
    assert.equal(s.users.length, 1);
    assert.equal(
      (await webhookSetup({ users: '{"users": 3}' })).errors.users?.code,
      'webhook-users/not-json',
    );
    assert.equal(
      (await webhookSetup({ server: 'https://localhost:8443' })).errors.server?.code,
      'webhook/bad-server',
    );
  });

  it('writes the run command with only the options that differ from the defaults', () => {
    assert.equal(
      tokenWebhookRunCommand('https://localhost:8443/authenticate', true).command,
      'python3 token-webhook.py --cert server.pem --key server-key.pem --users webhook-users.json --client-ca rootCA.pem',
    );
    assert.equal(
      tokenWebhookRunCommand('https://192.0.2.20:9443/review', false).command,
      'python3 token-webhook.py --cert server.pem --key server-key.pem --users webhook-users.json --address 0.0.0.0 --port 9443 --path /review',
    );
  });

  it('names the missing part-1 files instead of a kubeconfig', async () => {
    const s = await webhookSetup({}, { 'rootCA.pem': 'x' });
    assert.deepEqual(s.missingFiles, ['client.pem', 'client-key.pem']);
    assert.equal(s.kubeconfig, undefined);
  });

  it('writes a kubeconfig whose user carries nothing when the webhook asks for no client certificate', async () => {
    const { issueRootCa } = await import('../../../../src/pki/index.ts');
    const ca = await issueRootCa({ subject: { commonName: 'lab-root' }, algorithm: 'ECDSA-P256' });
    const s = await webhookSetup({ clientCert: 'not-required' }, { 'rootCA.pem': ca.certificatePem });
    assert.deepEqual(s.missingFiles, []);
    const doc = parse(s.kubeconfig ?? '') as { users: { name: string; user: Record<string, string> }[] };
    assert.deepEqual(doc.users, [{ name: 'kube-apiserver', user: {} }]);
    assert.doesNotMatch(s.run?.command ?? '', /--client-ca/);
    const required = await webhookSetup({}, { 'rootCA.pem': ca.certificatePem });
    assert.deepEqual(required.missingFiles, ['client.pem', 'client-key.pem'], 'required: still asked for');
  });

  it('patches the manifest with the flags and a hostPath mount, and predicts whoami and the 401', async () => {
    const users = addWebhookUser('', { username: 'alice', uid: '1001', groups: 'dev, webhook-users' }, 'T0K');
    const s = await webhookSetup({ users, cacheTtl: '30s' }, files);
    const diff = s.change?.kubeadm?.diff ?? '';
    assert.match(
      diff,
      /\+ {4}- --authentication-token-webhook-config-file=\/etc\/kubernetes\/token-webhook\.kubeconfig/,
    );
    assert.match(diff, /\+ {4}- --authentication-token-webhook-cache-ttl=30s/);
    assert.match(diff, /\+ {4}- --authentication-token-webhook-version=v1/);
    assert.match(diff, /type: File/);
    assert.match(s.change?.kind?.config ?? '', /hostPath: \.\/token-webhook\.kubeconfig/);
    assert.equal(
      s.whoami?.output,
      'ATTRIBUTE   VALUE\nUsername    alice\nUID         1001\nGroups      [dev webhook-users system:authenticated]\n',
    );
    assert.equal(s.unknown?.kubectlOutput, 'error: You must be logged in to the server (Unauthorized)\n');
    assert.equal(
      s.review?.output,
      '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "status": {"authenticated": true, "user": {"username": "alice", "uid": "1001", "groups": ["dev", "webhook-users"]}}}',
    );
  });

  it('writes log lines as Python does', () => {
    assert.equal(
      tokenWebhookListeningLine({ users: 2, clientCa: 'rootCA.pem' }),
      'listening on https://127.0.0.1:8443/authenticate (users: 2, from webhook-users.json; client certificates: required, CA rootCA.pem)',
    );
    assert.equal(
      tokenWebhookReviewLine({
        version: 'v1',
        fingerprint: 'sha256:0',
        user: { username: 'a', groups: ['g'] },
      }),
      'TokenReview v1 token sha256:0 audiences [] -> user a groups ["g"]',
    );
  });
});
