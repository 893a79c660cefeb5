// kube-apiserver's JWT authenticator as its configuration describes it: the `jwt[]` entry of an
// AuthenticationConfiguration (k8s.io/apiserver pkg/apis/apiserver/types.go, v1/types.go), which is
// also what the --oidc-* flags become since 1.29 (pkg/kubeapiserver/options/authentication.go
// ToAuthenticationConfig, PR #118984). Here: its shape, the file versions by Kubernetes release
// (feature StructuredAuthenticationConfiguration: alpha 1.29, beta 1.30, GA 1.34; FACTS-2-5 §2.4),
// and the validation kube-apiserver runs on it before it starts (pkg/apis/apiserver/validation/
// validation.go validateJWTAuthenticator), with its messages, so a widget can show what the API
// server would refuse. CEL expressions are only checked for presence here; evaluating them is
// oidc-cel.ts, loaded on first use.
import { LabError } from '../pki/errors.ts';
import { goQuote } from './bootstrap-token.ts';

/** A claim with a prefix, or a CEL expression (PrefixedClaimOrExpression). */
export interface PrefixedClaimOrExpression {
  claim?: string;
  /** Required with `claim` in the file ("" = none); the flags' default is made by jwtAuthenticatorFromFlags. */
  prefix?: string;
  expression?: string;
}

/** A claim or a CEL expression (ClaimOrExpression), for uid. */
export interface ClaimOrExpression {
  claim?: string;
  expression?: string;
}

/** One claimValidationRules entry: claim + requiredValue, or expression + message. */
export interface ClaimValidationRule {
  claim?: string;
  requiredValue?: string;
  expression?: string;
  message?: string;
}

/** One jwt[] entry of the AuthenticationConfiguration. */
export interface JwtAuthenticator {
  issuer: {
    /** https, no user, query or fragment; compared string-exactly with the token's iss. */
    url: string;
    /** Default: none ({url}/.well-known/openid-configuration). 1.30 and later. */
    discoveryURL?: string;
    /** PEM, inline. Default: the host's roots. */
    certificateAuthority?: string;
    audiences: string[];
    /** Required ('MatchAny') with more than one audience. Default: none. */
    audienceMatchPolicy?: 'MatchAny' | '';
    /** 1.34 and later. Default: none. */
    egressSelectorType?: 'controlplane' | 'cluster';
  };
  /** Default: none. */
  claimValidationRules?: ClaimValidationRule[];
  claimMappings: {
    username: PrefixedClaimOrExpression;
    /** Default: no groups. */
    groups?: PrefixedClaimOrExpression;
    /** Default: no uid. */
    uid?: ClaimOrExpression;
    /** Default: none. */
    extra?: { key: string; valueExpression: string }[];
  };
  /** Default: none. */
  userValidationRules?: { expression: string; message?: string }[];
}

/** The nine algorithms kube-apiserver allows (oidc.go allowedSigningAlgs); the file accepts them all. */
export const OIDC_SIGNING_ALGS = [
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'RS256',
  'RS384',
  'RS512',
] as const;
export type OidcSigningAlg = (typeof OIDC_SIGNING_ALGS)[number];

/** What a Kubernetes minor release offers for OIDC (FACTS-2-5 §0, §2.4; release branches of k8s.io/apiserver). */
export interface OidcVersionSupport {
  minor: number;
  /** The file's apiVersion, or undefined before 1.29 (flags only). */
  apiVersion?: string;
  /** StructuredAuthenticationConfiguration: off by default in 1.29 (alpha). */
  featureGate: 'none' | 'alpha' | 'beta' | 'ga';
  /** --feature-gates=StructuredAuthenticationConfiguration=true is needed (1.29). */
  needsFeatureGate: boolean;
  discoveryURL: boolean;
  egressSelectorType: boolean;
  /** Extra authentication.kubernetes.io/credential-id "JTI=<jti>" for tokens with a jti (1.32+). */
  credentialId: boolean;
}

/** Parses "1.34" (or "v1.34.2") into its minor number. Throws `oidc-config/bad-version`. */
export function kubernetesMinor(version: string): number {
  const m = /^v?1\.(\d{1,2})(?:\.\d+)?$/.exec(String(version).trim());
  if (!m) {
    throw new LabError('oidc-config/bad-version', `"${version}" is not a Kubernetes version such as 1.34`, {
      field: 'version',
      value: String(version),
    });
  }
  return Number(m[1]);
}

/** The OIDC features of one Kubernetes release. Throws `oidc-config/bad-version`. */
export function oidcVersionSupport(version: string): OidcVersionSupport {
  const minor = kubernetesMinor(version);
  const apiVersion =
    minor >= 34
      ? 'apiserver.config.k8s.io/v1'
      : minor >= 30
        ? 'apiserver.config.k8s.io/v1beta1'
        : minor === 29
          ? 'apiserver.config.k8s.io/v1alpha1'
          : undefined;
  return {
    minor,
    ...(apiVersion ? { apiVersion } : {}),
    featureGate: minor >= 34 ? 'ga' : minor >= 30 ? 'beta' : minor === 29 ? 'alpha' : 'none',
    needsFeatureGate: minor === 29,
    discoveryURL: minor >= 30,
    egressSelectorType: minor >= 34,
    credentialId: minor >= 32,
  };
}

/** One validation error as kube-apiserver prints it (field.Error.Error()). */
export interface JwtValidationError {
  field: string;
  message: string;
}

const goValue = (v: string) => goQuote(v);

function invalid(field: string, value: string, detail: string): JwtValidationError {
  return { field, message: `${field}: Invalid value: ${goValue(value)}: ${detail}` };
}
function required(field: string, detail = ''): JwtValidationError {
  return { field, message: `${field}: Required value${detail ? `: ${detail}` : ''}` };
}
function duplicate(field: string, value: string): JwtValidationError {
  return { field, message: `${field}: Duplicate value: ${goValue(value)}` };
}

function validateUrl(field: string, raw: string, disallowed: string[]): JwtValidationError[] {
  const errs: JwtValidationError[] = [];
  if (disallowed.includes(raw)) {
    errs.push(
      invalid(
        field,
        raw,
        `URL must not overlap with disallowed issuers: [${[...disallowed].sort().join(' ')}]`,
      ),
    );
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    // Go's url.Parse accepts nearly anything; WHATWG URL refuses what has no scheme.
    errs.push(invalid(field, raw, 'URL scheme must be https'));
    return errs;
  }
  if (u.protocol !== 'https:') errs.push(invalid(field, raw, 'URL scheme must be https'));
  if (u.username || u.password || /^[a-z]+:\/\/[^/]*@/i.test(raw))
    errs.push(invalid(field, raw, 'URL must not contain a username or password'));
  if (u.search || /^[^#]*\?/.test(raw)) errs.push(invalid(field, raw, 'URL must not contain a query'));
  if (u.hash || raw.includes('#')) errs.push(invalid(field, raw, 'URL must not contain a fragment'));
  return errs;
}

const EXTRA_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** Whether a CEL expression selects claims.<name> (validation.go hasSelectExp, by text). */
export function usesClaim(expression: string, name: string): boolean {
  return new RegExp(`\\bclaims\\s*\\.\\s*\\??\\s*${name}\\b|\\bclaims\\s*\\[\\s*['"]${name}['"]\\s*\\]`).test(
    expression,
  );
}

/**
 * The errors kube-apiserver's validation reports for this authenticator (empty: it would start),
 * at field path `jwt[index]`. `serviceAccountIssuers` are the disallowed issuer URLs.
 */
export function validateJwtAuthenticator(
  a: JwtAuthenticator,
  opts: { index?: number; version?: string; serviceAccountIssuers?: string[] } = {},
): JwtValidationError[] {
  const p = `jwt[${opts.index ?? 0}]`;
  const support = oidcVersionSupport(opts.version ?? '1.34');
  const errs: JwtValidationError[] = [];
  const url = a.issuer?.url ?? '';
  if (!url) errs.push(required(`${p}.issuer.url`));
  else errs.push(...validateUrl(`${p}.issuer.url`, url, opts.serviceAccountIssuers ?? []));
  const d = a.issuer?.discoveryURL;
  if (d) {
    if (!support.discoveryURL)
      errs.push(invalid(`${p}.issuer.discoveryURL`, d, 'field not available before Kubernetes 1.30'));
    if (url && url.replace(/\/+$/, '') === d.replace(/\/+$/, ''))
      errs.push(invalid(`${p}.issuer.discoveryURL`, d, 'discoveryURL must be different from URL'));
    errs.push(...validateUrl(`${p}.issuer.discoveryURL`, d, []));
  }
  const auds = a.issuer?.audiences ?? [];
  if (auds.length === 0)
    errs.push(required(`${p}.issuer.audiences`, `at least one ${p}.issuer.audiences is required`));
  const seen = new Set<string>();
  auds.forEach((aud, i) => {
    if (!aud) errs.push(required(`${p}.issuer.audiences[${i}]`));
    if (seen.has(aud)) errs.push(duplicate(`${p}.issuer.audiences[${i}]`, aud));
    seen.add(aud);
  });
  const policy = a.issuer?.audienceMatchPolicy ?? '';
  if (auds.length > 1 && policy !== 'MatchAny')
    errs.push(
      invalid(
        `${p}.issuer.audienceMatchPolicy`,
        policy,
        'audienceMatchPolicy must be MatchAny for multiple audiences',
      ),
    );
  if (auds.length === 1 && policy !== '' && policy !== 'MatchAny')
    errs.push(
      invalid(
        `${p}.issuer.audienceMatchPolicy`,
        policy,
        'audienceMatchPolicy must be empty or MatchAny for single audience',
      ),
    );
  const egress = a.issuer?.egressSelectorType;
  if (egress) {
    if (!support.egressSelectorType)
      errs.push(
        invalid(`${p}.issuer.egressSelectorType`, egress, 'field not available before Kubernetes 1.34'),
      );
    if (egress !== 'controlplane' && egress !== 'cluster')
      errs.push(
        invalid(
          `${p}.issuer.egressSelectorType`,
          egress,
          'egress selector must be either controlplane or cluster',
        ),
      );
  }
  let emailVerifiedUsed = false;
  const claimsSeen = new Set<string>();
  (a.claimValidationRules ?? []).forEach((r, i) => {
    const f = `${p}.claimValidationRules[${i}]`;
    if (r.claim && r.expression) errs.push(invalid(f, r.claim, "claim and expression can't both be set"));
    else if (!r.claim && !r.expression) errs.push(required(f, 'claim or expression is required'));
    else if (r.claim) {
      if (r.message) errs.push(invalid(`${f}.message`, r.message, 'may not be specified when claim is set'));
      if (claimsSeen.has(r.claim)) errs.push(duplicate(`${f}.claim`, r.claim));
      claimsSeen.add(r.claim);
    } else if (r.expression) {
      if (r.requiredValue)
        errs.push(
          invalid(`${f}.requiredValue`, r.requiredValue, 'may not be specified when expression is set'),
        );
      emailVerifiedUsed ||= usesClaim(r.expression, 'email_verified');
    }
  });
  const m = a.claimMappings ?? { username: {} };
  const mapping = (f: string, x: PrefixedClaimOrExpression | undefined, requiredMapping: boolean) => {
    if (x?.expression && x.claim) errs.push(invalid(f, '', "claim and expression can't both be set"));
    else if (!x?.expression && !x?.claim && requiredMapping)
      errs.push(required(f, 'claim or expression is required'));
    else if (x?.expression) {
      if (x.prefix !== undefined)
        errs.push(invalid(`${f}.prefix`, x.prefix, 'may not be specified when expression is set'));
    } else if (x?.claim && x.prefix === undefined) {
      errs.push(
        required(
          `${f}.prefix`,
          'prefix is required when claim is set. It can be set to an empty string to disable prefixing',
        ),
      );
    }
  };
  mapping(`${p}.claimMappings.username`, m.username, true);
  mapping(`${p}.claimMappings.groups`, m.groups, false);
  if (m.uid?.claim && m.uid.expression)
    errs.push(invalid(`${p}.claimMappings.uid`, '', "claim and expression can't both be set"));
  const keys = new Set<string>();
  (m.extra ?? []).forEach((x, i) => {
    const f = `${p}.claimMappings.extra[${i}]`;
    if (!EXTRA_KEY.test(x.key))
      errs.push(invalid(`${f}.key`, x.key, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    if (x.key !== x.key.toLowerCase()) errs.push(invalid(`${f}.key`, x.key, 'must be lowercase'));
    const domain = x.key.includes('/') ? x.key.split('/')[0]! : '';
    if (/(^|\.)(kubernetes\.io|k8s\.io)$/.test(domain))
      errs.push(
        invalid(
          `${f}.key`,
          x.key,
          'k8s.io, kubernetes.io and their subdomains are reserved for Kubernetes use',
        ),
      );
    if (keys.has(x.key)) {
      errs.push(duplicate(`${f}.key`, x.key));
      return;
    }
    keys.add(x.key);
    if (!x.valueExpression) errs.push(required(`${f}.valueExpression`));
    else emailVerifiedUsed ||= usesClaim(x.valueExpression, 'email_verified');
  });
  const ue = m.username?.expression;
  if (ue && !m.username.claim) {
    emailVerifiedUsed ||= usesClaim(ue, 'email_verified');
    if (usesClaim(ue, 'email') && !emailVerifiedUsed) {
      errs.push(
        invalid(
          `${p}.claimMappings.username.expression`,
          ue,
          'claims.email_verified must be used in claimMappings.username.expression or claimMappings.extra[*].valueExpression or claimValidationRules[*].expression when claims.email is used in claimMappings.username.expression',
        ),
      );
    }
  }
  const exprs = new Set<string>();
  (a.userValidationRules ?? []).forEach((r, i) => {
    const f = `${p}.userValidationRules[${i}].expression`;
    if (!r.expression) errs.push(required(f));
    else if (exprs.has(r.expression)) errs.push(duplicate(f, r.expression));
    exprs.add(r.expression);
  });
  return errs;
}

/** Whether the authenticator uses CEL anywhere (then only a real kube-apiserver or oidc-cel.ts can judge it). */
export function usesCel(a: JwtAuthenticator): boolean {
  const m = a.claimMappings;
  return Boolean(
    m?.username?.expression ||
      m?.groups?.expression ||
      m?.uid?.expression ||
      (m?.extra ?? []).length ||
      (a.claimValidationRules ?? []).some((r) => r.expression) ||
      (a.userValidationRules ?? []).length,
  );
}
