// src/recipes/webhook: what part 4 hands out — token-webhook.py, its users file, the webhook
// kubeconfig and the kube-apiserver change (manifest patch and kind config).
export {
  WEBHOOK_CONFIG_NODE_PATH,
  type WebhookApiServerParams,
  webhookApiServerSettings,
  webhookCacheTtlSeconds,
  webhookKindConfig,
  webhookManifestPatch,
} from './api-server-webhook.ts';
export {
  TOKEN_WEBHOOK_DEFAULTS,
  tokenWebhookListeningLine,
  tokenWebhookReviewLine,
  tokenWebhookScript,
} from './token-webhook-script.ts';
export { writeWebhookUsersFile } from './users-file.ts';
export { type WebhookKubeconfigParams, webhookKubeconfig } from './webhook-kubeconfig.ts';
export {
  addWebhookUser,
  predictWhoami,
  statusCurl,
  tokenReviewCurl,
  tokenWebhookRunCommand,
  UNKNOWN_TOKEN,
  WEBHOOK_FILES,
  WEBHOOK_SETUP_DEFAULTS,
  WEBHOOK_SETUP_FIELDS,
  type WebhookSetup,
  type WebhookSetupField,
  type WebhookSetupFiles,
  type WebhookSetupInputs,
  webhookSetup,
  webhookUrl,
  webhookUsersIn,
} from './webhook-setup.ts';
