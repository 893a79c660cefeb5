// The lab sets the recipe interop tests make: for each key algorithm, the workbench's defaults with
// two groups and both kinds of SAN, so every recipe writes the same six files from the same values;
// and one with every character a shell or a DN trips on. Also the subject each recipe must write,
// spelled out here rather than taken from the engine, so the recipes and the engine are held to it.
import type { KeyAlgorithm, SubjectParams } from '../../src/pki/types.ts';
import type { KubectlConfigParams, LabCertificateParams } from '../../src/recipes/index.ts';

/** Root CA, server (DNS and IP SANs) and client (two groups) certificates for `algorithm`. */
export function labFor(algorithm: KeyAlgorithm): LabCertificateParams {
  return {
    rootCa: {
      subject: { commonName: 'Kube Auth Lab CA', organizations: ['Kube Auth Lab'], country: 'DE' },
      algorithm,
      validityDays: 3650,
    },
    server: {
      subject: { commonName: 'localhost' },
      dnsNames: ['localhost', 'lab.example.test'],
      ipAddresses: ['127.0.0.1', '::1'],
      algorithm,
      validityDays: 90,
    },
    client: {
      subject: { commonName: 'jane', organizations: ['developers', 'admins'] },
      algorithm,
      validityDays: 30,
    },
  };
}

/** The lab set with three key types: an Ed25519 CA signing an ECDSA P-384 server and an RSA-2048 client. */
export function mixedLab(): LabCertificateParams {
  const base = labFor('RSA-2048');
  return {
    ...base,
    rootCa: { ...base.rootCa, algorithm: 'Ed25519' },
    server: { ...base.server, algorithm: 'ECDSA-P384' },
  };
}

/**
 * A lab set with quotes, slashes, $, +, =, backslashes and Unicode in its subjects, a wildcard DNS
 * name, an IPv6 SAN, a path length of 0 and lifetimes of days. `organizations` are the client's
 * groups (each recipe is given the awkward values it must keep), `rootCa` more of the CA's subject.
 */
export function nastyLab(organizations: string[], rootCa: Partial<SubjectParams> = {}): LabCertificateParams {
  return {
    rootCa: {
      subject: { commonName: `Lab "CA" / $HOME`, organizations: ['R&D; `x`'], ...rootCa },
      algorithm: 'ECDSA-P256',
      pathLength: 0,
      validityDays: 10,
    },
    server: {
      subject: { commonName: "it's a server" },
      dnsNames: ['*.apps.example.test'],
      ipAddresses: ['2001:db8::10'],
      algorithm: 'ECDSA-P256',
      validityDays: 2,
    },
    client: {
      subject: { commonName: "O'Brien/José", organizations, organizationalUnits: ['unit 1'] },
      algorithm: 'RSA-2048',
      validityDays: 1,
    },
  };
}

/**
 * A subject's attributes in the order of its RDNs: C, ST, L, each O, each OU, CN — the engine's
 * order (src/pki encodeName), and so the order the openssl recipe and the @peculiar/x509 programs
 * must write. `order` puts the O and the OU values in another order first (Go's DER-sorted SET).
 */
export function subjectRdns(
  s: SubjectParams,
  order: (values: string[]) => string[] = (values) => values,
): [string, string][] {
  return [
    ...(s.country ? [['C', s.country] as [string, string]] : []),
    ...(s.state ? [['ST', s.state] as [string, string]] : []),
    ...(s.locality ? [['L', s.locality] as [string, string]] : []),
    ...order(s.organizations ?? []).map((o): [string, string] => ['O', o]),
    ...order(s.organizationalUnits ?? []).map((o): [string, string] => ['OU', o]),
    ['CN', s.commonName],
  ];
}

/** The kubectl config recipe's values for jane in the lab cluster (kubernetes at 192.0.2.10). */
export const LAB_KUBECTL_CONFIG: KubectlConfigParams = {
  clusterName: 'kubernetes',
  server: 'https://192.0.2.10:6443',
  caFile: 'ca.crt',
  userName: 'jane',
  clientCertificateFile: 'jane.crt',
  clientKeyFile: 'jane-key.pem',
};

/** The six files of the lab set, as lesson 3 names them, in the order the workbench shows them. */
export const LAB_FILES = [
  'rootCA.pem',
  'rootCA-key.pem',
  'server.pem',
  'server-key.pem',
  'client.pem',
  'client-key.pem',
];
