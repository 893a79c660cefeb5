import { checkKubeconfigEntry } from '../kube/kubeconfig-checks.ts';
import type { RecipeCommand } from './recipe-command.ts';
import { checkFileName, shellQuote } from './shell-quote.ts';

/** What kubectlConfigCommands takes: names, the server, and the files on the reader's host. */
export interface KubectlConfigParams {
  /** Cluster entry name, e.g. "kubernetes". */
  clusterName: string;
  /** API server URL, e.g. "https://192.0.2.10:6443". */
  server: string;
  /** The cluster CA certificate file, e.g. "ca.crt". */
  caFile: string;
  /** User entry name, e.g. "jane". */
  userName: string;
  /** The user's certificate file, e.g. "jane.crt". */
  clientCertificateFile: string;
  /** The user's key file, e.g. "jane-key.pem". */
  clientKeyFile: string;
  /** Default: "<userName>@<clusterName>". */
  contextName?: string;
  /** The context's namespace. Default: none. */
  namespace?: string;
  /** Write to this kubeconfig instead of ~/.kube/config (adds --kubeconfig=…). Default: none. */
  kubeconfigFile?: string;
}

/** The `kubectl config set-cluster/set-credentials/set-context/use-context` lines, certificates embedded. */
export function kubectlConfigCommands(params: KubectlConfigParams): RecipeCommand[] {
  const contextName = checkKubeconfigEntry(params);
  checkFileName('caFile', params.caFile);
  checkFileName('clientCertificateFile', params.clientCertificateFile);
  checkFileName('clientKeyFile', params.clientKeyFile);
  if (params.kubeconfigFile !== undefined) checkFileName('kubeconfigFile', params.kubeconfigFile);
  const q = shellQuote;
  const config = params.kubeconfigFile === undefined ? '' : ` --kubeconfig=${q(params.kubeconfigFile)}`;
  return [
    {
      description: `Add the cluster ${params.clusterName} with its CA certificate embedded.`,
      step: 'kubectl.setCluster',
      vars: { cluster: params.clusterName },
      command: `kubectl config set-cluster ${q(params.clusterName)}${config} --server=${q(params.server)} --certificate-authority=${q(params.caFile)} --embed-certs`,
    },
    {
      description: `Add the user ${params.userName} with the certificate and key embedded (with a wrong path kubectl stops with "error: could not stat client-certificate file …" and changes nothing).`,
      step: 'kubectl.setCredentials',
      vars: { user: params.userName },
      command: `kubectl config set-credentials ${q(params.userName)}${config} --client-certificate=${q(params.clientCertificateFile)} --client-key=${q(params.clientKeyFile)} --embed-certs`,
    },
    {
      description: `Add the context ${contextName} joining them.`,
      step: 'kubectl.setContext',
      vars: { context: contextName },
      command: `kubectl config set-context ${q(contextName)}${config} --cluster=${q(params.clusterName)} --user=${q(params.userName)}${params.namespace === undefined ? '' : ` --namespace=${params.namespace}`}`,
    },
    {
      description: `Make ${contextName} the current context.`,
      step: 'kubectl.useContext',
      vars: { context: contextName },
      command: `kubectl config use-context ${q(contextName)}${config}`,
    },
  ];
}
