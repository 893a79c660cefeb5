import { toArrayBuffer } from './bytes.ts';
import { webcrypto } from './crypto.ts';
import { ecdsaRawToDer } from './ecdsa-signature.ts';
import { wrapErrorsAsync } from './errors.ts';
import { signatureSchemeFor } from './key-algorithms.ts';

/** Signs `data` with `key` as X.509 wants it; returns the signature and the AlgorithmIdentifier DER. */
export async function signBytes(
  key: CryptoKey,
  data: Uint8Array,
): Promise<{ signature: Uint8Array; algorithmIdentifier: Uint8Array }> {
  const scheme = signatureSchemeFor(key);
  const raw = new Uint8Array(
    await wrapErrorsAsync('key/sign-failed', 'The key could not sign', () =>
      webcrypto.subtle.sign(scheme.params, key, toArrayBuffer(data)),
    ),
  );
  return {
    signature: scheme.ecSize ? ecdsaRawToDer(raw) : raw,
    algorithmIdentifier: scheme.algorithmIdentifier,
  };
}
