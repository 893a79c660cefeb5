// kube-apiserver's two service-account token authenticators (pkg/serviceaccount/jwt.go with the
// validators of claims.go and legacy.go), step for step:
//   1. the unverified `iss` must be one of the authenticator's issuers, else "not mine" (the
//      legacy one knows only "kubernetes/serviceaccount", the bound one the --service-account-issuer list);
//   2. keys by kid; none → "invalid signature, no keys found"; no key verifies → go-jose's error;
//   3. aud ∩ API audiences must not be empty (no aud: the API audiences, a legacy token);
//   4. bound tokens: exp, nbf, iat with go-jose's 1-minute leeway; legacy tokens never expire;
//   5. the ServiceAccount, and the bound Pod/Secret/Node (legacy: the Secret holding the token),
//      must exist with the claimed UID.
// Every refusal is an error, logged as `Unable to authenticate the request" err="…"`; the client
// sees only 401 Unauthorized.
import { LabError } from '../pki/errors.ts';
import { goQuote } from './bootstrap-token.ts';
import { type ClusterObject, findObject, secretValue } from './cluster-objects.ts';
import { LEGACY_ISSUER, serviceAccountUsername } from './service-account-claims.ts';
import { EXTRA, type TokenAuthenticator, type TokenVerdict, type UserInfo } from './types.ts';
import type { VerificationKey } from './verification-keys.ts';
import { verifyJwtSignature } from './verify-jwt-signature.ts';

/** The service-account settings of kube-apiserver. */
export interface ServiceAccountAuthParams {
  /** --service-account-issuer values. Required for bound tokens. */
  issuers: string[];
  /** The keys of --service-account-key-file. */
  keys: VerificationKey[];
  /** --api-audiences. Default: the issuers. */
  apiAudiences?: string[];
  /** --service-account-lookup (legacy tokens only). Default: true. */
  lookup?: boolean;
  /** The API objects (ServiceAccounts, Pods, Secrets, Nodes). */
  objects: readonly ClusterObject[];
  /** Default: now. */
  now?: Date;
}

/** Why a token was refused (stable, for widgets). */
export type ServiceAccountRefusal =
  | 'other-issuer'
  | 'no-keys'
  | 'bad-signature'
  | 'audience'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-future'
  | 'bad-claims'
  | 'service-account-missing'
  | 'service-account-uid'
  | 'service-account-deleted'
  | 'invalidated'
  | 'bound-uid'
  | 'token-mismatch'
  | 'marked-invalid';

/** A verdict, with the reason on refusal. */
export type ServiceAccountVerdict = TokenVerdict & { refusal?: ServiceAccountRefusal };

/** go-jose's jwt.DefaultLeeway. */
export const LEEWAY_SECONDS = 60;
const SA_GROUP = 'system:serviceaccounts';

function b64urlJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) return undefined;
  try {
    const bin = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

/** hasCorrectIssuer: the iss of the unverified payload, or undefined when it cannot be read. */
export function unverifiedIssuer(token: string): string | undefined {
  if (token.trim().startsWith('{')) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const claims = b64urlJson(parts[1]!);
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
  const iss = (claims as { iss?: unknown }).iss;
  if (iss === undefined || iss === null) return '';
  return typeof iss === 'string' ? iss : undefined;
}

/** The user kube-apiserver derives from a service account (ServiceAccountInfo.UserInfo). */
export function serviceAccountUser(info: {
  namespace: string;
  name: string;
  uid: string;
  podName?: string;
  podUid?: string;
  nodeName?: string;
  nodeUid?: string;
  jti?: string;
}): UserInfo {
  const extra: Record<string, string[]> = {};
  if (info.podName && info.podUid) {
    extra[EXTRA.podName] = [info.podName];
    extra[EXTRA.podUid] = [info.podUid];
  }
  if (info.jti) extra[EXTRA.credentialId] = [`JTI=${info.jti}`];
  if (info.nodeName) {
    extra[EXTRA.nodeName] = [info.nodeName];
    if (info.nodeUid) extra[EXTRA.nodeUid] = [info.nodeUid];
  }
  return {
    username: serviceAccountUsername(info.namespace, info.name),
    uid: info.uid,
    groups: [SA_GROUP, `${SA_GROUP}:${info.namespace}`],
    extra,
  };
}

function refuse(refusal: ServiceAccountRefusal, error: string): ServiceAccountVerdict {
  return { kind: 'error', error, refusal };
}

function audiencesOf(aud: unknown): string[] | undefined {
  if (aud === undefined || aud === null) return [];
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud) && aud.every((a) => typeof a === 'string')) return aud as string[];
  return undefined;
}

const goList = (xs: string[]) => `[${xs.map(goQuote).join(' ')}]`;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const ref = (v: unknown) =>
  v && typeof v === 'object'
    ? { name: str((v as { name?: unknown }).name), uid: str((v as { uid?: unknown }).uid) }
    : undefined;

function isDeletedBefore(o: ClusterObject, limitMs: number): boolean {
  const t = o.metadata.deletionTimestamp;
  return t !== undefined && Date.parse(t) < limitMs;
}

/** Shared steps 1–3; returns the claims or a verdict. */
async function verifyCommon(
  token: string,
  issuers: string[],
  p: ServiceAccountAuthParams,
): Promise<{ claims: Record<string, unknown> } | { verdict: ServiceAccountVerdict }> {
  const iss = unverifiedIssuer(token);
  if (iss === undefined || !issuers.includes(iss)) {
    return {
      verdict: {
        kind: 'not-mine',
        why: `issuer ${iss === undefined ? '(unreadable)' : goQuote(iss)} is not one of ${goList(issuers)}`,
        refusal: 'other-issuer',
      },
    };
  }
  const parts = token.split('.');
  const header = b64urlJson(parts[0]!);
  if (!header || typeof header !== 'object' || !/^[A-Za-z0-9_-]*$/.test(parts[2]!)) {
    return { verdict: { kind: 'not-mine', why: 'not a compact JWS', refusal: 'other-issuer' } };
  }
  let sig: Awaited<ReturnType<typeof verifyJwtSignature>>;
  try {
    sig = await verifyJwtSignature(token, p.keys);
  } catch (e) {
    if (e instanceof LabError)
      return { verdict: { kind: 'not-mine', why: e.message, refusal: 'other-issuer' } };
    throw e;
  }
  if (!sig.valid) return { verdict: refuse(sig.reason, sig.error) };
  const claims = b64urlJson(parts[1]!) as Record<string, unknown>;
  const tokenAud = audiencesOf(claims.aud);
  const bad = (['exp', 'nbf', 'iat'] as const).find(
    (k) => claims[k] !== undefined && claims[k] !== null && typeof claims[k] !== 'number',
  );
  if (!tokenAud || bad || (claims.sub !== undefined && typeof claims.sub !== 'string')) {
    return {
      verdict: refuse(
        'bad-claims',
        `json: cannot unmarshal the claims of the token (${bad ?? (tokenAud ? 'sub' : 'aud')})`,
      ),
    };
  }
  const implicit = p.apiAudiences ?? p.issuers;
  const tokenAudiences = tokenAud.length ? tokenAud : implicit;
  const matched = tokenAudiences.filter((a) => implicit.includes(a));
  if (matched.length === 0 && implicit.length !== 0) {
    return {
      verdict: refuse(
        'audience',
        `token audiences ${goList(tokenAudiences)} is invalid for the target audiences ${goList(implicit)}`,
      ),
    };
  }
  return { claims };
}

/** The bound-token authenticator's verdict (issuers from --service-account-issuer). */
export async function authenticateServiceAccountToken(
  token: string,
  p: ServiceAccountAuthParams,
): Promise<ServiceAccountVerdict> {
  const common = await verifyCommon(token, p.issuers, p);
  if ('verdict' in common) return common.verdict;
  const c = common.claims;
  const nowMs = (p.now ?? new Date()).getTime();
  const leeway = LEEWAY_SECONDS * 1000;
  const t = (k: string) => (typeof c[k] === 'number' ? Math.trunc(c[k] as number) * 1000 : undefined);
  const nbf = t('nbf');
  const exp = t('exp');
  const iat = t('iat');
  if (nbf !== undefined && nowMs + leeway < nbf)
    return refuse('not-yet-valid', 'service account token is not valid yet');
  if (exp !== undefined && nowMs - leeway > exp)
    return refuse('expired', 'service account token has expired');
  if (iat !== undefined && nowMs + leeway < iat)
    return refuse('issued-in-future', 'service account token is issued in the future');

  const k8s = (
    c['kubernetes.io'] && typeof c['kubernetes.io'] === 'object' ? c['kubernetes.io'] : {}
  ) as Record<string, unknown>;
  const namespace = str(k8s.namespace);
  const saRef = ref(k8s.serviceaccount) ?? { name: '', uid: '' };
  const deletedLimit = nowMs - leeway;
  const sa = findObject(p.objects, 'ServiceAccount', namespace, saRef.name);
  if (!sa) return refuse('service-account-missing', `serviceaccounts ${goQuote(saRef.name)} not found`);
  if ((sa.metadata.uid ?? '') !== saRef.uid) {
    return refuse(
      'service-account-uid',
      `service account UID (${sa.metadata.uid ?? ''}) does not match claim (${saRef.uid})`,
    );
  }
  if (isDeletedBefore(sa, deletedLimit)) {
    return refuse('service-account-deleted', `service account ${namespace}/${saRef.name} has been deleted`);
  }
  // The objects the token is bound to, checked as Kubernetes' validator does: a node only without a pod.
  const secRef = ref(k8s.secret);
  const podRef = ref(k8s.pod);
  const nodeRef = ref(k8s.node);
  const bound =
    boundObject(p.objects, 'Secret', namespace, secRef, deletedLimit) ??
    boundObject(p.objects, 'Pod', namespace, podRef, deletedLimit) ??
    (podRef ? undefined : boundObject(p.objects, 'Node', '', nodeRef, deletedLimit));
  if (bound) return bound;
  return {
    kind: 'ok',
    user: serviceAccountUser({
      namespace,
      name: saRef.name,
      uid: saRef.uid,
      ...(podRef ? { podName: podRef.name, podUid: podRef.uid } : {}),
      ...(nodeRef ? { nodeName: nodeRef.name, nodeUid: nodeRef.uid } : {}),
      jti: str(c.jti),
    }),
  };
}

/**
 * A bound object's check, in the validator's order: missing is "invalidated", another UID a bound-uid
 * refusal in kube-apiserver's words, deleted (past the leeway) "invalidated". Undefined when the token
 * is not bound to one, or the check holds.
 */
function boundObject(
  objects: readonly ClusterObject[],
  kind: 'Secret' | 'Pod' | 'Node',
  namespace: string,
  bound: { name: string; uid: string } | undefined,
  deletedLimit: number,
): ServiceAccountVerdict | undefined {
  if (!bound) return undefined;
  const o = findObject(objects, kind, namespace, bound.name);
  const invalidated = refuse('invalidated', 'service account token has been invalidated');
  if (!o) return invalidated;
  const uid = o.metadata.uid ?? '';
  if (bound.uid !== uid) {
    const word = kind.toLowerCase();
    return refuse(
      'bound-uid',
      `${word} UID (${uid}) does not match service account ${word} ref claim (${bound.uid})`,
    );
  }
  return isDeletedBefore(o, deletedLimit) ? invalidated : undefined;
}

const INVALID_SINCE = 'kubernetes.io/legacy-token-invalid-since';

/** The legacy-token authenticator's verdict (issuer "kubernetes/serviceaccount"). */
export async function authenticateLegacyServiceAccountToken(
  token: string,
  p: ServiceAccountAuthParams,
): Promise<ServiceAccountVerdict> {
  const common = await verifyCommon(token, [LEGACY_ISSUER], p);
  if ('verdict' in common) return common.verdict;
  const c = common.claims;
  const sub = str(c.sub);
  const namespace = str(c['kubernetes.io/serviceaccount/namespace']);
  const secretName = str(c['kubernetes.io/serviceaccount/secret.name']);
  const saName = str(c['kubernetes.io/serviceaccount/service-account.name']);
  const saUid = str(c['kubernetes.io/serviceaccount/service-account.uid']);
  if (!sub) return refuse('bad-claims', 'sub claim is missing');
  if (!namespace) return refuse('bad-claims', 'namespace claim is missing');
  if (!secretName) return refuse('bad-claims', 'secretName claim is missing');
  if (!saName) return refuse('bad-claims', 'serviceAccountName claim is missing');
  if (!saUid) return refuse('bad-claims', 'serviceAccountUID claim is missing');
  if (sub !== serviceAccountUsername(namespace, saName)) return refuse('bad-claims', 'sub claim is invalid');
  if (p.lookup ?? true) {
    const secret = findObject(p.objects, 'Secret', namespace, secretName);
    if (!secret || secret.metadata.deletionTimestamp)
      return refuse('invalidated', 'Token has been invalidated');
    if (secretValue(secret, 'token') !== token)
      return refuse('token-mismatch', "Token does not match server's copy");
    const sa = findObject(p.objects, 'ServiceAccount', namespace, saName);
    if (!sa) return refuse('service-account-missing', `serviceaccounts ${goQuote(saName)} not found`);
    if (sa.metadata.deletionTimestamp)
      return refuse('service-account-deleted', `ServiceAccount ${namespace}/${saName} has been deleted`);
    if ((sa.metadata.uid ?? '') !== saUid) {
      return refuse(
        'service-account-uid',
        `ServiceAccount UID (${sa.metadata.uid ?? ''}) does not match claim (${saUid})`,
      );
    }
    if (secret.metadata.labels?.[INVALID_SINCE]) {
      return refuse(
        'marked-invalid',
        `the token in secret ${namespace}/${secretName} for service account ${namespace}/${saName} has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the '${INVALID_SINCE}' label from the secret to temporarily allow use of this token`,
      );
    }
  }
  return { kind: 'ok', user: serviceAccountUser({ namespace, name: saName, uid: saUid }) };
}

/** Both service-account authenticators for a token union, legacy first as kube-apiserver orders them. */
export function serviceAccountAuthenticators(p: ServiceAccountAuthParams): TokenAuthenticator[] {
  return [
    { name: 'legacy-service-account', authenticate: (t) => authenticateLegacyServiceAccountToken(t, p) },
    { name: 'service-account', authenticate: (t) => authenticateServiceAccountToken(t, p) },
  ];
}
