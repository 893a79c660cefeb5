// A legacy service-account token as the unit tests sign it (an input; what it must come to is in
// each test): the ServiceAccount builder in the namespace lab, from the Secret builder-token.
import { legacyServiceAccountClaims, signJwt } from '../../src/tokens/index.ts';

/** The ServiceAccount the token names. */
export const BUILDER_SA = { name: 'builder', uid: '5b4f0e4c-3c3a-4f0e-9d55-0d2f8a1e7c11' };

/** The claims of builder's legacy token from the Secret builder-token. */
export function legacyBuilderClaims(): Record<string, unknown> {
  return legacyServiceAccountClaims({
    namespace: 'lab',
    serviceAccount: BUILDER_SA,
    secretName: 'builder-token',
  });
}

/** legacyBuilderClaims signed with `privateKey`. */
export function legacyBuilderToken(privateKey: CryptoKey): Promise<string> {
  return signJwt({ claims: legacyBuilderClaims(), privateKey });
}
