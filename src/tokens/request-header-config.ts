// kube-apiserver's request-header (front-proxy) settings: the --requestheader-* flags
// (pkg/kubeapiserver/options/authentication.go and staging/src/k8s.io/apiserver/pkg/server/options/
// authentication.go, RequestHeaderAuthenticationOptions: string slices, comma-separated) and the
// values kubeadm writes into the kube-apiserver manifest (cmd/kubeadm/app/phases/controlplane/
// manifests.go): the front-proxy CA, allowed name front-proxy-client, X-Remote-User, X-Remote-Group,
// X-Remote-Extra-, and no uid header (--requestheader-uid-headers needs RemoteRequestHeaderUID:
// alpha 1.32, beta and on in 1.33). Checked as kube-apiserver checks them at start-up: an empty
// header name is refused (headerrequest trimHeaders: `empty header "…"`), and since 1.35 a CA
// shared with --client-ca-file without allowed names is refused (BuiltInAuthenticationOptions
// .Validate, PR #131411): any user's client certificate could then set the headers.
import { LabError, readCertificates } from '../pki/index.ts';

/** The request-header configuration, as the flags give it. */
export interface RequestHeaderConfig {
  /** --requestheader-client-ca-file: the path the flag names. Default: kubeadm's /etc/kubernetes/pki/front-proxy-ca.crt. */
  clientCaFile?: string;
  /** --requestheader-allowed-names: the CNs a proxy certificate may have; empty means any certificate of that CA. Default: ['front-proxy-client'] (kubeadm). */
  allowedNames?: string[];
  /** --requestheader-username-headers, in order (the first non-empty one wins). Default: ['X-Remote-User'] (kubeadm). */
  usernameHeaders?: string[];
  /** --requestheader-uid-headers (1.33 and later). Default: none (kubeadm sets none). */
  uidHeaders?: string[];
  /** --requestheader-group-headers (every value of every one is a group). Default: ['X-Remote-Group'] (kubeadm). */
  groupHeaders?: string[];
  /** --requestheader-extra-headers-prefix. Default: ['X-Remote-Extra-'] (kubeadm). */
  extraHeaderPrefixes?: string[];
}

/** The configuration with every default applied. */
export type ResolvedRequestHeaderConfig = Required<RequestHeaderConfig>;

/** kubeadm's paths and values. */
export const KUBEADM_REQUEST_HEADER: ResolvedRequestHeaderConfig = {
  clientCaFile: '/etc/kubernetes/pki/front-proxy-ca.crt',
  allowedNames: ['front-proxy-client'],
  usernameHeaders: ['X-Remote-User'],
  uidHeaders: [],
  groupHeaders: ['X-Remote-Group'],
  extraHeaderPrefixes: ['X-Remote-Extra-'],
};

/** The certificate and key kube-apiserver itself uses towards aggregated API servers (kubeadm). */
export const KUBEADM_PROXY_CLIENT_FILES = {
  certFile: '/etc/kubernetes/pki/front-proxy-client.crt',
  keyFile: '/etc/kubernetes/pki/front-proxy-client.key',
} as const;

/** The header names API aggregation relies on: without them kube-apiserver warns that it will not work. */
export const AGGREGATION_HEADERS = {
  username: 'X-Remote-User',
  group: 'X-Remote-Group',
  extraPrefix: 'X-Remote-Extra-',
  uid: 'X-Remote-Uid',
} as const;

/** Applies kubeadm's defaults and trims names as headerrequest's trimHeaders does (an empty one is refused). */
export function resolveRequestHeaderConfig(config: RequestHeaderConfig = {}): ResolvedRequestHeaderConfig {
  const d = KUBEADM_REQUEST_HEADER;
  const headers = (list: string[] | undefined, fallback: string[], flag: string) =>
    (list ?? fallback).map((h) => {
      const t = h.trim();
      if (t === '')
        throw new LabError(
          'requestheader/empty-header',
          `--${flag} holds an empty header name: empty header "${h}"`,
          {
            flag,
          },
        );
      return t;
    });
  return {
    clientCaFile: config.clientCaFile ?? d.clientCaFile,
    allowedNames: (config.allowedNames ?? d.allowedNames).filter((n) => n !== ''),
    usernameHeaders: headers(config.usernameHeaders, d.usernameHeaders, 'requestheader-username-headers'),
    uidHeaders: headers(config.uidHeaders, d.uidHeaders, 'requestheader-uid-headers'),
    groupHeaders: headers(config.groupHeaders, d.groupHeaders, 'requestheader-group-headers'),
    extraHeaderPrefixes: headers(
      config.extraHeaderPrefixes,
      d.extraHeaderPrefixes,
      'requestheader-extra-headers-prefix',
    ),
  };
}

/** The kube-apiserver flags for a configuration, sorted as kubeadm writes them (empty header lists left out; allowed names always written, as an empty one means any CN). */
export function requestHeaderFlags(config: RequestHeaderConfig = {}): string[] {
  const c = resolveRequestHeaderConfig(config);
  const list = (flag: string, values: string[]) => (values.length ? [`--${flag}=${values.join(',')}`] : []);
  return [
    `--requestheader-allowed-names=${c.allowedNames.join(',')}`,
    `--requestheader-client-ca-file=${c.clientCaFile}`,
    ...list('requestheader-extra-headers-prefix', c.extraHeaderPrefixes),
    ...list('requestheader-group-headers', c.groupHeaders),
    ...list('requestheader-uid-headers', c.uidHeaders),
    ...list('requestheader-username-headers', c.usernameHeaders),
  ];
}

/** A start-up finding on a configuration. */
export interface RequestHeaderFinding {
  /** 'aggregation-headers': a list lacks the header the aggregation layer sends (kube-apiserver warns); 'any-cn': allowed names empty (any certificate of the CA may set identities). */
  code: 'aggregation-headers' | 'any-cn';
  /** Which flag. */
  flag: string;
}

/** What kube-apiserver warns about at start-up, and the risks the lessons name. */
export function requestHeaderFindings(config: RequestHeaderConfig = {}): RequestHeaderFinding[] {
  const c = resolveRequestHeaderConfig(config);
  const lacks = (list: string[], name: string) => !list.some((h) => h.toLowerCase() === name.toLowerCase());
  const out: RequestHeaderFinding[] = [];
  if (lacks(c.usernameHeaders, AGGREGATION_HEADERS.username))
    out.push({ code: 'aggregation-headers', flag: 'requestheader-username-headers' });
  if (lacks(c.groupHeaders, AGGREGATION_HEADERS.group))
    out.push({ code: 'aggregation-headers', flag: 'requestheader-group-headers' });
  if (lacks(c.extraHeaderPrefixes, AGGREGATION_HEADERS.extraPrefix))
    out.push({ code: 'aggregation-headers', flag: 'requestheader-extra-headers-prefix' });
  if (c.allowedNames.length === 0) out.push({ code: 'any-cn', flag: 'requestheader-allowed-names' });
  return out;
}

/** kube-apiserver's start-up error (1.35 and later) when the two CA files share a certificate and no allowed name is set. */
export const OVERLAPPING_CA_ERROR =
  '--requestheader-client-ca-file and --client-ca-file contain overlapping certificates; --requestheader-allowed-names must be specified to ensure regular client certificates cannot set authenticating proxy headers for arbitrary users';

/** Refuses, as kube-apiserver 1.35 does at start-up, a request-header CA that shares a certificate with --client-ca-file while allowed names are empty. */
export function checkRequestHeaderCas(p: {
  config?: RequestHeaderConfig;
  /** The --requestheader-client-ca-file bundle (PEM). */
  requestHeaderCaPem: string;
  /** The --client-ca-file bundle (PEM). Default: none (no client certificates). */
  clientCaPem?: string;
}): void {
  const c = resolveRequestHeaderConfig(p.config);
  if (c.allowedNames.length > 0 || !p.clientCaPem) return;
  const hex = (d: Uint8Array) => Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  const client = new Set(readCertificates(p.clientCaPem).map((x) => hex(x.der)));
  if (readCertificates(p.requestHeaderCaPem).some((x) => client.has(hex(x.der))))
    throw new LabError('requestheader/overlapping-ca', OVERLAPPING_CA_ERROR);
}
