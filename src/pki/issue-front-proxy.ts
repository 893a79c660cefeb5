// kubeadm's front-proxy pair (cmd/kubeadm/app/phases/certs/certlist.go): a self-signed CA,
// CN front-proxy-ca, that signs the front proxy's client certificate, CN front-proxy-client, EKU
// clientAuth, no O. kube-apiserver trusts it through --requestheader-client-ca-file and believes
// the X-Remote-* headers of a request only from a certificate it signed whose CN is in
// --requestheader-allowed-names. The same issuers as every other certificate (issueRootCa,
// issueClientCertificate): only the profile's names and its "no groups" rule are its own.
import type { GeneratedKeyPair } from './generate-key-pair.ts';
import { issueClientCertificate } from './issue-client-certificate.ts';
import { issueRootCa } from './issue-root-ca.ts';
import type { IssuedCertificate, KeyAlgorithm, SigningCa, ValidityParams } from './types.ts';

/** kubeadm's names for the pair. */
export const FRONT_PROXY_CA_CN = 'front-proxy-ca';
export const FRONT_PROXY_CLIENT_CN = 'front-proxy-client';

export interface FrontProxyCaParams extends ValidityParams {
  /** The CA's CN. Default: 'front-proxy-ca' (kubeadm). */
  commonName?: string;
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
}

export interface FrontProxyClientParams extends ValidityParams {
  /** The CN, which must be one of --requestheader-allowed-names. Default: 'front-proxy-client' (kubeadm). */
  commonName?: string;
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
}

/** The front-proxy CA (a root CA of its own, never the cluster CA). */
export function issueFrontProxyCa(
  params: FrontProxyCaParams = {},
  /** A key pair made ahead for params.algorithm (default: a new one). */
  keyPair?: GeneratedKeyPair,
): Promise<IssuedCertificate> {
  const { commonName = FRONT_PROXY_CA_CN, ...rest } = params;
  return issueRootCa({ ...rest, subject: { commonName } }, keyPair);
}

/** The proxy's client certificate: clientAuth, CN = the allowed name, no O (a proxy is not a user with groups). */
export function issueFrontProxyClientCertificate(
  params: FrontProxyClientParams,
  ca: SigningCa,
  /** A key pair made ahead for params.algorithm (default: a new one). */
  keyPair?: GeneratedKeyPair,
): Promise<IssuedCertificate> {
  const { commonName = FRONT_PROXY_CLIENT_CN, ...rest } = params;
  return issueClientCertificate({ ...rest, subject: { commonName } }, ca, keyPair);
}
