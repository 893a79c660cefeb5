import type { DerNode } from './der.ts';
import { children, expectTag, readBitStringBytes, readOid, readSingle, readUnsigned, TAG } from './der.ts';
import { CURVES, OID } from './oids.ts';

/** A SubjectPublicKeyInfo, decoded. */
export interface PublicKeyInfo {
  algorithm: 'RSA' | 'EC' | 'Ed25519' | 'unknown';
  /** The algorithm OID. */
  oid: string;
  /** RSA modulus size in bits. */
  bits?: number;
  /** EC curve name ("P-256", "P-384", "P-521") or the curve OID when unknown. */
  curve?: string;
  /** The whole SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** The subjectPublicKey BIT STRING contents (what a key identifier hashes). */
  keyBytes: Uint8Array;
  /** RSA modulus and exponent (unsigned big-endian). */
  rsa?: { n: Uint8Array; e: Uint8Array };
}

/** Decodes a SubjectPublicKeyInfo (DER bytes or an element already read). */
export function parsePublicKeyInfo(input: DerNode | Uint8Array): PublicKeyInfo {
  const node = input instanceof Uint8Array ? readSingle(input) : input;
  expectTag(node, TAG.SEQUENCE, 'a SubjectPublicKeyInfo');
  const [algNode, keyNode] = children(node);
  const algParts = children(expectTag(algNode, TAG.SEQUENCE, 'an AlgorithmIdentifier'));
  const algOid = readOid(algParts[0]!);
  const keyBytes = readBitStringBytes(keyNode!, 'the public key');
  const info: PublicKeyInfo = { algorithm: 'unknown', oid: algOid, spki: node.bytes, keyBytes };
  if (algOid === OID.rsaEncryption) {
    const [n, e] = children(expectTag(readSingle(keyBytes), TAG.SEQUENCE, 'an RSAPublicKey'));
    const nBytes = readUnsigned(n!, 'the RSA modulus');
    info.algorithm = 'RSA';
    info.rsa = { n: nBytes, e: readUnsigned(e!, 'the RSA exponent') };
    info.bits = nBytes.length * 8 - Math.clz32(nBytes[0]!) + 24;
  } else if (algOid === OID.ecPublicKey) {
    info.algorithm = 'EC';
    const params = algParts[1];
    if (params?.tag === TAG.OID) {
      const curveOid = readOid(params);
      info.curve = CURVES[curveOid]?.name ?? curveOid;
    } else {
      info.curve = 'explicit parameters';
    }
  } else if (algOid === OID.ed25519) {
    info.algorithm = 'Ed25519';
  }
  return info;
}
