// The parameter and result shapes shared by src/pki (which makes certificates), src/recipes (which
// prints the cfssl/openssl way to make the same ones) and the widgets (which fill them from forms).
// Defaults are written on each optional field; the functions that take these apply them.

/**
 * Key algorithms, named as kubeadm's `encryptionAlgorithm` names them where it has a name.
 * RSA-2048 is the default everywhere (kubeadm's default, and the classic cfssl recipes').
 */
export type KeyAlgorithm = 'RSA-2048' | 'RSA-3072' | 'RSA-4096' | 'ECDSA-P256' | 'ECDSA-P384' | 'Ed25519';

export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = [
  'RSA-2048',
  'RSA-3072',
  'RSA-4096',
  'ECDSA-P256',
  'ECDSA-P384',
  'Ed25519',
];

export const DEFAULT_KEY_ALGORITHM: KeyAlgorithm = 'RSA-2048';

/** A distinguished name as Kubernetes and the lessons care about it. */
export interface SubjectParams {
  /** CN. For a client certificate this is the Kubernetes user name. Required (may be '' only in CSRs). */
  commonName: string;
  /** O values, in order. For a client certificate each one is a Kubernetes group. Default: none. */
  organizations?: string[];
  /** OU values, in order. Kubernetes ignores them. Default: none. */
  organizationalUnits?: string[];
  /** C (two letters). Default: none. */
  country?: string;
  /** ST. Default: none. */
  state?: string;
  /** L. Default: none. */
  locality?: string;
}

/** When a certificate is valid. */
export interface ValidityParams {
  /** NotBefore. Default: now (the moment of issuing). */
  notBefore?: Date;
  /** Lifetime in days from notBefore; must be ≥ 1. Defaults: 3650 for CAs, 365 for leaves (as kubeadm). */
  validityDays?: number;
}

export interface RootCaParams extends ValidityParams {
  subject: SubjectParams;
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
  /** basicConstraints pathLenConstraint. Default: none (unlimited). */
  pathLength?: number;
}

export interface IntermediateCaParams extends ValidityParams {
  subject: SubjectParams;
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
  /** basicConstraints pathLenConstraint. Default: 0 (may issue only leaves). */
  pathLength?: number;
}

export interface ServerCertificateParams extends ValidityParams {
  subject: SubjectParams;
  /** DNS subjectAltNames, e.g. ['localhost']. Default: none. */
  dnsNames?: string[];
  /** IP subjectAltNames (IPv4 or IPv6 text), e.g. ['127.0.0.1']. Default: none. */
  ipAddresses?: string[];
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
}

export interface ClientCertificateParams extends ValidityParams {
  /** CN = user name, each O = a group. */
  subject: SubjectParams;
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
}

/** A certificate signing request's contents (PKCS#10). */
export interface CsrParams {
  subject: SubjectParams;
  /** DNS SANs requested. Default: none. */
  dnsNames?: string[];
  /** IP SANs requested. Default: none. */
  ipAddresses?: string[];
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
}

/** The purpose a leaf is issued or checked for. */
export type Purpose = 'client' | 'server';

/** What issuing returns: PEM text, as `cfssljson -bare` would write it to NAME.pem / NAME-key.pem. */
export interface IssuedCertificate {
  /** "-----BEGIN CERTIFICATE-----…", one certificate, ending in a newline. */
  certificatePem: string;
  /** "-----BEGIN PRIVATE KEY-----…" (PKCS#8), ending in a newline. */
  privateKeyPem: string;
}

/** A CA that can sign: its certificate and its private key, as PEM. */
export interface SigningCa {
  certificatePem: string;
  privateKeyPem: string;
}
