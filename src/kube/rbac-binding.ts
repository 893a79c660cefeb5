// The parts a RoleBinding and a ClusterRoleBinding share: the subject list and name checks.
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
