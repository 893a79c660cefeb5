// One way to name a key wherever the site shows one: "RSA" with its bits, "ECDSA P-256",
// "Ed25519", or the name of a type the browser cannot use ("ECDSA secp256k1", "DSA", "Ed448", …).
// Widgets put the RSA size into their own words ("RSA 2048 bit", "RSA 2048비트").

/** What is known of a key: its algorithm, RSA bits, the curve (name or OID), the algorithm OID. */
export interface KeyFacts {
  /** 'RSA', 'EC', 'Ed25519', or another algorithm's name; '' when only the OID is known. */
  algorithm?: string;
  /** RSA: the modulus length. Ignored for other keys. */
  bits?: number;
  /** EC: 'P-256', 'P-384', or a curve OID. */
  curve?: string;
  /** The key's algorithm OID, used when the algorithm has no name here. */
  oid?: string;
}

/** A key named for the reader: RSA keeps its size apart so that it can be put in words. */
export type KeyName = { kind: 'rsa'; bits?: number } | { kind: 'named'; name: string };

const BY_OID: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.113549.1.3.1': 'Diffie-Hellman',
  '1.2.840.10046.2.1': 'Diffie-Hellman (X9.42)',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.156.10197.1.301': 'SM2',
};

const CURVES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.10': 'secp256k1',
  '1.3.132.0.33': 'P-224',
  '1.3.132.0.35': 'P-521',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
};

/** The key's name; undefined when the facts name no key type at all. */
export function describeKey(k: KeyFacts): KeyName | undefined {
  const algorithm = k.algorithm || (k.oid ? BY_OID[k.oid] : undefined);
  if (algorithm === 'RSA') return k.bits === undefined ? { kind: 'rsa' } : { kind: 'rsa', bits: k.bits };
  if (algorithm === 'EC' || (k.curve !== undefined && k.curve !== '')) {
    const curve = k.curve ? (CURVES[k.curve] ?? k.curve) : '?';
    return { kind: 'named', name: `ECDSA ${curve}` };
  }
  if (algorithm && algorithm !== 'unknown') return { kind: 'named', name: algorithm };
  if (k.oid) return { kind: 'named', name: BY_OID[k.oid] ?? `OID ${k.oid}` };
  return undefined;
}
