// The profiles every issuing path shares (issue*, signCsr). Extensions are written in the order Go's
// CreateCertificate writes them (keyUsage, extKeyUsage, basicConstraints, SKI, AKI, SAN), with
// kubeadm's choices: CAs get digitalSignature + keyCertSign + cRLSign; leaves get digitalSignature,
// plus keyEncipherment when the leaf key is RSA; every leaf gets an explicit critical CA:FALSE.
import { buildCertificate } from './build-certificate.ts';
import { readSingle } from './der.ts';
import { encodePem } from './encode-pem.ts';
import type { ExtensionSpec } from './extensions.ts';
import {
  authorityKeyIdentifier,
  basicConstraints,
  extKeyUsage,
  keyIdentifier,
  keyUsage,
  subjectAltName,
  subjectKeyIdentifier,
} from './extensions.ts';
import type { LoadedCa } from './load-signing-ca.ts';
import { OID } from './oids.ts';
import { parsePublicKeyInfo } from './public-key-info.ts';
import { randomSerial } from './random-serial.ts';

/** What a certificate is for. */
export type Profile = 'root-ca' | 'intermediate-ca' | 'server' | 'client';

/** One certificate to issue. */
export interface IssueRequest {
  profile: Profile;
  /** Subject Name DER. */
  subject: Uint8Array;
  /** The subject's SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** For CAs. Default: none. */
  pathLength?: number;
  dnsNames?: readonly string[];
  /** 4- or 16-byte IP addresses. */
  ipAddresses?: readonly Uint8Array[];
  notBefore: Date;
  validityDays: number;
  /** The issuing CA; absent for a self-signed root (then `selfKey` signs). */
  issuer?: LoadedCa;
  selfKey?: CryptoKey;
}

const DAY_MS = 86_400_000;

/** Issues the certificate and returns its PEM. */
export async function issueCertificate(req: IssueRequest): Promise<string> {
  const key = parsePublicKeyInfo(readSingle(req.spki));
  const isCa = req.profile === 'root-ca' || req.profile === 'intermediate-ca';
  const exts: ExtensionSpec[] = [];
  if (isCa) exts.push(keyUsage(['digitalSignature', 'keyCertSign', 'cRLSign']));
  else
    exts.push(
      keyUsage(key.algorithm === 'RSA' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature']),
    );
  if (req.profile === 'server') exts.push(extKeyUsage([OID.serverAuth]));
  if (req.profile === 'client') exts.push(extKeyUsage([OID.clientAuth]));
  exts.push(basicConstraints(isCa, req.pathLength));
  exts.push(subjectKeyIdentifier(await keyIdentifier(key.keyBytes)));
  if (req.issuer) exts.push(authorityKeyIdentifier(req.issuer.keyId));
  const dns = req.dnsNames ?? [];
  const ips = req.ipAddresses ?? [];
  if (dns.length + ips.length > 0) exts.push(subjectAltName(dns, ips, req.subject.length <= 2));
  const notBefore = new Date(Math.floor(req.notBefore.getTime() / 1000) * 1000);
  const der = await buildCertificate(
    {
      serial: randomSerial(),
      issuer: req.issuer ? req.issuer.certificate.subjectRaw : req.subject,
      subject: req.subject,
      notBefore,
      notAfter: new Date(notBefore.getTime() + req.validityDays * DAY_MS),
      spki: req.spki,
      extensions: exts,
    },
    req.issuer ? req.issuer.privateKey : req.selfKey!,
  );
  return encodePem('CERTIFICATE', der);
}
