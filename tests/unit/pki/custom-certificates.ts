// Deliberately unusual certificates for verification tests (CA:FALSE issuers, missing keyCertSign,
// v1 roots, restricted EKUs, odd validity), made with src/pki's low-level buildCertificate.

import type { KeyAlgorithm, ParsedCertificate } from '../../../src/pki/index.ts';
import {
  encodeName,
  encodePem,
  exportPrivateKeyPem,
  generateKeyPair,
  parsePublicKeyInfo,
  readCertificate,
} from '../../../src/pki/index.ts';
import {
  authorityKeyIdentifier,
  basicConstraints,
  buildCertificate,
  type ExtensionSpec,
  extKeyUsage,
  keyIdentifier,
  keyUsage,
  randomSerial,
  subjectAltName,
  subjectKeyIdentifier,
} from '../../support/pki-writers.ts';
import { NOW } from './lab.ts';

export interface Made {
  certificatePem: string;
  privateKeyPem: string;
  cert: ParsedCertificate;
  key: CryptoKey;
}

export interface MakeOptions {
  cn: string;
  orgs?: string[];
  /** The issuer; default: self-signed. */
  issuer?: Made;
  algorithm?: KeyAlgorithm;
  version?: 1 | 3;
  /** 'ca' (CA:TRUE, keyCertSign), 'leaf' (CA:FALSE), or an explicit list. */
  profile?: 'ca' | 'leaf' | 'none';
  pathLength?: number;
  keyUsage?: ('digitalSignature' | 'keyCertSign' | 'cRLSign' | 'keyEncipherment')[] | null;
  eku?: string[];
  dns?: string[];
  ips?: Uint8Array[];
  notBefore?: Date;
  notAfter?: Date;
  extra?: ExtensionSpec[];
  /** Skip the AKI (default: written when there is an issuer). */
  noAki?: boolean;
}

const DAY = 86_400_000;
export const OIDS = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2', any: '2.5.29.37.0' };

/** Makes a certificate exactly as described. */
export async function make(o: MakeOptions): Promise<Made> {
  const algorithm = o.algorithm ?? 'ECDSA-P256';
  const pair = await generateKeyPair(algorithm);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const subject = encodeName({ commonName: o.cn, organizations: o.orgs ?? [] });
  const exts: ExtensionSpec[] = [];
  const profile = o.profile ?? 'leaf';
  const ku =
    o.keyUsage === undefined
      ? profile === 'ca'
        ? ['digitalSignature', 'keyCertSign', 'cRLSign']
        : ['digitalSignature']
      : o.keyUsage;
  if (ku && ku.length > 0) exts.push(keyUsage(ku as never));
  if (o.eku) exts.push(extKeyUsage(o.eku));
  if (profile !== 'none') exts.push(basicConstraints(profile === 'ca', o.pathLength));
  const keyBits = parsePublicKeyInfo(spki).keyBytes;
  exts.push(subjectKeyIdentifier(await keyIdentifier(keyBits)));
  if (o.issuer && !o.noAki)
    exts.push(authorityKeyIdentifier(o.issuer.cert.subjectKeyId ?? new Uint8Array(20)));
  if ((o.dns?.length ?? 0) + (o.ips?.length ?? 0) > 0) exts.push(subjectAltName(o.dns ?? [], o.ips ?? []));
  exts.push(...(o.extra ?? []));
  const notBefore = o.notBefore ?? NOW;
  const der = await buildCertificate(
    {
      version: o.version ?? 3,
      serial: randomSerial(),
      issuer: o.issuer ? o.issuer.cert.subjectRaw : subject,
      subject,
      notBefore,
      notAfter: o.notAfter ?? new Date(notBefore.getTime() + 365 * DAY),
      spki,
      extensions: o.version === 1 ? [] : exts,
    },
    o.issuer ? o.issuer.key : pair.privateKey,
  );
  const certificatePem = encodePem('CERTIFICATE', der);
  return {
    certificatePem,
    privateKeyPem: await exportPrivateKeyPem(pair.privateKey),
    cert: readCertificate(certificatePem),
    key: pair.privateKey,
  };
}

/** A copy of a PEM certificate with one byte of its signature flipped. */
export function tamperSignature(pem: string): string {
  const der = readCertificate(pem).der.slice();
  der[der.length - 5]! ^= 0x01;
  return encodePem('CERTIFICATE', der);
}
