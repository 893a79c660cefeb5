import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import {
  buildClusterRoleBinding,
  buildRoleBinding,
  type ClusterRoleBindingParams,
  type RoleBindingParams,
} from '../../../src/kube/index.ts';
import { thrownCode as code } from '../../support/lab-error.ts';

const RB: RoleBindingParams = {
  name: 'developers-view',
  namespace: 'dev',
  roleKind: 'ClusterRole',
  roleName: 'view',
  subjects: [{ kind: 'Group', name: 'developers' }],
};
const CRB: ClusterRoleBindingParams = {
  name: 'developers-view',
  roleName: 'view',
  subjects: [
    { kind: 'Group', name: 'developers' },
    { kind: 'User', name: 'jane' },
  ],
};

describe('buildRoleBinding', () => {
  test('binds a group to a ClusterRole in one namespace', () => {
    const { object, yaml } = buildRoleBinding(RB);
    const expected = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'developers-view', namespace: 'dev' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' }],
    };
    assert.deepEqual(object, expected);
    assert.deepEqual(parse(yaml), expected);
  });

  test('binds a user to a Role', () => {
    const { object } = buildRoleBinding({
      ...RB,
      roleKind: 'Role',
      roleName: 'pod-reader',
      subjects: [{ kind: 'User', name: 'jane' }],
    });
    assert.equal(object.roleRef.kind, 'Role');
    assert.deepEqual(object.subjects, [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' },
    ]);
  });

  test('quotes a group called no, which kubectl would otherwise read as false', () => {
    const { yaml } = buildRoleBinding({ ...RB, subjects: [{ kind: 'Group', name: 'no' }] });
    assert.match(yaml, /name: "no"/);
  });

  test('allows colons in names, as RBAC does', () => {
    assert.doesNotThrow(() =>
      buildRoleBinding({
        ...RB,
        name: 'kubeadm:developers',
        subjects: [{ kind: 'Group', name: 'kubeadm:cluster-admins' }],
      }),
    );
  });

  const bad: [string, Partial<RoleBindingParams>, string][] = [
    [
      'system:masters as a group',
      { subjects: [{ kind: 'Group', name: 'system:masters' }] },
      'rbac/system-masters',
    ],
    [
      'system:masters among other groups',
      {
        subjects: [
          { kind: 'User', name: 'jane' },
          { kind: 'Group', name: 'system:masters' },
        ],
      },
      'rbac/system-masters',
    ],
    ['no subjects', { subjects: [] }, 'rbac/no-subjects'],
    [
      'a ServiceAccount subject',
      { subjects: [{ kind: 'ServiceAccount' as 'User', name: 'x' }] },
      'rbac/bad-subject-kind',
    ],
    ['an empty subject name', { subjects: [{ kind: 'User', name: ' ' }] }, 'rbac/bad-subject-name'],
    ['a binding name with a slash', { name: 'a/b' }, 'rbac/bad-name'],
    ['an empty binding name', { name: '' }, 'rbac/bad-name'],
    ['a role name of ..', { roleName: '..' }, 'rbac/bad-name'],
    ['a role name with %', { roleName: 'a%b' }, 'rbac/bad-name'],
    ['an upper-case namespace', { namespace: 'Dev' }, 'rbac/bad-namespace'],
    ['an empty namespace', { namespace: '' }, 'rbac/bad-namespace'],
    ['a bad role kind', { roleKind: 'Group' as 'Role' }, 'rbac/bad-role-kind'],
  ];
  for (const [what, change, expected] of bad) {
    test(`refuses ${what} with ${expected}`, () => {
      assert.equal(
        code(() => buildRoleBinding({ ...RB, ...change })),
        expected,
      );
    });
  }
});

describe('buildClusterRoleBinding', () => {
  test('binds a group and a user to a ClusterRole cluster-wide', () => {
    const { object, yaml } = buildClusterRoleBinding(CRB);
    const expected = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'developers-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' },
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' },
      ],
    };
    assert.deepEqual(object, expected);
    assert.deepEqual(parse(yaml), expected);
  });

  const bad: [string, Partial<ClusterRoleBindingParams>, string][] = [
    ['a Role', { roleKind: 'Role' as 'ClusterRole' }, 'rbac/cluster-binding-needs-cluster-role'],
    ['system:masters', { subjects: [{ kind: 'Group', name: 'system:masters' }] }, 'rbac/system-masters'],
    ['no subjects', { subjects: [] }, 'rbac/no-subjects'],
    ['a bad name', { name: 'x/y' }, 'rbac/bad-name'],
  ];
  for (const [what, change, expected] of bad) {
    test(`refuses ${what} with ${expected}`, () => {
      assert.equal(
        code(() => buildClusterRoleBinding({ ...CRB, ...change })),
        expected,
      );
    });
  }
});
