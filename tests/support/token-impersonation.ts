// The impersonation tests' requester and RBAC table (inputs, not expectations): bob, authenticated
// by his client certificate, and a ClusterRole bound to him that lets him impersonate the user jane
// and the group devs, plus one more rule each test chooses.
import type { RbacObject, RbacRule } from '../../src/tokens/impersonation-authorize.ts';

/** bob as the authenticators leave him: no uid, system:authenticated, no extras. */
export const BOB = { username: 'bob', uid: '', groups: ['system:authenticated'], extra: {} };

/** The ClusterRole impersonate-jane (users jane, groups devs, and `rule`) and its binding to bob. */
export function bobImpersonatesJane(rule: RbacRule): RbacObject[] {
  return [
    {
      kind: 'ClusterRole',
      metadata: { name: 'impersonate-jane' },
      rules: [
        { verbs: ['impersonate'], apiGroups: [''], resources: ['users'], resourceNames: ['jane'] },
        { verbs: ['impersonate'], apiGroups: [''], resources: ['groups'], resourceNames: ['devs'] },
        rule,
      ],
    },
    {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'bob-impersonates-jane' },
      roleRef: { kind: 'ClusterRole', name: 'impersonate-jane' },
      subjects: [{ kind: 'User', name: 'bob' }],
    },
  ];
}
