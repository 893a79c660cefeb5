// The value `kubeadm join --discovery-token-ca-cert-hash` expects: "sha256:" and the lower-case hex
// of the SHA-256 of the CA certificate's DER SubjectPublicKeyInfo (kubeadm's pubkeypin.Hash over
// crypto/x509's RawSubjectPublicKeyInfo), not of the whole certificate. The same as
//   openssl x509 -pubkey -in ca.crt | openssl pkey -pubin -outform der | openssl dgst -sha256 -hex
import { toHex } from './bytes.ts';
import { webcrypto } from './crypto.ts';
import { LabError } from './errors.ts';
import { readCertificates } from './read-certificates.ts';

/**
 * The discovery-token CA cert hash of the first certificate in `caPem` (PEM text or DER bytes).
 * Throws `pem/*`, `certificate/none`, `der/*`, or `discovery-hash/not-a-ca` when the first
 * certificate is a leaf (kubeadm pins the cluster CA, and a leaf's hash never matches it).
 */
export async function discoveryTokenCaCertHash(caPem: string | Uint8Array): Promise<string> {
  const [cert] = readCertificates(caPem);
  if (!cert) throw new LabError('certificate/none', 'Expected a CA certificate');
  if (cert.basicConstraints && !cert.basicConstraints.ca) {
    throw new LabError(
      'discovery-hash/not-a-ca',
      'This certificate is not a CA (basicConstraints CA:FALSE): kubeadm join pins the cluster CA, ca.crt',
    );
  }
  const digest = await webcrypto.subtle.digest('SHA-256', cert.publicKey.spki.slice());
  return `sha256:${toHex(new Uint8Array(digest))}`;
}
