// The commands of lesson 7 that the page renders from the reader's own inputs: writing the
// CertificateSigningRequest and binding manifests, getting the cluster CA, and checking the new
// user with curl and kubectl. Every value is checked and quoted, so each line runs as printed.
import { checkServerUrl } from '../../kube/kubeconfig-checks.ts';
import { LabError } from '../../pki/errors.ts';
import type { RecipeCommand } from '../recipe-command.ts';
import { checkFileName, shellQuote } from '../shell-quote.ts';

/** A command that writes `content` to `file` in the current folder: one paste, nothing to edit. */
export function writeFileCommand(file: string, content: string): string {
  checkFileName('file', file);
  const body = content.endsWith('\n') ? content : `${content}\n`;
  if (body.split('\n').includes('EOF')) {
    throw new LabError(
      'recipe/heredoc-marker',
      'the content holds a line "EOF", which would end the heredoc',
      {
        field: 'content',
      },
    );
  }
  return `cat > ${shellQuote(file)} <<'EOF'\n${body}EOF\n`;
}

/** Saves the cluster CA certificate from the current kubeconfig (an admin's) as `caFile`. */
export function caFromKubeconfigCommand(caFile = 'ca.crt'): string {
  checkFileName('caFile', caFile);
  return `kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > ${shellQuote(caFile)}\n`;
}

/** The files a new user's checks use. */
export interface UserCheckParams {
  /** API server URL, e.g. "https://192.0.2.10:6443". */
  server: string;
  /** The cluster CA certificate. Default: "ca.crt". */
  caFile?: string;
  /** The user's certificate, e.g. "jane.crt". */
  certificateFile: string;
  /** The user's private key, e.g. "jane-key.pem". */
  keyFile: string;
  /** The user's kubeconfig, e.g. "jane.kubeconfig". */
  kubeconfigFile: string;
  /** The namespace whose pods are listed. Default: "kube-system". */
  namespace?: string;
}

/** curl against /api with the user's certificate, then `kubectl auth whoami` and `get pods`. */
export function userCheckCommands(params: UserCheckParams): RecipeCommand[] {
  const caFile = params.caFile ?? 'ca.crt';
  const namespace = params.namespace ?? 'kube-system';
  checkServerUrl(params.server);
  checkFileName('caFile', caFile);
  checkFileName('certificateFile', params.certificateFile);
  checkFileName('keyFile', params.keyFile);
  checkFileName('kubeconfigFile', params.kubeconfigFile);
  const q = shellQuote;
  const api = `${params.server.replace(/\/+$/, '')}/api`;
  const kc = `--kubeconfig ${q(params.kubeconfigFile)}`;
  return [
    {
      description: 'Ask the API server for its API versions, logging in with the certificate and key.',
      step: 'check.curl',
      command: `curl --cacert ${q(caFile)} --cert ${q(params.certificateFile)} --key ${q(params.keyFile)} ${q(api)}`,
    },
    {
      description: 'Ask who the API server thinks you are.',
      step: 'check.whoami',
      command: `kubectl ${kc} auth whoami`,
    },
    {
      description: `List the pods in ${namespace}: allowed or Forbidden, depending on the bindings.`,
      step: 'check.pods',
      vars: { namespace },
      command: `kubectl ${kc} get pods -n ${q(namespace)}`,
    },
  ];
}

/** What kubectl prints when RBAC refuses to let `user` list pods in `namespace`. */
export function forbiddenPodsMessage(user: string, namespace = 'kube-system'): string {
  return `Error from server (Forbidden): pods is forbidden: User "${user}" cannot list resource "pods" in API group "" in the namespace "${namespace}"\n`;
}
