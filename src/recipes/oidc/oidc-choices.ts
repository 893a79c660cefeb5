// What the OIDC configuration widget works out from the reader's choices (lesson 3.3) and what the
// token inspector (lesson 3.5) judges with: the --oidc-* flags and the AuthenticationConfiguration
// built from the same choices (src/tokens), kube-apiserver's validation of them put at the field that
// caused each message, the kube-apiserver change both ways (src/recipes/oidc, shown with the part-2
// change widget's renderer), and the verdict of kube-apiserver's JWT authenticator on a pasted token
// (authenticateOidcToken, the stand-in's rules). No DOM: the page renders the default at build time
// with it, and the element calls it (loaded on first use) on each edit. Never re-implements a rule.
import { isLabError, LabError } from '../../pki/errors.ts';
import { parsePem } from '../../pki/parse-pem.ts';
import {
  authenticateRequest,
  type DecodedJwt,
  decodeJwt,
  flagUsernamePrefix,
  type JwtAuthenticator,
  type JwtValidationError,
  jwtAuthenticatorFromFlags,
  KUBECTL_401,
  type OidcFlags,
  type OidcRefusal,
  type OidcSigningAlg,
  type OidcVerdict,
  oidcFlagList,
  oidcTokenAuthenticator,
  oidcVersionSupport,
  type RequestVerdict,
  readVerificationKeysJwks,
  usesCel,
  validateJwtAuthenticator,
  whoamiForUser,
} from '../../tokens/index.ts';
import type { RecipeCommand } from '../recipe-command.ts';
import type { ChangeResult } from '../tokens/apiserver-change.ts';
import {
  apiServerTokenFlags,
  filesToBring,
  kindChangeSteps,
  kubeadmChangeSteps,
  patchReaderManifest,
} from '../tokens/index.ts';
import {
  authenticationConfigYaml,
  type OidcApiServerParams,
  oidcApiServerSettings,
  oidcKindConfig,
} from './index.ts';

/** The settings only the AuthenticationConfiguration file has (CEL and the rules). */
const FILE_ONLY_FIELDS = [
  'usernameExpression',
  'groupsExpression',
  'uidExpression',
  'extra',
  'claimRules',
  'userRules',
] as const;

/** The widget's fields, by their data-field names. */
export const FIELDS = [
  'way',
  'version',
  'issuerUrl',
  'audiences',
  'caPem',
  'usernameClaim',
  'usernamePrefix',
  'groupsClaim',
  'groupsPrefix',
  'requiredClaims',
  'signingAlgs',
  ...FILE_ONLY_FIELDS,
  'manifest',
  'kubeadmApi',
  'token',
  'jwks',
] as const;
export type Field = (typeof FIELDS)[number];
export type Inputs = Partial<Record<Field, string>>;

/** What the fields hold before the reader changes them (the lab issuer of lesson 3.2). */
export const DEFAULTS: Record<Field, string> = {
  way: 'flags',
  version: '1.34',
  issuerUrl: 'https://localhost:8443',
  audiences: 'kubernetes',
  caPem: '',
  usernameClaim: 'sub',
  usernamePrefix: '',
  groupsClaim: 'groups',
  groupsPrefix: 'oidc:',
  requiredClaims: '',
  signingAlgs: 'RS256',
  usernameExpression: '',
  groupsExpression: '',
  uidExpression: '',
  extra: '',
  claimRules: '',
  userRules: '',
  manifest: '',
  kubeadmApi: 'v1beta4',
  token: '',
  jwks: '',
};

/** A failure at a field: a LabError (translated by its code) or kube-apiserver's own validation text. */
export type FieldProblem = { error: LabError } | { validation: string[] };

/** Everything the widget shows. A part that failed is missing and its problem is at a field. */
export interface ConfigResult {
  problems: Partial<Record<Field, FieldProblem>>;
  /** The --oidc-* flags as they go on the command line, one per line. */
  flagsText?: string;
  /** The AuthenticationConfiguration YAML (undefined before 1.29). */
  fileYaml?: string;
  /** The file's apiVersion for the reader's release. */
  apiVersion?: string;
  /** The username prefix the choices give (the flags' `<issuer>#` rule). */
  usernamePrefix?: string;
  /** A prefix holds a colon: the manifest line is quoted (YAML would read it as a map otherwise). */
  colonPrefix?: boolean;
  /** The issuer URL ends with a slash: the token's iss and the discovery document must too. */
  trailingSlash?: boolean;
  /** The file's expressions are evaluated with @bufbuild/cel. */
  cel: boolean;
  /** The algorithms kube-apiserver accepts this way. */
  signingAlgs: readonly string[];
  change?: ChangeResult;
  authenticator?: JwtAuthenticator;
}

const text = (v: string | undefined) => (v ?? '').trim();
const lines = (v: string | undefined) =>
  (v ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The flag settings the fields describe (blank fields left out). */
export function flagsFrom(v: Record<Field, string>): OidcFlags {
  const audiences = lines(v.audiences.replace(/,/g, '\n'));
  const required: Record<string, string> = {};
  for (const line of lines(v.requiredClaims)) {
    const at = line.indexOf('=');
    if (at <= 0) {
      throw new LabError(
        'oidc-flags/bad-required-claim',
        `"${line}" is not a key=value pair with a claim name`,
        {
          field: 'requiredClaims',
          value: line,
        },
      );
    }
    required[line.slice(0, at)] = line.slice(at + 1);
  }
  const algs = text(v.signingAlgs)
    .split(/[\s,]+/)
    .filter((a) => a !== '') as OidcSigningAlg[];
  const f: OidcFlags = { issuerUrl: text(v.issuerUrl), clientId: audiences[0] ?? '' };
  const opt = (k: keyof OidcFlags, s: string) => {
    if (s) (f as unknown as Record<string, string>)[k] = s;
  };
  opt('usernameClaim', text(v.usernameClaim));
  opt('usernamePrefix', text(v.usernamePrefix));
  opt('groupsClaim', text(v.groupsClaim));
  opt('groupsPrefix', text(v.groupsPrefix));
  if (Object.keys(required).length) f.requiredClaims = required;
  if (algs.length) f.signingAlgs = algs;
  return f;
}

/** "key = expression" lines (extra) and "expression" lines with an optional " # message" (rules). */
function pairs(v: string | undefined, sep: string): [string, string][] {
  return lines(v).map((l) => {
    const at = l.indexOf(sep);
    return at < 0 ? [l, ''] : [l.slice(0, at).trim(), l.slice(at + sep.length).trim()];
  });
}

/** The file's authenticator: the flags' conversion, then the file-only choices (audiences, CEL). */
export function fileAuthenticator(v: Record<Field, string>, base: JwtAuthenticator): JwtAuthenticator {
  const a: JwtAuthenticator = structuredClone(base);
  const audiences = lines(v.audiences.replace(/,/g, '\n'));
  a.issuer.audiences = audiences;
  if (audiences.length > 1) a.issuer.audienceMatchPolicy = 'MatchAny';
  if (text(v.caPem)) a.issuer.certificateAuthority = `${text(v.caPem)}\n`;
  const ue = text(v.usernameExpression);
  if (ue) a.claimMappings.username = { expression: ue };
  const ge = text(v.groupsExpression);
  if (ge) a.claimMappings.groups = { expression: ge };
  const uid = text(v.uidExpression);
  if (uid) a.claimMappings.uid = /^[A-Za-z_][A-Za-z0-9_]*$/.test(uid) ? { claim: uid } : { expression: uid };
  const extra = pairs(v.extra, '=').map(([key, valueExpression]) => ({ key, valueExpression }));
  if (extra.length) a.claimMappings.extra = extra;
  const rules = pairs(v.claimRules, ' # ').map(([expression, message]) => ({
    expression,
    ...(message ? { message } : {}),
  }));
  if (rules.length) a.claimValidationRules = [...(a.claimValidationRules ?? []), ...rules];
  const user = pairs(v.userRules, ' # ').map(([expression, message]) => ({
    expression,
    ...(message ? { message } : {}),
  }));
  if (user.length) a.userValidationRules = user;
  return a;
}

/** The field a validation message (field path jwt[0]….) belongs to. */
export function fieldOfPath(path: string, a: JwtAuthenticator): Field {
  const p = path.replace(/^jwt\[\d+\]\./, '');
  if (p.startsWith('issuer.url')) return 'issuerUrl';
  if (p.startsWith('issuer.audience')) return 'audiences';
  if (p.startsWith('issuer.')) return 'issuerUrl';
  if (p.startsWith('claimMappings.username'))
    return a.claimMappings.username.expression ? 'usernameExpression' : 'usernameClaim';
  if (p.startsWith('claimMappings.groups'))
    return a.claimMappings.groups?.expression ? 'groupsExpression' : 'groupsClaim';
  if (p.startsWith('claimMappings.uid')) return 'uidExpression';
  if (p.startsWith('claimMappings.extra')) return 'extra';
  if (p.startsWith('userValidationRules')) return 'userRules';
  const rule = /^claimValidationRules\[(\d+)\]/.exec(p);
  if (rule) return a.claimValidationRules?.[Number(rule[1])]?.claim ? 'requiredClaims' : 'claimRules';
  return 'issuerUrl';
}

const FLAG_FIELDS: Record<string, Field> = {
  issuerUrl: 'issuerUrl',
  clientId: 'audiences',
  caFile: 'caPem',
  usernameClaim: 'usernameClaim',
  usernamePrefix: 'usernamePrefix',
  groupsClaim: 'groupsClaim',
  groupsPrefix: 'groupsPrefix',
  signingAlgs: 'signingAlgs',
  requiredClaims: 'requiredClaims',
  version: 'version',
  discoveryURL: 'issuerUrl',
  egressSelectorType: 'issuerUrl',
};

/** The field a LabError from the engine belongs to (its details.field), else `fallback`. */
function fieldOfError(e: LabError, fallback: Field): Field {
  const f = e.details.field;
  if (typeof f === 'string' && f in FLAG_FIELDS) return FLAG_FIELDS[f]!;
  if (typeof f === 'string' && (FIELDS as readonly string[]).includes(f)) return f as Field;
  return fallback;
}

/** The widget's own refusals of a field, as LabErrors with codes of its own dictionary. */
export const ONE_CLIENT_ID = 'oidc-widget/one-client-id';
export const FILE_ONLY = 'oidc-widget/file-only';
export const NOT_A_CERTIFICATE = 'oidc-widget/not-a-certificate';

/** Works out the configuration and the kube-apiserver change. Never throws: every failure lands at a field. */
export function computeConfig(inputs: Inputs, opts: { change?: boolean } = {}): ConfigResult {
  const v = { ...DEFAULTS, ...inputs };
  const way = v.way === 'file' ? 'file' : 'flags';
  const result: ConfigResult = { problems: {}, cel: false, signingAlgs: [] };
  const fail = (e: unknown, fallback: Field) => {
    if (!isLabError(e)) throw e;
    result.problems[fieldOfError(e, fallback)] ??= { error: e };
  };
  const version = text(v.version);
  let support: ReturnType<typeof oidcVersionSupport> | undefined;
  try {
    support = oidcVersionSupport(version);
  } catch (e) {
    fail(e, 'version');
  }
  let flags: OidcFlags;
  try {
    flags = flagsFrom(v);
  } catch (e) {
    fail(e, 'requiredClaims');
    return result;
  }
  const audiences = lines(v.audiences.replace(/,/g, '\n'));
  if (text(v.caPem)) {
    try {
      const blocks = parsePem(text(v.caPem));
      if (blocks.length === 0 || blocks.some((b) => b.label !== 'CERTIFICATE')) {
        throw new LabError(NOT_A_CERTIFICATE, 'The CA is one or more CERTIFICATE blocks', {
          field: 'caPem',
          label: blocks.find((b) => b.label !== 'CERTIFICATE')?.label ?? '',
        });
      }
    } catch (e) {
      if (!isLabError(e)) throw e;
      result.problems.caPem = { error: e };
    }
  }
  let base: JwtAuthenticator;
  let signingAlgs: OidcSigningAlg[];
  try {
    ({ authenticator: base, signingAlgs } = jwtAuthenticatorFromFlags(flags));
    result.flagsText = oidcFlagList({
      ...flags,
      ...(text(v.caPem) ? { caFile: '/etc/kubernetes/pki/oidc-ca.crt' } : {}),
    })
      .map((f) => `--${f.name}=${f.value}`)
      .join('\n');
    result.usernamePrefix = flagUsernamePrefix(flags);
  } catch (e) {
    fail(e, 'issuerUrl');
    return result;
  }
  if (way === 'flags' && audiences.length > 1) {
    result.problems.audiences = {
      error: new LabError(ONE_CLIENT_ID, '--oidc-client-id takes one audience: use the file for several', {
        field: 'audiences',
      }),
    };
  }
  const file = fileAuthenticator(v, base);
  result.authenticator = way === 'file' ? file : base;
  result.cel = way === 'file' && usesCel(file);
  result.signingAlgs = way === 'file' ? [] : signingAlgs;
  if (way === 'flags') {
    for (const f of FILE_ONLY_FIELDS) {
      if (text(v[f]) && !result.problems[f]) {
        result.problems[f] = {
          error: new LabError(FILE_ONLY, 'This setting exists only in the AuthenticationConfiguration', {
            field: f,
          }),
        };
      }
    }
  }
  const validation: JwtValidationError[] = validateJwtAuthenticator(file, {
    ...(support ? { version } : {}),
  });
  for (const err of validation) {
    const field = fieldOfPath(err.field, file);
    const p = result.problems[field];
    if (!p) result.problems[field] = { validation: [err.message] };
    else if ('validation' in p) p.validation.push(err.message);
  }
  result.colonPrefix = [flags.usernamePrefix, flags.groupsPrefix].some((p) => p?.includes(':'));
  result.trailingSlash = flags.issuerUrl.endsWith('/');
  if (support?.apiVersion) {
    result.apiVersion = support.apiVersion;
    try {
      result.fileYaml = authenticationConfigYaml({ flags, authenticator: file, version });
    } catch (e) {
      fail(e, 'version');
    }
  } else if (support && way === 'file') {
    try {
      authenticationConfigYaml({ flags, authenticator: file, version });
    } catch (e) {
      fail(e, 'version');
    }
  }
  if (opts.change !== false && Object.keys(result.problems).length === 0) {
    result.change = computeChange(way, flags, file, v);
  }
  return result;
}

/** The kube-apiserver change as the part-2 widget's renderer takes it (ChangeResult). */
function computeChange(
  way: 'flags' | 'file',
  flags: OidcFlags,
  authenticator: JwtAuthenticator,
  v: Record<Field, string>,
): ChangeResult {
  const manifest = v.manifest;
  const change: ChangeResult = { errors: {}, ownManifest: manifest.trim() !== '' };
  const p: OidcApiServerParams = {
    way,
    flags,
    authenticator,
    version: text(v.version),
    ...(text(v.caPem) ? { caPem: text(v.caPem) } : {}),
  };
  const settings = oidcApiServerSettings(p);
  const config = settings.extraFiles?.find((f) => f.name === 'authentication-config');
  // --authentication-config has no "-file" suffix, so the tokens recipes do not list it to bring.
  const putConfig: RecipeCommand[] = config
    ? [
        {
          step: 'apiserver.put-file',
          description: `Put authentication-config.yaml on the node at ${config.path}, readable by root only`,
          vars: { file: 'authentication-config.yaml', path: config.path },
          command: `sudo install -D -m 600 authentication-config.yaml ${config.path}`,
        },
      ]
    : [];
  try {
    const { mounts } = apiServerTokenFlags(settings);
    const patch = patchReaderManifest(settings, manifest);
    change.kubeadm = {
      ...patch,
      mounts,
      files: [...(config ? [config.path] : []), ...filesToBring(settings)],
      steps: [...putConfig, ...kubeadmChangeSteps({ settings, ownManifest: change.ownManifest })],
    };
  } catch (e) {
    if (!isLabError(e)) throw e;
    change.errors.manifest = e;
  }
  try {
    const kubeadmApi = v.kubeadmApi === 'v1beta3' ? 'v1beta3' : 'v1beta4';
    const kindFiles = config ? ['authentication-config.yaml'] : [];
    const steps = kindChangeSteps({ settings });
    if (kindFiles.length && !steps.some((s) => s.step === 'apiserver.kind-files')) {
      steps.unshift({
        step: 'apiserver.kind-files',
        description:
          'Check that the files the config mounts are in this directory (a missing one becomes an empty directory, and kube-apiserver never starts)',
        vars: { files: kindFiles.join(', ') },
        command: `ls -l ${kindFiles.join(' ')} kind-config.yaml`,
      });
    }
    change.kind = { config: oidcKindConfig(p, { kubeadmApi }), steps };
  } catch (e) {
    if (!isLabError(e)) throw e;
    change.errors.kubeadmApi = e;
  }
  return change;
}

/** The inspector's verdict on a pasted token. */
export interface TokenResult {
  problems: Partial<Record<'token' | 'jwks', LabError>>;
  decoded?: DecodedJwt;
  /** The authenticator's own verdict (refusal code, signature skipped). */
  verdict?: OidcVerdict;
  /** The request's outcome: user with system:authenticated, or the 401 and its log line. */
  request?: RequestVerdict;
  /** What `kubectl auth whoami` prints. */
  kubectl?: string;
  /** The token's iss differs from the issuer only by a trailing slash or letter case. */
  issuerNearMiss?: 'slash' | 'case' | 'other';
  /** The configured issuer URL the token was judged against. */
  issuer?: string;
  /** The header's kid, when the pasted JWKS has no key with it. */
  unknownKid?: string;
}

const nearMiss = (iss: unknown, url: string): TokenResult['issuerNearMiss'] => {
  if (typeof iss !== 'string' || iss === url) return undefined;
  if (iss.replace(/\/+$/, '') === url.replace(/\/+$/, '')) return 'slash';
  if (iss.toLowerCase() === url.toLowerCase()) return 'case';
  return 'other';
};

/**
 * kube-apiserver's verdict on `token` under the configuration: with a pasted JWKS the signature is
 * verified (the discovery document is taken as served at the issuer), without one it is skipped and
 * the verdict says so. Never throws.
 */
export async function judgeToken(config: ConfigResult, inputs: Inputs, now?: Date): Promise<TokenResult> {
  const v = { ...DEFAULTS, ...inputs };
  const token = text(v.token);
  const result: TokenResult = { problems: {} };
  if (!token) return result;
  try {
    result.decoded = decodeJwt(token);
  } catch (e) {
    if (!isLabError(e)) throw e;
    result.problems.token = e;
    return result;
  }
  const jwks = text(v.jwks);
  if (jwks) {
    try {
      await readVerificationKeysJwks(jwks);
    } catch (e) {
      if (!isLabError(e)) throw e;
      result.problems.jwks = e;
      return result;
    }
  }
  const a = config.authenticator;
  if (!a) return result;
  const url = a.issuer.url;
  const auth = oidcTokenAuthenticator({
    authenticator: a,
    ...(config.signingAlgs.length ? { signingAlgs: config.signingAlgs } : {}),
    ...(jwks
      ? { discovery: { issuer: url, jwks_uri: `${url.replace(/\/$/, '')}/jwks.json` }, jwks }
      : { signature: 'skip' as const }),
    version: text(v.version) || '1.34',
    ...(now ? { now } : {}),
  });
  let own: OidcVerdict | undefined;
  result.request = await authenticateRequest({
    authorization: `Bearer ${token}`,
    authenticators: [
      {
        name: auth.name,
        authenticate: async (t) => {
          own = (await auth.authenticate(t)) as OidcVerdict;
          return own;
        },
      },
    ],
  });
  result.verdict = own;
  result.kubectl =
    result.request.outcome === 'authenticated' && result.request.user
      ? whoamiForUser(result.request.user)
      : KUBECTL_401.whoami;
  const kid = result.decoded.header.kid;
  if (jwks && typeof kid === 'string') {
    const keys = (JSON.parse(jwks) as { keys?: { kid?: unknown }[] }).keys ?? [];
    if (!keys.some((k) => k.kid === kid)) result.unknownKid = kid;
  }
  const near = nearMiss(result.decoded.claims.iss, url);
  if (near) result.issuerNearMiss = near;
  result.issuer = url;
  return result;
}

/** The refusal codes the page explains (oidcconfig.refusal.<code>). */
export type { OidcRefusal };
