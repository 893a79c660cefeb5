// Whether a kubeconfig looks like the file kube-apiserver's --authentication-token-webhook-config-file
// points at (part 4) rather than a person's: there the "cluster" is the webhook (server = the exact
// URL the TokenReview is POSTed to, so it has a path) and the "user" is kube-apiserver's own client
// credentials towards the webhook. The signs are the names src/recipes/webhook writes (cluster
// token-webhook, user kube-apiserver, context webhook) and a server path that names the webhook's
// work (/authenticate, /tokenreview, /webhook…). An API server's URL has no such path.
import type { ParsedKubeconfig } from './parse-kubeconfig.ts';

export type WebhookKubeconfigSign = 'server-path' | 'cluster-name' | 'user-name' | 'context-name';

/** What made the kubeconfig look like a webhook's, and the webhook it names. */
export interface WebhookKubeconfigLook {
  signs: WebhookKubeconfigSign[];
  /** The current context's (else the first) cluster: the webhook. */
  clusterName: string;
  /** Its server: the URL kube-apiserver POSTs TokenReviews to ('' when none). */
  server: string;
  /** The current context's (else the first) user: kube-apiserver's credentials towards the webhook. */
  userName: string;
}

const WEBHOOK_PATH = /authn|authenticat|token-?review|webhook/i;
const WEBHOOK_NAME = /webhook|tokenreview|token-review|authn/i;
const APISERVER_USER = /^(?:kube-?)?api-?server$/i;

/** The look, or undefined for a kubeconfig with no sign of being a webhook's. */
export function webhookKubeconfigLook(config: ParsedKubeconfig): WebhookKubeconfigLook | undefined {
  const context =
    config.contexts.find((c) => c.name === config.currentContext) ?? config.contexts[0] ?? undefined;
  const cluster = config.clusters.find((c) => c.name === context?.cluster) ?? config.clusters[0];
  const user = config.users.find((u) => u.name === context?.user) ?? config.users[0];
  if (!cluster) return undefined;
  const signs: WebhookKubeconfigSign[] = [];
  let path = '';
  try {
    path = cluster.server ? new URL(cluster.server).pathname : '';
  } catch {
    path = '';
  }
  if (path && WEBHOOK_PATH.test(path)) signs.push('server-path');
  if (WEBHOOK_NAME.test(cluster.name)) signs.push('cluster-name');
  if (user && APISERVER_USER.test(user.name)) signs.push('user-name');
  if (context && WEBHOOK_NAME.test(context.name)) signs.push('context-name');
  // A user named kube-apiserver alone is also kubeadm's name for the API server's own kubeconfigs.
  if (signs.length === 0 || (signs.length === 1 && signs[0] === 'user-name')) return undefined;
  return { signs, clusterName: cluster.name, server: cluster.server ?? '', userName: user?.name ?? '' };
}
