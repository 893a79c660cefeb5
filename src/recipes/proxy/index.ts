// Part 5's authenticating proxy: the nginx config (certificate or basic auth, the pitfall switch)
// and the {SSHA} password file. Pure functions returning text; they run in the browser too.
export {
  FRONT_PROXY_BUNDLE_PATH,
  frontProxyBundleCommand,
  type RequestHeaderChangeParams,
  requestHeaderApiServerSettings,
  requestHeaderFlagChanges,
  requestHeaderKindConfig,
  requestHeaderManifestPatch,
} from './api-server-change.ts';
export {
  type BuilderInputs,
  type BuilderTexts,
  builderErrorField,
  builderPreview,
  builderTexts,
  DEFAULT_INPUTS,
  LISTEN,
  missingSettings,
  type PreviewSide,
  type RequiredSetting,
} from './builder.ts';
export {
  PROXY_AUTH_MODES,
  PROXY_FILES,
  type ProxyAuthMode,
  type ProxyConfigParams,
  proxyConfig,
} from './config.ts';
export { type ProxyBasicUser, sshaLine, writeHtpasswd } from './htpasswd.ts';
export { PROXY_CONTAINER, proxyLabReport, proxyLabScript, SPOOFED_USER } from './lab-script.ts';
export {
  apiServerPreview,
  type ProxiedPreview,
  type ProxyHeaderParams,
  upstreamHeaders,
  type VerifiedUser,
  WHOAMI_FORBIDDEN,
} from './preview.ts';
