// SubjectPublicKeyInfo, read structurally, with what Go 1.19's parsePublicKey (crypto/x509
// parser.go) refuses recorded in `goError` in Go's words: RSA without NULL parameters or with a
// modulus or exponent that is not positive, EC with explicit parameters, a curve Go does not know
// (P-192, secp256k1, …) or a point that is not on the curve, Ed25519 with parameters or of the
// wrong size, malformed DSA parameters.

import { bitLength, bytesEqual } from './bytes.ts';
import type { DerNode } from './der.ts';
import { expectTag, readOid, readSingle, TAG } from './der.ts';
import { DerCursor } from './der-cursor.ts';
import { LabError } from './errors.ts';
import { GO_CURVES, OID } from './oids.ts';

/** A SubjectPublicKeyInfo, decoded. */
export interface PublicKeyInfo {
  algorithm: 'RSA' | 'EC' | 'Ed25519' | 'unknown';
  /** The algorithm OID. */
  oid: string;
  /** RSA modulus size in bits. */
  bits?: number;
  /** EC curve name ("P-224", "P-256", "P-384", "P-521"), "explicit parameters", or the curve OID. */
  curve?: string;
  /** The whole SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** The subjectPublicKey BIT STRING contents (what a key identifier hashes). */
  keyBytes: Uint8Array;
  /** RSA modulus and exponent (unsigned big-endian). */
  rsa?: { n: Uint8Array; e: Uint8Array };
  /** Why Go's x509 parser refuses this key (its error text); undefined when Go reads it. */
  goError?: string;
}

const NULL = Uint8Array.of(0x05, 0x00);

function bigFrom(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return r;
}

/** Go's elliptic.Unmarshal: uncompressed, coordinates below p, on the curve y² = x³ − 3x + b. */
function onCurve(curveOid: string, point: Uint8Array): boolean {
  const c = GO_CURVES[curveOid]!;
  const len = Math.ceil(c.bits / 8);
  if (point.length !== 1 + 2 * len || point[0] !== 4) return false;
  const p = BigInt(c.p);
  const x = bigFrom(point.subarray(1, 1 + len));
  const y = bigFrom(point.subarray(1 + len));
  if (x >= p || y >= p) return false;
  const rhs = (((modPow(x, 3n, p) - 3n * x + BigInt(c.b)) % p) + p) % p;
  return (y * y) % p === rhs;
}

/** Decodes a SubjectPublicKeyInfo (DER bytes or an element already read), reading what Go reads. */
export function parsePublicKeyInfo(input: DerNode | Uint8Array): PublicKeyInfo {
  const node = input instanceof Uint8Array ? readSingle(input) : input;
  expectTag(node, TAG.SEQUENCE, 'a SubjectPublicKeyInfo');
  const top = new DerCursor(node.value);
  const algBody = top.read(0x30);
  const bits = algBody === null ? null : top.readBitString();
  if (algBody === null || bits === null) {
    throw new LabError(
      'der/malformed',
      'A SubjectPublicKeyInfo holds an AlgorithmIdentifier and a BIT STRING',
      {
        offset: node.offset,
      },
    );
  }
  const alg = new DerCursor(algBody);
  const algOid = alg.readOid();
  const hasParams = algOid !== null && !alg.empty();
  const paramsEl = hasParams ? alg.readAnyElement() : null;
  if (algOid === null || (hasParams && paramsEl === null)) {
    throw new LabError('der/malformed', 'The public key AlgorithmIdentifier is malformed', {
      offset: node.offset,
    });
  }
  const params = paramsEl ? readSingle(paramsEl.bytes) : undefined;
  const keyBytes = bits.rightAligned;
  const info: PublicKeyInfo = { algorithm: 'unknown', oid: algOid, spki: node.bytes, keyBytes };
  const goFail = (text: string) => {
    info.goError ??= text;
  };
  if (algOid === OID.rsaEncryption) {
    info.algorithm = 'RSA';
    if (!(params && bytesEqual(params.bytes, NULL))) goFail('x509: RSA key missing NULL parameters');
    const outer = new DerCursor(keyBytes);
    const seq = outer.read(0x30);
    if (seq === null) {
      goFail('x509: invalid RSA public key');
      info.rsa = { n: new Uint8Array(0), e: new Uint8Array(0) };
      info.bits = 0;
      return info;
    }
    const c = new DerCursor(seq);
    const nRaw = c.read(0x02);
    const eRaw = nRaw === null ? null : c.read(0x02);
    const minimal = (v: Uint8Array | null) =>
      v !== null &&
      v.length > 0 &&
      !(v.length > 1 && ((v[0] === 0 && (v[1]! & 0x80) === 0) || (v[0] === 0xff && (v[1]! & 0x80) !== 0)));
    if (!minimal(nRaw)) goFail('x509: invalid RSA modulus');
    else if (!minimal(eRaw) || eRaw!.length > 8) goFail('x509: invalid RSA public exponent');
    const strip = (v: Uint8Array) => {
      let i = 0;
      while (i < v.length - 1 && v[i] === 0) i++;
      return v.subarray(i);
    };
    const n = strip(nRaw ?? new Uint8Array(0));
    const e = strip(eRaw ?? new Uint8Array(0));
    if (nRaw && minimal(nRaw) && ((nRaw[0]! & 0x80) !== 0 || n.every((b) => b === 0)))
      goFail('x509: RSA modulus is not a positive number');
    if (eRaw && minimal(eRaw) && ((eRaw[0]! & 0x80) !== 0 || e.every((b) => b === 0)))
      goFail('x509: RSA public exponent is not a positive number');
    info.rsa = { n, e };
    info.bits = n[0] === 0 ? 0 : bitLength(n);
  } else if (algOid === OID.ecPublicKey) {
    info.algorithm = 'EC';
    if (params?.tag === TAG.OID) {
      const curveOid = readOid(params);
      info.curve = GO_CURVES[curveOid]?.name ?? curveOid;
      if (!GO_CURVES[curveOid]) goFail('x509: unsupported elliptic curve');
      else if (!onCurve(curveOid, keyBytes)) goFail('x509: failed to unmarshal elliptic curve point');
    } else {
      info.curve = 'explicit parameters';
      goFail('x509: invalid ECDSA parameters');
    }
  } else if (algOid === OID.ed25519) {
    info.algorithm = 'Ed25519';
    if (params) goFail('x509: Ed25519 key encoded with illegal parameters');
    else if (keyBytes.length !== 32) goFail('x509: wrong Ed25519 public key size');
  } else if (algOid === OID.dsa) {
    const y = new DerCursor(keyBytes).readInteger();
    if (y === null) goFail('x509: invalid DSA public key');
    else {
      const pc = new DerCursor(params?.bytes ?? new Uint8Array(0));
      const seq = pc.read(0x30);
      const inner = seq === null ? null : new DerCursor(seq);
      const pqg = inner ? [inner.readInteger(), inner.readInteger(), inner.readInteger()] : [null];
      if (pqg.some((v) => v === null)) goFail('x509: invalid DSA parameters');
      else if (y <= 0n || pqg.some((v) => v! <= 0n)) goFail('x509: zero or negative DSA parameter');
    }
  }
  return info;
}
