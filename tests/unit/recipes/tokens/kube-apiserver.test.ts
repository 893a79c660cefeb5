import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { isLabError } from '../../../../src/pki/index.ts';
import {
  apiServerTokenFlags,
  KUBEADM_KUBE_APISERVER_MANIFEST,
  kindClusterConfig,
  patchKubeApiserverManifest,
  unifiedDiff,
} from '../../../../src/recipes/tokens/index.ts';

type Pod = {
  spec: {
    containers: {
      command: string[];
      volumeMounts: { mountPath: string; name: string; readOnly?: boolean }[];
    }[];
    volumes: { name: string; hostPath: { path: string; type: string } }[];
  };
};

const flagsOf = (pod: Pod) => pod.spec.containers[0]!.command.slice(1);

describe('the kubeadm manifest patch', () => {
  it('adds --token-auth-file in kubeadm’s sorted place, with a read-only mount and a hostPath File volume', () => {
    const { manifest, diff } = patchKubeApiserverManifest({ tokenAuthFile: '/etc/kubernetes/tokens.csv' });
    const before = parse(KUBEADM_KUBE_APISERVER_MANIFEST) as Pod;
    const pod = parse(manifest) as Pod;
    const flags = flagsOf(pod);
    assert.ok(flags.includes('--token-auth-file=/etc/kubernetes/tokens.csv'));
    assert.deepEqual([...flags].sort(), flags, 'still sorted as kubeadm sorts them');
    assert.equal(flags.length, flagsOf(before).length + 1);
    assert.deepEqual(pod.spec.containers[0]!.volumeMounts.at(-1), {
      mountPath: '/etc/kubernetes/tokens.csv',
      name: 'token-auth-file',
      readOnly: true,
    });
    assert.deepEqual(pod.spec.volumes.at(-1), {
      hostPath: { path: '/etc/kubernetes/tokens.csv', type: 'File' },
      name: 'token-auth-file',
    });
    assert.equal(diff.match(/^\+[^+]/gm)?.length, 8, diff);
    assert.equal(diff.match(/^-[^-]/gm), null);
    assert.match(
      diff,
      /^--- \/etc\/kubernetes\/manifests\/kube-apiserver.yaml.orig\n\+\+\+ \/etc\/kubernetes\/manifests\/kube-apiserver.yaml\n@@ /,
    );
  });

  it('replaces kubeadm’s service-account flags, repeats the issuer, and mounts nothing under /etc/kubernetes/pki', () => {
    const { manifest } = patchKubeApiserverManifest({
      serviceAccountIssuers: ['https://new.example', 'https://kubernetes.default.svc.cluster.local'],
      serviceAccountKeyFiles: ['/etc/kubernetes/pki/sa.pub', '/etc/kubernetes/pki/sa-new.pub'],
      apiAudiences: ['https://new.example', 'vault'],
    });
    const pod = parse(manifest) as Pod;
    const flags = flagsOf(pod);
    assert.deepEqual(
      flags.filter((f) => f.startsWith('--service-account-issuer=')),
      [
        '--service-account-issuer=https://new.example',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      ],
    );
    assert.deepEqual(flags.filter((f) => f.startsWith('--service-account-key-file=')).length, 2);
    assert.equal(flags[2], '--api-audiences=https://new.example,vault');
    assert.equal(
      pod.spec.volumes.length,
      (parse(KUBEADM_KUBE_APISERVER_MANIFEST) as Pod).spec.volumes.length,
    );
  });

  it('is idempotent: patching the patched manifest changes nothing', () => {
    const s = { tokenAuthFile: '/etc/kubernetes/tokens.csv', enableBootstrapTokenAuth: true };
    const once = patchKubeApiserverManifest(s).manifest;
    assert.equal(patchKubeApiserverManifest(s, once).diff, '');
  });

  it('refuses what is not a kube-apiserver manifest, a relative path and an empty change', () => {
    assert.throws(
      () => patchKubeApiserverManifest({ tokenAuthFile: '/x.csv' }, 'kind: Pod\n'),
      (e) => isLabError(e, 'kubeadm-manifest/not-kube-apiserver'),
    );
    assert.throws(
      () => apiServerTokenFlags({ tokenAuthFile: 'tokens.csv' }),
      (e) => isLabError(e, 'apiserver-flags/bad-path'),
    );
    assert.throws(
      () => apiServerTokenFlags({ apiAudiences: ['a b'] }),
      (e) => isLabError(e, 'apiserver-flags/bad-value'),
    );
    assert.throws(
      () => apiServerTokenFlags({}),
      (e) => isLabError(e, 'apiserver-flags/nothing-to-change'),
    );
  });

  it('diffs like diff -u', () => {
    assert.equal(
      unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', { from: 'x', to: 'y' }),
      '--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n',
    );
    assert.equal(unifiedDiff('a\n', 'a\n', { from: 'x', to: 'y' }), '');
  });
});

describe('the kind cluster config', () => {
  it('passes the flags as extraArgs and each file through extraMounts and extraVolumes', () => {
    const text = kindClusterConfig({
      settings: { tokenAuthFile: '/etc/kubernetes/tokens.csv', enableBootstrapTokenAuth: true },
      hostFiles: { '/etc/kubernetes/tokens.csv': './lab/tokens.csv' },
    });
    const config = parse(text);
    assert.equal(config.kind, 'Cluster');
    assert.equal(config.apiVersion, 'kind.x-k8s.io/v1alpha4');
    const node = config.nodes[0];
    assert.equal(node.role, 'control-plane');
    assert.deepEqual(node.extraMounts, [
      { hostPath: './lab/tokens.csv', containerPath: '/etc/kubernetes/tokens.csv', readOnly: true },
    ]);
    const patch = parse(node.kubeadmConfigPatches[0]);
    assert.deepEqual(patch, {
      apiVersion: 'kubeadm.k8s.io/v1beta3',
      kind: 'ClusterConfiguration',
      apiServer: {
        extraArgs: { 'enable-bootstrap-token-auth': 'true', 'token-auth-file': '/etc/kubernetes/tokens.csv' },
        extraVolumes: [
          {
            name: 'token-auth-file',
            hostPath: '/etc/kubernetes/tokens.csv',
            mountPath: '/etc/kubernetes/tokens.csv',
            readOnly: true,
            pathType: 'File',
          },
        ],
      },
    });
  });

  it('needs kubeadm v1beta4 for a repeated flag, and writes extraArgs as name/value pairs there', () => {
    const settings = { serviceAccountIssuers: ['https://a', 'https://b'] };
    assert.throws(
      () => kindClusterConfig({ settings }),
      (e) => isLabError(e, 'kind-config/repeated-flag'),
    );
    const patch = parse(
      parse(kindClusterConfig({ settings, kubeadmApi: 'v1beta4' })).nodes[0].kubeadmConfigPatches[0],
    );
    assert.deepEqual(patch.apiServer.extraArgs, [
      { name: 'service-account-issuer', value: 'https://a' },
      { name: 'service-account-issuer', value: 'https://b' },
    ]);
  });
});
