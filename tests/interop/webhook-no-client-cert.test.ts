// Lesson 4.2 with the client certificate set to "not required": the widget's engine writes a webhook
// kubeconfig whose user entry is empty and a run command without --client-ca, and asks only for
// rootCA.pem. Real token-webhook.py started with that command answers the stand-in, which reads that
// kubeconfig as kube-apiserver does, and `kubectl auth whoami` prints the user.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { labScript } from '../../src/recipes/lab-scripts.ts';
import {
  addWebhookUser,
  WEBHOOK_FILES,
  webhookSetup,
  webhookUsersIn,
} from '../../src/recipes/webhook/webhook-setup.ts';
import { freePort } from '../support/net.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import {
  kubeconfigAsJson,
  type RunningCommand,
  startWebhookCommand,
  whoamiWithToken,
  writeWebhookCertificates,
} from '../support/webhook.ts';

const tools = ['go', 'kubectl', 'python3', 'bash'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the webhook tests need ${missing.join(', ')}`);

describe('a webhook that asks for no client certificate', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let webhook: RunningCommand | undefined;
  let standin: Standin | undefined;
  let token = '';
  let kubeconfig = '';
  let command = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-webhook-nocert-'));
    await writeWebhookCertificates(dir);
    writeFileSync(join(dir, 'token-webhook.py'), labScript('token-webhook.py', 'en'));
    const users = addWebhookUser('', { username: 'alice', uid: '1001', groups: 'dev' });
    token = webhookUsersIn(users)[0]!.token;
    writeFileSync(join(dir, WEBHOOK_FILES.users), users);
    const port = await freePort();
    // Only rootCA.pem: kube-apiserver has no client certificate to present here.
    const setup = await webhookSetup(
      { users, server: `https://localhost:${port}/authenticate`, clientCert: 'not-required' },
      { 'rootCA.pem': readFileSync(join(dir, 'rootCA.pem'), 'utf8') },
    );
    assert.deepEqual(setup.errors, {});
    assert.deepEqual(setup.missingFiles, []);
    command = setup.run!.command;
    kubeconfig = setup.kubeconfig!;
    webhook = await startWebhookCommand(dir, command);
    writeFileSync(join(dir, 'token-webhook.kubeconfig'), kubeconfig);
    const kubeconfigJson = kubeconfigAsJson(join(dir, 'token-webhook.kubeconfig'));
    standin = await startStandin(dir, {
      cert: join(dir, 'server.pem'),
      key: join(dir, 'server-key.pem'),
      webhookConfigFile: kubeconfigJson,
      webhookVersion: 'v1',
    });
  });

  after(() => {
    webhook?.stop();
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the run command has no --client-ca and the kubeconfig user carries nothing', () => {
    assert.doesNotMatch(command, /--client-ca/);
    const doc = parse(kubeconfig) as { users: { user: Record<string, string> }[] };
    assert.deepEqual(doc.users[0]!.user, {});
    assert.match(webhook!.output(), /not required/, webhook!.output());
  });

  it('the stand-in calls the webhook with that kubeconfig and kubectl auth whoami prints alice', () => {
    const r = whoamiWithToken(dir, standin!.url, token);
    assert.equal(r.status, 0, `${r.stderr}\n${webhook!.output()}`);
    assert.match(r.stdout, /^Username\s+alice$/m);
    assert.match(r.stdout, /^Groups\s+\[dev system:authenticated\]$/m);
  });
});
