// The kube-apiserver change for OIDC, both ways, as the bearer-token lessons' manifest patch and kind
// config show theirs (src/recipes/tokens, reused through ApiServerTokenSettings.extraFlags/extraFiles):
//   flags: the --oidc-* flags (oidcFlagList); the CA file goes under /etc/kubernetes/pki, which
//          kubeadm's manifest mounts already, so no new volume;
//   file:  --authentication-config=<path> and that file as a hostPath File volume with a read-only
//          mount at the same path (forgetting it is "no such file or directory" in the pod's log); on
//          1.29 also --feature-gates=StructuredAuthenticationConfiguration=true (alpha, off).
// The file itself (authenticationConfigYaml) holds the CA inline (certificateAuthority is PEM text, not
// a path). The two ways are mutually exclusive in kube-apiserver ("authentication-config file and
// oidc-* flags are mutually exclusive"), so each result carries one of them only.
import { parse, stringify } from 'yaml';
import {
  authenticationConfiguration,
  type JwtAuthenticator,
  jwtAuthenticatorFromFlags,
  type OidcFlags,
  oidcFlagList,
  oidcVersionSupport,
} from '../../tokens/index.ts';
import type { ApiServerTokenSettings } from '../tokens/api-server-settings.ts';
import { type KindConfigParams, kindClusterConfig } from '../tokens/kind-config.ts';
import { type ManifestPatch, patchKubeApiserverManifest } from '../tokens/kubeadm-manifest-patch.ts';

/** Where the files go on the control-plane node by default. */
export const OIDC_NODE_PATHS = {
  caFile: '/etc/kubernetes/pki/oidc-ca.crt',
  authenticationConfig: '/etc/kubernetes/authentication-config.yaml',
} as const;

/** The reader's choices, and which way to give them to kube-apiserver. */
export interface OidcApiServerParams {
  /** 'flags' (--oidc-*) or 'file' (--authentication-config). */
  way: 'flags' | 'file';
  /** The choices in flag form; the file is converted from them unless `authenticator` is given. */
  flags: OidcFlags;
  /** The file's authenticator. Default: jwtAuthenticatorFromFlags(flags, caPem). */
  authenticator?: JwtAuthenticator;
  /** The CA of the issuer's certificate (PEM), for the file's certificateAuthority. Default: none. */
  caPem?: string;
  /** The reader's Kubernetes release, e.g. '1.34'. */
  version: string;
  /** The file's path on the node. Default: OIDC_NODE_PATHS.authenticationConfig. */
  configPath?: string;
}

/** The AuthenticationConfiguration YAML for one authenticator. Throws the `oidc-config/*` and `oidc-flags/*` errors. */
export function authenticationConfigYaml(p: Omit<OidcApiServerParams, 'way' | 'configPath'>): string {
  const authenticator = p.authenticator ?? jwtAuthenticatorFromFlags(p.flags, p.caPem).authenticator;
  return stringify(authenticationConfiguration([authenticator], p.version), { lineWidth: 0 });
}

/** The settings for the tokens recipes: the flags and the files to mount. Throws the `oidc-*` errors. */
export function oidcApiServerSettings(p: OidcApiServerParams): ApiServerTokenSettings {
  if (p.way === 'flags') {
    const flags = oidcFlagList({
      ...p.flags,
      ...(p.flags.caFile || !p.caPem ? {} : { caFile: OIDC_NODE_PATHS.caFile }),
    });
    const ca = flags.find((f) => f.name === 'oidc-ca-file');
    return {
      extraFlags: flags,
      ...(ca ? { extraFiles: [{ name: 'oidc-ca', path: ca.value }] } : {}),
    };
  }
  authenticationConfigYaml(p);
  const path = p.configPath ?? OIDC_NODE_PATHS.authenticationConfig;
  const support = oidcVersionSupport(p.version);
  return {
    extraFlags: [
      { name: 'authentication-config', value: path },
      ...(support.needsFeatureGate
        ? [{ name: 'feature-gates', value: 'StructuredAuthenticationConfiguration=true' }]
        : []),
    ],
    extraFiles: [{ name: 'authentication-config', path }],
  };
}

/** The kubeadm manifest change (patched text and diff). Throws the `oidc-*`, `apiserver-flags/*` and `kubeadm-manifest/*` errors. */
export function oidcManifestPatch(p: OidcApiServerParams, manifest?: string): ManifestPatch {
  return patchKubeApiserverManifest(oidcApiServerSettings(p), manifest);
}

/**
 * The kind cluster config: kindClusterConfig's, with every file of the change mounted from the
 * laptop into the node (--authentication-config names a file without the "-file" suffix the tokens
 * recipes look for). Throws what oidcApiServerSettings and kindClusterConfig throw.
 */
export function oidcKindConfig(
  p: OidcApiServerParams,
  kind: Omit<KindConfigParams, 'settings'> = {},
): string {
  const settings = oidcApiServerSettings(p);
  const config = parse(kindClusterConfig({ ...kind, settings })) as {
    nodes: { extraMounts?: { hostPath: string; containerPath: string; readOnly: boolean }[] }[];
  };
  const node = config.nodes[0]!;
  for (const f of settings.extraFiles ?? []) {
    const mounts = node.extraMounts ?? [];
    node.extraMounts = mounts;
    if (mounts.some((m) => m.containerPath === f.path)) continue;
    mounts.push({
      hostPath: kind.hostFiles?.[f.path] ?? `./${f.path.split('/').at(-1)}`,
      containerPath: f.path,
      readOnly: true,
    });
  }
  return stringify(config, { lineWidth: 0 });
}
