// Impersonation as kube-apiserver's filter decides it: kubectl's --as flags become Impersonate-*
// headers, each one is checked with verb impersonate against the RBAC table, the first denial is
// kube-apiserver's 403 text, and the new user gets system:authenticated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLabError } from '../../../src/pki/index.ts';
import { impersonate, type RbacObject, readRbacTable } from '../../../src/tokens/impersonation-authorize.ts';
import { impersonationHeaders, readImpersonationHeaders } from '../../../src/tokens/impersonation-headers.ts';
import { BOB, bobImpersonatesJane } from '../../support/token-impersonation.ts';

const RBAC: RbacObject[] = bobImpersonatesJane({
  verbs: ['impersonate'],
  apiGroups: ['authentication.k8s.io'],
  resources: ['userextras/scopes'],
});
const run = (flags: Parameters<typeof impersonationHeaders>[0]) =>
  impersonate({ requester: BOB, headers: impersonationHeaders(flags), rbac: RBAC, requestUri: '/api' });

describe('impersonation', () => {
  it('sends the headers kubectl sends for --as, --as-uid, --as-group and --as-user-extra', () => {
    assert.deepEqual(
      impersonationHeaders({
        as: 'jane',
        asUid: 'u1',
        asGroups: ['devs', 'ops'],
        asUserExtra: ['scopes=view'],
      }),
      [
        ['Impersonate-User', 'jane'],
        ['Impersonate-Uid', 'u1'],
        ['Impersonate-Group', 'devs'],
        ['Impersonate-Group', 'ops'],
        ['Impersonate-Extra-scopes', 'view'],
      ],
    );
    assert.throws(
      () => impersonationHeaders({ asGroups: ['devs'] }),
      (e) => isLabError(e, 'impersonation/no-user'),
    );
    assert.throws(
      () => impersonationHeaders({ as: 'x', asUserExtra: ['novalue'] }),
      (e) => isLabError(e, 'impersonation/bad-extra'),
    );
  });
  it('allows what the ClusterRole names and makes the request jane with system:authenticated', () => {
    const v = run({ as: 'jane', asGroups: ['devs'], asUserExtra: ['scopes=view'] });
    assert.equal(v.outcome, 'impersonated');
    assert.deepEqual(v.outcome === 'impersonated' && v.user, {
      username: 'jane',
      uid: '',
      groups: ['devs', 'system:authenticated'],
      extra: { scopes: ['view'] },
    });
  });
  it('refuses another user with kube-apiserver’s 403 text', () => {
    const v = run({ as: 'admin' });
    assert.equal(v.outcome, 'forbidden');
    assert.equal(
      v.outcome === 'forbidden' && v.message,
      'users "admin" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });
  it('refuses a group the role does not name, system:masters included', () => {
    const v = run({ as: 'jane', asGroups: ['system:masters'] });
    assert.equal(
      v.outcome === 'forbidden' && v.message,
      'groups "system:masters" is forbidden: User "bob" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
  });
  it('checks a uid and a service account with their own resources', () => {
    const uid = run({ as: 'jane', asUid: 'u1' });
    assert.equal(
      uid.outcome === 'forbidden' && uid.message,
      'uids.authentication.k8s.io "u1" is forbidden: User "bob" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope',
    );
    const sa = run({ as: 'system:serviceaccount:dev:builder' });
    assert.equal(
      sa.outcome === 'forbidden' && sa.message,
      'serviceaccounts "builder" is forbidden: User "bob" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "dev"',
    );
  });
  it('gives a service account its groups when none are impersonated', () => {
    const rbac: RbacObject[] = [
      {
        kind: 'ClusterRole',
        metadata: { name: 'all' },
        rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      },
      {
        kind: 'ClusterRoleBinding',
        metadata: { name: 'b' },
        roleRef: { kind: 'ClusterRole', name: 'all' },
        subjects: [{ kind: 'Group', name: 'system:authenticated' }],
      },
    ];
    const v = impersonate({
      requester: BOB,
      headers: impersonationHeaders({ as: 'system:serviceaccount:dev:builder' }),
      rbac,
    });
    assert.deepEqual(v.outcome === 'impersonated' && v.user.groups, [
      'system:serviceaccounts',
      'system:serviceaccounts:dev',
      'system:authenticated',
    ]);
  });
  it('answers a group without a user with the 500 kube-apiserver sends', () => {
    const v = impersonate({
      requester: BOB,
      headers: [['Impersonate-Group', 'devs']],
      rbac: RBAC,
      requestUri: '/api',
    });
    assert.deepEqual(v, {
      outcome: 'error',
      status: 500,
      message: 'Internal Server Error: "/api": requested [{Group  devs    }] without impersonating a user',
    });
  });
  it('reads extra keys lower-cased and unescaped', () => {
    const r = readImpersonationHeaders([
      ['Impersonate-User', 'jane'],
      ['Impersonate-Extra-Acme.com%2FProject', 'x'],
    ]);
    assert.ok(!('error' in r));
    assert.deepEqual('requests' in r && r.requests[1], {
      kind: 'UserExtra',
      name: 'x',
      extraKey: 'acme.com/project',
    });
  });
  it('reads an RBAC table from kubectl’s JSON and refuses what is not one', () => {
    assert.equal(readRbacTable(JSON.stringify({ kind: 'List', items: RBAC })).length, 2);
    assert.throws(
      () => readRbacTable('{'),
      (e) => isLabError(e, 'impersonation/rbac-json'),
    );
    assert.throws(
      () => readRbacTable('{"items":[{"kind":"ClusterRole"}]}'),
      (e) => isLabError(e, 'impersonation/rbac-json'),
    );
  });
});
