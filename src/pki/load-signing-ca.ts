// A SigningCa (PEM certificate + PEM key) made ready to sign: both parsed, the key checked to be the
// certificate's key, and the certificate checked to be one Go's Verify will accept as an issuer.
import { LabError } from './errors.ts';
import { keyIdentifier } from './extensions.ts';
import { importPrivateKeyPem } from './import-private-key-pem.ts';
import { keyMatchesCertificate } from './key-matches-certificate.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import { readCertificates } from './read-certificates.ts';
import type { SigningCa } from './types.ts';

/** A CA ready to sign. */
export interface LoadedCa {
  certificate: ParsedCertificate;
  privateKey: CryptoKey;
  /** The key identifier leaves get as authorityKeyIdentifier (the CA's SKI, else computed). */
  keyId: Uint8Array;
}

/** Parses and checks a SigningCa; throws `ca/*` codes. */
export async function loadSigningCa(ca: SigningCa): Promise<LoadedCa> {
  if (!ca || typeof ca.certificatePem !== 'string' || typeof ca.privateKeyPem !== 'string') {
    throw new LabError('ca/missing', 'A CA certificate and its private key (PEM) are required', {
      field: 'ca',
    });
  }
  const [certificate] = readCertificates(ca.certificatePem);
  const key = await importPrivateKeyPem(ca.privateKeyPem);
  if (!(await keyMatchesCertificate(ca.privateKeyPem, certificate!))) {
    throw new LabError('ca/key-mismatch', 'The CA private key does not belong to the CA certificate', {
      field: 'ca',
    });
  }
  const cert = certificate!;
  if (!cert.basicConstraints?.ca) {
    throw new LabError(
      'ca/not-a-ca',
      'The CA certificate does not have basicConstraints CA:TRUE, so nothing it signs will verify',
      { field: 'ca' },
    );
  }
  if (cert.keyUsage && cert.keyUsage.length > 0 && !cert.keyUsage.includes('keyCertSign')) {
    throw new LabError(
      'ca/no-keycertsign',
      'The CA certificate has a keyUsage without keyCertSign, so nothing it signs will verify',
      { field: 'ca' },
    );
  }
  return {
    certificate: cert,
    privateKey: key.privateKey,
    keyId: cert.subjectKeyId ?? (await keyIdentifier(cert.publicKey.keyBytes)),
  };
}
