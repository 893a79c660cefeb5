// Kubeconfigs for one user of the lab cluster, written out as text the way the tests hand them to
// the decoder, the inspector, kube-pki-copy.sh and parseKubeconfig: spelled out here, not built
// by src/kube, so what reads them is judged on text made elsewhere.

// btoa of the UTF-8 bytes, not Buffer: the kube unit tests that use this also run in Chromium.
const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** One user of the cluster `kubernetes`, with what their kubeconfig carries inline. */
export interface LabKubeconfig {
  /** The cluster CA (certificate-authority-data), PEM. */
  caPem: string;
  /** The user's name; the context is USER@kubernetes. */
  user: string;
  /** client-certificate-data, PEM. */
  certificatePem: string;
  /** The API server. Default: https://192.0.2.10:6443. */
  server?: string;
}

/**
 * A kubeconfig as kubeadm writes admin.conf and super-admin.conf: its key order, `preferences: {}`,
 * base64 of PEM in the *-data fields, and the context USER@kubernetes made current.
 */
export function kubeadmConf(k: LabKubeconfig & { keyPem: string }): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(k.caPem)}
    server: ${k.server ?? 'https://192.0.2.10:6443'}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${k.user}
  name: ${k.user}@kubernetes
current-context: ${k.user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${k.user}
  user:
    client-certificate-data: ${b64(k.certificatePem)}
    client-key-data: ${b64(k.keyPem)}
`;
}

/**
 * A short kubeconfig in YAML flow style, as a reader might paste one: the cluster and the user (a
 * client certificate, no key) and, with `context`, the context USER@kubernetes made current.
 */
export function pastedKubeconfig(k: LabKubeconfig & { context?: boolean }): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- cluster: {server: "${k.server ?? 'https://192.0.2.10:6443'}", certificate-authority-data: ${b64(k.caPem)}}`,
    '  name: kubernetes',
    'users:',
    `- name: ${k.user}`,
    `  user: {client-certificate-data: ${b64(k.certificatePem)}}`,
    ...(k.context
      ? [
          'contexts:',
          `- context: {cluster: kubernetes, user: ${k.user}}`,
          `  name: ${k.user}@kubernetes`,
          `current-context: ${k.user}@kubernetes`,
        ]
      : []),
    '',
  ].join('\n');
}
