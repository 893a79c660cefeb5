// The serving certificates of the tests that run the kube-apiserver stand-in (or a server beside
// it): made by openssl as kubeadm names them (ca.crt, apiserver.crt), or by the site's engine for
// localhost.
import { type IssuedCertificate, issueServerCertificate } from '../../src/pki/index.ts';
import type { KeyAlgorithm } from '../../src/pki/types.ts';
import { makeCa, makeLeaf } from './openssl.ts';
import { type Standin, startStandin } from './standin.ts';

/**
 * Makes, with openssl in `dir`, the cluster CA (ca.crt, ca.key; CN=kubernetes) and the stand-in's
 * serving certificate (apiserver.crt, apiserver.key): CN=kube-apiserver, serverAuth, these
 * subjectAltNames, and any further extension lines.
 */
export function makeApiserverCertificates(
  dir: string,
  subjectAltName = 'DNS:localhost,IP:127.0.0.1',
  extensions: string[] = [],
): void {
  makeCa(dir, 'ca');
  makeLeaf(dir, 'ca', 'apiserver', '/CN=kube-apiserver', [
    `subjectAltName=${subjectAltName}`,
    'extendedKeyUsage=serverAuth',
    ...extensions,
  ]);
}

/** Issues, with the engine, a server certificate for localhost and 127.0.0.1 signed by `ca` (nothing is written). */
export function issueLocalhostServerCertificate(
  ca: IssuedCertificate,
  algorithm: KeyAlgorithm = 'ECDSA-P256',
): Promise<IssuedCertificate> {
  return issueServerCertificate(
    { subject: { commonName: 'localhost' }, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], algorithm },
    ca,
  );
}

/**
 * The cluster part 1's kubectl tests log in to: makeApiserverCertificates in `dir` for kubernetes,
 * localhost and 127.0.0.1 (CA:FALSE), then the stand-in with ca.crt as its client CA and the
 * group ops allowed to list pods.
 */
export function startClientCertificateStandin(dir: string): Promise<Standin> {
  makeApiserverCertificates(dir, 'DNS:kubernetes,DNS:localhost,IP:127.0.0.1', [
    'basicConstraints=critical,CA:FALSE',
  ]);
  return startStandin(dir, {
    cert: 'apiserver.crt',
    key: 'apiserver.key',
    clientCa: 'ca.crt',
    allowGroups: ['ops'],
  });
}
