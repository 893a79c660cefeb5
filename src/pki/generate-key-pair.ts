import { webcrypto } from './crypto.ts';
import { LabError, wrapErrorsAsync } from './errors.ts';
import { checkAlgorithm, generateParams } from './key-algorithms.ts';
import { runtimeName, supportsEd25519 } from './supports-ed25519.ts';
import type { KeyAlgorithm } from './types.ts';
import { DEFAULT_KEY_ALGORITHM } from './types.ts';

/** A fresh key pair and the algorithm it was made for. */
export interface GeneratedKeyPair {
  algorithm: KeyAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** Generates an extractable signing key pair (default RSA-2048); Ed25519 only where the runtime has it. */
export async function generateKeyPair(
  algorithm: KeyAlgorithm = DEFAULT_KEY_ALGORITHM,
): Promise<GeneratedKeyPair> {
  checkAlgorithm(algorithm);
  if (algorithm === 'Ed25519' && !(await supportsEd25519())) {
    throw new LabError(
      'key/unsupported-algorithm',
      `Ed25519 keys are not available in ${runtimeName()}; choose ECDSA-P256 or RSA-2048 instead`,
      { algorithm, field: 'algorithm' },
    );
  }
  const pair = (await wrapErrorsAsync(
    'key/unsupported-algorithm',
    `${algorithm} keys could not be generated`,
    () => webcrypto.subtle.generateKey(generateParams(algorithm), true, ['sign', 'verify']),
  )) as CryptoKeyPair;
  return { algorithm, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/**
 * `given` when it was made for `algorithm` (a key made ahead of time, e.g. while the reader fills a
 * form), else a fresh key pair. A key made for another algorithm is never used.
 */
export function keyPairFor(
  algorithm: KeyAlgorithm = DEFAULT_KEY_ALGORITHM,
  given?: GeneratedKeyPair,
): Promise<GeneratedKeyPair> {
  return given?.algorithm === algorithm ? Promise.resolve(given) : generateKeyPair(algorithm);
}
