// The RBAC objects that allow one impersonation and nothing more (lesson 5.4): for each thing
// kube-apiserver's impersonation filter authorizes (src/tokens impersonationAttributes) one rule
// with verb impersonate, its resource and the value as the only resourceName. Users, groups, uids
// and extras are cluster-wide, so they go in a ClusterRole bound by a ClusterRoleBinding; a service
// account is checked in its namespace, so it goes in a Role and RoleBinding there (a ClusterRole
// would allow that name in every namespace). The reader's own YAML (edited in the widget, several
// documents or a v1 List) is read back into the same table.
import { parseAllDocuments, stringify } from 'yaml';
import { LabError } from '../../pki/errors.ts';
import { type RbacObject, type RbacRule, readRbacTable } from '../../tokens/impersonation-authorize.ts';
import type { ImpersonationAttributes } from '../../tokens/impersonation-headers.ts';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A name the RBAC objects can carry: lower-case, [a-z0-9-.], other runs as '-', at most 63 characters. */
export function rbacNamePart(value: string): string {
  const slug = value
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return (slug || 'x').slice(0, 63).replace(/[-.]+$/, '');
}

/** One rule per attribute, the API group and resource as RBAC writes them, the value as its only name. */
function ruleFor(a: ImpersonationAttributes): RbacRule {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return { apiGroups: [a.apiGroup], resources: [resource], resourceNames: [a.name], verbs: ['impersonate'] };
}

/** Rules for the same API group and resource become one rule with all their names. */
function mergeRules(rules: RbacRule[]): RbacRule[] {
  const out: RbacRule[] = [];
  for (const r of rules) {
    const same = out.find(
      (o) => o.apiGroups?.[0] === r.apiGroups?.[0] && o.resources?.[0] === r.resources?.[0],
    );
    if (!same) out.push({ ...r, resourceNames: [...(r.resourceNames ?? [])] });
    else
      for (const n of r.resourceNames ?? [])
        if (!same.resourceNames?.includes(n)) same.resourceNames?.push(n);
  }
  return out;
}

/** What impersonationRbac takes. */
export interface ImpersonationRbacParams {
  /** The real user, the one subject of the bindings. */
  requester: string;
  /** The impersonated user as typed (names the objects). */
  as: string;
  /** What the filter will authorize (impersonationAttributes of each request). */
  attributes: ImpersonationAttributes[];
}

/** The Role/ClusterRole and binding objects (as the API returns them) and their YAML, one document each. */
export function impersonationRbac(p: ImpersonationRbacParams): { objects: RbacObject[]; yaml: string } {
  const base = `impersonate-${rbacNamePart(p.as)}`;
  const binding = `${rbacNamePart(p.requester)}-${base}`;
  const subject = { apiGroup: RBAC_GROUP, kind: 'User' as const, name: p.requester };
  const objects: (RbacObject & { apiVersion: string })[] = [];
  const cluster = mergeRules(p.attributes.filter((a) => !a.namespace).map(ruleFor));
  if (cluster.length) {
    objects.push(
      { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: { name: base }, rules: cluster },
      {
        apiVersion: RBAC_V1,
        kind: 'ClusterRoleBinding',
        metadata: { name: binding },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: base },
        subjects: [subject],
      },
    );
  }
  for (const a of p.attributes.filter((x) => x.namespace)) {
    const namespace = a.namespace ?? '';
    objects.push(
      { apiVersion: RBAC_V1, kind: 'Role', metadata: { name: base, namespace }, rules: [ruleFor(a)] },
      {
        apiVersion: RBAC_V1,
        kind: 'RoleBinding',
        metadata: { name: binding, namespace },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: base },
        subjects: [subject],
      },
    );
  }
  const yaml = objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
  return { objects, yaml };
}

/** Reads RBAC objects from YAML (documents separated by ---, or one v1 List) or JSON into the filter's table. */
export function readRbacYaml(text: string): RbacObject[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const items: unknown[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0].line ?? 0;
      throw new LabError(
        'impersonation/rbac-yaml',
        `The RBAC YAML does not parse (line ${line}): ${error.message}`,
        {
          line,
        },
      );
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const listItems = (value as { kind?: unknown; items?: unknown }).items;
    if ((value as { kind?: unknown }).kind === 'List' && Array.isArray(listItems)) items.push(...listItems);
    else items.push(value);
  }
  if (!items.length)
    throw new LabError('impersonation/rbac-empty', 'The RBAC YAML holds no ClusterRole, Role or binding');
  return readRbacTable(JSON.stringify(items));
}
