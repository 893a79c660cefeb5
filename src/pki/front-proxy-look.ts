// Whether a certificate looks like an authenticating proxy's client certificate (part 5): kubeadm's
// names (CN front-proxy-client, issued by CN front-proxy-ca; the proxy builder's defaults too) on a
// client certificate that is not a CA. Only "looks like": what makes it a proxy is kube-apiserver's
// flags (--requestheader-client-ca-file, --requestheader-allowed-names), which a certificate does not
// show. The inspector says what those flags do with it (FACTS-2-5 §4).

import type { CertificateInfo } from './inspect-certificate.ts';
import { FRONT_PROXY_CA_CN, FRONT_PROXY_CLIENT_CN } from './issue-front-proxy.ts';

/** Why a certificate looks like a front-proxy client certificate, with the names it shows. */
export interface FrontProxyLook {
  /** 'both': CN front-proxy-client issued by CN front-proxy-ca; else the one name that matched. */
  by: 'both' | 'subject' | 'issuer';
  /** The certificate's CN (what --requestheader-allowed-names must list; '' when it has none). */
  commonName: string;
  /** Its issuer's CN ('' when none). */
  issuerCommonName: string;
}

const cnOf = (parts: { type: string; value: string }[]) => parts.find((p) => p.type === 'CN')?.value ?? '';

/** The look, or undefined for a certificate that does not have kubeadm's front-proxy names. */
export function frontProxyLook(info: CertificateInfo): FrontProxyLook | undefined {
  if (info.isCa) return undefined;
  const eku = info.extendedKeyUsage;
  // A certificate kube-apiserver could verify as a client: clientAuth, or no EKU at all.
  if (eku && eku.length > 0 && !eku.some((e) => e.name === 'clientAuth' || e.name === 'anyExtendedKeyUsage'))
    return undefined;
  const commonName = cnOf(info.subject.parts);
  const issuerCommonName = cnOf(info.issuer.parts);
  const subject = commonName === FRONT_PROXY_CLIENT_CN;
  const issuer = issuerCommonName === FRONT_PROXY_CA_CN;
  if (!subject && !issuer) return undefined;
  return { by: subject && issuer ? 'both' : subject ? 'subject' : 'issuer', commonName, issuerCommonName };
}
