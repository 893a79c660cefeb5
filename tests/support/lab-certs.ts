// The lab's serving certificates made by the site's engine, as the lessons name the files: a CA
// (rootCA.pem) and its server certificate for localhost and 127.0.0.1 (server.pem, server-key.pem),
// for the tests that serve something over TLS to kubectl, curl or the stand-in (an OIDC issuer,
// token-webhook.py).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IssuedCertificate, issueRootCa, issueServerCertificate } from '../../src/pki/index.ts';
import type { KeyAlgorithm, SubjectParams } from '../../src/pki/types.ts';

export interface LocalhostCertificateOptions {
  /** The CA's subject. Default: CN=Kube Auth Lab CA. */
  caSubject?: SubjectParams;
  /** Both keys'. Default: ECDSA-P256. */
  algorithm?: KeyAlgorithm;
  /** Both certificates'. Default: 30. */
  validityDays?: number;
}

/** Writes rootCA.pem, server.pem and server-key.pem into `dir`, and returns the CA and the server certificate. */
export async function writeLocalhostCertificates(
  dir: string,
  opts: LocalhostCertificateOptions = {},
): Promise<{ ca: IssuedCertificate; server: IssuedCertificate }> {
  const algorithm = opts.algorithm ?? 'ECDSA-P256';
  const validityDays = opts.validityDays ?? 30;
  const ca = await issueRootCa({
    subject: opts.caSubject ?? { commonName: 'Kube Auth Lab CA' },
    algorithm,
    validityDays,
  });
  const server = await issueServerCertificate(
    {
      subject: { commonName: 'localhost' },
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      algorithm,
      validityDays,
    },
    ca,
  );
  writeFileSync(join(dir, 'rootCA.pem'), ca.certificatePem);
  writeFileSync(join(dir, 'server.pem'), server.certificatePem);
  writeFileSync(join(dir, 'server-key.pem'), server.privateKeyPem);
  return { ca, server };
}
