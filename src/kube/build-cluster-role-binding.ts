import { LabError } from '../pki/errors.ts';
import { checkRbacName, type RbacBindingObject, type RbacSubject, writeBinding } from './rbac-binding.ts';

/** What buildClusterRoleBinding takes. */
export interface ClusterRoleBindingParams {
  /** Binding name, e.g. "developers-view". */
  name: string;
  /** A ClusterRoleBinding can only refer to a ClusterRole. Default: 'ClusterRole'. */
  roleKind?: 'ClusterRole';
  /** e.g. the built-in "view", "edit", "admin". */
  roleName: string;
  subjects: RbacSubject[];
}

/** A ClusterRoleBinding object. */
export type ClusterRoleBindingObject = RbacBindingObject<
  'ClusterRoleBinding',
  { name: string },
  'ClusterRole'
>;

/** Builds a cluster-wide ClusterRoleBinding (rbac.authorization.k8s.io/v1) and its YAML. */
export function buildClusterRoleBinding(params: ClusterRoleBindingParams): {
  object: ClusterRoleBindingObject;
  yaml: string;
} {
  checkRbacName('name', params.name);
  const roleKind: string = params.roleKind ?? 'ClusterRole';
  if (roleKind !== 'ClusterRole') {
    throw new LabError(
      'rbac/cluster-binding-needs-cluster-role',
      `a ClusterRoleBinding can only refer to a ClusterRole, not a ${JSON.stringify(roleKind)}: use a RoleBinding for a Role`,
      { field: 'roleKind' },
    );
  }
  return writeBinding(
    'ClusterRoleBinding',
    { name: params.name },
    'ClusterRole',
    params.roleName,
    params.subjects,
  );
}
