import { webcrypto } from './crypto.ts';
import { encodeName } from './encode-name.ts';
import { exportPrivateKeyPem } from './export-private-key-pem.ts';
import { generateKeyPair } from './generate-key-pair.ts';
import { issueCertificate } from './issue-certificate.ts';
import { loadSigningCa } from './load-signing-ca.ts';
import { parseIp } from './parse-ip.ts';
import type { IssuedCertificate, ServerCertificateParams, SigningCa } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** A TLS server certificate (DNS/IP SANs, EKU serverAuth, CA:FALSE, AKI/SKI) signed by `ca`, and its key. */
export async function issueServerCertificate(
  params: ServerCertificateParams,
  ca: SigningCa,
): Promise<IssuedCertificate> {
  assertValidParams('server', params);
  const issuer = await loadSigningCa(ca);
  const keys = await generateKeyPair(params.algorithm);
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  const certificatePem = await issueCertificate({
    profile: 'server',
    subject: encodeName(params.subject),
    spki,
    dnsNames: params.dnsNames ?? [],
    ipAddresses: (params.ipAddresses ?? []).map((ip) => parseIp(ip)!),
    notBefore: params.notBefore ?? new Date(),
    validityDays: params.validityDays ?? 365,
    issuer,
  });
  return { certificatePem, privateKeyPem: await exportPrivateKeyPem(keys.privateKey) };
}
