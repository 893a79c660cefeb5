// Checks shared by the kubeconfig builder and the `kubectl config` recipe, so both refuse the
// same inputs with the same codes.
import { LabError } from '../pki/errors.ts';
import { hasControlCharacter, isDnsLabel } from './names.ts';

/** Refuses a cluster/user/context name that is empty, too long, or holds spaces or control characters. */
export function checkKubeconfigName(field: string, value: string): void {
  if (value.length === 0 || value.length > 253 || /\s/.test(value) || hasControlCharacter(value)) {
    throw new LabError(
      'kubeconfig/bad-name',
      `${field} ${JSON.stringify(value)} is not a usable kubeconfig name: use 1–253 characters without spaces, e.g. "jane@kubernetes"`,
      { field, value },
    );
  }
}

/** Refuses a namespace that is not an RFC 1123 DNS label. */
export function checkNamespace(value: string): void {
  if (!isDnsLabel(value)) {
    throw new LabError(
      'kubeconfig/bad-namespace',
      `namespace ${JSON.stringify(value)} is not a valid namespace: use lower-case letters, digits and '-', at most 63 characters, e.g. "default"`,
      { field: 'namespace', value },
    );
  }
}

/** Refuses an API server address that is not an absolute https:// URL with a host. */
export function checkServerUrl(value: string): void {
  let url: URL | undefined;
  try {
    url = /\s/.test(value) || hasControlCharacter(value) ? undefined : new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.hostname === '') {
    throw new LabError(
      'kubeconfig/bad-server-url',
      `server ${JSON.stringify(value)} is not a URL: use the API server address, e.g. "https://192.0.2.10:6443"`,
      { field: 'server', value },
    );
  }
  if (url.protocol !== 'https:') {
    throw new LabError(
      'kubeconfig/server-not-https',
      `server ${JSON.stringify(value)} does not start with https://: the API server only speaks TLS, e.g. "https://192.0.2.10:6443"`,
      { field: 'server', value },
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new LabError(
      'kubeconfig/bad-server-url',
      `server ${JSON.stringify(value)} carries credentials, a query or a fragment: use only scheme, host, port and path`,
      { field: 'server', value },
    );
  }
}

/**
 * The checks of one kubeconfig entry (cluster, user, context, server, namespace) that both the
 * kubeconfig writer and the `kubectl config` commands make; returns the context name (default
 * "<userName>@<clusterName>", kubeadm's pattern).
 */
export function checkKubeconfigEntry(p: {
  clusterName: string;
  userName: string;
  contextName?: string;
  server: string;
  namespace?: string;
}): string {
  const contextName = p.contextName ?? `${p.userName}@${p.clusterName}`;
  checkKubeconfigName('clusterName', p.clusterName);
  checkKubeconfigName('userName', p.userName);
  checkKubeconfigName('contextName', contextName);
  checkServerUrl(p.server);
  if (p.namespace !== undefined) checkNamespace(p.namespace);
  return contextName;
}
