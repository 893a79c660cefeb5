// The group system:masters: kube-apiserver's authorizer lets its members do anything before RBAC is
// asked, and no binding grants it, so no binding can be removed to take it away. One name and one
// English wording for every rule that warns about it or refuses it (widgets show theirs by code).

/** The group that bypasses authorization. */
export const SYSTEM_MASTERS = 'system:masters';

/** Why it is dangerous, as the engine's messages say it. */
export const SYSTEM_MASTERS_RISK =
  'The group system:masters bypasses all authorization, and removing bindings cannot take it away';

/** True when `groups` holds system:masters. */
export function includesSystemMasters(groups: readonly string[]): boolean {
  return groups.includes(SYSTEM_MASTERS);
}
