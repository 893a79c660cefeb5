// `kubectl auth whoami` for a user a token authenticator derived (src/kube's whoamiPreview).
import { whoamiPreview } from '../kube/whoami-preview.ts';
import type { UserInfo } from './types.ts';

/** The exact text `kubectl auth whoami` prints for this user (system:authenticated added if missing). */
export function whoamiForUser(user: UserInfo): string {
  return whoamiPreview({ user: user.username, groups: user.groups, uid: user.uid, extra: user.extra });
}
