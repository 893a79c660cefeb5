// How each KeyAlgorithm maps to WebCrypto: the generate parameters, and how a key of each kind signs
// certificates (RSASSA-PKCS1-v1_5 with SHA-256 — what openssl, kubeadm and Go expect, not PSS;
// ECDSA with the hash that matches the curve; pure Ed25519).
import { derNull, oid, seq } from './der.ts';
import { LabError } from './errors.ts';
import { OID } from './oids.ts';
import type { KeyAlgorithm } from './types.ts';
import { KEY_ALGORITHMS } from './types.ts';

/** The WebCrypto generateKey parameters for a KeyAlgorithm. */
export function generateParams(algorithm: KeyAlgorithm): RsaHashedKeyGenParams | EcKeyGenParams | Algorithm {
  switch (algorithm) {
    case 'RSA-2048':
    case 'RSA-3072':
    case 'RSA-4096':
      return {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: Number(algorithm.slice(4)),
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      };
    case 'ECDSA-P256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case 'ECDSA-P384':
      return { name: 'ECDSA', namedCurve: 'P-384' };
    case 'Ed25519':
      return { name: 'Ed25519' };
  }
}

/** Throws `params/invalid-algorithm` unless `value` is one of KEY_ALGORITHMS. */
export function checkAlgorithm(value: unknown): KeyAlgorithm {
  if (typeof value === 'string' && (KEY_ALGORITHMS as readonly string[]).includes(value))
    return value as KeyAlgorithm;
  throw new LabError(
    'params/invalid-algorithm',
    `Key algorithm ${JSON.stringify(value)} is not one of ${KEY_ALGORITHMS.join(', ')}`,
    { field: 'algorithm' },
  );
}

/** How a CryptoKey signs an X.509 structure. */
export interface SignatureScheme {
  /** The AlgorithmIdentifier DER written into the certificate or CSR. */
  algorithmIdentifier: Uint8Array;
  /** The WebCrypto sign/verify parameters. */
  params: AlgorithmIdentifier | EcdsaParams;
  /** For ECDSA: the size of r and s in bytes (WebCrypto signs r||s, X.509 wants DER). */
  ecSize?: number;
}

/** The signature scheme for a private key: RSA→sha256WithRSAEncryption, P-256→ecdsa-with-SHA256, … */
export function signatureSchemeFor(key: CryptoKey): SignatureScheme {
  const alg = key.algorithm as { name: string; namedCurve?: string };
  switch (alg.name) {
    case 'RSASSA-PKCS1-v1_5':
      return {
        algorithmIdentifier: seq(oid(OID.sha256WithRSA), derNull()),
        params: { name: 'RSASSA-PKCS1-v1_5' },
      };
    case 'ECDSA':
      if (alg.namedCurve === 'P-256') {
        return {
          algorithmIdentifier: seq(oid(OID.ecdsaWithSHA256)),
          params: { name: 'ECDSA', hash: 'SHA-256' },
          ecSize: 32,
        };
      }
      if (alg.namedCurve === 'P-384') {
        return {
          algorithmIdentifier: seq(oid(OID.ecdsaWithSHA384)),
          params: { name: 'ECDSA', hash: 'SHA-384' },
          ecSize: 48,
        };
      }
      break;
    case 'Ed25519':
      return { algorithmIdentifier: seq(oid(OID.ed25519)), params: { name: 'Ed25519' } };
  }
  throw new LabError(
    'key/unsupported-algorithm',
    `Keys of type ${alg.name}${alg.namedCurve ? ` ${alg.namedCurve}` : ''} cannot sign here; use RSA, ECDSA P-256/P-384 or Ed25519`,
  );
}
