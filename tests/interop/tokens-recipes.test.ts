// The bearer-token recipes, run by real tools: GNU patch applies the manifest diff to kubeadm's
// manifest and gets exactly the patched text; the kubectl config --token commands and the curl
// command, run by bash as printed, authenticate against the stand-in as the engine predicts.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  type ApiServerTokenSettings,
  curlWithToken,
  KUBEADM_KUBE_APISERVER_MANIFEST,
  kindChangeSteps,
  kubeadmChangeSteps,
  patchKubeApiserverManifest,
  patchReaderManifest,
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
import { shellcheck } from '../support/shellcheck.ts';
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

// kubectl reads a manifest offline as a typed v1 Pod with `set env --local` (no cluster, no
// discovery): a field of the wrong type or a broken layout is an error, and what it prints back is
// the Pod as the kubelet's decoder sees it. GNU patch applies each diff to the reader's file.
const manifestTools = ['kubectl', 'patch'].filter((t) => !hasTool(t));
if (manifestTools.length && inCI)
  throw new Error(`CI=true and the manifest tests need ${manifestTools.join(', ')}`);

const CHANGES: [string, ApiServerTokenSettings][] = [
  ['a token file', { tokenAuthFile: '/etc/kubernetes/tokens.csv' }],
  ['bootstrap tokens', { enableBootstrapTokenAuth: true }],
  [
    'service-account flags with keys outside pki and audiences',
    {
      serviceAccountIssuers: ['https://issuer.example', 'https://kubernetes.default.svc.cluster.local'],
      serviceAccountKeyFiles: ['/etc/kubernetes/pki/sa.pub', '/srv/keys/new.pub'],
      serviceAccountSigningKeyFile: '/srv/keys/new.key',
      apiAudiences: ['https://issuer.example', 'vault'],
    },
  ],
  [
    'everything at once',
    {
      tokenAuthFile: '/srv/auth/tokens.csv',
      enableBootstrapTokenAuth: true,
      serviceAccountKeyFiles: ['/srv/keys/a.pub', '/srv/keys/b.pub'],
    },
  ],
];
const OWN = KUBEADM_KUBE_APISERVER_MANIFEST.replaceAll('192.0.2.10', '10.0.0.5')
  .replace('v1.32.4', 'v1.33.1')
  .replace('    - --enable-bootstrap-token-auth=true\n', '');

/** kubectl's typed reading of the manifest file, without the env var the command adds. */
function kubectlReads(dir: string, file: string): { pod?: unknown; error?: string } {
  const r = spawnSync('kubectl', ['set', 'env', '--local', '-f', file, 'KAL_CHECK=1', '-o', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: '/dev/null' },
  });
  if (r.status !== 0) return { error: r.stderr };
  const pod = JSON.parse(r.stdout);
  delete pod.spec.containers[0].env;
  return { pod };
}

describe('the kube-apiserver manifest changes, read by kubectl and applied by GNU patch', {
  skip: manifestTools.length ? `needs ${manifestTools.join(', ')}` : false,
}, () => {
  for (const [base, manifest] of [
    ['kubeadm’s manifest', KUBEADM_KUBE_APISERVER_MANIFEST],
    ['a reader’s own', OWN],
  ] as const) {
    for (const [name, settings] of CHANGES) {
      it(`${name} on ${base}: kubectl reads the changed file as a v1 Pod with every field as written, and patch gets it from the diff`, () => {
        const dir = mkdtempSync(join(tmpdir(), 'kal-manifest-'));
        try {
          const { manifest: changed, diff } = patchReaderManifest(settings, manifest);
          writeFileSync(join(dir, 'kube-apiserver.yaml'), changed);
          const read = kubectlReads(dir, 'kube-apiserver.yaml');
          assert.equal(read.error, undefined);
          assert.deepEqual(read.pod, parse(changed));
          writeFileSync(join(dir, 'node.yaml'), manifest);
          writeFileSync(join(dir, 'change.diff'), diff);
          if (diff) execFileSync('patch', ['--quiet', 'node.yaml', 'change.diff'], { cwd: dir });
          assert.equal(readFileSync(join(dir, 'node.yaml'), 'utf8'), changed);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }

  it('kubectl refuses what the line-based patch makes of a layout patchReaderManifest refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-manifest-'));
    try {
      const deeper = KUBEADM_KUBE_APISERVER_MANIFEST.replace(
        /\n {2}volumes:\n([\s\S]*?)status:/,
        (_m, body: string) => `\n  volumes:\n${body.replace(/^ {2}/gm, '    ')}status:`,
      );
      writeFileSync(join(dir, 'deeper.yaml'), deeper);
      assert.equal(kubectlReads(dir, 'deeper.yaml').error, undefined, 'kubectl reads the layout itself');
      const settings = { tokenAuthFile: '/etc/kubernetes/tokens.csv' };
      writeFileSync(join(dir, 'broken.yaml'), patchKubeApiserverManifest(settings, deeper).manifest);
      assert.match(kubectlReads(dir, 'broken.yaml').error ?? '', /error parsing broken\.yaml/);
      assert.throws(() => patchReaderManifest(settings, deeper), /would not land/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (!hasTool('shellcheck') && inCI)
  throw new Error('CI=true and the kube-apiserver steps test needs shellcheck');

describe('the steps around a kube-apiserver change', {
  skip: hasTool('shellcheck') ? false : 'needs shellcheck',
}, () => {
  it('pass shellcheck as printed, on the node and with kind, for every change', () => {
    const script = CHANGES.flatMap(([, settings]) => [
      ...kubeadmChangeSteps({ settings }),
      ...kubeadmChangeSteps({ settings, ownManifest: true }),
      ...kindChangeSteps({ settings }),
    ])
      .map((c) => c.command)
      .join('\n');
    const verdict = shellcheck(`#!/bin/bash\n${script}\n`);
    assert.equal(verdict.status, 0, verdict.output);
  });
});
