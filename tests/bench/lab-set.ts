// The "lab set" the benchmark times: a root CA, a server certificate and a client certificate,
// each with a fresh key of the given algorithm, made by src/pki exactly as the workbench makes them.
import {
  issueClientCertificate,
  issueRootCa,
  issueServerCertificate,
  type KeyAlgorithm,
} from '../../src/pki/index.ts';

/** Makes the lab set once and returns the milliseconds it took. */
export async function timeLabSet(algorithm: KeyAlgorithm): Promise<number> {
  const start = performance.now();
  const ca = await issueRootCa({
    subject: { commonName: 'Bench Root CA', organizations: ['Bench'] },
    algorithm,
  });
  await issueServerCertificate(
    { subject: { commonName: 'localhost' }, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], algorithm },
    ca,
  );
  await issueClientCertificate(
    { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm },
    ca,
  );
  return performance.now() - start;
}
