// The --oidc-* flags of kube-apiserver and what they become (pkg/kubeapiserver/options/
// authentication.go: AddFlags for names and defaults, validateOIDCOptions, ToAuthenticationConfig):
//   --oidc-issuer-url   → issuer.url            --oidc-client-id → issuer.audiences: [id]
//   --oidc-ca-file      → certificateAuthority (the file's content)
//   --oidc-username-claim (default sub) → claimMappings.username.claim
//   --oidc-username-prefix → username.prefix: "-" → "", unset and the claim is not "email" →
//                          "<issuer-url>#", otherwise the value
//   --oidc-groups-claim / --oidc-groups-prefix → claimMappings.groups
//   --oidc-required-claim k=v (repeatable) → claimValidationRules [{claim, requiredValue}]
//   --oidc-signing-algs (default RS256) → no field: with the file all nine are accepted.
// The issuer# default is the readers' most common surprise (PEERS.md: kubernetes#31380, …).
import { LabError } from '../pki/errors.ts';
import {
  type JwtAuthenticator,
  OIDC_SIGNING_ALGS,
  type OidcSigningAlg,
  oidcVersionSupport,
} from './oidc-authenticator.ts';

/** The --oidc-* settings. */
export interface OidcFlags {
  /** --oidc-issuer-url. Required. */
  issuerUrl: string;
  /** --oidc-client-id. Required. */
  clientId: string;
  /** --oidc-ca-file: a path on the control-plane node. Default: none (the host's roots). */
  caFile?: string;
  /** --oidc-username-claim. Default: 'sub'. */
  usernameClaim?: string;
  /** --oidc-username-prefix. Default: unset ('<issuer>#' unless the claim is email); '-' = none. */
  usernamePrefix?: string;
  /** --oidc-groups-claim. Default: none (no groups). */
  groupsClaim?: string;
  /** --oidc-groups-prefix. Default: none. */
  groupsPrefix?: string;
  /** --oidc-signing-algs. Default: ['RS256']. */
  signingAlgs?: OidcSigningAlg[];
  /** --oidc-required-claim key=value, one flag each. Default: none. */
  requiredClaims?: Record<string, string>;
}

/** One flag: --name=value. */
export interface OidcFlag {
  name: string;
  value: string;
}

function checkText(field: string, value: string, what: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  if (/[\s\u0000-\u001f"'\\]/.test(value)) {
    throw new LabError(
      'oidc-flags/bad-value',
      `${what} "${value}" must not hold spaces, quotes or backslashes`,
      {
        field,
        value,
      },
    );
  }
}

/**
 * Checks the flags as kube-apiserver's validateOIDCOptions and oidc.New do. Throws
 * `oidc-flags/issuer-and-client-id`, `oidc-flags/not-https`, `oidc-flags/bad-signing-alg`,
 * `oidc-flags/bad-required-claim`, `oidc-flags/bad-value`.
 */
export function checkOidcFlags(f: OidcFlags): void {
  if (!f.issuerUrl || !f.clientId) {
    throw new LabError(
      'oidc-flags/issuer-and-client-id',
      'oidc-issuer-url and oidc-client-id must be specified together when any oidc-* flags are set',
      { field: f.issuerUrl ? 'clientId' : 'issuerUrl' },
    );
  }
  checkText('issuerUrl', f.issuerUrl, 'The issuer URL');
  if (!/^https:\/\/[^/?#@]+/.test(f.issuerUrl) || /[?#]/.test(f.issuerUrl)) {
    throw new LabError(
      'oidc-flags/not-https',
      `"${f.issuerUrl}": the issuer URL must be https://host[:port][/path], without query or fragment`,
      { field: 'issuerUrl', value: f.issuerUrl },
    );
  }
  checkText('clientId', f.clientId, 'The client ID');
  for (const [field, v] of [
    ['caFile', f.caFile],
    ['usernameClaim', f.usernameClaim],
    ['usernamePrefix', f.usernamePrefix],
    ['groupsClaim', f.groupsClaim],
    ['groupsPrefix', f.groupsPrefix],
  ] as const) {
    if (v !== undefined) checkText(field, v, 'The value');
  }
  for (const alg of f.signingAlgs ?? []) {
    if (!(OIDC_SIGNING_ALGS as readonly string[]).includes(alg)) {
      throw new LabError('oidc-flags/bad-signing-alg', `oidc: unsupported signing alg: "${alg}"`, {
        field: 'signingAlgs',
        value: String(alg),
      });
    }
  }
  for (const [k, v] of Object.entries(f.requiredClaims ?? {})) {
    if (!k || k.includes('=') || k.includes(',')) {
      throw new LabError(
        'oidc-flags/bad-required-claim',
        `"${k}=${v}" is not a key=value pair with a claim name`,
        {
          field: 'requiredClaims',
          value: k,
        },
      );
    }
    checkText('requiredClaims', `${k}${v}`, 'A required claim');
  }
}

/** The username prefix the flags give (ToAuthenticationConfig). */
export function flagUsernamePrefix(
  f: Pick<OidcFlags, 'issuerUrl' | 'usernameClaim' | 'usernamePrefix'>,
): string {
  const claim = f.usernameClaim || 'sub';
  if (f.usernamePrefix === '-') return '';
  if (!f.usernamePrefix && claim !== 'email') return `${f.issuerUrl}#`;
  return f.usernamePrefix ?? '';
}

/**
 * The JWT authenticator kube-apiserver builds from the flags, and the algorithms it accepts.
 * `caPem` is the content of --oidc-ca-file. Throws what checkOidcFlags throws.
 */
export function jwtAuthenticatorFromFlags(
  f: OidcFlags,
  caPem?: string,
): { authenticator: JwtAuthenticator; signingAlgs: OidcSigningAlg[] } {
  checkOidcFlags(f);
  const authenticator: JwtAuthenticator = {
    issuer: {
      url: f.issuerUrl,
      audiences: [f.clientId],
      ...(caPem ? { certificateAuthority: caPem } : {}),
    },
    claimMappings: {
      username: { claim: f.usernameClaim || 'sub', prefix: flagUsernamePrefix(f) },
      ...(f.groupsClaim ? { groups: { claim: f.groupsClaim, prefix: f.groupsPrefix ?? '' } } : {}),
    },
  };
  const rules = Object.entries(f.requiredClaims ?? {}).map(([claim, requiredValue]) => ({
    claim,
    requiredValue,
  }));
  if (rules.length) authenticator.claimValidationRules = rules;
  return { authenticator, signingAlgs: f.signingAlgs?.length ? [...f.signingAlgs] : ['RS256'] };
}

/** The flags in kube-apiserver's (and kubeadm's) sorted order, as they go on the command line. Throws what checkOidcFlags throws. */
export function oidcFlagList(f: OidcFlags): OidcFlag[] {
  checkOidcFlags(f);
  const flags: OidcFlag[] = [];
  if (f.caFile) flags.push({ name: 'oidc-ca-file', value: f.caFile });
  flags.push({ name: 'oidc-client-id', value: f.clientId });
  if (f.groupsClaim) flags.push({ name: 'oidc-groups-claim', value: f.groupsClaim });
  if (f.groupsPrefix) flags.push({ name: 'oidc-groups-prefix', value: f.groupsPrefix });
  flags.push({ name: 'oidc-issuer-url', value: f.issuerUrl });
  for (const [k, v] of Object.entries(f.requiredClaims ?? {}))
    flags.push({ name: 'oidc-required-claim', value: `${k}=${v}` });
  if (f.signingAlgs?.length && !(f.signingAlgs.length === 1 && f.signingAlgs[0] === 'RS256'))
    flags.push({ name: 'oidc-signing-algs', value: f.signingAlgs.join(',') });
  if (f.usernameClaim && f.usernameClaim !== 'sub')
    flags.push({ name: 'oidc-username-claim', value: f.usernameClaim });
  if (f.usernamePrefix) flags.push({ name: 'oidc-username-prefix', value: f.usernamePrefix });
  return flags;
}

/**
 * The AuthenticationConfiguration object (apiVersion by release) for these authenticators. Throws
 * `oidc-config/unsupported-version` before 1.29, `oidc-config/field-needs-version` for
 * discoveryURL before 1.30 or egressSelectorType before 1.34, `oidc-config/bad-version`.
 */
export function authenticationConfiguration(
  jwt: JwtAuthenticator[],
  version: string,
): Record<string, unknown> {
  const s = oidcVersionSupport(version);
  if (!s.apiVersion) {
    throw new LabError(
      'oidc-config/unsupported-version',
      `Kubernetes 1.${s.minor} has no --authentication-config (1.29 and later): use the --oidc-* flags`,
      { field: 'version', value: version },
    );
  }
  for (const a of jwt) {
    if (a.issuer.discoveryURL && !s.discoveryURL) {
      throw new LabError(
        'oidc-config/field-needs-version',
        'issuer.discoveryURL needs Kubernetes 1.30 or later',
        {
          field: 'discoveryURL',
          needs: '1.30',
        },
      );
    }
    if (a.issuer.egressSelectorType && !s.egressSelectorType) {
      throw new LabError(
        'oidc-config/field-needs-version',
        'issuer.egressSelectorType needs Kubernetes 1.34 or later',
        {
          field: 'egressSelectorType',
          needs: '1.34',
        },
      );
    }
  }
  return { apiVersion: s.apiVersion, kind: 'AuthenticationConfiguration', jwt };
}
