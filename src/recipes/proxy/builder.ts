// The proxy builder of part 5 (src/widgets/proxy-builder), without its DOM: which settings it needs,
// the texts for a set of inputs (the nginx config, the kube-apiserver flags, the kubeadm bundle step
// and manifest diff, the kind config), the field a refusal belongs to, and the identity preview: what
// kube-apiserver believes for a request through the proxy and for one sent around it. The page renders
// the defaults at build time with the same code the element runs after each edit.
import type { Lang } from '../../i18n/index.ts';
import type { FullRequestVerdict } from '../../tokens/request-header-authenticate.ts';
import type { HttpHeaders } from '../../tokens/request-header-authenticator.ts';
import { requestHeaderFindings, requestHeaderFlags } from '../../tokens/request-header-config.ts';
import {
  FRONT_PROXY_BUNDLE_PATH,
  frontProxyBundleCommand,
  requestHeaderKindConfig,
  requestHeaderManifestPatch,
} from './api-server-change.ts';
import { type ProxyAuthMode, proxyConfig } from './config.ts';
import { apiServerPreview, upstreamHeaders } from './preview.ts';

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

/** The builder's text settings that may not be empty (the password only for basic auth). */
export type RequiredSetting = 'proxyCn' | 'user' | 'password' | 'apiServer' | 'apiServerName';

/** The required settings left empty, in the builder's order (each gets `input/empty` at its field). */
export function missingSettings(v: {
  mode: ProxyAuthMode;
  proxyCn: string;
  user: string;
  password: string;
  apiServer: string;
  apiServerName: string;
}): RequiredSetting[] {
  const missing: RequiredSetting[] = [];
  if (!v.proxyCn.trim()) missing.push('proxyCn');
  if (!v.user.trim()) missing.push('user');
  if (v.mode === 'basic' && v.password === '') missing.push('password');
  if (!v.apiServer.trim()) missing.push('apiServer');
  if (!v.apiServerName.trim()) missing.push('apiServerName');
  return missing;
}

/** The builder's field a refusal of builderTexts belongs to (the recipes name theirs in details.field). */
export function builderErrorField(
  e: unknown,
  mode: ProxyAuthMode,
): 'user' | 'groups' | 'apiServer' | 'apiServerName' {
  const err = e as { code?: unknown; details?: { field?: unknown } } | undefined;
  if (err?.code === 'proxy/bad-api-server') return 'apiServer';
  const at = err?.details?.field;
  if (at === 'user') return 'user';
  if (at === 'group') return 'groups';
  if (at === 'proxy_ssl_name') return 'apiServerName';
  return mode === 'basic' ? 'user' : 'apiServerName';
}

/** What kube-apiserver believes for one request: the verified user, someone the client claimed, or a refusal. */
export interface PreviewSide {
  /** The headers kube-apiserver got. */
  headers: HttpHeaders;
  verdict: FullRequestVerdict;
  /** 'believed': the user nginx verified; 'spoofed': an authenticated user who is not; 'refused': not authenticated. */
  belief: 'believed' | 'spoofed' | 'refused';
  /** `kubectl auth whoami`'s table or error line. */
  whoami: string;
}

/**
 * The identity preview: a request of the builder's user through the proxy (nginx's headers, the
 * proxy's certificate) and the same client's request sent straight to kube-apiserver, each with
 * the X-Remote-User and X-Remote-Group the client wrote (`spoofUser`, `spoofGroup`, '' for none).
 */
export async function builderPreview(p: {
  inputs: BuilderInputs;
  spoofUser: string;
  spoofGroup: string;
  certs: { caPem: string; clientPem: string };
}): Promise<{ through: PreviewSide; around: PreviewSide }> {
  const i = p.inputs;
  const spoofUser = p.spoofUser.trim();
  const spoofGroup = p.spoofGroup.trim();
  const client: [string, string][] = [
    ['Accept', 'application/json'],
    ...(spoofUser ? [['X-Remote-User', spoofUser] as [string, string]] : []),
    ...(spoofGroup ? [['X-Remote-Group', spoofGroup] as [string, string]] : []),
  ];
  const params = {
    mode: i.mode,
    trustClientIdentity: i.trust,
    users: i.mode === 'basic' ? [{ name: i.user, password: '', groups: i.groups }] : [],
  };
  const side = async (headers: HttpHeaders): Promise<PreviewSide> => {
    const r = await apiServerPreview({
      headers,
      peerCertificatePem: p.certs.clientPem,
      frontProxyCaPem: p.certs.caPem,
      config: { allowedNames: i.allowedNames },
    });
    const authenticated = r.verdict.outcome === 'authenticated';
    const belief = !authenticated ? 'refused' : r.verdict.user?.username === i.user ? 'believed' : 'spoofed';
    return { headers: r.headers, verdict: r.verdict, belief, whoami: r.whoami };
  };
  return {
    through: await side(upstreamHeaders(params, { user: i.user, groups: i.groups }, client)),
    around: await side(client.filter(([n]) => n !== 'Accept')),
  };
}
