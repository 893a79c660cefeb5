// The builder's texts for a set of inputs: the nginx config, the kube-apiserver flags, the kubeadm
// bundle step and manifest diff, and the kind config (src/recipes/proxy). No DOM, so the page
// renders the defaults at build time with the same code the element runs after each edit.
import type { Lang } from '../../i18n/index.ts';
import {
  FRONT_PROXY_BUNDLE_PATH,
  frontProxyBundleCommand,
  type ProxyAuthMode,
  proxyConfig,
  requestHeaderKindConfig,
  requestHeaderManifestPatch,
} from '../../recipes/proxy/index.ts';
import { requestHeaderFindings, requestHeaderFlags } from '../../tokens/request-header-config.ts';

/** The builder's settings, read from its fields. */
export interface BuilderInputs {
  mode: ProxyAuthMode;
  user: string;
  groups: string[];
  /** Mode basic: the user's password (only the password file uses it). */
  password: string;
  apiServer: string;
  apiServerName: string;
  /** The pitfall switch: pass the client's headers. */
  trust: boolean;
  allowedNames: string[];
}

/** Where the lab's nginx listens: this host only (proxy-lab.sh and docker's host network keep it so). */
export const LISTEN = '127.0.0.1:8443';

/** The inputs as the page first shows them. */
export const DEFAULT_INPUTS: BuilderInputs = {
  mode: 'certificate',
  user: 'jane',
  groups: ['developers'],
  password: '',
  apiServer: 'https://127.0.0.1:6443',
  apiServerName: 'kubernetes',
  trust: false,
  allowedNames: ['front-proxy-client'],
};

/** What the builder shows for the inputs (throws the recipes' LabErrors). */
export interface BuilderTexts {
  conf: string;
  flags: string;
  findings: ('any-cn' | 'aggregation-headers')[];
  bundle: string;
  diff: string;
  kind: string;
}

export function builderTexts(i: BuilderInputs, lang: Lang): BuilderTexts {
  const users = i.mode === 'basic' ? [{ name: i.user, password: i.password, groups: i.groups }] : [];
  const conf = proxyConfig({
    mode: i.mode,
    apiServer: i.apiServer,
    apiServerName: i.apiServerName,
    users,
    trustClientIdentity: i.trust,
    listen: LISTEN,
    lang,
  });
  const config = { allowedNames: i.allowedNames };
  return {
    conf,
    flags: `${requestHeaderFlags({ ...config, clientCaFile: FRONT_PROXY_BUNDLE_PATH }).join('\n')}\n`,
    findings: requestHeaderFindings(config).map((f) => f.code),
    bundle: frontProxyBundleCommand(),
    diff: requestHeaderManifestPatch({ config }).diff,
    kind: requestHeaderKindConfig({ config }),
  };
}
