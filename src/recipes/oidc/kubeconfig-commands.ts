// kubectl's side of OIDC: the ID token as a plain bearer token (for the lab: no refresh, a 401 once
// it expires) and, for a real identity provider, the kubelogin exec plugin (int128/kubelogin,
// `kubectl oidc-login get-token`; flags from its docs/setup.md and usage.md: --oidc-issuer-url,
// --oidc-client-id, --oidc-client-secret, --oidc-extra-scope, --certificate-authority), with the
// client.authentication.k8s.io/v1 ExecCredential API, where interactiveMode is required.
import { checkKubeconfigName } from '../../kube/kubeconfig-checks.ts';
import { LabError } from '../../pki/errors.ts';
import { checkIssuerUrl } from '../../tokens/index.ts';
import type { RecipeCommand } from '../recipe-command.ts';
import { checkFileName, shellQuote } from '../shell-quote.ts';
import { type TokenClientParams, tokenKubeconfigCommands } from '../tokens/token-client-commands.ts';

/** The lab's kubeconfig with the ID token (`--token`): tokenKubeconfigCommands with the ID token. */
export function idTokenKubeconfigCommands(p: TokenClientParams): RecipeCommand[] {
  return tokenKubeconfigCommands(p);
}

/** Parameters of kubeloginCommands. */
export interface KubeloginParams {
  /** The kubeconfig user entry, e.g. "oidc". */
  userName: string;
  issuerUrl: string;
  clientId: string;
  /** Default: none (a public client with PKCE). */
  clientSecret?: string;
  /** --oidc-extra-scope, each. Default: none (kubelogin asks for openid). */
  extraScopes?: string[];
  /** The IdP's CA file on the reader's machine (--certificate-authority). Default: none. */
  idpCaFile?: string;
  /** Default: none (~/.kube/config). */
  kubeconfigFile?: string;
}

function checkWord(field: string, v: string): void {
  if (!/^[\x21-\x7e]+$/.test(v)) {
    throw new LabError('oidc-flags/bad-value', `"${v}" must be printable ASCII without spaces`, {
      field,
      value: v,
    });
  }
}

/** `kubectl config set-credentials … --exec-command=kubectl --exec-arg=oidc-login …`, then a check. */
export function kubeloginCommands(p: KubeloginParams): RecipeCommand[] {
  checkKubeconfigName('userName', p.userName);
  checkIssuerUrl(p.issuerUrl);
  checkWord('clientId', p.clientId);
  if (p.clientSecret !== undefined) checkWord('clientSecret', p.clientSecret);
  for (const s of p.extraScopes ?? []) checkWord('extraScopes', s);
  if (p.idpCaFile !== undefined) checkFileName('idpCaFile', p.idpCaFile);
  if (p.kubeconfigFile !== undefined) checkFileName('kubeconfigFile', p.kubeconfigFile);
  const q = shellQuote;
  const kc = p.kubeconfigFile === undefined ? '' : ` --kubeconfig=${q(p.kubeconfigFile)}`;
  const args = [
    'oidc-login',
    'get-token',
    `--oidc-issuer-url=${p.issuerUrl}`,
    `--oidc-client-id=${p.clientId}`,
    ...(p.clientSecret ? [`--oidc-client-secret=${p.clientSecret}`] : []),
    ...(p.extraScopes ?? []).map((s) => `--oidc-extra-scope=${s}`),
    ...(p.idpCaFile ? [`--certificate-authority=${p.idpCaFile}`] : []),
  ];
  return [
    {
      step: 'kubectl.set-credentials-kubelogin',
      description: `Add the user ${p.userName}, whose token kubelogin gets from the identity provider`,
      vars: { user: p.userName },
      command: [
        `kubectl config set-credentials ${q(p.userName)}${kc}`,
        '  --exec-api-version=client.authentication.k8s.io/v1',
        '  --exec-interactive-mode=Never',
        '  --exec-command=kubectl',
        ...args.map((a) => `  --exec-arg=${q(a)}`),
      ].join(' \\\n'),
    },
    {
      step: 'kubectl.whoami-user',
      description: `Ask the API server who ${p.userName} is (kubelogin opens the browser the first time)`,
      vars: { user: p.userName },
      command: `kubectl${kc} --user=${q(p.userName)} auth whoami`,
    },
  ];
}
