// Certificates written byte by byte, for the cases where Go's parser and ours could read a
// certificate differently: odd string types and times, negative serials, v1/v2 certificates with
// extensions, unique IDs, keys on curves Go refuses, name constraints, RSA-PSS signatures,
// BOOLEANs encoded as 01, over-long lengths. Every field has a normal default; an option replaces
// the DER of exactly one field. Imports only src/pki (the tests also run in a browser).

import { concatBytes, toArrayBuffer } from '../../../src/pki/bytes.ts';
import {
  bitString,
  context,
  derBoolean,
  derNull,
  octetString,
  oid,
  seq,
  smallInteger,
  time,
  tlv,
  unsignedInteger,
} from '../../../src/pki/der.ts';
import type { GeneratedKeyPair } from '../../../src/pki/index.ts';
import { encodeName, encodePem, generateKeyPair, parsePublicKeyInfo } from '../../../src/pki/index.ts';
import { signBytes } from '../../../src/pki/sign-bytes.ts';
import { keyIdentifier } from '../../support/pki-writers.ts';
import { NOW } from './lab.ts';

const DAY = 86_400_000;
const enc = new TextEncoder();

/** A signer: the key pair and the subject Name DER it issues as. */
export interface RawSigner {
  pair: GeneratedKeyPair;
  name: Uint8Array;
  /** Its subjectKeyIdentifier (written as the child's AKI). */
  keyId: Uint8Array;
  pem: string;
}

export interface RawOptions {
  /** Subject common name (PrintableString/UTF8 as Go writes it). Default 'raw'. */
  cn?: string;
  /** The subject Name DER, replacing cn. */
  subject?: Uint8Array;
  /** The issuer Name DER written in the certificate. Default: the signer's name. */
  issuerName?: Uint8Array;
  /** Who signs; default self-signed. */
  signer?: RawSigner;
  /** The subject's key; default a new P-256 pair. */
  pair?: GeneratedKeyPair;
  /** SubjectPublicKeyInfo DER replacing the key's. */
  spki?: Uint8Array;
  /** The [0] version field: a number writes INTEGER n, null leaves it out. Default 2 (v3). */
  version?: number | null;
  /** The serial INTEGER's contents. Default 01 23 45. */
  serial?: Uint8Array;
  /** The whole serial element, replacing serial (e.g. with an over-long length). */
  serialElement?: Uint8Array;
  /** notBefore / notAfter elements (UTCTime or GeneralizedTime TLVs). */
  notBefore?: Uint8Array;
  notAfter?: Uint8Array;
  /** Extension elements; default: basicConstraints CA, keyUsage keyCertSign+digitalSignature, SKI. */
  extensions?: Uint8Array[] | null;
  /** More extension elements after the default ones. */
  extraExtensions?: Uint8Array[];
  /** Elements written between the SPKI and the extensions (unique IDs). */
  beforeExtensions?: Uint8Array[];
  /** Elements written after the extensions, inside the TBS. */
  afterExtensions?: Uint8Array[];
  /** Elements written after the signature, inside the Certificate SEQUENCE. */
  afterSignature?: Uint8Array[];
  /** A CA (the default) or a client leaf (CA:FALSE, digitalSignature, clientAuth). */
  profile?: 'ca' | 'client';
  /** Replace the inner signature AlgorithmIdentifier (the outer one keeps the signer's). */
  innerAlgorithm?: Uint8Array;
  /** Sign the TBS another way: returns the AlgorithmIdentifier and signature. */
  sign?: (tbs: Uint8Array) => Promise<{ algorithmIdentifier: Uint8Array; signature: Uint8Array }>;
  /** Bytes to mangle the finished DER with. */
  mangle?: (der: Uint8Array) => Uint8Array;
}

/** One Extension element. */
export function extension(extOid: string, value: Uint8Array, critical = false): Uint8Array {
  return seq(oid(extOid), ...(critical ? [derBoolean(true)] : []), octetString(value));
}

export const EXT = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  nameConstraints: '2.5.29.30',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

/** A Name with one CN of the given string tag (0x0c UTF8, 0x13 Printable, 0x14 T61, 0x1e BMP, …). */
export function nameWith(tag: number, value: Uint8Array, attrOid = '2.5.4.3'): Uint8Array {
  return seq(tlv(0x31, seq(oid(attrOid), tlv(tag, value))));
}

/** A Name with CN `cn` as Go writes it. */
export function plainName(cn: string): Uint8Array {
  return encodeName({ commonName: cn });
}

/** A GeneralName of the given context tag. */
export const gn = (tag: number, value: string | Uint8Array) =>
  tlv(tag, typeof value === 'string' ? enc.encode(value) : value);

/** A SAN extension value from GeneralName elements. */
export const sanValue = (...names: Uint8Array[]) => seq(...names);

/** A nameConstraints value: permitted and excluded GeneralSubtrees (undefined leaves one out). */
export function nameConstraintsValue(permitted?: Uint8Array[], excluded?: Uint8Array[]): Uint8Array {
  const subtrees = (names: Uint8Array[]) => names.map((n) => seq(n));
  return seq(
    ...(permitted ? [context(0, true, ...subtrees(permitted))] : []),
    ...(excluded ? [context(1, true, ...subtrees(excluded))] : []),
  );
}

/** An IP subtree: address then mask. */
export const ipSubtree = (ip: number[], mask: number[]) => gn(0x87, Uint8Array.from([...ip, ...mask]));

/** A fresh signer (a self-signed CA made with `options`). */
export async function rawSigner(options: RawOptions = {}): Promise<RawSigner> {
  const pair = options.pair ?? (await generateKeyPair('ECDSA-P256'));
  const name = options.subject ?? plainName(options.cn ?? 'Raw CA');
  const pem = await rawCertificate({ ...options, pair, subject: name });
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { pair, name, keyId: await keyIdentifier(parsePublicKeyInfo(spki).keyBytes), pem };
}

/** A certificate PEM written exactly as `o` says. */
export async function rawCertificate(o: RawOptions = {}): Promise<string> {
  const pair = o.pair ?? (await generateKeyPair('ECDSA-P256'));
  const spki = o.spki ?? new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const subject = o.subject ?? plainName(o.cn ?? 'raw');
  const signingKey = o.signer ? o.signer.pair.privateKey : pair.privateKey;
  const keyBits = (() => {
    try {
      return parsePublicKeyInfo(spki).keyBytes;
    } catch {
      return new Uint8Array(1);
    }
  })();
  const ski = await keyIdentifier(keyBits);
  const profile = o.profile ?? 'ca';
  const defaults =
    profile === 'ca'
      ? [
          extension(EXT.keyUsage, bitString(Uint8Array.of(0x84), 2), true),
          extension(EXT.basicConstraints, seq(derBoolean(true)), true),
          extension(EXT.subjectKeyIdentifier, octetString(ski)),
        ]
      : [
          extension(EXT.keyUsage, bitString(Uint8Array.of(0x80), 7), true),
          extension(EXT.extKeyUsage, seq(oid(EXT.clientAuth))),
          extension(EXT.basicConstraints, seq(), true),
          extension(EXT.subjectKeyIdentifier, octetString(ski)),
        ];
  if (o.signer) defaults.push(extension(EXT.authorityKeyIdentifier, seq(context(0, false, o.signer.keyId))));
  const exts = o.extensions === null ? [] : [...(o.extensions ?? defaults), ...(o.extraExtensions ?? [])];
  const probe = await signBytes(signingKey, new Uint8Array(1));
  const sign =
    o.sign ??
    (async (tbs: Uint8Array) => {
      const s = await signBytes(signingKey, tbs);
      return { algorithmIdentifier: s.algorithmIdentifier, signature: s.signature };
    });
  const outerAlgorithm = o.sign
    ? (await o.sign(new Uint8Array(1))).algorithmIdentifier
    : probe.algorithmIdentifier;
  const version = o.version === undefined ? 2 : o.version;
  const tbs = seq(
    ...(version === null ? [] : [versionField(version)]),
    o.serialElement ?? tlv(0x02, o.serial ?? Uint8Array.of(0x01, 0x23, 0x45)),
    o.innerAlgorithm ?? outerAlgorithm,
    o.issuerName ?? (o.signer ? o.signer.name : subject),
    seq(o.notBefore ?? time(NOW), o.notAfter ?? time(new Date(NOW.getTime() + 365 * DAY))),
    subject,
    spki,
    ...(o.beforeExtensions ?? []),
    ...(exts.length > 0 ? [context(3, true, seq(...exts))] : []),
    ...(o.afterExtensions ?? []),
  );
  const signed = await sign(tbs);
  let der = seq(tbs, signed.algorithmIdentifier, bitString(signed.signature), ...(o.afterSignature ?? []));
  if (o.mangle) der = o.mangle(der);
  return encodePem('CERTIFICATE', der);
}

function versionField(n: number): Uint8Array {
  return context(0, true, n < 0 ? tlv(0x02, Uint8Array.of(n & 0xff)) : smallInteger(n));
}

/** RSASSA-PSS AlgorithmIdentifier for SHA-256 with the given salt length (32 is what Go accepts). */
export function pssAlgorithm(saltLength = 32): Uint8Array {
  const sha256 = seq(oid('2.16.840.1.101.3.4.2.1'), derNull());
  return seq(
    oid('1.2.840.113549.1.1.10'),
    seq(
      context(0, true, sha256),
      context(1, true, seq(oid('1.2.840.113549.1.1.8'), sha256)),
      context(2, true, smallInteger(saltLength)),
    ),
  );
}

/** A signer function making RSASSA-PSS SHA-256 signatures with an RSA signer's key. */
export async function pssSign(
  signer: RawSigner,
  saltLength = 32,
): Promise<(tbs: Uint8Array) => Promise<{ algorithmIdentifier: Uint8Array; signature: Uint8Array }>> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', signer.pair.privateKey);
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return async (tbs) => ({
    algorithmIdentifier: pssAlgorithm(saltLength),
    signature: new Uint8Array(
      await crypto.subtle.sign({ name: 'RSA-PSS', saltLength }, key, toArrayBuffer(tbs)),
    ),
  });
}

/** An SPKI with algorithm `algOid`, parameters `params` (undefined: none) and key bits. */
export function spkiOf(algOid: string, params: Uint8Array | undefined, keyBits: Uint8Array): Uint8Array {
  return seq(seq(oid(algOid), ...(params ? [params] : [])), bitString(keyBits));
}

export { concatBytes, derNull, oid, seq, time, tlv, unsignedInteger };
