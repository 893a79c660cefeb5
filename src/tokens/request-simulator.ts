// The request simulator of part 6: one model of kube-apiserver's whole authentication, built from a
// small setup the reader edits (which authenticators are on and what each is configured with) and
// one request (a client certificate, an Authorization header, other headers, a path). It assembles
// the chain as pkg/kubeapiserver/authenticator/config.go does — request-header, x509, then the
// bearer token over the token union (token file, legacy and bound service-account tokens,
// bootstrap tokens, OIDC, webhook) — runs it with authenticateFullRequest, wraps it in anonymous
// (the --anonymous-auth flag, or the AuthenticationConfiguration's `anonymous` with path
// conditions: request/anonymous allows only the listed exact paths), then runs the impersonation
// filter over the request's Impersonate-* headers (authorized against the RBAC objects the
// reader's "who may impersonate whom" lines make), and says what the reader would see: the HTTP
// status, the body, and what `kubectl auth whoami` prints. The stand-in's authorization is the default RBAC a cluster has
// for these paths: SelfSubjectReview for authenticated users (system:basic-user), /livez, /readyz,
// /healthz for everyone (system:public-info-viewer).
import { LabError } from '../pki/errors.ts';
import { importPublicKeyPem } from '../pki/import-public-key-pem.ts';
import { readCertificates } from '../pki/index.ts';
import { bootstrapTokenAuthenticator } from './authenticate-bootstrap-token.ts';
import { KUBECTL_401 } from './authenticate-request.ts';
import { serviceAccountAuthenticators } from './authenticate-service-account-token.ts';
import type { ClusterObject } from './cluster-objects.ts';
import { impersonate, type RbacObject } from './impersonation-authorize.ts';
import { oidcTokenAuthenticator } from './oidc-authenticate.ts';
import type { OidcSigningAlg } from './oidc-authenticator.ts';
import { jwtAuthenticatorFromFlags } from './oidc-flags.ts';
import { buildOidcIssuer } from './oidc-issuer.ts';
import { readTokenFile } from './read-token-file.ts';
import {
  authenticateFullRequest,
  type FullRequestVerdict,
  x509RequestAuthenticator,
} from './request-header-authenticate.ts';
import type { RequestAuthenticator } from './request-header-authenticator.ts';
import { type HttpHeaders, requestHeaderAuthenticator } from './request-header-authenticator.ts';
import { readBootstrapTokens, readImpersonationRules } from './request-simulator-rules.ts';
import { tokenFileAuthenticator } from './token-file-authenticator.ts';
import type { TokenAuthenticator, TokenVerdict, UserInfo } from './types.ts';
import { readVerificationKeysPem } from './verification-keys.ts';
import { webhookTokenAuthenticator } from './webhook-authenticator.ts';
import { readWebhookUsers, webhookScriptAnswer } from './webhook-users.ts';
import { whoamiForUser } from './whoami-for-user.ts';

/** The chain's steps, in kube-apiserver's order. */
export const CHAIN = [
  'request-header',
  'x509',
  'token-file',
  'legacy-service-account',
  'service-account',
  'bootstrap-token',
  'oidc',
  'webhook',
  'anonymous',
] as const;
export type ChainStep = (typeof CHAIN)[number];

/** What the reader configures; every value is text as typed (fields of the widget). */
export interface SimulatorSetup {
  /** --requestheader-client-ca-file and friends (part 5). */
  requestHeader: {
    on: boolean;
    caPem: string;
    /** --requestheader-allowed-names, comma-separated ('' = any CN). */
    allowedNames: string;
    usernameHeaders: string;
    groupHeaders: string;
    extraPrefixes: string;
  };
  /** --client-ca-file (part 1). */
  clientCa: { on: boolean; caPem: string };
  /** --token-auth-file (part 2), the CSV. */
  tokenFile: { on: boolean; csv: string };
  /** --service-account-key-file (public keys, PEM) and --service-account-issuer (part 2). */
  serviceAccount: {
    on: boolean;
    keyPem: string;
    issuer: string;
    /** The ServiceAccounts that exist, one `namespace/name uid` a line. */
    accounts: string;
  };
  /**
   * --enable-bootstrap-token-auth (part 2): the tokens, one `<id>.<secret> [extra groups…]
   * [expires=<RFC 3339>] [usages=…]` a line, each a bootstrap-token Secret in kube-system.
   */
  bootstrap: { on: boolean; tokens: string };
  /** The --oidc-* flags (part 3) and the issuer's public key (what its JWKS publishes). */
  oidc: {
    on: boolean;
    issuerUrl: string;
    clientId: string;
    usernameClaim: string;
    usernamePrefix: string;
    groupsClaim: string;
    groupsPrefix: string;
    /** --oidc-signing-algs: names split by commas or spaces; '' is its default, RS256. */
    signingAlgs: string;
    keyPem: string;
  };
  /** --authentication-token-webhook-config-file (part 4): the webhook's users file, as token-webhook.py answers. */
  webhook: { on: boolean; users: string };
  /**
   * 'on': --anonymous-auth=true (the default); 'off': --anonymous-auth=false; 'conditions':
   * `anonymous: {enabled: true, conditions: [{path: …}]}` in --authentication-config.
   */
  anonymous: { mode: 'on' | 'off' | 'conditions'; paths: string };
  /**
   * Who may impersonate whom (the impersonation filter always runs): one `<requester>: users/<name>
   * groups/<name> uids/<uid> serviceaccounts/<namespace>/<name> userextras/<key>` a line, `*` for any.
   */
  impersonation: { rules: string };
}

/** The paths a request may go to (what kubectl auth whoami and curl ask for). */
export const ENDPOINTS = ['whoami', '/livez', '/readyz', '/healthz'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export const WHOAMI_PATH = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

/** The request. */
export interface SimulatorRequest {
  endpoint: Endpoint;
  /** The client certificate (PEM, leaf first), '' for none. */
  certificatePem: string;
  /** The Authorization header's value, '' for none sent. */
  authorization: string;
  /** Other headers, one `Name: value` a line. */
  headers: string;
}

/** One step of the chain and its verdict: `off` (not configured), `skipped` (not reached). */
export interface SimulatorStep {
  name: ChainStep;
  verdict: TokenVerdict | { kind: 'off' } | { kind: 'skipped' };
}

/** The impersonation filter's part of the result (present once the request is authenticated). */
export interface SimulatorImpersonation {
  /** 'none': no Impersonate-* header; 'impersonated'; 'forbidden' (403); 'error' (500). */
  outcome: 'none' | 'impersonated' | 'forbidden' | 'error';
  /** Who asked: the user authentication found. */
  requester: UserInfo;
  /** The user the request goes on as ('impersonated'). */
  user?: UserInfo;
  /** The 403's Status message or the 500's text. */
  message?: string;
}

/** What comes back. */
export interface SimulatorResult {
  steps: SimulatorStep[];
  /** 'authenticated', 'anonymous', or 'unauthorized' (401). */
  outcome: FullRequestVerdict['outcome'];
  user?: UserInfo;
  authenticatedBy?: ChainStep;
  /** The HTTP status of the response. */
  status: number;
  /** The response body (the Status or the SelfSubjectReview as JSON, or `ok`). */
  body: string;
  /** What `kubectl auth whoami` prints (whoami endpoint only): the table, or kubectl's error. */
  kubectl?: string;
  /** kube-apiserver's log line on a 401 with a cause. */
  log?: string;
  /** The Warning header. */
  warning?: string;
  /** What the impersonation filter did (absent on a 401). */
  impersonation?: SimulatorImpersonation;
  /** The response's Content-Type ('text/plain; charset=utf-8' for the impersonation 500). */
  contentType?: string;
  /** The kubectl flags that ask for the request's impersonation (`kubectl auth whoami --as=…`). */
  kubectlFlags?: string[];
}

const field = (name: string, e: unknown): never => {
  if (e instanceof LabError) throw new LabError(e.code, e.message, { ...e.details, field: name });
  throw e;
};

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Reads `Name: value` lines. Throws `simulator/bad-header` (details: field 'headers', line). */
export function readHeaderLines(text: string): HttpHeaders {
  const out: [string, string][] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/.exec(raw);
    if (!m) {
      throw new LabError('simulator/bad-header', `Line ${i + 1} is not a header "Name: value": ${raw}`, {
        field: 'headers',
        line: i + 1,
      });
    }
    if (m[1]!.toLowerCase() === 'authorization')
      throw new LabError(
        'simulator/authorization-in-headers',
        'Put the Authorization header in its own field',
        {
          field: 'headers',
          line: i + 1,
        },
      );
    out.push([m[1]!, m[2]!]);
  });
  return out;
}

/** Reads the anonymous paths, one a line. Throws `simulator/bad-anonymous-path`, `simulator/no-anonymous-path`. */
export function readAnonymousPaths(text: string): string[] {
  const paths = text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of paths)
    if (!p.startsWith('/') || /\s|\?|#/.test(p))
      throw new LabError('simulator/bad-anonymous-path', `"${p}" is not a path such as /livez`, {
        field: 'anonymousPaths',
        path: p,
      });
  if (!paths.length)
    throw new LabError(
      'simulator/no-anonymous-path',
      'Give at least one path, or choose anonymous on or off',
      {
        field: 'anonymousPaths',
      },
    );
  return paths;
}

/** Reads the ServiceAccounts, `namespace/name uid` a line. Throws `simulator/bad-account`. */
export function readAccounts(text: string): ClusterObject[] {
  const out: ClusterObject[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)\s+(\S+)$/.exec(line);
    if (!m)
      throw new LabError('simulator/bad-account', `Line ${i + 1} is not "namespace/name uid": ${line}`, {
        field: 'saAccounts',
        line: i + 1,
      });
    out.push({ kind: 'ServiceAccount', metadata: { namespace: m[1]!, name: m[3]!, uid: m[5]! } });
  });
  return out;
}

function needText(name: string, value: string, what: string): string {
  if (value.trim() === '')
    throw new LabError('simulator/required', `${what} is required when this authenticator is on`, {
      field: name,
    });
  return value;
}

/** The chain the setup switches on. Throws field-named LabErrors for what kube-apiserver would not start with. */
export async function buildChain(setup: SimulatorSetup): Promise<{
  request: RequestAuthenticator[];
  tokens: TokenAuthenticator[];
}> {
  const request: RequestAuthenticator[] = [];
  const tokens: TokenAuthenticator[] = [];
  const rh = setup.requestHeader;
  if (rh.on) {
    const caPem = needText('rhCaPem', rh.caPem, 'The front proxy CA');
    try {
      request.push(
        requestHeaderAuthenticator({
          clientCaPem: caPem,
          config: {
            allowedNames: list(rh.allowedNames),
            usernameHeaders: list(rh.usernameHeaders),
            groupHeaders: list(rh.groupHeaders),
            extraHeaderPrefixes: list(rh.extraPrefixes),
          },
        }),
      );
    } catch (e) {
      field('rhCaPem', e);
    }
  }
  if (setup.clientCa.on) {
    const caPem = needText('clientCaPem', setup.clientCa.caPem, 'The client CA');
    try {
      request.push(x509RequestAuthenticator({ clientCaPem: caPem }));
    } catch (e) {
      field('clientCaPem', e);
    }
  }
  if (setup.tokenFile.on) {
    try {
      tokens.push(
        tokenFileAuthenticator(readTokenFile(needText('tokenCsv', setup.tokenFile.csv, 'The token file'))),
      );
    } catch (e) {
      field('tokenCsv', e);
    }
  }
  const sa = setup.serviceAccount;
  if (sa.on) {
    let keys: Awaited<ReturnType<typeof readVerificationKeysPem>> = [];
    try {
      keys = await readVerificationKeysPem(needText('saKeyPem', sa.keyPem, 'The service-account public key'));
    } catch (e) {
      field('saKeyPem', e);
    }
    const issuer = needText('saIssuer', sa.issuer.trim(), 'The issuer').trim();
    const objects = readAccounts(sa.accounts);
    tokens.push(...serviceAccountAuthenticators({ issuers: [issuer], keys, objects }));
  }
  if (setup.bootstrap.on) {
    const secrets = readBootstrapTokens(setup.bootstrap.tokens);
    tokens.push(bootstrapTokenAuthenticator({ secrets }));
  }
  const o = setup.oidc;
  if (o.on) {
    let built: ReturnType<typeof jwtAuthenticatorFromFlags> | undefined;
    try {
      built = jwtAuthenticatorFromFlags({
        issuerUrl: o.issuerUrl.trim(),
        clientId: o.clientId.trim(),
        ...(o.usernameClaim.trim() ? { usernameClaim: o.usernameClaim.trim() } : {}),
        ...(o.usernamePrefix.trim() ? { usernamePrefix: o.usernamePrefix.trim() } : {}),
        ...(o.groupsClaim.trim() ? { groupsClaim: o.groupsClaim.trim() } : {}),
        ...(o.groupsPrefix.trim() ? { groupsPrefix: o.groupsPrefix.trim() } : {}),
        ...(o.signingAlgs.trim()
          ? { signingAlgs: o.signingAlgs.split(/[\s,]+/).filter(Boolean) as OidcSigningAlg[] }
          : {}),
      });
    } catch (e) {
      const f = e instanceof LabError ? String(e.details.field ?? 'issuerUrl') : 'issuerUrl';
      field(`oidc${f.charAt(0).toUpperCase()}${f.slice(1)}`, e);
    }
    let issuer: Awaited<ReturnType<typeof buildOidcIssuer>> | undefined;
    try {
      const publicKey = await importPublicKeyPem(needText('oidcKeyPem', o.keyPem, 'The issuer’s public key'));
      issuer = await buildOidcIssuer({ issuerUrl: o.issuerUrl.trim(), publicKey });
    } catch (e) {
      field('oidcKeyPem', e);
    }
    tokens.push(
      oidcTokenAuthenticator({
        authenticator: built!.authenticator,
        signingAlgs: built!.signingAlgs,
        discovery: issuer!.discovery,
        jwks: issuer!.jwks,
      }),
    );
  }
  if (setup.webhook.on) {
    let users: ReturnType<typeof readWebhookUsers> = new Map();
    try {
      users = readWebhookUsers(needText('webhookUsers', setup.webhook.users, 'The webhook’s users'));
    } catch (e) {
      field('webhookUsers', e);
    }
    const auds = sa.on && sa.issuer.trim() ? [sa.issuer.trim()] : [];
    tokens.push(
      webhookTokenAuthenticator({
        version: 'v1',
        cacheTtlSeconds: 0,
        apiAudiences: auds,
        webhook: (review) => {
          const a = webhookScriptAnswer(users, JSON.stringify(review));
          return { kind: 'response', status: a.status, body: a.body, contentType: a.contentType };
        },
      }),
    );
  }
  return { request, tokens };
}

const STATUS = (code: number, reason: string, message: string, details?: Record<string, string>) =>
  JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });

/**
 * What kubectl prints for --as-group, --as-uid or --as-user-extra without --as: it refuses before it
 * sends anything (client-go's config check; the blank is the kubeconfig user's name, none here), so
 * kubectl never meets the filter's 500.
 */
export const KUBECTL_NO_AS = 'error: requesting uid, groups or user-extra for  without impersonating a user';

/** kubectl's flags that send these Impersonate-* headers (--as, --as-uid, --as-group, --as-user-extra). */
export function kubectlImpersonationFlags(headers: HttpHeaders): string[] {
  const flags: string[] = [];
  for (const [name, value] of headers) {
    const n = name.toLowerCase();
    if (n === 'impersonate-user') flags.push(`--as=${value}`);
    else if (n === 'impersonate-uid') flags.push(`--as-uid=${value}`);
    else if (n === 'impersonate-group') flags.push(`--as-group=${value}`);
    else if (n.startsWith('impersonate-extra-'))
      flags.push(`--as-user-extra=${n.slice('impersonate-extra-'.length)}=${value}`);
  }
  return flags;
}

/** The 403 kubectl auth whoami gets as system:anonymous, and what kubectl prints for it. */
export const WHOAMI_FORBIDDEN = {
  message:
    'selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource "selfsubjectreviews" in API group "authentication.k8s.io" at the cluster scope',
  kubectl:
    'error: the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it',
} as const;

/** The user as the SelfSubjectReview's JSON has it (uid, groups, extra left out when empty). */
export function userInfoJson(u: UserInfo): Record<string, unknown> {
  return {
    username: u.username,
    ...(u.uid ? { uid: u.uid } : {}),
    ...(u.groups.length ? { groups: u.groups } : {}),
    ...(Object.keys(u.extra).length ? { extra: u.extra } : {}),
  };
}

/** Runs the request through the chain the setup builds. Throws field-named LabErrors for bad input. */
export async function simulateRequest(
  setup: SimulatorSetup,
  req: SimulatorRequest,
): Promise<SimulatorResult> {
  const chain = await buildChain(setup);
  const headers = readHeaderLines(req.headers);
  const rbac: RbacObject[] = readImpersonationRules(setup.impersonation.rules);
  const anonymousPaths =
    setup.anonymous.mode === 'conditions' ? readAnonymousPaths(setup.anonymous.paths) : [];
  if (req.certificatePem.trim()) {
    try {
      readCertificates(req.certificatePem);
    } catch (e) {
      field('certificatePem', e);
    }
  }
  const path = req.endpoint === 'whoami' ? WHOAMI_PATH : req.endpoint;
  const auth = req.authorization.trim() === '' ? [] : ([['Authorization', req.authorization]] as const);
  const verdict = await authenticateFullRequest({
    request: {
      headers: [...auth, ...headers],
      ...(req.certificatePem.trim() ? { peerCertificatesPem: req.certificatePem } : {}),
    },
    requestAuthenticators: chain.request,
    tokenAuthenticators: chain.tokens,
    anonymous: setup.anonymous.mode !== 'off',
  });
  // request/anonymous with conditions: no identity for a path that is not listed (nil, false, nil).
  let outcome = verdict.outcome;
  if (outcome === 'anonymous' && anonymousPaths.length && !anonymousPaths.includes(path))
    outcome = 'unauthorized';

  const steps: SimulatorStep[] = [];
  const byName = new Map<string, TokenVerdict>();
  for (const s of verdict.requestTrace) byName.set(s.name, s.verdict);
  for (const s of verdict.trace) byName.set(s.name, s.verdict);
  const on: Record<ChainStep, boolean> = {
    'request-header': setup.requestHeader.on,
    x509: setup.clientCa.on,
    'token-file': setup.tokenFile.on,
    'legacy-service-account': setup.serviceAccount.on,
    'service-account': setup.serviceAccount.on,
    'bootstrap-token': setup.bootstrap.on,
    oidc: setup.oidc.on,
    webhook: setup.webhook.on,
    anonymous: setup.anonymous.mode !== 'off',
  };
  for (const name of CHAIN) {
    if (!on[name]) steps.push({ name, verdict: { kind: 'off' } });
    else if (name === 'anonymous') {
      if (verdict.outcome !== 'anonymous') steps.push({ name, verdict: { kind: 'skipped' } });
      else if (outcome === 'anonymous') steps.push({ name, verdict: { kind: 'ok', user: verdict.user! } });
      else
        steps.push({
          name,
          verdict: { kind: 'not-mine', why: `${path} is not in the anonymous conditions` },
        });
    } else {
      const v = byName.get(name);
      steps.push({ name, verdict: v ?? { kind: 'skipped' } });
    }
  }
  const warning: { warning?: string; kubectlFlags?: string[] } = verdict.warning
    ? { warning: verdict.warning }
    : {};
  if (outcome === 'unauthorized') {
    return {
      steps,
      outcome,
      status: 401,
      body: STATUS(401, 'Unauthorized', 'Unauthorized'),
      ...(req.endpoint === 'whoami' ? { kubectl: KUBECTL_401.whoami } : {}),
      ...(verdict.log ? { log: verdict.log } : {}),
      ...warning,
    };
  }
  const requester = verdict.user!;
  const authenticatedBy = outcome === 'anonymous' ? 'anonymous' : (verdict.authenticatedBy as ChainStep);
  const whoami = req.endpoint === 'whoami';
  const imp = impersonate({ requester, headers, rbac, requestUri: path });
  const flags = kubectlImpersonationFlags(headers);
  if (whoami && flags.length) warning.kubectlFlags = flags;
  if (imp.outcome === 'forbidden') {
    const a = imp.denied;
    const details: Record<string, string> = {
      name: a.name,
      ...(a.apiGroup ? { group: a.apiGroup } : {}),
      kind: a.resource,
    };
    return {
      steps,
      outcome,
      user: requester,
      authenticatedBy,
      status: 403,
      body: STATUS(403, 'Forbidden', imp.message, details),
      ...(whoami ? { kubectl: WHOAMI_FORBIDDEN.kubectl } : {}),
      impersonation: { outcome: 'forbidden', requester, message: imp.message },
      ...warning,
    };
  }
  if (imp.outcome === 'error') {
    const body = `${imp.message}\n`;
    return {
      steps,
      outcome,
      user: requester,
      authenticatedBy,
      status: 500,
      body,
      contentType: 'text/plain; charset=utf-8',
      ...(whoami ? { kubectl: KUBECTL_NO_AS } : {}),
      impersonation: { outcome: 'error', requester, message: imp.message },
      ...warning,
    };
  }
  const user = imp.user;
  const impersonation: SimulatorImpersonation =
    imp.outcome === 'impersonated'
      ? { outcome: 'impersonated', requester, user }
      : { outcome: 'none', requester };
  if (!whoami)
    return { steps, outcome, user, authenticatedBy, status: 200, body: 'ok', impersonation, ...warning };
  if (user.username === 'system:anonymous') {
    return {
      steps,
      outcome,
      user,
      authenticatedBy,
      status: 403,
      body: STATUS(403, 'Forbidden', WHOAMI_FORBIDDEN.message),
      kubectl: WHOAMI_FORBIDDEN.kubectl,
      impersonation,
      ...warning,
    };
  }
  return {
    steps,
    outcome,
    user,
    authenticatedBy,
    impersonation,
    status: 201,
    body: JSON.stringify({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
      status: { userInfo: userInfoJson(user) },
    }),
    kubectl: whoamiForUser(user),
    ...warning,
  };
}
