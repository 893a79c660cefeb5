// src/recipes/oidc: what part 3 (OpenID Connect) hands out: the kube-apiserver change both ways,
// the AuthenticationConfiguration file, and kubectl's kubeconfig entries. The issuer script
// (oidc-issuer.sh) is in src/recipes/lab-scripts.ts, so that these imports do not load its text.
export {
  authenticationConfigYaml,
  OIDC_NODE_PATHS,
  type OidcApiServerParams,
  oidcApiServerSettings,
  oidcKindConfig,
  oidcManifestPatch,
} from './api-server-oidc.ts';
export { idTokenKubeconfigCommands, type KubeloginParams, kubeloginCommands } from './kubeconfig-commands.ts';
