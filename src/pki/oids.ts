// Object identifiers src/pki reads and writes, with the short names inspection shows.

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  md5WithRSA: '1.2.840.113549.1.1.4',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecdsaWithSHA1: '1.2.840.10045.4.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
  extensionRequest: '1.2.840.113549.1.9.14',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  msServerGatedCrypto: '1.3.6.1.4.1.311.10.3.3',
  nsServerGatedCrypto: '2.16.840.1.113730.4.1',
} as const;

/** Attribute types of a distinguished name: short name by OID (RFC 4514 names where defined). */
export const NAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** The types RFC 4514 §3 lets a string representation name by keyword; others print as dotted OIDs. */
export const RFC4514_KEYWORDS = new Set(['CN', 'L', 'ST', 'O', 'OU', 'C', 'STREET', 'DC', 'UID']);

export const NAME_OID = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
} as const;

/** Extended key usage names (as RFC 5280 and openssl's short names spell them). */
export const EKU_NAMES: Readonly<Record<string, string>> = {
  [OID.anyExtendedKeyUsage]: 'anyExtendedKeyUsage',
  [OID.serverAuth]: 'serverAuth',
  [OID.clientAuth]: 'clientAuth',
  [OID.codeSigning]: 'codeSigning',
  [OID.emailProtection]: 'emailProtection',
  '1.3.6.1.5.5.7.3.5': 'ipsecEndSystem',
  '1.3.6.1.5.5.7.3.6': 'ipsecTunnel',
  '1.3.6.1.5.5.7.3.7': 'ipsecUser',
  [OID.timeStamping]: 'timeStamping',
  [OID.ocspSigning]: 'OCSPSigning',
  [OID.msServerGatedCrypto]: 'msSGC',
  [OID.nsServerGatedCrypto]: 'nsSGC',
  '1.3.6.1.4.1.311.2.1.22': 'msCodeCom',
  '1.3.6.1.4.1.311.61.1.1': 'msKernelCodeSigning',
};

/** EKU OIDs Go's crypto/x509 knows; any other one is an "unknown" usage to Go. */
export const GO_KNOWN_EKUS = new Set(Object.keys(EKU_NAMES));

/** Key usage bit names, bit 0 first (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

/** Signature algorithms: openssl's name, Go's name, and the hash WebCrypto needs. */
export const SIGNATURE_ALGORITHMS: Readonly<
  Record<string, { name: string; goName: string; key: 'RSA' | 'EC' | 'Ed25519' | 'RSA-PSS'; hash?: string }>
> = {
  [OID.md5WithRSA]: { name: 'md5WithRSAEncryption', goName: 'MD5-RSA', key: 'RSA', hash: 'MD5' },
  [OID.sha1WithRSA]: { name: 'sha1WithRSAEncryption', goName: 'SHA1-RSA', key: 'RSA', hash: 'SHA-1' },
  [OID.sha256WithRSA]: { name: 'sha256WithRSAEncryption', goName: 'SHA256-RSA', key: 'RSA', hash: 'SHA-256' },
  [OID.sha384WithRSA]: { name: 'sha384WithRSAEncryption', goName: 'SHA384-RSA', key: 'RSA', hash: 'SHA-384' },
  [OID.sha512WithRSA]: { name: 'sha512WithRSAEncryption', goName: 'SHA512-RSA', key: 'RSA', hash: 'SHA-512' },
  [OID.rsassaPss]: { name: 'rsassaPss', goName: 'RSASSA-PSS', key: 'RSA-PSS' },
  [OID.ecdsaWithSHA1]: { name: 'ecdsa-with-SHA1', goName: 'ECDSA-SHA1', key: 'EC', hash: 'SHA-1' },
  [OID.ecdsaWithSHA256]: { name: 'ecdsa-with-SHA256', goName: 'ECDSA-SHA256', key: 'EC', hash: 'SHA-256' },
  [OID.ecdsaWithSHA384]: { name: 'ecdsa-with-SHA384', goName: 'ECDSA-SHA384', key: 'EC', hash: 'SHA-384' },
  [OID.ecdsaWithSHA512]: { name: 'ecdsa-with-SHA512', goName: 'ECDSA-SHA512', key: 'EC', hash: 'SHA-512' },
  [OID.ed25519]: { name: 'ED25519', goName: 'Ed25519', key: 'Ed25519' },
};

/** Named curves by OID. */
export const CURVES: Readonly<Record<string, { name: 'P-256' | 'P-384' | 'P-521'; size: number }>> = {
  [OID.p256]: { name: 'P-256', size: 32 },
  [OID.p384]: { name: 'P-384', size: 48 },
  [OID.p521]: { name: 'P-521', size: 66 },
};
