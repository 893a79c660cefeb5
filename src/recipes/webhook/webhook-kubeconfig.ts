// The webhook configuration file kube-apiserver reads (--authentication-token-webhook-config-file):
// a kubeconfig where the "cluster" is the webhook — server is the exact URL the TokenReview is
// POSTed to (no path is added), certificate-authority-data the CA of the webhook's serving
// certificate — and the "user" is kube-apiserver itself: the client certificate and key it presents
// to the webhook. current-context is set (client-go's loader needs it). Written by the one
// kubeconfig writer, src/kube/build-kubeconfig.ts.
import { buildKubeconfig } from '../../kube/build-kubeconfig.ts';

/** The reader's choices and part-1 PEMs. */
export interface WebhookKubeconfigParams {
  /** The webhook's URL, with its path, e.g. "https://192.0.2.20:8443/authenticate". */
  server: string;
  /** The CA that signed the webhook's serving certificate (part 1: rootCA.pem). */
  caPem: string;
  /**
   * kube-apiserver's client certificate towards the webhook (part 1: client.pem); leave it and the
   * key out when the webhook asks for none (the user entry is then empty).
   */
  clientCertificatePem?: string;
  /** Its key (part 1: client-key.pem). */
  clientKeyPem?: string;
  /** Default: 'token-webhook'. */
  clusterName?: string;
  /** Default: 'kube-apiserver'. */
  userName?: string;
}

/** The kubeconfig text. Throws the `kubeconfig/*` errors of buildKubeconfig. */
export function webhookKubeconfig(p: WebhookKubeconfigParams): string {
  const clusterName = p.clusterName ?? 'token-webhook';
  const userName = p.userName ?? 'kube-apiserver';
  return buildKubeconfig({
    clusterName,
    server: p.server,
    caPem: p.caPem,
    userName,
    ...(p.clientCertificatePem !== undefined || p.clientKeyPem !== undefined
      ? { clientCertificatePem: p.clientCertificatePem ?? '', clientKeyPem: p.clientKeyPem ?? '' }
      : {}),
    contextName: 'webhook',
  });
}
