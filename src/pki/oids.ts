// Object identifiers src/pki reads and writes, with the short names inspection shows.

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  p224: '1.3.132.0.33',
  dsa: '1.2.840.10040.4.1',
  md2WithRSA: '1.2.840.113549.1.1.2',
  isoSha1WithRSA: '1.3.14.3.2.29',
  dsaWithSHA1: '1.2.840.10040.4.3',
  dsaWithSHA256: '2.16.840.1.101.3.4.3.2',
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

/**
 * Extension names as the inspector shows them: openssl's short names (its config keys, so
 * "extendedKeyUsage" where the OID table above has RFC 5280's id-ce name "extKeyUsage").
 */
export const EXTENSION_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    (
      [
        'subjectKeyIdentifier',
        'keyUsage',
        'subjectAltName',
        'basicConstraints',
        'nameConstraints',
        'crlDistributionPoints',
        'certificatePolicies',
        'authorityKeyIdentifier',
        'authorityInfoAccess',
      ] as const
    ).map((name) => [OID[name], name]),
  ),
  [OID.extKeyUsage]: 'extendedKeyUsage',
  '2.5.29.18': 'issuerAltName',
  '1.3.6.1.4.1.11129.2.4.2': 'signedCertificateTimestampList',
  '2.16.840.1.113730.1.13': 'netscapeComment',
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
  Record<
    string,
    { name: string; goName: string; key: 'RSA' | 'EC' | 'Ed25519' | 'RSA-PSS' | 'DSA'; hash?: string }
  >
> = {
  [OID.md2WithRSA]: { name: 'md2WithRSAEncryption', goName: 'MD2-RSA', key: 'RSA', hash: 'MD2' },
  [OID.isoSha1WithRSA]: { name: 'sha1WithRSA', goName: 'SHA1-RSA', key: 'RSA', hash: 'SHA-1' },
  [OID.dsaWithSHA1]: { name: 'dsaWithSHA1', goName: 'DSA-SHA1', key: 'DSA', hash: 'SHA-1' },
  [OID.dsaWithSHA256]: { name: 'dsa_with_SHA256', goName: 'DSA-SHA256', key: 'DSA', hash: 'SHA-256' },
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

/**
 * The curves Go's crypto/x509 accepts in a certificate (namedCurveFromOID), with what
 * elliptic.Unmarshal needs to check that a point is on the curve (y² = x³ − 3x + b mod p).
 */
export const GO_CURVES: Readonly<Record<string, { name: string; bits: number; p: string; b: string }>> = {
  [OID.p224]: {
    name: 'P-224',
    bits: 224,
    p: '26959946667150639794667015087019630673557916260026308143510066298881',
    b: '0xb4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4',
  },
  [OID.p256]: {
    name: 'P-256',
    bits: 256,
    p: '115792089210356248762697446949407573530086143415290314195533631308867097853951',
    b: '0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b',
  },
  [OID.p384]: {
    name: 'P-384',
    bits: 384,
    p: '39402006196394479212279040100143613805079739270465446667948293404245721771496870329047266088258938001861606973112319',
    b: '0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef',
  },
  [OID.p521]: {
    name: 'P-521',
    bits: 521,
    p: '6864797660130609714981900799081393217269435300143305409394463459185543183397656052122559640661454554977296311391480858037121987999716643812574028291115057151',
    b: '0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
  },
};
