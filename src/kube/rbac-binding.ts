// The parts a RoleBinding and a ClusterRoleBinding share: the subject list and name checks, and the
// object with its YAML.
import { stringify } from 'yaml';
import { LabError } from '../pki/errors.ts';
import { SYSTEM_MASTERS, SYSTEM_MASTERS_RISK } from '../pki/system-masters.ts';
import { hasControlCharacter, isPathSegmentName } from './names.ts';

/** The API group of RBAC objects, written on roleRef and on each subject. */
export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/** A user (the certificate's CN) or a group (one of its O values). */
export interface RbacSubject {
  kind: 'User' | 'Group';
  name: string;
}

/** A subject as written in a binding. */
export interface RbacSubjectObject {
  apiGroup: typeof RBAC_API_GROUP;
  kind: 'User' | 'Group';
  name: string;
}

/** Refuses a binding or role name that the RBAC API would reject. */
export function checkRbacName(field: string, value: string): void {
  if (!isPathSegmentName(value) || hasControlCharacter(value)) {
    throw new LabError(
      'rbac/bad-name',
      `${field} ${JSON.stringify(value)} is not a valid RBAC name: use 1–253 characters without '/' or '%', e.g. "developers-view"`,
      { field, value },
    );
  }
}

/** Checks the subjects and writes them with their apiGroup; refuses `system:masters`. */
export function subjectObjects(subjects: RbacSubject[]): RbacSubjectObject[] {
  if (subjects.length === 0) {
    throw new LabError('rbac/no-subjects', 'a binding needs at least one subject (a User or a Group)', {
      field: 'subjects',
    });
  }
  return subjects.map((s, i) => {
    const field = `subjects[${i}]`;
    if (s.kind !== 'User' && s.kind !== 'Group') {
      throw new LabError(
        'rbac/bad-subject-kind',
        `${field}.kind ${JSON.stringify(s.kind)} is not supported here: use "User" or "Group"`,
        { field: `${field}.kind` },
      );
    }
    if (typeof s.name !== 'string' || s.name.trim() === '' || hasControlCharacter(s.name)) {
      throw new LabError('rbac/bad-subject-name', `${field}.name must be a non-empty user or group name`, {
        field: `${field}.name`,
      });
    }
    if (s.kind === 'Group' && s.name === SYSTEM_MASTERS) {
      throw new LabError(
        'rbac/system-masters',
        `${SYSTEM_MASTERS_RISK}, so binding it grants nothing: put the user in an ordinary group and bind that group to a role instead`,
        { field: `${field}.name` },
      );
    }
    return { apiGroup: RBAC_API_GROUP, kind: s.kind, name: s.name };
  });
}

/** A RoleBinding or ClusterRoleBinding object (rbac.authorization.k8s.io/v1). */
export interface RbacBindingObject<K extends string, M, R extends string> {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: K;
  metadata: M;
  roleRef: { apiGroup: typeof RBAC_API_GROUP; kind: R; name: string };
  subjects: RbacSubjectObject[];
}

/** Checks the role's name and the subjects (after the binding's own checks), then writes the binding and its YAML. */
export function writeBinding<K extends string, M, R extends string>(
  kind: K,
  metadata: M,
  roleKind: R,
  roleName: string,
  subjects: RbacSubject[],
): { object: RbacBindingObject<K, M, R>; yaml: string } {
  checkRbacName('roleName', roleName);
  const object: RbacBindingObject<K, M, R> = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata,
    roleRef: { apiGroup: RBAC_API_GROUP, kind: roleKind, name: roleName },
    subjects: subjectObjects(subjects),
  };
  return { object, yaml: stringify(object, { version: '1.1', lineWidth: 0 }) };
}
