// The ID token claims the OIDC tests mint for alice (inputs, the predicted verdicts come from the engine).
import { type IdTokenClaimsParams, idTokenClaims } from '../../src/tokens/index.ts';

/**
 * alice's claims for `issuer`, audience kubernetes, with email alice@example.com and the extra
 * claim hd=example.com (what --oidc-username-claim=email and --oidc-required-claim=hd=example.com
 * look at); `over` replaces any of them.
 */
export function aliceEmailClaims(issuer: string, over: IdTokenClaimsParams): Record<string, unknown> {
  return idTokenClaims({
    issuer,
    audience: 'kubernetes',
    sub: 'alice',
    email: 'alice@example.com',
    extra: { hd: 'example.com' },
    ...over,
  });
}
