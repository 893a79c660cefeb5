// The lab set the recipe interop tests make for each key algorithm: the workbench's defaults with
// two groups and both kinds of SAN, so every recipe writes the same six files from the same values.
import type { KeyAlgorithm } from '../../src/pki/types.ts';
import type { LabCertificateParams } from '../../src/recipes/index.ts';

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
