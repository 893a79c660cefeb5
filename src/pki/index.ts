// The public API of src/pki. Widgets, src/kube and src/recipes import from here. The DER writers
// tests use to build odd certificates are internals: tests/support/pki-writers.ts.

export { fromBase64, toBase64 } from './bytes.ts';
export type { CreatedCsr } from './create-csr.ts';
export { createCsr } from './create-csr.ts';
export type { NamePart } from './decode-name.ts';
export type { CsrApiIdentity, Identity, IdentityNote, IdentityNoteCode } from './describe-identity.ts';
export {
  derSortedGroups,
  describeCsrApiIdentity,
  describeIdentity,
  X509_UID_OID,
} from './describe-identity.ts';
export { describeKey, type KeyFacts, type KeyName } from './describe-key.ts';
export { discoveryTokenCaCertHash } from './discovery-token-ca-cert-hash.ts';
export { encodeName } from './encode-name.ts';
export { encodePem } from './encode-pem.ts';
export type { LabErrorCode } from './error-codes.ts';
export { errorKey } from './error-codes.ts';
export { isLabError, LabError } from './errors.ts';
export { exportPrivateKeyPem } from './export-private-key-pem.ts';
export { exportPublicKeyPem } from './export-public-key-pem.ts';
export { type FrontProxyLook, frontProxyLook } from './front-proxy-look.ts';
export type { GeneratedKeyPair } from './generate-key-pair.ts';
export { generateKeyPair } from './generate-key-pair.ts';
export type { ImportedPrivateKey } from './import-private-key-pem.ts';
export { importPrivateKeyPem } from './import-private-key-pem.ts';
export { importPublicKeyPem } from './import-public-key-pem.ts';
export type { CertificateInfo, ExtensionInfo, NameInfo, PublicKeySummary } from './inspect-certificate.ts';
export { inspectCertificate } from './inspect-certificate.ts';
export type { CsrInfo } from './inspect-csr.ts';
export { inspectCsr } from './inspect-csr.ts';
export { issueClientCertificate } from './issue-client-certificate.ts';
export {
  FRONT_PROXY_CA_CN,
  FRONT_PROXY_CLIENT_CN,
  type FrontProxyCaParams,
  type FrontProxyClientParams,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
} from './issue-front-proxy.ts';
export { issueIntermediateCa } from './issue-intermediate-ca.ts';
export { issueRootCa } from './issue-root-ca.ts';
export { issueServerCertificate } from './issue-server-certificate.ts';
export { keyMatchesCertificate } from './key-matches-certificate.ts';
export { lintCertificate } from './lint-certificate.ts';
export type { LintOptions, LintWarning } from './lint-params.ts';
export {
  lintParams,
  PUBLIC_SERVER_VALIDITY_STEPS,
  publicServerValidityLimit,
} from './lint-params.ts';
export type { ParsedCertificate, RawExtension, SubjectAltNames } from './parse-certificate.ts';
export { parseCertificate } from './parse-certificate.ts';
export type { ParsedCsr } from './parse-csr.ts';
export { parseCsr } from './parse-csr.ts';
export { parseIp } from './parse-ip.ts';
export type { PemBlock } from './parse-pem.ts';
export { parsePem } from './parse-pem.ts';
export type { PublicKeyInfo } from './public-key-info.ts';
export { parsePublicKeyInfo } from './public-key-info.ts';
export { readCertificate, readCertificates } from './read-certificates.ts';
export type { SignCsrOptions } from './sign-csr.ts';
export { signCsr } from './sign-csr.ts';
export { signMessage } from './sign-message.ts';
export { supportsEd25519 } from './supports-ed25519.ts';
export type {
  ClientCertificateParams,
  CsrParams,
  IntermediateCaParams,
  IssuedCertificate,
  KeyAlgorithm,
  Purpose,
  RootCaParams,
  ServerCertificateParams,
  SigningCa,
  SubjectParams,
  ValidityParams,
} from './types.ts';
export { DEFAULT_KEY_ALGORITHM, KEY_ALGORITHMS } from './types.ts';
export type { AnyParams, ParamsKind } from './validate-params.ts';
export { assertValidParams, findParamErrors, MAX_VALIDITY_DAYS } from './validate-params.ts';
export type { VerifyChainParams, VerifyReason, VerifyResult } from './verify-chain.ts';
export { verifyChain } from './verify-chain.ts';
export type { CsrSignatureVerdict } from './verify-csr-signature.ts';
export { verifyCsrSignature } from './verify-csr-signature.ts';
export { verifyMessage } from './verify-message.ts';
export type { HiddenKind, VisibleName, VisibleNamePart } from './visible-name.ts';
export { codePointLabel, hiddenKind, visibleName } from './visible-name.ts';
