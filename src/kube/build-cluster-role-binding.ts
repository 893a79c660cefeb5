import { stringify } from 'yaml';
import { LabError } from '../pki/errors.ts';
import {
  checkRbacName,
  RBAC_API_GROUP,
  type RbacSubject,
  type RbacSubjectObject,
  subjectObjects,
} from './rbac-binding.ts';

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
export interface ClusterRoleBindingObject {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'ClusterRoleBinding';
  metadata: { name: string };
  roleRef: { apiGroup: typeof RBAC_API_GROUP; kind: 'ClusterRole'; name: string };
  subjects: RbacSubjectObject[];
}

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
  checkRbacName('roleName', params.roleName);
  const object: ClusterRoleBindingObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: params.name },
    roleRef: { apiGroup: RBAC_API_GROUP, kind: 'ClusterRole', name: params.roleName },
    subjects: subjectObjects(params.subjects),
  };
  return { object, yaml: stringify(object, { version: '1.1', lineWidth: 0 }) };
}
