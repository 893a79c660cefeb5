// Shared shapes of src/tokens: the user an authenticator derives, and an authenticator's verdict
// as kube-apiserver's authenticator.Token interface returns it — (response, ok, err) — where
// "not mine" (nil, false, nil) and "mine but refused" (nil, false, err) are different things: the
// union tries the next authenticator after either, but only errors are reported.

/** user.Info: what `kubectl auth whoami` shows (SelfSubjectReview status.userInfo). */
export interface UserInfo {
  username: string;
  /** Empty when the authenticator sets none. */
  uid: string;
  /** As the authenticator made them, before system:authenticated is added. */
  groups: string[];
  /** Extra attributes; keys as kube-apiserver spells them. */
  extra: Record<string, string[]>;
}

/** One token authenticator's verdict on one token. */
export type TokenVerdict =
  /** (nil, false, nil): the token is not this authenticator's; nothing is logged. */
  | { kind: 'not-mine'; why: string }
  /** (nil, false, err): refused; `error` is err.Error() exactly as kube-apiserver logs it. */
  | { kind: 'error'; error: string }
  /** (resp, true, nil). */
  | { kind: 'ok'; user: UserInfo };

/** The names of the token authenticators, in kube-apiserver's order (config.go Config.New). */
export type TokenAuthenticatorName =
  | 'token-file'
  | 'legacy-service-account'
  | 'service-account'
  | 'bootstrap-token'
  | 'oidc'
  | 'webhook';

/** A token authenticator: async because JWT signatures are checked with WebCrypto. */
export interface TokenAuthenticator {
  name: TokenAuthenticatorName;
  authenticate(token: string): Promise<TokenVerdict>;
}

/** The extra keys kube-apiserver sets (k8s.io/apiserver/pkg/authentication/serviceaccount, user). */
export const EXTRA = {
  credentialId: 'authentication.kubernetes.io/credential-id',
  podName: 'authentication.kubernetes.io/pod-name',
  podUid: 'authentication.kubernetes.io/pod-uid',
  nodeName: 'authentication.kubernetes.io/node-name',
  nodeUid: 'authentication.kubernetes.io/node-uid',
} as const;
