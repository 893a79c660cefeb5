// The name of a private key's type from the details of a key/unsupported-algorithm LabError ({curve},
// {oid} or {algorithm}), so that a widget can say which key the reader gave and that the browser
// cannot use it, rather than asking a reader who chose nothing to "choose another algorithm".

const BY_OID: Readonly<Record<string, string>> = {
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
  '1.3.132.0.10': 'secp256k1',
  '1.3.132.0.33': 'P-224',
  '1.3.132.0.35': 'P-521',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
};

/** "ECDSA P-521", "DSA", "Ed448", …, or undefined when the details name no key type. */
export function unusableKeyType(details: Readonly<Record<string, unknown>>): string | undefined {
  const { curve, oid, algorithm } = details;
  if (typeof curve === 'string' && curve !== '') return `EC ${CURVES[curve] ?? curve}`;
  if (typeof oid === 'string' && oid !== '') return BY_OID[oid] ?? `OID ${oid}`;
  if (typeof algorithm === 'string' && algorithm !== '') return algorithm;
  return undefined;
}
