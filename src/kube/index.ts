// src/kube: kubeconfig files, CertificateSigningRequest and RBAC objects, and the
// `kubectl auth whoami` preview. No DOM, no node: — it runs in the browser too.
export {
  buildCertificateSigningRequest,
  type CertificateSigningRequestObject,
  type CertificateSigningRequestParams,
  CLIENT_SIGNER_USAGES,
  type ClientSignerUsage,
  checkCsrObjectName,
  KUBE_APISERVER_CLIENT_SIGNER,
} from './build-certificate-signing-request.ts';
export {
  buildClusterRoleBinding,
  type ClusterRoleBindingObject,
  type ClusterRoleBindingParams,
} from './build-cluster-role-binding.ts';
export { buildKubeconfig, type KubeconfigParams } from './build-kubeconfig.ts';
export { buildRoleBinding, type RoleBindingObject, type RoleBindingParams } from './build-role-binding.ts';
export {
  DEFAULT_SIGNING_DURATION_SECONDS,
  type ExpirationSecondsVerdict,
  expirationSecondsVerdict,
  MAX_EXPIRATION_SECONDS,
  MIN_EXPIRATION_SECONDS,
} from './expiration-seconds.ts';
export {
  type KubeconfigCluster,
  type KubeconfigContext,
  type KubeconfigUser,
  MAX_KUBECONFIG_ALIASES,
  MAX_KUBECONFIG_BYTES,
  type ParsedKubeconfig,
  parseKubeconfig,
} from './parse-kubeconfig.ts';
export { RBAC_API_GROUP, type RbacSubject, type RbacSubjectObject } from './rbac-binding.ts';
export {
  type CredentialField,
  checkUserCredentials,
  type UserCredentials,
  type UserCredentialsParams,
} from './user-credentials.ts';
export {
  type WebhookKubeconfigLook,
  type WebhookKubeconfigSign,
  webhookKubeconfigLook,
} from './webhook-kubeconfig-look.ts';
export {
  CREDENTIAL_ID_EXTRA_KEY,
  credentialIdExtra,
  PENDING_CREDENTIAL_ID,
  type WhoamiParams,
  whoamiPreview,
  x509CredentialId,
} from './whoami-preview.ts';
