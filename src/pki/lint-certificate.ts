import { goOrganizations } from './go-name.ts';
import { type LintOptions, type LintWarning, serverValidityWarning } from './lint-params.ts';
import { OID, SIGNATURE_ALGORITHMS } from './oids.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import { readCertificate } from './read-certificates.ts';
import { includesSystemMasters, SYSTEM_MASTERS_RISK } from './system-masters.ts';
import type { Purpose } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * Warnings for an existing certificate. The purpose is inferred from the EKU unless given: serverAuth
 * makes it a server certificate; clientAuth, or a purpose of "client", a client certificate.
 */
export function lintCertificate(
  certificate: string | Uint8Array | ParsedCertificate,
  options: LintOptions & { purpose?: Purpose } = {},
): LintWarning[] {
  const cert = readCertificate(certificate);
  const out: LintWarning[] = [];
  const eku = cert.extKeyUsage ?? [];
  const isCa = cert.basicConstraints?.ca === true;
  const isServer = options.purpose ? options.purpose === 'server' : eku.includes(OID.serverAuth);
  const isClient = options.purpose ? options.purpose === 'client' : eku.includes(OID.clientAuth);
  if (isCa && cert.keyUsage && cert.keyUsage.length > 0 && !cert.keyUsage.includes('keyCertSign')) {
    out.push({
      code: 'lint/ca-without-keycertsign',
      field: 'keyUsage',
      message:
        'A CA whose keyUsage lacks keyCertSign cannot sign certificates that Go or openssl will accept',
    });
  }
  if (!isCa && isServer) {
    const san = cert.subjectAltNames;
    if (!san || san.dns.length + san.ip.length === 0) {
      out.push({
        code: 'lint/server-without-san',
        field: 'subjectAltName',
        message:
          'A server certificate without DNS or IP SANs fails in Go (so in kubectl) and in Chrome, which never match host names against the CN; only some clients, such as curl, still fall back to it',
      });
    }
    const days = Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS);
    const validity = serverValidityWarning(days, 'validity', options.now ?? new Date());
    if (validity) out.push(validity);
    if (eku.includes(OID.clientAuth)) {
      out.push({
        code: 'lint/server-and-client-auth',
        field: 'extKeyUsage',
        message:
          'One certificate for both server and client authentication breaks least privilege; use separate profiles',
      });
    }
  }
  if (
    !isCa &&
    isClient &&
    eku.length > 0 &&
    !eku.includes(OID.clientAuth) &&
    !eku.includes(OID.anyExtendedKeyUsage)
  ) {
    out.push({
      code: 'lint/client-without-client-auth',
      field: 'extKeyUsage',
      message: 'A client certificate whose extended key usage lacks clientAuth is rejected by kube-apiserver',
    });
  }
  if (!isCa && includesSystemMasters(goOrganizations(cert.subject))) {
    out.push({
      code: 'lint/system-masters',
      field: 'subject',
      message: `${SYSTEM_MASTERS_RISK}: use an ordinary group and a (Cluster)RoleBinding`,
    });
  }
  if (cert.publicKey.algorithm === 'RSA' && (cert.publicKey.bits ?? 0) < 2048) {
    out.push({
      code: 'lint/rsa-under-2048',
      field: 'publicKey',
      message: `An RSA key of ${cert.publicKey.bits} bits is too weak; use at least 2048`,
    });
  }
  if (cert.negativeSerial) {
    out.push({
      code: 'lint/negative-serial',
      field: 'serialNumber',
      message:
        'A negative serial: Go 1.19 accepts it, Go 1.23 and later refuse it ("x509: negative serial number")',
    });
  }
  const hash = SIGNATURE_ALGORITHMS[cert.signatureAlgorithmOid]?.hash;
  if (hash === 'SHA-1' || hash === 'MD5') {
    out.push({
      code: 'lint/sha1-signature',
      field: 'signatureAlgorithm',
      message: `The certificate is signed with ${hash}, which Go (and so Kubernetes) refuses`,
    });
  }
  return out;
}
