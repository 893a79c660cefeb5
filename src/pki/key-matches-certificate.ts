import { bytesEqual } from './bytes.ts';
import { importPrivateKeyPem, publicValues } from './import-private-key-pem.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import type { PublicKeyInfo } from './public-key-info.ts';
import { readCertificate } from './read-certificates.ts';

/** The public values of a certificate's key in the order `publicValues` gives them. */
export function certificatePublicValues(info: PublicKeyInfo): Uint8Array[] | null {
  if (info.algorithm === 'RSA' && info.rsa) return [info.rsa.n, info.rsa.e];
  if (info.algorithm === 'EC') {
    const k = info.keyBytes;
    if (k[0] !== 0x04 || k.length % 2 !== 1) return null;
    const half = (k.length - 1) / 2;
    return [k.subarray(1, 1 + half), k.subarray(1 + half)];
  }
  if (info.algorithm === 'Ed25519') return [info.keyBytes];
  return null;
}

/** True when the private key (PEM) is the key of the certificate (compares the public halves). */
export async function keyMatchesCertificate(
  keyPem: string,
  certificate: string | Uint8Array | ParsedCertificate,
): Promise<boolean> {
  const cert = readCertificate(certificate);
  const key = await importPrivateKeyPem(keyPem);
  const fromCert = certificatePublicValues(cert.publicKey);
  if (!fromCert) return false;
  if (key.keyType !== cert.publicKey.algorithm) return false;
  if (key.keyType === 'EC' && key.curve !== cert.publicKey.curve) return false;
  const fromKey = await publicValues(key.publicKey);
  return (
    fromKey.length === fromCert.length && fromKey.every((v, i) => bytesEqual(strip(v), strip(fromCert[i]!)))
  );
}

function strip(v: Uint8Array): Uint8Array {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  return v.subarray(i);
}
