// What the certificate inspector makes of a pasted bearer token: a JWT (decoded, never verified
// here: the signature check is lesson 2.4's inspector's, which has the keys), a bootstrap token, or
// lines of a static token file. The identity is the one kube-apiserver would derive, from
// src/tokens. Loaded by read-input.ts only when the text looks like a token (jose comes with it).
import {
  addAuthenticatedGroup,
  BOOTSTRAP_DEFAULT_GROUP,
  BOOTSTRAP_SECRET_PREFIX,
  BOOTSTRAP_TOKEN_PATTERN,
  BOOTSTRAP_USER_PREFIX,
  decodeJwt,
  LEGACY_ISSUER,
  readTokenFile,
  serviceAccountUser,
  tokenFileUser,
  type UserInfo,
} from '../../tokens/index.ts';

/** A JWT, decoded without checking its signature. */
export interface JwtItem {
  kind: 'jwt';
  origin: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /**
   * 'bound' (TokenRequest), 'legacy' (a Secret's), 'oidc' (an ID token: an https issuer, a sub and
   * an aud, for kube-apiserver's OIDC/JWT authenticators of part 3), or 'other'.
   */
  flavour: 'bound' | 'legacy' | 'oidc' | 'other';
  /** The user kube-apiserver derives if it accepts the token (service-account tokens only). */
  user?: UserInfo;
  /** exp, nbf, iat as ISO times, when present. */
  times: { exp?: string; nbf?: string; iat?: string };
}

/** A bootstrap token: its id and what kube-apiserver derives; the secret half is never shown. */
export interface BootstrapTokenItem {
  kind: 'bootstrap-token';
  origin: string;
  id: string;
  secretName: string;
  /** system:bootstrap:<id> with system:bootstrappers (auth-extra-groups add more). */
  user: UserInfo;
}

/** Lines of a --token-auth-file: the users they make; the tokens themselves are never shown. */
export interface TokenFileItem {
  kind: 'token-file';
  origin: string;
  rows: { line: number; user: UserInfo; ignoredColumns: number }[];
  warnings: { line: number; text: string }[];
}

export type TokenItem = JwtItem | BootstrapTokenItem | TokenFileItem;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const time = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e11
    ? new Date(Math.trunc(v) * 1000).toISOString().replace('.000Z', 'Z')
    : undefined;

/** The user a service-account JWT names, as kube-apiserver would derive it (before its checks). */
function serviceAccountIdentity(claims: Record<string, unknown>): Pick<JwtItem, 'flavour' | 'user'> {
  const k8s = obj(claims['kubernetes.io']);
  if (k8s) {
    const sa = obj(k8s.serviceaccount);
    const pod = obj(k8s.pod);
    const node = obj(k8s.node);
    const namespace = str(k8s.namespace);
    if (!namespace || !sa || !str(sa.name)) return { flavour: 'other' };
    return {
      flavour: 'bound',
      user: addAuthenticatedGroup(
        serviceAccountUser({
          namespace,
          name: str(sa.name),
          uid: str(sa.uid),
          ...(pod ? { podName: str(pod.name), podUid: str(pod.uid) } : {}),
          ...(node ? { nodeName: str(node.name), nodeUid: str(node.uid) } : {}),
          jti: str(claims.jti),
        }),
      ),
    };
  }
  if (claims.iss === LEGACY_ISSUER) {
    const namespace = str(claims['kubernetes.io/serviceaccount/namespace']);
    const name = str(claims['kubernetes.io/serviceaccount/service-account.name']);
    if (!namespace || !name) return { flavour: 'legacy' };
    return {
      flavour: 'legacy',
      user: addAuthenticatedGroup(
        serviceAccountUser({
          namespace,
          name,
          uid: str(claims['kubernetes.io/serviceaccount/service-account.uid']),
        }),
      ),
    };
  }
  return { flavour: 'other' };
}

/** Decodes a JWT. Throws LabError jwt/malformed for three dotted parts that are not a JWT. */
export function readJwt(token: string, origin: string): JwtItem {
  const { header, claims } = decodeJwt(token);
  const times: JwtItem['times'] = {};
  for (const k of ['exp', 'nbf', 'iat'] as const) {
    const t = time(claims[k]);
    if (t) times[k] = t;
  }
  const sa = serviceAccountIdentity(claims);
  const aud = claims.aud;
  const oidc =
    sa.flavour === 'other' &&
    str(claims.iss).startsWith('https://') &&
    str(claims.sub) !== '' &&
    (str(aud) !== '' || (Array.isArray(aud) && aud.length > 0));
  return { kind: 'jwt', origin, header, claims, times, ...sa, ...(oidc ? { flavour: 'oidc' as const } : {}) };
}

/** A bootstrap token's id and user. */
export function readBootstrapToken(token: string, origin: string): BootstrapTokenItem {
  const m = BOOTSTRAP_TOKEN_PATTERN.exec(token);
  const id = m?.[1] ?? '';
  return {
    kind: 'bootstrap-token',
    origin,
    id,
    secretName: `${BOOTSTRAP_SECRET_PREFIX}${id}`,
    user: addAuthenticatedGroup({
      username: `${BOOTSTRAP_USER_PREFIX}${id}`,
      uid: '',
      groups: [BOOTSTRAP_DEFAULT_GROUP],
      extra: {},
    }),
  };
}

/** Lines of a token file, read as kube-apiserver reads them (throws its token-file/* LabErrors). */
export function readTokenFileLines(text: string): TokenFileItem {
  const file = readTokenFile(text);
  return {
    kind: 'token-file',
    origin: 'tokens.csv',
    rows: file.rows.map((r) => ({
      line: r.line,
      user: addAuthenticatedGroup(tokenFileUser(r)),
      ignoredColumns: r.ignoredColumns.length,
    })),
    warnings: file.warnings,
  };
}
