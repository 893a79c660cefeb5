// The CertificateSigningRequest API's rule for spec.expirationSeconds: a whole number of seconds, at
// least 600 (the API refuses less), at most what its int32 field holds. The kube-apiserver-client
// signer then caps it at kube-controller-manager's --cluster-signing-duration (one year by default).

/** The smallest `expirationSeconds` the API accepts (10 minutes). */
export const MIN_EXPIRATION_SECONDS = 600;

/** The largest `expirationSeconds` the API can store (its field is an int32). */
export const MAX_EXPIRATION_SECONDS = 2_147_483_647;

/** kube-controller-manager's default --cluster-signing-duration (8760h): the signer issues no longer. */
export const DEFAULT_SIGNING_DURATION_SECONDS = 31_536_000;

/** What a typed expirationSeconds is to the API: unusable, below its minimum, beyond the signer's default cap, or fine. */
export type ExpirationSecondsVerdict = 'not-a-number' | 'too-short' | 'capped' | 'ok';

/** The verdict on `value` (a number, or the digits a reader typed). */
export function expirationSecondsVerdict(value: number | string): ExpirationSecondsVerdict {
  if (typeof value === 'string' && !/^\d+$/.test(value.trim())) return 'not-a-number';
  const seconds = Number(value);
  if (!Number.isSafeInteger(seconds) || seconds > MAX_EXPIRATION_SECONDS) return 'not-a-number';
  if (seconds < MIN_EXPIRATION_SECONDS) return 'too-short';
  return seconds > DEFAULT_SIGNING_DURATION_SECONDS ? 'capped' : 'ok';
}
