// The client side of a bearer token: kubectl's kubeconfig entries for it, and curl with the
// Authorization header — both as commands to copy.
import { checkKubeconfigName, checkServerUrl } from '../../kube/kubeconfig-checks.ts';
import { hasControlCharacter } from '../../pki/control-characters.ts';
import { LabError } from '../../pki/errors.ts';
import { parseGoDuration } from '../../tokens/go-duration.ts';
import type { RecipeCommand } from '../recipe-command.ts';
import { checkFileName, shellQuote } from '../shell-quote.ts';

/** Parameters of tokenKubeconfigCommands and curlWithToken. */
export interface TokenClientParams {
  /** API server URL, e.g. "https://192.0.2.10:6443". */
  server: string;
  /** The cluster CA file on the reader's host, e.g. "ca.crt". */
  caFile: string;
  /** The bearer token. */
  token: string;
  /** Cluster entry name. Default: "kubernetes". */
  clusterName?: string;
  /** User entry name, e.g. "alice". */
  userName: string;
  /** Write to this kubeconfig instead of ~/.kube/config. Default: none. */
  kubeconfigFile?: string;
}

function checkToken(token: string): void {
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new LabError('token-client/bad-token', 'A bearer token is printable ASCII without spaces', {
      field: 'token',
    });
  }
}

/** `kubectl config set-cluster/set-credentials --token/set-context/use-context`, then `kubectl auth whoami`. */
export function tokenKubeconfigCommands(p: TokenClientParams): RecipeCommand[] {
  const cluster = p.clusterName ?? 'kubernetes';
  checkKubeconfigName('clusterName', cluster);
  checkKubeconfigName('userName', p.userName);
  checkServerUrl(p.server);
  checkFileName('caFile', p.caFile);
  checkToken(p.token);
  if (p.kubeconfigFile !== undefined) checkFileName('kubeconfigFile', p.kubeconfigFile);
  const q = shellQuote;
  const kc = p.kubeconfigFile === undefined ? '' : ` --kubeconfig=${q(p.kubeconfigFile)}`;
  const context = `${p.userName}@${cluster}`;
  return [
    {
      step: 'kubectl.set-cluster',
      description: `Add the cluster ${cluster} with its CA, embedded`,
      vars: { cluster },
      command: `kubectl config set-cluster ${q(cluster)}${kc} --server=${q(p.server)} --certificate-authority=${q(p.caFile)} --embed-certs`,
    },
    {
      step: 'kubectl.set-credentials-token',
      description: `Add the user ${p.userName} with the bearer token`,
      vars: { user: p.userName },
      command: `kubectl config set-credentials ${q(p.userName)}${kc} --token=${q(p.token)}`,
    },
    {
      step: 'kubectl.set-context',
      description: `Add the context ${context}`,
      vars: { context },
      command: `kubectl config set-context ${q(context)}${kc} --cluster=${q(cluster)} --user=${q(p.userName)}`,
    },
    {
      step: 'kubectl.use-context',
      description: `Use ${context}`,
      vars: { context },
      command: `kubectl config use-context ${q(context)}${kc}`,
    },
    {
      step: 'kubectl.whoami',
      description: 'Ask the API server who you are',
      command: `kubectl${kc} auth whoami`,
    },
  ];
}

/** curl posting a SelfSubjectReview with `Authorization: Bearer <token>` (the raw form of kubectl auth whoami). */
export function curlWithToken(p: Pick<TokenClientParams, 'server' | 'caFile' | 'token'>): RecipeCommand {
  checkServerUrl(p.server);
  checkFileName('caFile', p.caFile);
  checkToken(p.token);
  const url = `${p.server.replace(/\/+$/, '')}/apis/authentication.k8s.io/v1/selfsubjectreviews`;
  return {
    step: 'curl.whoami',
    description: 'The same question with curl and the Authorization header',
    command: `curl --cacert ${shellQuote(p.caFile)} -H ${shellQuote(`Authorization: Bearer ${p.token}`)} -H 'Content-Type: application/json' -X POST -d '{}' ${shellQuote(url)}`,
  };
}

/** Parameters of kubeadmTokenCreateCommand. */
export interface KubeadmTokenCreateParams {
  token: string;
  /** --ttl. Default: '24h0m0s' (kubeadm's). */
  ttl?: string;
  /** --usages. Default: authentication,signing. */
  usages?: string[];
  /** --groups. Default: system:bootstrappers:kubeadm:default-node-token. */
  groups?: string[];
  /** --description. Default: none. */
  description?: string;
}

/** `kubeadm token create <token> …` that makes the same Secret, run on a control-plane node. */
export function kubeadmTokenCreateCommand(p: KubeadmTokenCreateParams): RecipeCommand {
  if (!/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(p.token)) {
    throw new LabError('bootstrap-token/format', 'A bootstrap token is [a-z0-9]{6}.[a-z0-9]{16}', {
      field: 'token',
    });
  }
  if (p.ttl !== undefined) parseGoDuration(p.ttl);
  if (p.description && hasControlCharacter(p.description)) {
    throw new LabError(
      'kubeadm-token/control-character',
      'The description holds a control character (a tab, a line break or a C1 character), which the --description flag cannot carry as typed',
      { field: 'description' },
    );
  }
  const q = shellQuote;
  const parts = ['sudo kubeadm token create', q(p.token), `--ttl ${q(p.ttl ?? '24h0m0s')}`];
  parts.push(`--usages ${q((p.usages ?? ['authentication', 'signing']).join(','))}`);
  parts.push(`--groups ${q((p.groups ?? ['system:bootstrappers:kubeadm:default-node-token']).join(','))}`);
  if (p.description) parts.push(`--description ${q(p.description)}`);
  return {
    step: 'kubeadm.token-create',
    description: 'Make the same bootstrap token with kubeadm',
    command: parts.join(' '),
  };
}

/** Parameters of kubeadmJoinCommand. */
export interface KubeadmJoinParams {
  /** The API server as kubeadm join takes it: host:port (a DNS name, an IPv4 address or [IPv6]). */
  endpoint: string;
  token: string;
  /** --discovery-token-ca-cert-hash: sha256:<64 hex digits>. */
  caCertHash: string;
}

/** kubeadm join's <host>:<port>: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port. */
const JOIN_ENDPOINT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;

/**
 * `sudo kubeadm join <endpoint> --token … --discovery-token-ca-cert-hash …`, run on the new node.
 * Throws `kubeadm-join/bad-endpoint` (field endpoint), `bootstrap-token/format` (field token).
 */
export function kubeadmJoinCommand(p: KubeadmJoinParams): RecipeCommand {
  const port = JOIN_ENDPOINT.exec(p.endpoint)?.[1];
  if (port === undefined || Number(port) > 65535) {
    throw new LabError('kubeadm-join/bad-endpoint', `"${p.endpoint}" is not host:port`, {
      field: 'endpoint',
      value: p.endpoint,
    });
  }
  if (!/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(p.token)) {
    throw new LabError('bootstrap-token/format', 'A bootstrap token is [a-z0-9]{6}.[a-z0-9]{16}', {
      field: 'token',
    });
  }
  return {
    step: 'kubeadm.join',
    description: 'Join the node with the token, pinning the cluster CA',
    command: `sudo kubeadm join ${p.endpoint} --token ${p.token} --discovery-token-ca-cert-hash ${p.caCertHash}`,
  };
}
