// A kind cluster config with the same kube-apiserver changes: the flags as kubeadm extraArgs in a
// kubeadmConfigPatches entry (ClusterConfiguration), each file as an extraMount from the laptop
// into the control-plane node and an extraVolume from the node into the kube-apiserver pod.
// kubeadm v1beta3 writes extraArgs as a map (one value per flag; kind's documented form), v1beta4
// (kubeadm 1.31+) as a list of name/value pairs, which may repeat a flag. Not run in the site's
// tests (no docker there); the field names follow kind's and kubeadm's documentation.
import { stringify } from 'yaml';
import { LabError } from '../../pki/errors.ts';
import {
  type ApiServerTokenSettings,
  apiServerTokenFlags,
  KUBEADM_OWN_FILES,
} from './api-server-settings.ts';

/** Options of kindClusterConfig. */
export interface KindConfigParams {
  settings: ApiServerTokenSettings;
  /** node path → the file on the reader's machine (relative to where `kind create cluster` runs). Default: the file name in ./ */
  hostFiles?: Record<string, string>;
  /** The kubeadm config API kind patches. Default: 'v1beta3'. */
  kubeadmApi?: 'v1beta3' | 'v1beta4';
}

/** The kind config YAML. Throws `kind-config/repeated-flag` for a repeated flag with v1beta3, and the `apiserver-flags/*` errors. */
export function kindClusterConfig(p: KindConfigParams): string {
  const { flags, mounts } = apiServerTokenFlags(p.settings);
  const api = p.kubeadmApi ?? 'v1beta3';
  // Every file the flags name comes from the laptop, except sa.pub and sa.key, which kubeadm makes
  // on the node itself (mounting the laptop's over them would break it). The pod gets a volume for
  // those outside the directories it mounts already: the same volumes as the kubeadm patch.
  const named = [
    ...flags.filter((f) => f.name.endsWith('-file')).map((f) => f.value),
    ...(p.settings.extraFiles ?? []).map((f) => f.path),
  ];
  const files = [...new Set(named)].filter((path) => !KUBEADM_OWN_FILES.includes(path));
  let extraArgs: Record<string, string> | { name: string; value: string }[];
  if (api === 'v1beta3') {
    const map: Record<string, string> = {};
    for (const f of flags) {
      if (f.name in map) {
        throw new LabError(
          'kind-config/repeated-flag',
          `--${f.name} is given twice, which kubeadm v1beta3's extraArgs map cannot hold: use v1beta4`,
          {
            field: 'kubeadmApi',
            value: f.name,
          },
        );
      }
      map[f.name] = f.value;
    }
    extraArgs = map;
  } else {
    extraArgs = flags.map((f) => ({ name: f.name, value: f.value }));
  }
  const patch = stringify(
    {
      apiVersion: `kubeadm.k8s.io/${api}`,
      kind: 'ClusterConfiguration',
      apiServer: {
        extraArgs,
        ...(mounts.length
          ? {
              extraVolumes: mounts.map(({ name, path }) => ({
                name,
                hostPath: path,
                mountPath: path,
                readOnly: true,
                pathType: 'File',
              })),
            }
          : {}),
      },
    },
    { lineWidth: 0 },
  );
  const config = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    nodes: [
      {
        role: 'control-plane',
        ...(files.length
          ? {
              extraMounts: files.map((path) => ({
                hostPath: p.hostFiles?.[path] ?? `./${path.split('/').at(-1)}`,
                containerPath: path,
                readOnly: true,
              })),
            }
          : {}),
        kubeadmConfigPatches: [patch],
      },
    ],
  };
  return stringify(config, { lineWidth: 0 });
}
