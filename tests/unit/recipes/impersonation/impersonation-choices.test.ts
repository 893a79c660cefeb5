// The impersonation widget's engine: the command, headers and RBAC objects for the reader's choices,
// the verdict under the generated objects (allowed) and under edited ones (the first denial), and
// each bad input as a LabError at its field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeImpersonation,
  WHOAMI_FORBIDDEN,
} from '../../../../src/recipes/impersonation/impersonation-choices.ts';
import { rbacNamePart, readRbacYaml } from '../../../../src/recipes/impersonation/impersonation-rbac.ts';

describe('computeImpersonation', () => {
  it('turns the defaults into the command, the headers, and objects that allow exactly them', () => {
    const r = computeImpersonation({});
    assert.deepEqual(r.problems, {});
    assert.equal(r.whoamiCommand, 'kubectl auth whoami --as=sam --as-group=qa');
    assert.deepEqual(r.headers, [
      ['Impersonate-User', 'sam'],
      ['Impersonate-Group', 'qa'],
    ]);
    const objects = readRbacYaml(r.rbacYaml ?? '');
    assert.deepEqual(
      objects.map((o) => `${o.kind}/${o.metadata.name}`),
      ['ClusterRole/impersonate-sam', 'ClusterRoleBinding/jane-impersonate-sam'],
    );
    assert.equal(r.verdict?.outcome, 'impersonated');
    assert.equal(r.whoami, 'ATTRIBUTE   VALUE\nUsername    sam\nGroups      [qa system:authenticated]\n');
  });

  it('puts a service account in a Role of its namespace, the uid and extras in the ClusterRole', () => {
    const r = computeImpersonation({
      as: 'system:serviceaccount:dev:builder',
      asGroups: '',
      asUid: 'u-1',
      asUserExtra: 'scopes=view',
    });
    const objects = readRbacYaml(r.rbacYaml ?? '');
    assert.deepEqual(
      objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}`),
      ['ClusterRole/', 'ClusterRoleBinding/', 'Role/dev', 'RoleBinding/dev'],
    );
    assert.equal(r.verdict?.outcome, 'impersonated');
    assert.match(
      r.whoami ?? '',
      /Groups +\[system:serviceaccounts system:serviceaccounts:dev system:authenticated\]/,
    );
    assert.match(r.whoami ?? '', /Extra: scopes +\[view\]/);
    assert.ok(r.whoamiCommand?.endsWith('--as-uid=u-1 --as-user-extra=scopes=view'));
  });

  it('refuses under edited objects with kube-apiserver’s 403 text, and whoami’s own line', () => {
    const generated = computeImpersonation({}).rbacYaml ?? '';
    const r = computeImpersonation({ rbacSource: 'edited', rbac: generated.replace('- qa', '- ops') });
    assert.equal(r.verdict?.outcome, 'forbidden');
    assert.equal(r.whoami, WHOAMI_FORBIDDEN);
    assert.equal(
      r.rawError,
      'Error from server (Forbidden): groups "qa" is forbidden: User "jane" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
  });

  it('matches a Group subject against the requester’s groups', () => {
    const rbac = (computeImpersonation({}).rbacYaml ?? '').replace(
      'kind: User\n    name: jane',
      'kind: Group\n    name: developers',
    );
    assert.equal(computeImpersonation({ rbacSource: 'edited', rbac }).verdict?.outcome, 'impersonated');
    assert.equal(
      computeImpersonation({ rbacSource: 'edited', rbac, requesterGroups: 'ops' }).verdict?.outcome,
      'forbidden',
    );
  });

  for (const [inputs, field, code] of [
    [{ requester: ' ' }, 'requester', 'impersonation/no-requester'],
    [{ as: '' }, 'as', 'impersonation/no-user'],
    [{ as: '', asGroups: '' }, 'as', 'impersonation/no-as'],
    [{ asUserExtra: 'scopes' }, 'asUserExtra', 'impersonation/bad-extra'],
    [{ asGroups: 'a\u0007b' }, 'asGroups', 'impersonation/control-character'],
    [{ rbacSource: 'edited', rbac: 'a: [' }, 'rbac', 'impersonation/rbac-yaml'],
    [{ rbacSource: 'edited', rbac: '---\n' }, 'rbac', 'impersonation/rbac-empty'],
    [{ rbacSource: 'edited', rbac: 'kind: ClusterRole\n' }, 'rbac', 'impersonation/rbac-json'],
  ] as const) {
    it(`puts ${code} at ${field}`, () => {
      const r = computeImpersonation(inputs);
      assert.equal(r.problems[field]?.code, code);
    });
  }
});

describe('rbacNamePart', () => {
  it('keeps an object name to lower-case letters, digits, dots and dashes', () => {
    assert.equal(rbacNamePart('system:serviceaccount:dev:builder'), 'system-serviceaccount-dev-builder');
    assert.equal(rbacNamePart('Jane@Example.com'), 'jane-example.com');
    assert.equal(rbacNamePart(':::'), 'x');
  });
});
