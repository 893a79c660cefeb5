// The Secret that makes a bootstrap token valid, as `kubeadm token create` writes it.
import { stringify } from 'yaml';
import { LabError } from '../pki/errors.ts';
import {
  BOOTSTRAP_SECRET_PREFIX,
  BOOTSTRAP_SECRET_TYPE,
  BOOTSTRAP_USAGES,
  type BootstrapUsage,
  bootstrapGroupError,
  parseBootstrapToken,
} from './bootstrap-token.ts';

/** The kubeadm default extra group for node-joining tokens. */
export const KUBEADM_DEFAULT_NODE_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

/** Parameters of buildBootstrapTokenSecret. */
export interface BootstrapTokenSecretParams {
  /** "abcdef.0123456789abcdef". Required. */
  token: string;
  /** When the token stops working (written as RFC 3339 UTC). Default: none (never expires). */
  expiration?: Date;
  /** Default: 'The token of Kube Auth Lab'. Empty: no description field. */
  description?: string;
  /** Default: ['authentication', 'signing'] (kubeadm's). */
  usages?: BootstrapUsage[];
  /** Extra groups, each system:bootstrappers:…. Default: [KUBEADM_DEFAULT_NODE_TOKEN_GROUP]. */
  extraGroups?: string[];
}

/** A core/v1 Secret (stringData form: the API server stores it base64-encoded in data). */
export interface SecretObject {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
  };
  type: string;
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}

/** The Secret and its YAML. */
export interface BootstrapTokenSecret {
  object: SecretObject;
  yaml: string;
}

/** RFC 3339 in UTC without fractions, as kubeadm writes expiration. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The bootstrap-token Secret. Throws `bootstrap-token/format`, `bootstrap-token/bad-group`
 * (details.value, details.apiserverError), `bootstrap-token/bad-usage`, `bootstrap-token/bad-expiration`.
 */
export function buildBootstrapTokenSecret(params: BootstrapTokenSecretParams): BootstrapTokenSecret {
  const { id, secret } = parseBootstrapToken(params.token);
  const usages = params.usages ?? ['authentication', 'signing'];
  for (const u of usages) {
    if (!(BOOTSTRAP_USAGES as readonly string[]).includes(u)) {
      throw new LabError(
        'bootstrap-token/bad-usage',
        `"${u}" is not a bootstrap token usage: use authentication or signing`,
        {
          field: 'usages',
          value: String(u),
        },
      );
    }
  }
  const groups = params.extraGroups ?? [KUBEADM_DEFAULT_NODE_TOKEN_GROUP];
  for (const g of groups) {
    const apiserverError = bootstrapGroupError(g);
    if (apiserverError) {
      throw new LabError(
        'bootstrap-token/bad-group',
        `"${g}" is not a bootstrap group: it must start with system:bootstrappers: and use only a-z, 0-9, ':' and '-'`,
        { field: 'extraGroups', value: g, apiserverError },
      );
    }
  }
  const stringData: Record<string, string> = {};
  const description = params.description ?? 'The token of Kube Auth Lab';
  if (description !== '') stringData.description = description;
  stringData['token-id'] = id;
  stringData['token-secret'] = secret;
  if (params.expiration !== undefined) {
    if (!(params.expiration instanceof Date) || Number.isNaN(params.expiration.getTime())) {
      throw new LabError('bootstrap-token/bad-expiration', 'The expiration is not a valid date', {
        field: 'expiration',
      });
    }
    stringData.expiration = rfc3339(params.expiration);
  }
  for (const u of [...usages].sort()) stringData[`usage-bootstrap-${u}`] = 'true';
  if (groups.length) stringData['auth-extra-groups'] = groups.join(',');
  const object: SecretObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `${BOOTSTRAP_SECRET_PREFIX}${id}`, namespace: 'kube-system' },
    type: BOOTSTRAP_SECRET_TYPE,
    stringData,
  };
  return { object, yaml: stringify(object, { lineWidth: 0 }) };
}
