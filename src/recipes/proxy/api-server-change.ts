// The kube-apiserver side of Part 5, both ways a cluster runs, made with the tokens recipes
// (src/recipes/tokens: ApiServerTokenSettings.extraFlags/extraFiles, the manifest patch, the kind
// config). kubeadm already turns the request-header authenticator on for the aggregation layer
// (--requestheader-* with its own front-proxy CA, allowed name front-proxy-client, X-Remote-User,
// X-Remote-Group, X-Remote-Extra-), so with the defaults there is no flag to change:
//   kubeadm: the lab proxy's certificate must come from a CA in --requestheader-client-ca-file. Either
//     sign it with the cluster's front-proxy CA on the node, or (what the site does) bundle the lab's
//     front-proxy CA with kubeadm's in caBundlePath and point the flag at the bundle: kubeadm's own CA
//     stays in it, so kube-apiserver's front-proxy-client (aggregated APIs) keeps working;
//   kind: the lab's front-proxy CA certificate and key are mounted where kubeadm looks for them
//     (/etc/kubernetes/pki/front-proxy-ca.crt and .key) before the cluster is made, so kubeadm signs
//     the API server's own front-proxy-client with it and no flag changes.
// Flags that differ from kubeadm's (allowed names, header names, uid headers) are changed in both.
import { parse, stringify } from 'yaml';
import {
  KUBEADM_REQUEST_HEADER,
  type RequestHeaderConfig,
  requestHeaderFlags,
} from '../../tokens/request-header-config.ts';
import type { ApiServerFlag, ApiServerTokenSettings } from '../tokens/api-server-settings.ts';
import { kindClusterConfig } from '../tokens/kind-config.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from '../tokens/kubeadm-manifest.ts';
import { type ManifestPatch, patchKubeApiserverManifest } from '../tokens/kubeadm-manifest-patch.ts';

/** Where the bundle of kubeadm's and the lab's front-proxy CAs goes on the node by default. */
export const FRONT_PROXY_BUNDLE_PATH = '/etc/kubernetes/pki/front-proxy-ca-bundle.crt';

/** The lab's choices. */
export interface RequestHeaderChangeParams {
  /** The request-header settings; fields left out keep kubeadm's. Default: kubeadm's. */
  config?: RequestHeaderConfig;
  /** kubeadm: the bundle --requestheader-client-ca-file names. Default: FRONT_PROXY_BUNDLE_PATH. Give kubeadm's own path to keep the flag as it is. */
  caBundlePath?: string;
}

const parseFlag = (f: string): ApiServerFlag => {
  const i = f.indexOf('=');
  return { name: f.slice(2, i), value: f.slice(i + 1) };
};

/** The --requestheader-* flags that differ from kubeadm's (empty: nothing to change). */
export function requestHeaderFlagChanges(config: RequestHeaderConfig = {}): ApiServerFlag[] {
  const kubeadm = new Set(requestHeaderFlags(KUBEADM_REQUEST_HEADER));
  return requestHeaderFlags(config)
    .filter((f) => !kubeadm.has(f))
    .map(parseFlag);
}

/** The settings for the tokens recipes (kubeadm way). */
export function requestHeaderApiServerSettings(p: RequestHeaderChangeParams = {}): ApiServerTokenSettings {
  const clientCaFile = p.caBundlePath ?? FRONT_PROXY_BUNDLE_PATH;
  const flags = requestHeaderFlagChanges({ ...p.config, clientCaFile });
  const ca = flags.find((f) => f.name === 'requestheader-client-ca-file');
  return { extraFlags: flags, ...(ca ? { extraFiles: [{ name: 'requestheader-ca', path: ca.value }] } : {}) };
}

/** The kubeadm manifest change; `diff` is '' when nothing changes. Throws the `apiserver-flags/*` and `kubeadm-manifest/*` errors. */
export function requestHeaderManifestPatch(
  p: RequestHeaderChangeParams = {},
  manifest = KUBEADM_KUBE_APISERVER_MANIFEST,
): ManifestPatch {
  const settings = requestHeaderApiServerSettings(p);
  if (!settings.extraFlags?.length) return { manifest, diff: '' };
  return patchKubeApiserverManifest(settings, manifest);
}

/** The node command that makes the bundle from kubeadm's front-proxy CA and the lab's (copied to the node as front-proxy-ca.pem). */
export function frontProxyBundleCommand(bundlePath = FRONT_PROXY_BUNDLE_PATH): string {
  return `cat /etc/kubernetes/pki/front-proxy-ca.crt front-proxy-ca.pem | sudo tee ${bundlePath} >/dev/null\n`;
}

/** The kind cluster config: the lab's front-proxy CA and key mounted as kubeadm's, and any changed flag. */
export function requestHeaderKindConfig(
  p: Omit<RequestHeaderChangeParams, 'caBundlePath'> & {
    /** The CA and key on the reader's machine. Default: ./front-proxy-ca.pem and ./front-proxy-ca-key.pem. */
    caFile?: string;
    caKeyFile?: string;
  } = {},
): string {
  const mounts = [
    {
      hostPath: p.caFile ?? './front-proxy-ca.pem',
      containerPath: '/etc/kubernetes/pki/front-proxy-ca.crt',
      readOnly: true,
    },
    {
      hostPath: p.caKeyFile ?? './front-proxy-ca-key.pem',
      containerPath: '/etc/kubernetes/pki/front-proxy-ca.key',
      readOnly: true,
    },
  ];
  const flags = requestHeaderFlagChanges({ ...p.config, clientCaFile: KUBEADM_REQUEST_HEADER.clientCaFile });
  if (!flags.length)
    return stringify(
      {
        kind: 'Cluster',
        apiVersion: 'kind.x-k8s.io/v1alpha4',
        nodes: [{ role: 'control-plane', extraMounts: mounts }],
      },
      { lineWidth: 0 },
    );
  const config = parse(kindClusterConfig({ settings: { extraFlags: flags } })) as {
    nodes: { extraMounts?: typeof mounts }[];
  };
  const node = config.nodes[0]!;
  node.extraMounts = [...(node.extraMounts ?? []), ...mounts];
  return stringify(config, { lineWidth: 0 });
}
