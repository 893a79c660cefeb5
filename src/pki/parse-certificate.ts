// An X.509 certificate decoded into the fields inspection, verification, identity and lint need,
// keeping the raw byte spans Go compares (RawTBSCertificate, RawIssuer, RawSubject, the SPKI). The
// extension handling mirrors Go's crypto/x509 processExtensions: which extensions count as
// "handled" decides whether a critical one makes Verify fail.
import { toHex } from './bytes.ts';
import type { NamePart } from './decode-name.ts';
import { decodeName } from './decode-name.ts';
import type { DerNode } from './der.ts';
import {
  children,
  expectTag,
  readBitStringBytes,
  readBoolean,
  readOid,
  readSingle,
  readSmallInt,
  readTime,
  readUnsigned,
  TAG,
} from './der.ts';
import { LabError } from './errors.ts';
import type { KeyUsageName } from './oids.ts';
import { KEY_USAGE_NAMES, OID } from './oids.ts';
import type { PublicKeyInfo } from './public-key-info.ts';
import { parsePublicKeyInfo } from './public-key-info.ts';

/** One extension as it appears in the certificate. */
export interface RawExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

/** Subject alternative names by kind. */
export interface SubjectAltNames {
  dns: string[];
  /** IP addresses as text (IPv4 dotted, IPv6 in Go's canonical form). */
  ip: string[];
  /** IP addresses as 4 or 16 bytes. */
  ipBytes: Uint8Array[];
  email: string[];
  uri: string[];
  /** Other kinds ("directoryName", "otherName", "registeredID", …) as hex. */
  other: { kind: string; hex: string }[];
}

/** A decoded certificate. */
export interface ParsedCertificate {
  der: Uint8Array;
  tbs: Uint8Array;
  version: number;
  /** Serial number contents, unsigned big-endian without a leading zero. */
  serial: Uint8Array;
  signatureAlgorithmOid: string;
  signature: Uint8Array;
  issuerRaw: Uint8Array;
  subjectRaw: Uint8Array;
  issuer: NamePart[];
  subject: NamePart[];
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeyInfo;
  extensions: RawExtension[];
  basicConstraints?: { ca: boolean; pathLength?: number };
  keyUsage?: KeyUsageName[];
  extKeyUsage?: string[];
  subjectAltNames?: SubjectAltNames;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: Uint8Array;
  /** OIDs of critical extensions Go's crypto/x509 does not handle (Verify then fails). */
  unhandledCritical: string[];
}

function readAlgorithmOid(node: DerNode | undefined): string {
  const parts = children(expectTag(node, TAG.SEQUENCE, 'an AlgorithmIdentifier'));
  return readOid(parts[0]!);
}

/** Formats IP SAN bytes as Go's net.IP.String() does. */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) return `?${toHex(bytes)}`;
  const isV4Mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isV4Mapped) return [...bytes.subarray(12)].join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const latin1 = new TextDecoder('latin1');

/** Decodes a GeneralNames SEQUENCE (SAN). */
export function parseGeneralNames(value: Uint8Array): SubjectAltNames {
  const out: SubjectAltNames = { dns: [], ip: [], ipBytes: [], email: [], uri: [], other: [] };
  for (const gn of children(expectTag(readSingle(value), TAG.SEQUENCE, 'GeneralNames'))) {
    switch (gn.tag) {
      case 0x81:
        out.email.push(latin1.decode(gn.value));
        break;
      case 0x82:
        out.dns.push(latin1.decode(gn.value));
        break;
      case 0x86:
        out.uri.push(latin1.decode(gn.value));
        break;
      case 0x87:
        if (gn.value.length !== 4 && gn.value.length !== 16) {
          throw new LabError(
            'der/malformed',
            `An IP address SAN has ${gn.value.length} bytes; only 4 or 16 are valid`,
          );
        }
        out.ipBytes.push(gn.value);
        out.ip.push(formatIp(gn.value));
        break;
      default: {
        const kinds: Record<number, string> = {
          160: 'otherName',
          163: 'x400Address',
          164: 'directoryName',
          165: 'ediPartyName',
          136: 'registeredID',
        };
        out.other.push({ kind: kinds[gn.tag] ?? `tag 0x${gn.tag.toString(16)}`, hex: toHex(gn.bytes) });
      }
    }
  }
  return out;
}

function decodeExtension(cert: ParsedCertificate, ext: RawExtension): boolean {
  const v = ext.value;
  switch (ext.oid) {
    case OID.basicConstraints: {
      const parts = children(expectTag(readSingle(v), TAG.SEQUENCE, 'BasicConstraints'));
      let i = 0;
      let ca = false;
      if (parts[i]?.tag === TAG.BOOLEAN) ca = readBoolean(parts[i++]!);
      const bc: { ca: boolean; pathLength?: number } = { ca };
      if (parts[i]) bc.pathLength = readSmallInt(parts[i]!, 'pathLenConstraint');
      cert.basicConstraints = bc;
      return true;
    }
    case OID.keyUsage: {
      const bits = expectTag(readSingle(v), TAG.BIT_STRING, 'KeyUsage');
      if (bits.value.length === 0) throw new LabError('der/malformed', 'KeyUsage is an empty BIT STRING');
      const names: KeyUsageName[] = [];
      KEY_USAGE_NAMES.forEach((name, i) => {
        const byte = bits.value[1 + (i >> 3)];
        if (byte !== undefined && (byte & (0x80 >> (i & 7))) !== 0) names.push(name);
      });
      cert.keyUsage = names;
      return true;
    }
    case OID.extKeyUsage:
      cert.extKeyUsage = children(expectTag(readSingle(v), TAG.SEQUENCE, 'ExtKeyUsageSyntax')).map(readOid);
      return true;
    case OID.subjectAltName: {
      const san = parseGeneralNames(v);
      cert.subjectAltNames = san;
      return san.dns.length + san.ip.length + san.email.length + san.uri.length > 0;
    }
    case OID.subjectKeyIdentifier:
      cert.subjectKeyId = expectTag(readSingle(v), TAG.OCTET_STRING, 'SubjectKeyIdentifier').value;
      return true;
    case OID.authorityKeyIdentifier: {
      const parts = children(expectTag(readSingle(v), TAG.SEQUENCE, 'AuthorityKeyIdentifier'));
      const keyId = parts.find((p) => p.tag === 0x80);
      if (keyId) cert.authorityKeyId = keyId.value;
      return true;
    }
    case OID.nameConstraints:
    case OID.crlDistributionPoints:
    case OID.certificatePolicies:
    case OID.authorityInfoAccess:
      return true;
    default:
      return false;
  }
}

const EXTENSION_NAMES: Record<string, string> = {
  [OID.basicConstraints]: 'basicConstraints',
  [OID.keyUsage]: 'keyUsage',
  [OID.extKeyUsage]: 'extKeyUsage',
  [OID.subjectAltName]: 'subjectAltName',
  [OID.subjectKeyIdentifier]: 'subjectKeyIdentifier',
  [OID.authorityKeyIdentifier]: 'authorityKeyIdentifier',
};

/** Decodes an Extensions SEQUENCE. */
export function parseExtensionList(node: DerNode): RawExtension[] {
  return children(expectTag(node, TAG.SEQUENCE, 'Extensions')).map((extNode) => {
    const parts = children(expectTag(extNode, TAG.SEQUENCE, 'an Extension'));
    let i = 0;
    const extOid = readOid(parts[i++]!);
    let critical = false;
    if (parts[i]?.tag === TAG.BOOLEAN) critical = readBoolean(parts[i++]!);
    const value = expectTag(parts[i], TAG.OCTET_STRING, 'an extension value').value;
    return { oid: extOid, critical, value };
  });
}

/** Decodes a DER certificate; throws LabError `certificate/malformed` (or `certificate/bad-extension`). */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    return parseStrict(der);
  } catch (e) {
    if (e instanceof LabError && e.code.startsWith('certificate/')) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new LabError('certificate/malformed', `This is not a valid X.509 certificate: ${detail}`);
  }
}

function parseStrict(der: Uint8Array): ParsedCertificate {
  const top = children(expectTag(readSingle(der), TAG.SEQUENCE, 'a Certificate'));
  if (top.length !== 3)
    throw new LabError('der/malformed', 'A Certificate has three parts: TBS, algorithm, signature');
  const [tbsNode, sigAlgNode, sigNode] = top as [DerNode, DerNode, DerNode];
  const tbs = children(expectTag(tbsNode, TAG.SEQUENCE, 'a TBSCertificate'));
  let i = 0;
  let version = 1;
  if (tbs[i]?.tag === 0xa0) {
    const [v] = children(tbs[i++]!);
    version = readSmallInt(expectTag(v, TAG.INTEGER, 'the version'), 'the version') + 1;
    if (version > 3) throw new LabError('der/malformed', `Unknown certificate version ${version}`);
  }
  const serial = readUnsigned(expectTag(tbs[i++], TAG.INTEGER, 'the serial number'), 'the serial number');
  const innerAlg = readAlgorithmOid(tbs[i++]);
  const issuerNode = expectTag(tbs[i++], TAG.SEQUENCE, 'the issuer name');
  const validity = children(expectTag(tbs[i++], TAG.SEQUENCE, 'the validity'));
  const subjectNode = expectTag(tbs[i++], TAG.SEQUENCE, 'the subject name');
  const spkiNode = expectTag(tbs[i++], TAG.SEQUENCE, 'the public key');
  if (validity.length !== 2) throw new LabError('der/malformed', 'Validity must hold notBefore and notAfter');
  const outerAlg = readAlgorithmOid(sigAlgNode);
  if (outerAlg !== innerAlg) {
    throw new LabError('der/malformed', 'The inner and outer signature algorithm identifiers differ');
  }
  const cert: ParsedCertificate = {
    der,
    tbs: tbsNode.bytes,
    version,
    serial,
    signatureAlgorithmOid: outerAlg,
    signature: readBitStringBytes(sigNode, 'the signature'),
    issuerRaw: issuerNode.bytes,
    subjectRaw: subjectNode.bytes,
    issuer: decodeName(issuerNode),
    subject: decodeName(subjectNode),
    notBefore: readTime(validity[0]!),
    notAfter: readTime(validity[1]!),
    publicKey: parsePublicKeyInfo(spkiNode),
    extensions: [],
    unhandledCritical: [],
  };
  for (; i < tbs.length; i++) {
    const node = tbs[i]!;
    if (node.tag === 0x81 || node.tag === 0x82) continue;
    if (node.tag !== 0xa3)
      throw new LabError('der/malformed', `Unexpected element 0x${node.tag.toString(16)} in the TBS`);
    if (version !== 3)
      throw new LabError('der/malformed', `A version ${version} certificate cannot have extensions`);
    const [list] = children(node);
    cert.extensions = parseExtensionList(expectTag(list, TAG.SEQUENCE, 'Extensions'));
  }
  const seen = new Set<string>();
  for (const ext of cert.extensions) {
    if (seen.has(ext.oid))
      throw new LabError('der/malformed', `The certificate holds extension ${ext.oid} twice`);
    seen.add(ext.oid);
    let handled: boolean;
    try {
      handled = decodeExtension(cert, ext);
    } catch (e) {
      const name = EXTENSION_NAMES[ext.oid] ?? ext.oid;
      throw new LabError(
        'certificate/bad-extension',
        `The ${name} extension is malformed: ${e instanceof Error ? e.message : String(e)}`,
        { extension: name },
      );
    }
    if (ext.critical && !handled) cert.unhandledCritical.push(ext.oid);
  }
  return cert;
}
