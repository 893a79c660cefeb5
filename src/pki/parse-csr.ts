import type { NamePart } from './decode-name.ts';
import { decodeName } from './decode-name.ts';
import type { DerNode } from './der.ts';
import {
  children,
  expectTag,
  readBitStringBytes,
  readOid,
  readSingle,
  readSmallInt,
  rooted,
  TAG,
} from './der.ts';
import { LabError } from './errors.ts';
import { OID } from './oids.ts';
import type { RawExtension, SubjectAltNames } from './parse-certificate.ts';
import {
  decodeExtKeyUsage,
  decodeKeyUsage,
  parseExtensionList,
  parseGeneralNames,
} from './parse-certificate.ts';
import { parsePem } from './parse-pem.ts';
import type { PublicKeyInfo } from './public-key-info.ts';
import { parsePublicKeyInfo } from './public-key-info.ts';

/** A decoded PKCS#10 request. */
export interface ParsedCsr {
  der: Uint8Array;
  /** The raw CertificationRequestInfo (what the signature covers). */
  info: Uint8Array;
  version: number;
  subjectRaw: Uint8Array;
  subject: NamePart[];
  publicKey: PublicKeyInfo;
  signatureAlgorithmOid: string;
  /** The signature AlgorithmIdentifier's parameters (DER), when present (RSA-PSS needs them). */
  signatureAlgorithmParams?: Uint8Array;
  signature: Uint8Array;
  /** Attribute OIDs in order (extensionRequest, challengePassword, …). */
  attributes: string[];
  /** Extensions from the extensionRequest attribute. */
  extensions: RawExtension[];
  subjectAltNames?: SubjectAltNames;
  keyUsage?: string[];
  extKeyUsage?: string[];
}

const latin1 = new TextDecoder('latin1');

function parseDer(der: Uint8Array): ParsedCsr {
  const top = children(expectTag(readSingle(der), TAG.SEQUENCE, 'a CertificationRequest'));
  if (top.length !== 3) throw new LabError('der/malformed', 'A CertificationRequest has three parts');
  const [infoNode, algNode, sigNode] = top as [DerNode, DerNode, DerNode];
  const info = children(expectTag(infoNode, TAG.SEQUENCE, 'a CertificationRequestInfo'));
  const version = readSmallInt(expectTag(info[0], TAG.INTEGER, 'the version'), 'the version');
  const subjectNode = expectTag(info[1], TAG.SEQUENCE, 'the subject');
  const publicKey = parsePublicKeyInfo(expectTag(info[2], TAG.SEQUENCE, 'the public key'));
  const attrsNode = info[3];
  const algorithm = children(expectTag(algNode, TAG.SEQUENCE, 'the signature algorithm'));
  const csr: ParsedCsr = {
    der,
    info: infoNode.bytes,
    version,
    subjectRaw: subjectNode.bytes,
    subject: decodeName(subjectNode),
    publicKey,
    signatureAlgorithmOid: readOid(algorithm[0]!),
    signature: readBitStringBytes(sigNode, 'the signature'),
    attributes: [],
    extensions: [],
  };
  if (algorithm[1]) csr.signatureAlgorithmParams = algorithm[1].bytes;
  if (attrsNode) {
    expectTag(attrsNode, 0xa0, 'the attributes');
    for (const attr of children(attrsNode)) {
      const [typeNode, valuesNode] = children(expectTag(attr, TAG.SEQUENCE, 'an attribute'));
      const type = readOid(typeNode!);
      csr.attributes.push(type);
      if (type === OID.extensionRequest) {
        const [exts] = children(expectTag(valuesNode, TAG.SET, 'the attribute values'));
        csr.extensions.push(...parseExtensionList(expectTag(exts, TAG.SEQUENCE, 'Extensions')));
      }
    }
  }
  for (const ext of csr.extensions) {
    if (ext.oid === OID.subjectAltName) csr.subjectAltNames = parseGeneralNames(ext.value);
    if (ext.oid === OID.extKeyUsage) {
      const ekus = decodeExtKeyUsage(ext.value);
      if (ekus === null)
        throw new LabError('der/malformed', 'The requested extKeyUsage is not a SEQUENCE of OIDs');
      csr.extKeyUsage = ekus;
    }
    if (ext.oid === OID.keyUsage) {
      const names = decodeKeyUsage(ext.value);
      if (names === null) throw new LabError('der/malformed', 'The requested keyUsage is not a BIT STRING');
      csr.keyUsage = names;
    }
  }
  return csr;
}

/** Decodes a CSR from PEM ("CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST") or DER bytes. */
export function parseCsr(input: string | Uint8Array): ParsedCsr {
  let der: Uint8Array;
  if (typeof input === 'string' || (input instanceof Uint8Array && input[0] !== 0x30)) {
    const text = typeof input === 'string' ? input : latin1.decode(input);
    const blocks = parsePem(text);
    const block = blocks.find(
      (b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST',
    );
    if (!block) {
      throw new LabError(
        'csr/none',
        `Expected a "CERTIFICATE REQUEST" block but found ${blocks.map((b) => `"${b.label}"`).join(', ')}`,
      );
    }
    der = block.der;
  } else if (input instanceof Uint8Array) {
    der = input;
  } else {
    throw new LabError('csr/none', 'Expected PEM text or DER bytes');
  }
  try {
    return parseDer(rooted(der));
  } catch (e) {
    if (e instanceof LabError && e.code.startsWith('csr/')) throw e;
    throw new LabError(
      'csr/malformed',
      `This is not a valid PKCS#10 request: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
