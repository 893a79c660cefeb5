import { LabError } from '../pki/errors.ts';
import { isDnsLabel } from './names.ts';
import { checkRbacName, type RbacBindingObject, type RbacSubject, writeBinding } from './rbac-binding.ts';

/** What buildRoleBinding takes. */
export interface RoleBindingParams {
  /** Binding name, e.g. "developers-view". */
  name: string;
  /** Namespace the binding (and the permissions) apply in, e.g. "dev". */
  namespace: string;
  /** 'ClusterRole' (e.g. the built-in "view", "edit") or a 'Role' in the same namespace. */
  roleKind: 'ClusterRole' | 'Role';
  roleName: string;
  subjects: RbacSubject[];
}

/** A RoleBinding object. */
export type RoleBindingObject = RbacBindingObject<
  'RoleBinding',
  { name: string; namespace: string },
  'ClusterRole' | 'Role'
>;

/** Builds a namespaced RoleBinding (rbac.authorization.k8s.io/v1) and its YAML. */
export function buildRoleBinding(params: RoleBindingParams): { object: RoleBindingObject; yaml: string } {
  checkRbacName('name', params.name);
  if (!isDnsLabel(params.namespace)) {
    throw new LabError(
      'rbac/bad-namespace',
      `namespace ${JSON.stringify(params.namespace)} is not a valid namespace: use lower-case letters, digits and '-', e.g. "dev"`,
      { field: 'namespace', value: params.namespace },
    );
  }
  if (params.roleKind !== 'ClusterRole' && params.roleKind !== 'Role') {
    throw new LabError(
      'rbac/bad-role-kind',
      `roleKind ${JSON.stringify(params.roleKind)} is not "ClusterRole" or "Role"`,
      { field: 'roleKind' },
    );
  }
  return writeBinding(
    'RoleBinding',
    { name: params.name, namespace: params.namespace },
    params.roleKind,
    params.roleName,
    params.subjects,
  );
}
