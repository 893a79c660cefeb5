// The kube-apiserver change for webhook token authentication, both ways (the kubeadm manifest patch
// and the kind config of src/recipes/tokens, through ApiServerTokenSettings.extraFlags/extraFiles):
//   --authentication-token-webhook-config-file=<path>  the webhook kubeconfig (webhookKubeconfig);
//     outside the directories kubeadm mounts, so it gets a hostPath File volume and a read-only
//     mount at the same path;
//   --authentication-token-webhook-cache-ttl   only when not the default 2m0s;
//   --authentication-token-webhook-version     written always: its default is still v1beta1
//     (pkg/kubeapiserver/options/authentication.go WithWebHook), and the webhook must answer in the
//     version it is asked in.
import { LabError } from '../../pki/errors.ts';
import {
  checkTokenReviewVersion,
  DEFAULT_WEBHOOK_CACHE_TTL_SECONDS,
  parseGoDuration,
  type TokenReviewVersion,
} from '../../tokens/index.ts';
import type { ApiServerTokenSettings } from '../tokens/api-server-settings.ts';
import { type KindConfigParams, kindClusterConfig } from '../tokens/kind-config.ts';
import { type ManifestPatch, patchKubeApiserverManifest } from '../tokens/kubeadm-manifest-patch.ts';

/** Where the webhook kubeconfig goes on the control-plane node by default. */
export const WEBHOOK_CONFIG_NODE_PATH = '/etc/kubernetes/token-webhook.kubeconfig';

/** The reader's choices. */
export interface WebhookApiServerParams {
  /** Default: WEBHOOK_CONFIG_NODE_PATH. */
  configPath?: string;
  /** --authentication-token-webhook-version. Default: 'v1'. */
  version?: TokenReviewVersion;
  /** --authentication-token-webhook-cache-ttl as a Go duration, e.g. '30s'. Default: '2m0s' (not written). */
  cacheTtl?: string;
}

/** The cache TTL in seconds of a Go duration. Throws `webhook/bad-cache-ttl`. */
export function webhookCacheTtlSeconds(text: string): number {
  try {
    return parseGoDuration(text) / 1000;
  } catch {
    throw new LabError('webhook/bad-cache-ttl', `"${text}" is not a duration such as 2m0s or 30s`, {
      field: 'cacheTtl',
      value: text,
    });
  }
}

/** The settings for the manifest patch and the kind config. Throws `webhook/unsupported-version`, `webhook/bad-cache-ttl`. */
export function webhookApiServerSettings(p: WebhookApiServerParams = {}): ApiServerTokenSettings {
  const path = p.configPath ?? WEBHOOK_CONFIG_NODE_PATH;
  const version = checkTokenReviewVersion(p.version ?? 'v1');
  const flags = [{ name: 'authentication-token-webhook-config-file', value: path }];
  if (p.cacheTtl !== undefined && webhookCacheTtlSeconds(p.cacheTtl) !== DEFAULT_WEBHOOK_CACHE_TTL_SECONDS) {
    flags.push({ name: 'authentication-token-webhook-cache-ttl', value: p.cacheTtl });
  }
  flags.push({ name: 'authentication-token-webhook-version', value: version });
  return { extraFlags: flags, extraFiles: [{ name: 'token-webhook-config', path }] };
}

/** The kubeadm manifest change. Throws what webhookApiServerSettings and the patch throw. */
export function webhookManifestPatch(p: WebhookApiServerParams, manifest?: string): ManifestPatch {
  return patchKubeApiserverManifest(webhookApiServerSettings(p), manifest);
}

/** The kind cluster config, the kubeconfig mounted from the laptop. */
export function webhookKindConfig(
  p: WebhookApiServerParams,
  kind: Omit<KindConfigParams, 'settings'> = {},
): string {
  return kindClusterConfig({ ...kind, settings: webhookApiServerSettings(p) });
}
