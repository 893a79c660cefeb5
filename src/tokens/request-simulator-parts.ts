// "Use what you made in part N" in the request simulator: what the other parts' widgets keep in the
// reader's workspace, turned into the simulator's fields (request-simulator-fields.ts names). DOM-free,
// so the same conversion runs in Node's tests and in the page (loaded on the click). What each
// widget keeps (its workspace name and fields):
//   part 1  workbench: the files rootCA.pem and client.pem (cfssljson names)
//   part 2  token-file: rows (JSON: user, uid, groups, token; a token the reader typed is kept only
//           with "keep"); bootstrap-token: token (only with "keep"), groups, usageAuthentication,
//           usageSigning; sa-token: keys (public keys, PEM or JWKS), issuers, objects (a v1 List),
//           token (only when kept)
//   part 3  oidc-config: way, issuerUrl, audiences, usernameClaim, usernamePrefix, groupsClaim,
//           groupsPrefix, signingAlgs, jwks, token (only with "keep"); oidc-issuer: issuerUrl, alg,
//           token (only with "keep keys")
//   part 4  webhook-config: users (token-webhook.py's users file)
//   part 5  proxy-builder: certs (JSON: caPem, clientPem, and their keys, only with "keep keys"),
//           allowedNames, user, groups; impersonation: requester, as, asGroups, asUid, asUserExtra
//           (journaled only when changed: a missing one is the widget's default)
// A private key is never read: the simulator needs only certificates, public keys and tokens.
// Fields with nothing in the workspace keep what they hold (they are not in the result).
import { exportPublicKeyPem } from '../pki/export-public-key-pem.ts';
import { impersonationHeaders } from './impersonation-headers.ts';
import { writeTokenFile } from './write-token-file.ts';

/** The workspace's inputs: widget name → its kept fields. */
export type WorkspaceInputs = Record<string, Record<string, unknown>>;
/** Simulator field name → its new text. */
export type SimulatorFieldValues = Record<string, string>;

/**
 * The header names the part-5 proxy builder's nginx config sends (its `proxy_set_header` lines), so
 * the ones the simulator's --requestheader-* flags name for part 5.
 */
export const PART5_HEADERS = {
  user: 'X-Remote-User',
  group: 'X-Remote-Group',
  extraPrefix: 'X-Remote-Extra-',
} as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
const isJwt = (t: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(t.trim());

/** The first public key of a JWKS, as PEM (WebCrypto, no private part read). */
async function jwksToPem(text: string): Promise<string> {
  const jwks = parse(text) as { keys?: JsonWebKey[] } | undefined;
  const jwk = jwks?.keys?.find((k) => k.kty === 'RSA' || k.kty === 'EC');
  if (!jwk) return '';
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk as Record<string, unknown>;
  const alg =
    pub.kty === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: String(pub.crv ?? 'P-256') };
  const key = await crypto.subtle.importKey('jwk', pub as JsonWebKey, alg, true, ['verify']);
  return exportPublicKeyPem(key);
}

/** A public key field's text as PEM: PEM as is, a JWKS converted. */
async function publicKeyPem(text: string): Promise<string> {
  const t = text.trim();
  if (t.startsWith('{')) return jwksToPem(t).catch(() => '');
  return t.includes('-----BEGIN PUBLIC KEY-----') ? `${t}\n` : '';
}

/** The fields part 1's workbench gives: its CA as --client-ca-file, its client certificate sent. */
export function part1Values(files: { caPem: string; certificatePem: string }): SimulatorFieldValues {
  return {
    clientCaOn: 'on',
    clientCaPem: files.caPem,
    certificatePem: files.certificatePem,
    authorization: '',
    headers: '',
  };
}

/**
 * The fields part 2's widgets give: each lab's authenticator set up, and the request carrying one
 * token: a kept service-account token, else the token file's first, else the bootstrap token.
 */
export async function part2Values(inputs: WorkspaceInputs): Promise<SimulatorFieldValues> {
  const out: SimulatorFieldValues = {};
  const tf = inputs['token-file'] ?? {};
  const rows =
    (parse(str(tf.rows)) as { user?: string; uid?: string; groups?: string; token?: string }[]) ?? [];
  const users = (Array.isArray(rows) ? rows : [])
    .filter((r) => r && str(r.token) && str(r.user))
    .map((r) => ({
      token: str(r.token),
      user: str(r.user),
      uid: str(r.uid),
      groups: str(r.groups) ? str(r.groups).split(',') : [],
    }));
  if (users.length) {
    try {
      out.tokenCsv = writeTokenFile(users);
      out.tokenOn = 'on';
      out.authorization = `Bearer ${users[0]!.token}`;
    } catch {
      // A row the token-file widget itself refuses is not brought over.
    }
  }
  const bt = inputs['bootstrap-token'] ?? {};
  const token = str(bt.token).trim();
  if (/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(token)) {
    const usages = [
      bt.usageAuthentication === false ? '' : 'authentication',
      bt.usageSigning === false ? '' : 'signing',
    ].filter(Boolean);
    const groups = words(str(bt.groups));
    out.bootstrapTokens = `${[token, ...groups, ...(usages.length ? [`usages=${usages.join(',')}`] : [])].join(' ')}\n`;
    out.bootstrapOn = 'on';
    out.authorization ??= `Bearer ${token}`;
  }
  const sa = inputs['sa-token'] ?? {};
  const keyPem = await publicKeyPem(str(sa.keys));
  if (keyPem) {
    out.saOn = 'on';
    out.saKeyPem = keyPem;
    const issuer = words(str(sa.issuers))[0];
    if (issuer) out.saIssuer = issuer;
    const objects = parse(str(sa.objects)) as { items?: unknown[] } | undefined;
    const accounts = (Array.isArray(objects?.items) ? objects.items : [])
      .map((o) => o as { kind?: string; metadata?: { namespace?: string; name?: string; uid?: string } })
      .filter((o) => o?.kind === 'ServiceAccount' && o.metadata?.name && o.metadata.uid)
      .map((o) => `${o.metadata!.namespace ?? 'default'}/${o.metadata!.name} ${o.metadata!.uid}`);
    const saToken = str(sa.token).trim();
    if (!accounts.length && isJwt(saToken)) {
      // No objects given: the account the token names, as the sa-token widget assumes.
      const claims = parse(atob(saToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as
        | { 'kubernetes.io'?: { namespace?: string; serviceaccount?: { name?: string; uid?: string } } }
        | undefined;
      const k = claims?.['kubernetes.io'];
      if (k?.namespace && k.serviceaccount?.name && k.serviceaccount.uid)
        accounts.push(`${k.namespace}/${k.serviceaccount.name} ${k.serviceaccount.uid}`);
    }
    if (accounts.length) out.saAccounts = `${accounts.join('\n')}\n`;
    if (isJwt(saToken)) out.authorization = `Bearer ${saToken}`;
  }
  if (out.authorization) {
    out.certificatePem = '';
    out.headers = '';
  }
  return out;
}

/** The fields part 3's widgets give. */
export async function part3Values(inputs: WorkspaceInputs): Promise<SimulatorFieldValues> {
  const out: SimulatorFieldValues = {};
  const cfg = inputs['oidc-config'] ?? {};
  const iss = inputs['oidc-issuer'] ?? {};
  const issuerUrl = str(cfg.issuerUrl).trim() || str(iss.issuerUrl).trim();
  if (issuerUrl) out.oidcIssuerUrl = issuerUrl;
  const clientId = words(str(cfg.audiences))[0] ?? str(iss.audience).trim();
  if (clientId) out.oidcClientId = clientId;
  const claims = [
    ['usernameClaim', 'oidcUsernameClaim'],
    ['usernamePrefix', 'oidcUsernamePrefix'],
    ['groupsClaim', 'oidcGroupsClaim'],
    ['groupsPrefix', 'oidcGroupsPrefix'],
  ] as const;
  for (const [from, to] of claims) if (typeof cfg[from] === 'string') out[to] = str(cfg[from]).trim();
  if (!('oidcUsernameClaim' in out) && str(iss.usernameClaim)) out.oidcUsernameClaim = str(iss.usernameClaim);
  // The algorithms: the flags' list as configured; with the configuration file (all nine accepted)
  // or no configuration yet, the issuer's own algorithm, which that API server accepts.
  const alg = str(iss.alg).trim();
  if (cfg.way !== 'file' && typeof cfg.signingAlgs === 'string')
    out.oidcSigningAlgs = str(cfg.signingAlgs).trim();
  else if (alg) out.oidcSigningAlgs = alg;
  const keyPem = await publicKeyPem(str(cfg.jwks));
  if (keyPem) out.oidcKeyPem = keyPem;
  const token = [str(cfg.token), str(iss.token)].map((t) => t.trim()).find(isJwt);
  if (token) {
    out.authorization = `Bearer ${token}`;
    out.certificatePem = '';
    out.headers = '';
  }
  out.oidcOn = 'on';
  return out;
}

/** The fields part 4's widget gives. */
export function part4Values(inputs: WorkspaceInputs): SimulatorFieldValues {
  const users = str(inputs['webhook-config']?.users);
  const out: SimulatorFieldValues = { webhookOn: 'on', webhookUsers: users };
  const first = (parse(users) as { users?: { token?: unknown }[] } | undefined)?.users?.find(
    (u) => typeof u?.token === 'string' && u.token,
  );
  if (first) {
    out.authorization = `Bearer ${String(first.token)}`;
    out.certificatePem = '';
    out.headers = '';
  }
  return out;
}

/**
 * The impersonation lab's choices (lesson 5.4, its fields with its defaults) as the simulator's "who
 * may impersonate whom" line for its requester (what its generated RBAC objects allow) and the
 * Impersonate-* headers kubectl sends; undefined when it holds none of the reader's choices, or ones
 * the line cannot say (a name with a space or a slash, the reader's own RBAC objects).
 */
function impersonationValues(
  imp: Record<string, unknown>,
): { rule: string; headers: [string, string][] } | undefined {
  const fields = ['requester', 'as', 'asGroups', 'asUid', 'asUserExtra'];
  if (!fields.some((f) => typeof imp[f] === 'string')) return undefined;
  // The reader's own RBAC objects are not what one rule line says.
  if (imp.rbacSource === 'edited') return undefined;
  const given = (f: string, fallback: string) => (typeof imp[f] === 'string' ? str(imp[f]) : fallback);
  // The impersonation widget's defaults (src/recipes/impersonation DEFAULTS): jane acts as sam of qa.
  const requester = given('requester', 'jane').trim();
  const as = given('as', 'sam').trim();
  const asGroups = lines(given('asGroups', 'qa'));
  const asUid = given('asUid', '').trim();
  const asUserExtra = lines(given('asUserExtra', ''));
  let headers: [string, string][];
  try {
    headers = impersonationHeaders({ as, asGroups, asUid, asUserExtra });
  } catch {
    return undefined; // a choice the impersonation widget itself refuses
  }
  const keys = asUserExtra.map((kv) => kv.slice(0, kv.indexOf('=')));
  const names = [requester, as, ...asGroups, asUid, ...keys];
  if (!requester || !headers.length || names.some((n) => /\s|\//.test(n))) return undefined;
  const targets = [
    `users/${as}`,
    ...asGroups.map((g) => `groups/${g}`),
    ...(asUid ? [`uids/${asUid}`] : []),
    ...[...new Set(keys)].map((k) => `userextras/${k}`),
  ];
  return { rule: `${requester}: ${targets.join(' ')}\n`, headers };
}

/**
 * The fields part 5's widgets give: the proxy builder's front-proxy CA and allowed names and, when
 * its client certificate was kept, a request from the proxy (X-Remote-* headers, PART5_HEADERS);
 * and the impersonation lab's requester and target as a "who may impersonate whom" rule. Its
 * Impersonate-* headers join the request only when it does not come from the proxy: the proxy
 * builder's nginx config sends none of the client's headers on (lesson 5.2), so kubectl --as through
 * it impersonates no one; the reader's own credential (the part-1 certificate) stays as it is.
 */
export function part5Values(inputs: WorkspaceInputs): SimulatorFieldValues {
  const pb = inputs['proxy-builder'] ?? {};
  const certs = parse(str(pb.certs)) as { caPem?: string; clientPem?: string } | undefined;
  const out: SimulatorFieldValues = {};
  // The request-header authenticator only with the builder's front-proxy CA: impersonation work
  // alone (lesson 5.4) leaves it as the simulator has it.
  if (certs?.caPem) {
    Object.assign(out, {
      rhOn: 'on',
      rhCaPem: certs.caPem,
      rhUsernameHeaders: PART5_HEADERS.user,
      rhGroupHeaders: PART5_HEADERS.group,
      rhExtraPrefixes: PART5_HEADERS.extraPrefix,
    });
    if (typeof pb.allowedNames === 'string') out.rhAllowedNames = pb.allowedNames;
  }
  const imp = impersonationValues(inputs.impersonation ?? {});
  if (imp) out.impersonationRules = imp.rule;
  if (certs?.clientPem) {
    const user = str(pb.user).trim() || 'jane';
    const groups = words(str(pb.groups ?? 'developers'));
    out.certificatePem = certs.clientPem;
    out.authorization = '';
    out.headers = `${PART5_HEADERS.user}: ${user}\n${groups.map((g) => `${PART5_HEADERS.group}: ${g}\n`).join('')}`;
  } else if (imp) {
    out.headers = imp.headers.map(([k, v]) => `${k}: ${v}\n`).join('');
  }
  return out;
}
