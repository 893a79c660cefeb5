// The reader's own kube-apiserver.yaml, read with a YAML parser before and after the line-based
// patch: a text that is not YAML, not a kube-apiserver Pod, or laid out so that the patch would not
// land where kube-apiserver reads it, is refused with a coded error instead of a broken manifest.
import { parseDocument } from 'yaml';
import { LabError } from '../../pki/errors.ts';
import { type ApiServerTokenSettings, apiServerTokenFlags } from './api-server-settings.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from './kubeadm-manifest.ts';
import { type ManifestPatch, patchKubeApiserverManifest } from './kubeadm-manifest-patch.ts';

type Container = {
  name?: unknown;
  command?: unknown;
  volumeMounts?: { mountPath?: unknown; name?: unknown }[];
};
type Pod = { kind?: unknown; spec?: { containers?: Container[]; volumes?: { name?: unknown }[] } };

function readPod(text: string): { pod: Pod; container: Container } {
  const doc = parseDocument(text, { uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? 0;
    throw new LabError(
      'kubeadm-manifest/not-yaml',
      `This is not YAML: line ${line}: ${err.message.split('\n')[0]}`,
      {
        field: 'manifest',
        line,
      },
    );
  }
  const pod = doc.toJS() as Pod | null;
  const container = Array.isArray(pod?.spec?.containers)
    ? pod.spec.containers.find((c) => Array.isArray(c?.command) && c.command[0] === 'kube-apiserver')
    : undefined;
  if (pod?.kind !== 'Pod' || !container) {
    throw new LabError(
      'kubeadm-manifest/not-kube-apiserver',
      'This is not a kube-apiserver manifest: no Pod with a container whose command is kube-apiserver',
      { field: 'manifest' },
    );
  }
  return { pod, container };
}

/**
 * patchKubeApiserverManifest on the reader's manifest (blank: kubeadm's), checked with a YAML
 * parser on both sides. Throws `kubeadm-manifest/not-yaml` (with the line),
 * `kubeadm-manifest/not-kube-apiserver`, `kubeadm-manifest/cannot-patch` when the patched text does
 * not carry every flag, mount and volume, and the errors of patchKubeApiserverManifest.
 */
export function patchReaderManifest(settings: ApiServerTokenSettings, manifest?: string): ManifestPatch {
  const text = manifest?.trim() ? manifest : KUBEADM_KUBE_APISERVER_MANIFEST;
  readPod(text);
  const { flags, mounts } = apiServerTokenFlags(settings);
  const patch = patchKubeApiserverManifest(settings, text);
  let after: ReturnType<typeof readPod>;
  try {
    after = readPod(patch.manifest);
  } catch {
    after = { pod: {}, container: {} };
  }
  const command = Array.isArray(after.container.command) ? after.container.command : [];
  const mounted = new Set((after.container.volumeMounts ?? []).map((m) => m?.mountPath));
  const volumes = new Set((after.pod.spec?.volumes ?? []).map((v) => v?.name));
  const missing =
    flags.find((f) => !command.includes(`--${f.name}=${f.value}`))?.name ??
    mounts.find((m) => !mounted.has(m.path) || (!volumes.has(m.name) && !hasVolumeFor(after.pod, m.path)))
      ?.path;
  if (missing !== undefined) {
    throw new LabError(
      'kubeadm-manifest/cannot-patch',
      `This manifest is laid out so that the change would not land where kube-apiserver reads it (${missing}): make the change by hand`,
      { field: 'manifest', value: missing },
    );
  }
  return patch;
}

function hasVolumeFor(pod: Pod, path: string): boolean {
  return (pod.spec?.volumes ?? []).some(
    (v) => (v as { hostPath?: { path?: unknown } })?.hostPath?.path === path,
  );
}
