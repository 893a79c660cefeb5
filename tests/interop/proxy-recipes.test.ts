// The kube-apiserver side of Part 5, run by real tools: GNU patch applies the manifest diff to
// kubeadm's manifest and gets the patched text, kubectl reads it offline as a v1 Pod with the
// flags as written; with kubeadm's defaults there is nothing to change; the kind config mounts the
// lab's front-proxy CA where kubeadm looks for it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  frontProxyBundleCommand,
  requestHeaderKindConfig,
  requestHeaderManifestPatch,
} from '../../src/recipes/proxy/index.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from '../../src/recipes/tokens/kubeadm-manifest.ts';
import { hasTool, inCI } from '../support/tools.ts';

const missing = ['kubectl', 'patch'].filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the proxy recipe tests need ${missing.join(', ')}`);

const CASES = [
  { name: 'the bundle of both front-proxy CAs', p: {} },
  {
    name: 'a second allowed name and the uid header',
    p: { config: { allowedNames: ['front-proxy-client', 'lab-proxy'], uidHeaders: ['X-Remote-Uid'] } },
  },
  { name: 'empty allowed names (the pitfall)', p: { config: { allowedNames: [] } } },
];

describe('the request-header change of kube-apiserver, applied by GNU patch and read by kubectl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  it("changes nothing with kubeadm's defaults", () => {
    const r = requestHeaderManifestPatch({ caBundlePath: '/etc/kubernetes/pki/front-proxy-ca.crt' });
    assert.equal(r.diff, '');
    assert.equal(r.manifest, KUBEADM_KUBE_APISERVER_MANIFEST);
  });
  for (const { name, p } of CASES)
    it(`${name}: patch gets the changed manifest from the diff, and kubectl reads its flags as written`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'kal-rh-patch-'));
      try {
        const { manifest, diff } = requestHeaderManifestPatch(p);
        writeFileSync(join(dir, 'kube-apiserver.yaml'), KUBEADM_KUBE_APISERVER_MANIFEST);
        writeFileSync(join(dir, 'change.diff'), diff);
        execFileSync('patch', ['--quiet', 'kube-apiserver.yaml', 'change.diff'], { cwd: dir });
        assert.equal(readFileSync(join(dir, 'kube-apiserver.yaml'), 'utf8'), manifest);
        const r = spawnSync(
          'kubectl',
          ['set', 'env', '--local', '-f', 'kube-apiserver.yaml', 'KAL=1', '-o', 'json'],
          {
            cwd: dir,
            encoding: 'utf8',
          },
        );
        assert.equal(r.status, 0, r.stderr);
        const command: string[] = JSON.parse(r.stdout).spec.containers[0].command;
        const rh = command.filter((c) => c.startsWith('--requestheader-'));
        assert.ok(
          rh.includes('--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca-bundle.crt'),
        );
        const allowed = p.config?.allowedNames ?? ['front-proxy-client'];
        assert.ok(rh.includes(`--requestheader-allowed-names=${allowed.join(',')}`));
        if (p.config?.uidHeaders) assert.ok(rh.includes('--requestheader-uid-headers=X-Remote-Uid'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  it('the bundle step keeps kubeadm’s front-proxy CA in the bundle', () => {
    assert.equal(
      frontProxyBundleCommand(),
      'cat /etc/kubernetes/pki/front-proxy-ca.crt front-proxy-ca.pem | sudo tee /etc/kubernetes/pki/front-proxy-ca-bundle.crt >/dev/null\n',
    );
  });
  it('kind mounts the lab’s front-proxy CA and key where kubeadm looks, and changes only the flags asked for', () => {
    const plain = parse(requestHeaderKindConfig());
    assert.deepEqual(
      plain.nodes[0].extraMounts.map((m: { containerPath: string }) => m.containerPath),
      ['/etc/kubernetes/pki/front-proxy-ca.crt', '/etc/kubernetes/pki/front-proxy-ca.key'],
    );
    assert.equal(plain.nodes[0].kubeadmConfigPatches, undefined);
    const open = parse(requestHeaderKindConfig({ config: { allowedNames: [] } }));
    assert.deepEqual(parse(open.nodes[0].kubeadmConfigPatches[0]).apiServer.extraArgs, {
      'requestheader-allowed-names': '',
    });
  });
});
