// A PKCS#10 certificate signing request as `openssl req -new` or Go's CreateCertificateRequest
// writes it: version 0, the subject, the key, and — when SANs are asked for — an extensionRequest
// attribute holding a subjectAltName extension.

import { webcrypto } from './crypto.ts';
import { bitString, context, oid, seq, set, smallInteger } from './der.ts';
import { encodeName } from './encode-name.ts';
import { encodePem } from './encode-pem.ts';
import { exportPrivateKeyPem } from './export-private-key-pem.ts';
import { encodeExtension, subjectAltName } from './extensions.ts';
import { type GeneratedKeyPair, keyPairFor } from './generate-key-pair.ts';
import { OID } from './oids.ts';
import { parseIp } from './parse-ip.ts';
import { signBytes } from './sign-bytes.ts';
import type { CsrParams } from './types.ts';
import { assertValidParams } from './validate-params.ts';

/** A CSR and the new private key it was made with. */
export interface CreatedCsr {
  /** "-----BEGIN CERTIFICATE REQUEST-----…" */
  csrPem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

/** Makes a key pair and a CSR for `params` (the CN may be empty in a CSR). */
export async function createCsr(
  params: CsrParams,
  /** A key pair made ahead for params.algorithm (default: a new one). */
  keyPair?: GeneratedKeyPair,
): Promise<CreatedCsr> {
  assertValidParams('csr', params);
  const keys = await keyPairFor(params.algorithm, keyPair);
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  const subject = encodeName(params.subject);
  const dns = params.dnsNames ?? [];
  const ips = (params.ipAddresses ?? []).map((ip) => parseIp(ip)!);
  const attributes =
    dns.length + ips.length > 0
      ? [
          seq(
            oid(OID.extensionRequest),
            set(seq(encodeExtension(subjectAltName(dns, ips, subject.length <= 2)))),
          ),
        ]
      : [];
  const info = seq(smallInteger(0), subject, spki, context(0, true, ...attributes));
  const signed = await signBytes(keys.privateKey, info);
  const der = seq(info, signed.algorithmIdentifier, bitString(signed.signature));
  return {
    csrPem: encodePem('CERTIFICATE REQUEST', der),
    privateKeyPem: await exportPrivateKeyPem(keys.privateKey),
  };
}
