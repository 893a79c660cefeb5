import { stringify } from 'yaml';
import { LabError } from '../pki/errors.ts';
import { isDnsLabel } from './names.ts';
import {
  checkRbacName,
  RBAC_API_GROUP,
  type RbacSubject,
  type RbacSubjectObject,
  subjectObjects,
} from './rbac-binding.ts';

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
export interface RoleBindingObject {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'RoleBinding';
  metadata: { name: string; namespace: string };
  roleRef: { apiGroup: typeof RBAC_API_GROUP; kind: 'ClusterRole' | 'Role'; name: string };
  subjects: RbacSubjectObject[];
}

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
  checkRbacName('roleName', params.roleName);
  const object: RoleBindingObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: params.name, namespace: params.namespace },
    roleRef: { apiGroup: RBAC_API_GROUP, kind: params.roleKind, name: params.roleName },
    subjects: subjectObjects(params.subjects),
  };
  return { object, yaml: stringify(object, { version: '1.1', lineWidth: 0 }) };
}
