// src/recipes/tokens: the kube-apiserver changes and the client commands of the bearer-token lessons.
export {
  type ApiServerFileMount,
  type ApiServerFlag,
  type ApiServerTokenSettings,
  apiServerTokenFlags,
  isRepeatableFlag,
  KUBEADM_MOUNTED_DIRS,
  KUBEADM_OWN_FILES,
} from './api-server-settings.ts';
export { type KindConfigParams, kindClusterConfig } from './kind-config.ts';
export { patchReaderManifest } from './kube-apiserver-manifest-check.ts';
export {
  filesToBring,
  type KindStepsParams,
  type KubeadmStepsParams,
  kindChangeSteps,
  kubeadmChangeSteps,
} from './kube-apiserver-steps.ts';
export { KUBEADM_KUBE_APISERVER_MANIFEST } from './kubeadm-manifest.ts';
export { type ManifestPatch, patchKubeApiserverManifest } from './kubeadm-manifest-patch.ts';
export {
  curlWithToken,
  type KubeadmJoinParams,
  type KubeadmTokenCreateParams,
  kubeadmJoinCommand,
  kubeadmTokenCreateCommand,
  type TokenClientParams,
  tokenKubeconfigCommands,
} from './token-client-commands.ts';
export { unifiedDiff } from './unified-diff.ts';
