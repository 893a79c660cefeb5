// Written as YAML 1.1 because kubectl and the API server read YAML with go-yaml (1.1 rules): a
// user or group called `yes`, `on` or `0x1A` must come out quoted, or they would read a boolean
// or a number.
import { stringify } from 'yaml';
import { LabError } from '../pki/errors.ts';
import { encodeBase64, utf8Encode } from './base64.ts';
import { checkKubeconfigEntry } from './kubeconfig-checks.ts';
import { normalisePem, PRIVATE_KEY_LABELS, pemBlocks } from './pem-text.ts';

/** What a kubeconfig for one user of one cluster needs. */
export interface KubeconfigParams {
  /** Cluster entry name, e.g. "kubernetes" (kubeadm's). */
  clusterName: string;
  /** API server URL, https only, e.g. "https://192.0.2.10:6443". */
  server: string;
  /** The cluster CA certificate(s) as PEM (kubeadm: /etc/kubernetes/pki/ca.crt). */
  caPem: string;
  /** User entry name; a local label only (the API server takes the user from the certificate's CN). */
  userName: string;
  /**
   * The user's client certificate as PEM (may be followed by intermediates). Leave it and the key
   * out (undefined, not '') only for a user with no credentials: kube-apiserver's webhook
   * kubeconfig when the webhook asks for no client certificate.
   */
  clientCertificatePem?: string;
  /** The user's private key as unencrypted PEM (PKCS#8, PKCS#1 or SEC1). */
  clientKeyPem?: string;
  /** Context name. Default: "<userName>@<clusterName>" (kubeadm's pattern). */
  contextName?: string;
  /** Default namespace of the context. Default: none (the server's "default"). */
  namespace?: string;
}

/** Builds the kubeconfig file text with embedded `*-data` fields and `current-context` set. */
export function buildKubeconfig(params: KubeconfigParams): string {
  const contextName = checkKubeconfigEntry(params);
  checkPem('caPem', params.caPem, ['CERTIFICATE']);
  const credentials = params.clientCertificatePem !== undefined || params.clientKeyPem !== undefined;
  if (credentials) {
    checkPem('clientCertificatePem', params.clientCertificatePem ?? '', ['CERTIFICATE']);
    checkPem('clientKeyPem', params.clientKeyPem ?? '', PRIVATE_KEY_LABELS);
  }

  const context: Record<string, string> = { cluster: params.clusterName, user: params.userName };
  if (params.namespace !== undefined) context.namespace = params.namespace;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: params.clusterName,
        cluster: { server: params.server, 'certificate-authority-data': embed(params.caPem) },
      },
    ],
    users: [
      {
        name: params.userName,
        user: credentials
          ? {
              'client-certificate-data': embed(params.clientCertificatePem ?? ''),
              'client-key-data': embed(params.clientKeyPem ?? ''),
            }
          : {},
      },
    ],
    contexts: [{ name: contextName, context }],
    'current-context': contextName,
  };
  return stringify(config, { version: '1.1', lineWidth: 0, indentSeq: false });
}

function embed(pem: string): string {
  return encodeBase64(utf8Encode(normalisePem(pem)));
}

function checkPem(field: string, text: string, labels: readonly string[]): void {
  const blocks = pemBlocks(text);
  const first = blocks[0];
  if (first?.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new LabError(
      'kubeconfig/encrypted-key',
      `${field} is an encrypted private key: kubectl cannot use it; decrypt it first (openssl pkey -in key.pem -out plain.pem)`,
      { field },
    );
  }
  if (first === undefined || !blocks.every((b) => b.bodyOk && labels.includes(b.label))) {
    const seen = blocks.map((b) => b.label).join(', ') || 'no PEM block';
    throw new LabError(
      'kubeconfig/bad-pem',
      `${field} does not look like PEM of the right kind (found ${seen}): expected ${labels.map((l) => `"-----BEGIN ${l}-----"`).join(' or ')}`,
      { field },
    );
  }
  if (labels !== PRIVATE_KEY_LABELS) return;
  if (blocks.length !== 1) {
    throw new LabError('kubeconfig/bad-pem', `${field} holds ${blocks.length} keys: expected exactly one`, {
      field,
    });
  }
}
