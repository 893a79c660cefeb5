// cfssl's csr.json for the lab set. Each O (each Kubernetes group) is its own `names` entry,
// because cfssl appends the values of every entry: two entries give two O values. Note that Go
// (and so cfssl and kubeadm) writes all O values into ONE multi-valued RDN, which DER sorts, so
// the groups Kubernetes reads back can come in a different order than listed here.
import { LabError } from '../pki/errors.ts';
import type {
  ClientCertificateParams,
  KeyAlgorithm,
  RootCaParams,
  ServerCertificateParams,
  SubjectParams,
} from '../pki/types.ts';
import {
  checkAlgorithm,
  checkDnsNames,
  checkIpAddresses,
  checkPathLength,
  checkSubject,
  checkValidityDays,
} from './recipe-params.ts';

/** Key algorithms the cfssl on the lab hosts (Debian golang-cfssl 1.2.0) can generate. */
export const CFSSL_KEY_ALGORITHMS: readonly KeyAlgorithm[] = [
  'RSA-2048',
  'RSA-3072',
  'RSA-4096',
  'ECDSA-P256',
  'ECDSA-P384',
];

/** Which certificate of the lab set a csr.json is for. */
export type CfsslCsrKind = 'root-ca' | 'server' | 'client';

/** cfssl's `key` object for an algorithm; refuses Ed25519, which cfssl 1.2.0 rejects. */
export function cfsslKey(field: string, algorithm: KeyAlgorithm | undefined): { algo: string; size: number } {
  const a = checkAlgorithm(field, algorithm);
  switch (a) {
    case 'RSA-2048':
      return { algo: 'rsa', size: 2048 };
    case 'RSA-3072':
      return { algo: 'rsa', size: 3072 };
    case 'RSA-4096':
      return { algo: 'rsa', size: 4096 };
    case 'ECDSA-P256':
      return { algo: 'ecdsa', size: 256 };
    case 'ECDSA-P384':
      return { algo: 'ecdsa', size: 384 };
    default:
      throw new LabError(
        'cfssl/unsupported-algorithm',
        `cfssl 1.2.0 (the Debian/Ubuntu golang-cfssl package) cannot make ${a} keys ("invalid algorithm"); use the openssl recipe for ${a}, or RSA/ECDSA with cfssl`,
        { field, algorithm: a },
      );
  }
}

/** `${hours}h`, the duration syntax cfssl reads. */
export function cfsslHours(days: number): string {
  return `${days * 24}h`;
}

function names(field: string, subject: SubjectParams): Record<string, string>[] {
  const s = checkSubject(field, subject);
  const out: Record<string, string>[] = [];
  const place: Record<string, string> = {};
  if (s.country !== undefined) place.C = s.country;
  if (s.state !== undefined) place.ST = s.state;
  if (s.locality !== undefined) place.L = s.locality;
  if (Object.keys(place).length > 0) out.push(place);
  for (const o of s.organizations) out.push({ O: o });
  for (const ou of s.organizationalUnits) out.push({ OU: ou });
  return out;
}

/** The csr.json text (2-space JSON, final newline) for the root CA, the server or the client certificate. */
export function cfsslCsrJson(kind: 'root-ca', params: RootCaParams): string;
export function cfsslCsrJson(kind: 'server', params: ServerCertificateParams): string;
export function cfsslCsrJson(kind: 'client', params: ClientCertificateParams): string;
export function cfsslCsrJson(
  kind: CfsslCsrKind,
  params: RootCaParams | ServerCertificateParams | ClientCertificateParams,
): string {
  const field = kind === 'root-ca' ? 'rootCa' : kind;
  const csr: Record<string, unknown> = { CN: checkSubject(`${field}.subject`, params.subject).commonName };
  if (kind === 'server') {
    const p = params as ServerCertificateParams;
    csr.hosts = [
      ...checkDnsNames('server.dnsNames', p.dnsNames),
      ...checkIpAddresses('server.ipAddresses', p.ipAddresses),
    ];
  }
  csr.key = cfsslKey(`${field}.algorithm`, params.algorithm);
  const n = names(`${field}.subject`, params.subject);
  if (n.length > 0) csr.names = n;
  if (kind === 'root-ca') {
    const p = params as RootCaParams;
    const ca: Record<string, unknown> = {
      expiry: cfsslHours(checkValidityDays('rootCa.validityDays', p.validityDays, 3650)),
    };
    const pathLength = checkPathLength('rootCa.pathLength', p.pathLength);
    if (pathLength !== undefined) {
      ca.pathlen = pathLength;
      if (pathLength === 0) ca.pathlenzero = true;
    }
    csr.ca = ca;
  }
  return `${JSON.stringify(csr, null, 2)}\n`;
}
