// The bearer-token recipes, run by real tools: GNU patch applies the manifest diff to kubeadm's
// manifest and gets exactly the patched text; the kubectl config --token commands and the curl
// command, run by bash as printed, authenticate against the stand-in as the engine predicts.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  curlWithToken,
  KUBEADM_KUBE_APISERVER_MANIFEST,
  patchKubeApiserverManifest,
  tokenKubeconfigCommands,
} from '../../src/recipes/tokens/index.ts';
import {
  randomToken,
  readTokenFile,
  tokenFileUser,
  whoamiForUser,
  writeTokenFile,
} from '../../src/tokens/index.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['patch', 'go', 'openssl', 'kubectl', 'curl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the token recipe tests need ${missing.join(', ')}`);

describe('the bearer-token recipes, run by real tools', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  it('GNU patch applies the manifest diff to kubeadm’s manifest and gets the patched manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-patch-'));
    try {
      const { manifest, diff } = patchKubeApiserverManifest({
        tokenAuthFile: '/etc/kubernetes/tokens.csv',
        serviceAccountIssuers: ['https://new.example', 'https://kubernetes.default.svc.cluster.local'],
        apiAudiences: ['https://new.example'],
      });
      writeFileSync(join(dir, 'kube-apiserver.yaml'), KUBEADM_KUBE_APISERVER_MANIFEST);
      writeFileSync(join(dir, 'change.diff'), diff);
      execFileSync('patch', ['--quiet', 'kube-apiserver.yaml', 'change.diff'], { cwd: dir });
      assert.equal(readFileSync(join(dir, 'kube-apiserver.yaml'), 'utf8'), manifest);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the kubectl config --token commands and curl, run as printed, authenticate the token-file user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-token-cmds-'));
    const token = randomToken();
    const text = writeTokenFile([{ token, user: 'alice', uid: '1001', groups: ['developers'] }]);
    writeFileSync(join(dir, 'tokens.csv'), text);
    makeCa(dir, 'ca');
    makeLeaf(dir, 'ca', 'apiserver', '/CN=kube-apiserver', [
      'subjectAltName=IP:127.0.0.1',
      'extendedKeyUsage=serverAuth',
    ]);
    const server = await startStandin(dir, {
      cert: 'apiserver.crt',
      key: 'apiserver.key',
      tokenAuthFile: 'tokens.csv',
    });
    try {
      const expected = whoamiForUser(tokenFileUser(readTokenFile(text).tokens.get(token)!));
      const cmds = tokenKubeconfigCommands({
        server: server.url,
        caFile: 'ca.crt',
        token,
        userName: 'alice',
        kubeconfigFile: 'alice.kubeconfig',
      });
      const script = cmds.map((c) => c.command).join('\n');
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.endsWith(expected), r.stdout);
      const curl = spawnSync(
        'bash',
        ['-c', curlWithToken({ server: server.url, caFile: 'ca.crt', token }).command],
        { cwd: dir, encoding: 'utf8' },
      );
      const review = JSON.parse(curl.stdout);
      assert.deepEqual(review.status.userInfo, {
        username: 'alice',
        uid: '1001',
        groups: ['developers', 'system:authenticated'],
      });
    } finally {
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
