// The Impersonate-* headers (k8s.io/api/authentication/v1: ImpersonateUserHeader, …Group…, …Uid…,
// ImpersonateUserExtraHeaderPrefix) as kubectl sends them for --as, --as-group (repeatable),
// --as-uid and --as-user-extra key=value (client-go transport/round_trippers.go
// NewImpersonatingRoundTripper: one Impersonate-Group line per group, one Impersonate-Extra-<key>
// line per value, the key percent-escaped where a header name may not hold it, headerKeyEscape),
// and as kube-apiserver reads them back into the things to authorize
// (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go buildImpersonationRequests):
// a user of the form system:serviceaccount:<ns>:<name> is a ServiceAccount; the extra key is
// lower-cased then url.PathUnescape'd; a group, extra or uid without a user is refused
// ("requested [...] without impersonating a user").
import { LabError } from '../pki/index.ts';
import { goPathUnescape, type HttpHeaders, headerMap } from './request-header-authenticator.ts';

/** kubectl's impersonation flags. */
export interface KubectlImpersonation {
  /** --as. Default: none. */
  as?: string;
  /** --as-group, each repeated. Default: none. */
  asGroups?: string[];
  /** --as-uid. Default: none. */
  asUid?: string;
  /** --as-user-extra, each "key=value". Default: none. */
  asUserExtra?: string[];
}

const LEGAL_KEY = /^[!#$&'*+\-.^_`|~0-9A-Za-z]$/;

/** client-go's headerKeyEscape: bytes not legal in a header name (and '%') are %XX-escaped. */
export function escapeExtraKey(key: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(key)) {
    const ch = String.fromCharCode(b);
    out += b < 0x80 && LEGAL_KEY.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The headers kubectl sends for these flags, in client-go's order (user, uid, groups, extras sorted by key). */
export function impersonationHeaders(flags: KubectlImpersonation): [string, string][] {
  const as = flags.as ?? '';
  const groups = flags.asGroups ?? [];
  const extras = (flags.asUserExtra ?? []).map((kv) => {
    const i = kv.indexOf('=');
    if (i <= 0)
      throw new LabError('impersonation/bad-extra', `--as-user-extra takes key=value, not “${kv}”`, {
        value: kv,
      });
    return [kv.slice(0, i), kv.slice(i + 1)] as const;
  });
  if (as === '' && (groups.length || flags.asUid || extras.length))
    throw new LabError(
      'impersonation/no-user',
      'kubectl sends --as-group, --as-uid and --as-user-extra only with --as',
    );
  if (as === '') return [];
  const out: [string, string][] = [['Impersonate-User', as]];
  if (flags.asUid) out.push(['Impersonate-Uid', flags.asUid]);
  for (const g of groups) out.push(['Impersonate-Group', g]);
  for (const [k, v] of [...extras].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
    out.push([`Impersonate-Extra-${escapeExtraKey(k)}`, v]);
  return out;
}

/** One thing to authorize with verb impersonate (an ObjectReference in kube-apiserver). */
export interface ImpersonationRequest {
  kind: 'User' | 'ServiceAccount' | 'Group' | 'UserExtra' | 'UID';
  /** The value: user, group, service account name, extra value or uid. */
  name: string;
  /** The service account's namespace. */
  namespace?: string;
  /** The extra key (lower-cased, unescaped). */
  extraKey?: string;
}

/** The verb, API group, resource and resource name RBAC is asked about for a request. */
export interface ImpersonationAttributes {
  verb: 'impersonate';
  apiGroup: '' | 'authentication.k8s.io';
  resource: 'users' | 'groups' | 'serviceaccounts' | 'uids' | 'userextras';
  /** The extra key, for userextras. */
  subresource?: string;
  namespace?: string;
  name: string;
}

/** serviceaccount.SplitUsername, with the name rules kept to the DNS-label shape. */
function splitServiceAccount(user: string): [string, string] | undefined {
  const prefix = 'system:serviceaccount:';
  if (!user.startsWith(prefix)) return undefined;
  const parts = user.slice(prefix.length).split(':');
  if (parts.length !== 2) return undefined;
  const [ns, name] = parts as [string, string];
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  if (!label.test(ns) || ns.length > 63 || !subdomain.test(name) || name.length > 253) return undefined;
  return [ns, name];
}

/** A request's impersonation, read as kube-apiserver reads it; the error when there is a group, extra or uid without a user. */
export function readImpersonationHeaders(
  headers: HttpHeaders,
): { requests: ImpersonationRequest[]; groupsSpecified: boolean } | { error: string } {
  const map = headerMap(headers);
  const requests: ImpersonationRequest[] = [];
  const user = map.get('Impersonate-User')?.[0] ?? '';
  if (user !== '') {
    const sa = splitServiceAccount(user);
    requests.push(
      sa ? { kind: 'ServiceAccount', namespace: sa[0], name: sa[1] } : { kind: 'User', name: user },
    );
  }
  const groups = map.get('Impersonate-Group') ?? [];
  for (const g of groups) requests.push({ kind: 'Group', name: g });
  let hasExtra = false;
  for (const [name, values] of map) {
    if (!name.startsWith('Impersonate-Extra-')) continue;
    hasExtra = true;
    const lowered = name.slice('Impersonate-Extra-'.length).toLowerCase();
    const extraKey = goPathUnescape(lowered) ?? lowered;
    for (const v of values) requests.push({ kind: 'UserExtra', name: v, extraKey });
  }
  const uid = map.get('Impersonate-Uid')?.[0] ?? '';
  if (uid !== '') requests.push({ kind: 'UID', name: uid });
  if ((groups.length || hasExtra || uid !== '') && user === '')
    return {
      error: `requested [${requests.map(objectReferenceText).join(' ')}] without impersonating a user`,
    };
  return { requests, groupsSpecified: groups.length > 0 };
}

/** How Go's %v prints the v1.ObjectReference value (Kind Namespace Name UID APIVersion ResourceVersion FieldPath). */
function objectReferenceText(r: ImpersonationRequest): string {
  const apiVersion = r.kind === 'UserExtra' || r.kind === 'UID' ? 'authentication.k8s.io/v1' : '';
  return `{${[r.kind, r.namespace ?? '', r.name, '', apiVersion, '', r.extraKey ?? ''].join(' ')}}`;
}

/** The API group and resource RBAC checks `impersonate` on, for each kind of request. */
const IMPERSONATED: Record<
  ImpersonationRequest['kind'],
  Pick<ImpersonationAttributes, 'apiGroup' | 'resource'>
> = {
  User: { apiGroup: '', resource: 'users' },
  Group: { apiGroup: '', resource: 'groups' },
  ServiceAccount: { apiGroup: '', resource: 'serviceaccounts' },
  UID: { apiGroup: 'authentication.k8s.io', resource: 'uids' },
  UserExtra: { apiGroup: 'authentication.k8s.io', resource: 'userextras' },
};

/** What RBAC must allow the real user for one impersonation request. */
export function impersonationAttributes(r: ImpersonationRequest): ImpersonationAttributes {
  return {
    verb: 'impersonate',
    ...IMPERSONATED[r.kind],
    ...(r.kind === 'ServiceAccount' && { namespace: r.namespace ?? '' }),
    ...(r.kind === 'UserExtra' && { subresource: r.extraKey ?? '' }),
    name: r.name,
  };
}
