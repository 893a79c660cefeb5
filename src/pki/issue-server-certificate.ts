import type { GeneratedKeyPair } from './generate-key-pair.ts';
import { issueWithKey } from './issue-with-key.ts';
import { loadSigningCa } from './load-signing-ca.ts';
import { parseIp } from './parse-ip.ts';
import type { IssuedCertificate, ServerCertificateParams, SigningCa } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** A TLS server certificate (DNS/IP SANs, EKU serverAuth, CA:FALSE, AKI/SKI) signed by `ca`, and its key. */
export async function issueServerCertificate(
  params: ServerCertificateParams,
  ca: SigningCa,
  /** A key pair made ahead for params.algorithm (default: a new one). */
  keyPair?: GeneratedKeyPair,
): Promise<IssuedCertificate> {
  assertValidParams('server', params);
  const issuer = await loadSigningCa(ca);
  return issueWithKey(
    params,
    365,
    () => ({
      profile: 'server',
      issuer,
      dnsNames: params.dnsNames ?? [],
      ipAddresses: (params.ipAddresses ?? []).map((ip) => parseIp(ip)!),
    }),
    keyPair,
  );
}
