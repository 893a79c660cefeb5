// kube-apiserver's bootstrap token authenticator (plugin/pkg/auth/authenticator/token/bootstrap,
// with cluster-bootstrap's GetData, GetExpiration and GetGroups), check for check. A failure is
// never an error: it is logged at -v=3 and the token is "not authenticated", so the union ends in
// "invalid bearer token" and the client gets 401. `log` is that V(3) line.
import {
  BOOTSTRAP_DEFAULT_GROUP,
  BOOTSTRAP_SECRET_PREFIX,
  BOOTSTRAP_SECRET_TYPE,
  BOOTSTRAP_TOKEN_PATTERN,
  BOOTSTRAP_USER_PREFIX,
  bootstrapGroupError,
} from './bootstrap-token.ts';
import { type ClusterObject, secretValue } from './cluster-objects.ts';
import type { TokenAuthenticator, TokenVerdict } from './types.ts';

/** Why a bootstrap token was not accepted (stable, for widgets). */
export type BootstrapRefusal =
  | 'not-a-bootstrap-token'
  | 'no-secret'
  | 'secret-deleted'
  | 'wrong-type'
  | 'wrong-secret'
  | 'wrong-id'
  | 'unparseable-expiration'
  | 'expired'
  | 'no-authentication-usage'
  | 'bad-extra-group';

/** The bootstrap authenticator's verdict, with the reason and the -v=3 log line on refusal. */
export type BootstrapVerdict = TokenVerdict & { refusal?: BootstrapRefusal; log?: string };

/** Options of authenticateBootstrapToken. */
export interface BootstrapAuthParams {
  /** The cluster's objects (SecretObjects too); only Secrets in kube-system are looked at, as kube-apiserver's lister sees only those. */
  secrets: readonly ClusterObject[];
  /** Default: now. */
  now?: Date;
}

const getData = secretValue;

/** Go's time.Parse(time.RFC3339, s), or undefined when Go would fail. */
export function parseRfc3339(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || mi! > 59 || se! > 59) return undefined;
  const dim = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! > dim) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** The verdict of kube-apiserver's bootstrap authenticator on `token`. */
export function authenticateBootstrapToken(token: string, params: BootstrapAuthParams): BootstrapVerdict {
  const m = BOOTSTRAP_TOKEN_PATTERN.exec(token);
  if (!m)
    return {
      kind: 'not-mine',
      why: 'not of the form [a-z0-9]{6}.[a-z0-9]{16}',
      refusal: 'not-a-bootstrap-token',
    };
  const [, id, tokenSecret] = m as unknown as [string, string, string];
  const name = BOOTSTRAP_SECRET_PREFIX + id;
  const secret = params.secrets.find(
    (s) => s?.kind === 'Secret' && s.metadata?.namespace === 'kube-system' && s.metadata.name === name,
  );
  const refuse = (refusal: BootstrapRefusal, log: string): BootstrapVerdict => ({
    kind: 'not-mine',
    why: log,
    refusal,
    log,
  });
  if (!secret) return refuse('no-secret', `No secret of name ${name} to match bootstrap bearer token`);
  const prefix = `Bootstrap secret kube-system/${name} matching bearer token `;
  if (secret.metadata.deletionTimestamp)
    return refuse('secret-deleted', `${prefix}is deleted and awaiting removal`);
  if (
    secret.type !== BOOTSTRAP_SECRET_TYPE ||
    (secret.data === undefined && secret.stringData === undefined)
  ) {
    return refuse('wrong-type', `${prefix}has invalid type, expected ${BOOTSTRAP_SECRET_TYPE}.`);
  }
  if (getData(secret, 'token-secret') !== tokenSecret) {
    return refuse(
      'wrong-secret',
      `${prefix}has invalid value for key token-secret, expected ${tokenSecret}.`,
    );
  }
  const storedId = getData(secret, 'token-id');
  if (storedId !== id)
    return refuse('wrong-id', `${prefix}has invalid value for key token-id, expected ${id}.`);
  const expiration = getData(secret, 'expiration');
  if (expiration !== '') {
    const at = parseRfc3339(expiration);
    if (!at) {
      return refuse(
        'unparseable-expiration',
        `Unparseable expiration time (${expiration}) in kube-system/${name} Secret: parsing time ${JSON.stringify(expiration)} as "2006-01-02T15:04:05Z07:00": cannot parse. Treating as expired.`,
      );
    }
    if (at.getTime() - (params.now ?? new Date()).getTime() <= 0) {
      return refuse('expired', `Expired bootstrap token in kube-system/${name} Secret: ${expiration}`);
    }
  }
  if (getData(secret, 'usage-bootstrap-authentication') !== 'true') {
    return refuse('no-authentication-usage', `${prefix}not marked usage-bootstrap-authentication=true.`);
  }
  const groups = new Set([BOOTSTRAP_DEFAULT_GROUP]);
  const extra = getData(secret, 'auth-extra-groups');
  if (extra !== '') {
    for (const g of extra.split(',')) {
      const err = bootstrapGroupError(g);
      if (err)
        return refuse('bad-extra-group', `${prefix}has invalid value for key auth-extra-groups: ${err}.`);
      groups.add(g);
    }
  }
  return {
    kind: 'ok',
    user: {
      username: BOOTSTRAP_USER_PREFIX + storedId,
      uid: '',
      groups: [...groups].sort(byteOrder),
      extra: {},
    },
  };
}

/** Go's string order (sets.String.List sorts with sort.Strings). */
export function byteOrder(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The bootstrap authenticator for a token union. */
export function bootstrapTokenAuthenticator(params: BootstrapAuthParams): TokenAuthenticator {
  return { name: 'bootstrap-token', authenticate: async (t) => authenticateBootstrapToken(t, params) };
}
