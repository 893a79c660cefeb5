// The impersonation filter's decision (staging/src/k8s.io/apiserver/pkg/endpoints/filters/
// impersonation.go WithImpersonation; the classic verb, not 1.35's constrained impersonation):
// every impersonation request is authorized for the real user with verb impersonate against a
// small RBAC table (ClusterRoles, Roles and their bindings, matched as RBAC's RuleAllows does:
// verbs, apiGroups, resources with "*" and "<resource>/<subresource>", resourceNames); the first
// denial is kube-apiserver's 403, apierrors.NewForbidden(group/resource, name,
// responsewriters.forbiddenMessage(attributes)):
//   users "jane" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope
// A group, extra or uid without a user is responsewriters.InternalError (500, plain text).
// On success the user is replaced: its name, uid, groups (a service account's two groups when
// none were given) and extra; system:authenticated is appended unless system:authenticated or
// system:unauthenticated is there; for system:anonymous, system:unauthenticated instead.
// The stand-in's filter_impersonation.go does the same in Go.
import { LabError } from '../pki/index.ts';
import {
  type ImpersonationAttributes,
  type ImpersonationRequest,
  impersonationAttributes,
  readImpersonationHeaders,
} from './impersonation-headers.ts';
import type { HttpHeaders } from './request-header-authenticator.ts';
import type { UserInfo } from './types.ts';

/** An RBAC PolicyRule. */
export interface RbacRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  /** Default: any name. */
  resourceNames?: string[];
}

/** The RBAC objects the table holds (as `kubectl get … -o json` prints them). */
export type RbacObject =
  | { kind: 'ClusterRole' | 'Role'; metadata: { name: string; namespace?: string }; rules: RbacRule[] }
  | {
      kind: 'ClusterRoleBinding' | 'RoleBinding';
      metadata: { name: string; namespace?: string };
      roleRef: { kind: 'ClusterRole' | 'Role'; name: string; apiGroup?: string };
      subjects: {
        kind: 'User' | 'Group' | 'ServiceAccount';
        name: string;
        namespace?: string;
        apiGroup?: string;
      }[];
    };

const has = (list: string[] | undefined, v: string) => (list ?? []).some((x) => x === v || x === '*');

/** RBAC's RuleAllows for a resource request. */
export function ruleAllows(rule: RbacRule, a: ImpersonationAttributes): boolean {
  if (!has(rule.verbs, a.verb) || !has(rule.apiGroups, a.apiGroup)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceOk = (rule.resources ?? []).some(
    (r) =>
      r === '*' ||
      r === combined ||
      (!!a.subresource && (r === `*/${a.subresource}` || r === `${a.resource}/*`)),
  );
  if (!resourceOk) return false;
  return !rule.resourceNames?.length || rule.resourceNames.includes(a.name);
}

function subjectMatches(b: Extract<RbacObject, { subjects: unknown }>, u: UserInfo): boolean {
  return b.subjects.some(
    (s) =>
      (s.kind === 'User' && s.name === u.username) ||
      (s.kind === 'Group' && u.groups.includes(s.name)) ||
      (s.kind === 'ServiceAccount' && `system:serviceaccount:${s.namespace ?? ''}:${s.name}` === u.username),
  );
}

/** Whether the table allows the user these attributes. */
export function rbacAllows(
  table: readonly RbacObject[],
  user: UserInfo,
  a: ImpersonationAttributes,
): boolean {
  for (const b of table) {
    if (b.kind !== 'ClusterRoleBinding' && b.kind !== 'RoleBinding') continue;
    if (b.kind === 'RoleBinding' && (b.metadata.namespace ?? '') !== (a.namespace ?? '')) continue;
    if (!subjectMatches(b, user)) continue;
    for (const r of table) {
      if (r.kind !== b.roleRef.kind || r.metadata.name !== b.roleRef.name) continue;
      if (r.kind === 'Role' && r.metadata.namespace !== b.metadata.namespace) continue;
      if ((r as Extract<RbacObject, { rules: unknown }>).rules.some((rule) => ruleAllows(rule, a)))
        return true;
    }
  }
  return false;
}

/** responsewriters' forbiddenMessage for a resource request. */
export function forbiddenMessage(requester: string, a: ImpersonationAttributes): string {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `User "${requester}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" ${where}`;
}

/** The filter's outcome. */
export type ImpersonationVerdict =
  /** No Impersonate-* header: the requester goes on as is. */
  | { outcome: 'none'; user: UserInfo }
  /** Allowed: the request goes on as `user`; `checked` lists what RBAC allowed. */
  | { outcome: 'impersonated'; user: UserInfo; checked: ImpersonationAttributes[] }
  /** 403: `message` is the Status message kubectl prints after "Error from server (Forbidden): ". */
  | {
      outcome: 'forbidden';
      status: 403;
      message: string;
      denied: ImpersonationAttributes;
      checked: ImpersonationAttributes[];
    }
  /** 500, plain text: a group, extra or uid without a user. */
  | { outcome: 'error'; status: 500; message: string };

/** kube-apiserver's impersonation filter for an authenticated requester and the request's headers. */
export function impersonate(p: {
  requester: UserInfo;
  headers: HttpHeaders;
  rbac: readonly RbacObject[];
  /** The request URI, for the 500 text. Default: '/'. */
  requestUri?: string;
}): ImpersonationVerdict {
  const read = readImpersonationHeaders(p.headers);
  if ('error' in read)
    return {
      outcome: 'error',
      status: 500,
      message: `Internal Server Error: "${p.requestUri ?? '/'}": ${read.error}`,
    };
  if (read.requests.length === 0) return { outcome: 'none', user: p.requester };
  const checked: ImpersonationAttributes[] = [];
  const user: UserInfo = { username: '', uid: '', groups: [], extra: {} };
  for (const r of read.requests) {
    const a = impersonationAttributes(r);
    apply(user, r, read.groupsSpecified);
    if (!rbacAllows(p.rbac, p.requester, a)) {
      const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
      return {
        outcome: 'forbidden',
        status: 403,
        message: `${qualified} "${a.name}" is forbidden: ${forbiddenMessage(p.requester.username, a)}`,
        denied: a,
        checked,
      };
    }
    checked.push(a);
  }
  if (user.username !== 'system:anonymous') {
    if (!user.groups.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated'))
      user.groups.push('system:authenticated');
  } else if (!user.groups.includes('system:unauthenticated')) user.groups.push('system:unauthenticated');
  return { outcome: 'impersonated', user, checked };
}

function apply(user: UserInfo, r: ImpersonationRequest, groupsSpecified: boolean): void {
  switch (r.kind) {
    case 'ServiceAccount':
      user.username = `system:serviceaccount:${r.namespace}:${r.name}`;
      if (!groupsSpecified) user.groups = ['system:serviceaccounts', `system:serviceaccounts:${r.namespace}`];
      break;
    case 'User':
      user.username = r.name;
      break;
    case 'Group':
      user.groups.push(r.name);
      break;
    case 'UserExtra':
      user.extra[r.extraKey ?? ''] = [...(user.extra[r.extraKey ?? ''] ?? []), r.name];
      break;
    case 'UID':
      user.uid = r.name;
      break;
  }
}

/** Reads an RBAC table from JSON (a v1 List, or an array, of the four RBAC kinds); other kinds are left out. */
export function readRbacTable(json: string): RbacObject[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new LabError('impersonation/rbac-json', `The RBAC objects are not JSON: ${(e as Error).message}`);
  }
  const items = Array.isArray(data) ? data : (data as { items?: unknown })?.items;
  if (!Array.isArray(items))
    throw new LabError(
      'impersonation/rbac-json',
      'The RBAC objects must be a v1 List (with items) or an array',
    );
  const kinds = new Set(['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding']);
  return items.filter((o): o is RbacObject => {
    if (!o || typeof o !== 'object' || !kinds.has((o as { kind?: string }).kind ?? '')) return false;
    const x = o as Record<string, unknown>;
    const meta = x.metadata as { name?: unknown } | undefined;
    if (typeof meta?.name !== 'string')
      throw new LabError('impersonation/rbac-json', `A ${String(x.kind)} has no metadata.name`);
    const objects = (v: unknown) => (Array.isArray(v) ? v.filter((r) => !!r && typeof r === 'object') : []);
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : [];
    if (x.kind === 'ClusterRole' || x.kind === 'Role')
      x.rules = objects(x.rules).map((r: Record<string, unknown>) => ({
        verbs: strings(r.verbs),
        apiGroups: strings(r.apiGroups),
        resources: strings(r.resources),
        ...(r.resourceNames !== undefined ? { resourceNames: strings(r.resourceNames) } : {}),
      }));
    else if (!x.roleRef || typeof x.roleRef !== 'object')
      throw new LabError('impersonation/rbac-json', `The ${String(x.kind)} ${meta.name} needs a roleRef`);
    else
      x.subjects = objects(x.subjects).filter(
        (j: Record<string, unknown>) =>
          typeof j.kind === 'string' &&
          typeof j.name === 'string' &&
          (j.namespace === undefined || typeof j.namespace === 'string'),
      );
    return true;
  });
}
