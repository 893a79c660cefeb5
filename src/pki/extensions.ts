// Extension values as Go's crypto/x509 CreateCertificate writes them: keyUsage and basicConstraints
// critical, SAN critical only when the subject is empty (RFC 5280 §4.2.1.6), key identifiers
// from the SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2 method 1).
import { toArrayBuffer } from './bytes.ts';
import { webcrypto } from './crypto.ts';
import { bitString, context, derBoolean, octetString, oid, seq, smallInteger, tlv } from './der.ts';
import type { KeyUsageName } from './oids.ts';
import { KEY_USAGE_NAMES, OID } from './oids.ts';

/** One extension to write. */
export interface ExtensionSpec {
  oid: string;
  critical: boolean;
  /** The DER inside the extnValue OCTET STRING. */
  value: Uint8Array;
}

/** The DER Extension element. */
export function encodeExtension(ext: ExtensionSpec): Uint8Array {
  return seq(oid(ext.oid), ...(ext.critical ? [derBoolean(true)] : []), octetString(ext.value));
}

/** basicConstraints (critical): CA flag and optional pathLenConstraint. */
export function basicConstraints(ca: boolean, pathLength?: number): ExtensionSpec {
  const parts: Uint8Array[] = [];
  if (ca) parts.push(derBoolean(true));
  if (ca && pathLength !== undefined) parts.push(smallInteger(pathLength));
  return { oid: OID.basicConstraints, critical: true, value: seq(...parts) };
}

/** keyUsage (critical) as a DER named-bit BIT STRING. */
export function keyUsage(names: readonly KeyUsageName[]): ExtensionSpec {
  const bits = names.map((n) => KEY_USAGE_NAMES.indexOf(n));
  const top = Math.max(...bits);
  const bytes = new Uint8Array((top >> 3) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  const unused = 7 - (top & 7);
  return { oid: OID.keyUsage, critical: true, value: bitString(bytes, unused) };
}

/** extKeyUsage (not critical). */
export function extKeyUsage(oids: readonly string[]): ExtensionSpec {
  return { oid: OID.extKeyUsage, critical: false, value: seq(...oids.map(oid)) };
}

/** subjectAltName from DNS names and 4/16-byte IPs. */
export function subjectAltName(
  dns: readonly string[],
  ips: readonly Uint8Array[],
  critical = false,
): ExtensionSpec {
  const enc = new TextEncoder();
  return {
    oid: OID.subjectAltName,
    critical,
    value: seq(...dns.map((d) => tlv(0x82, enc.encode(d))), ...ips.map((ip) => tlv(0x87, ip))),
  };
}

/** subjectKeyIdentifier. */
export function subjectKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID.subjectKeyIdentifier, critical: false, value: octetString(keyId) };
}

/** authorityKeyIdentifier with only the keyIdentifier field. */
export function authorityKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID.authorityKeyIdentifier, critical: false, value: seq(context(0, false, keyId)) };
}

/** SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2 method 1), as Go and openssl compute it. */
export async function keyIdentifier(publicKeyBits: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await webcrypto.subtle.digest('SHA-1', toArrayBuffer(publicKeyBits)));
}
