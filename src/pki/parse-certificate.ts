// An X.509 certificate decoded into the fields inspection, verification, identity and lint need,
// keeping the raw byte spans Go compares (RawTBSCertificate, RawIssuer, RawSubject, the SPKI).
//
// Why it reads like Go's crypto/x509 parser.go (Go 1.19, the release the site names): kube-apiserver
// accepts or refuses a certificate by what that parser does, so this one follows it step for step.
// It reads what Go reads and ignores what Go ignores (anything after the extensions or the
// signature, extensions in a v1 or v2 certificate, unique IDs, a negative serial or path length,
// UTCTime without seconds or with an offset). Where Go refuses a certificate that can still be
// shown (a name value of a type Go does not read, a key on an unknown curve, a malformed
// extension…), the certificate is returned with `goParseError` set to Go's error text (the first,
// as Go stops there), so the inspector can show it and say why Go refuses it, and verification
// treats it as Go does. Only bytes that cannot be read as a certificate at all throw.
import { bytesEqual, toHex } from './bytes.ts';
import type { NamePart } from './decode-name.ts';
import { decodeName } from './decode-name.ts';
import type { DerNode } from './der.ts';
import { children, expectTag, readNode, readSingle, readTime, rooted, TAG } from './der.ts';
import { DerCursor } from './der-cursor.ts';
import { LabError } from './errors.ts';
import { formatIp } from './format-ip.ts';
import { goQuote } from './go-quote.ts';
import { goParseUrl } from './go-url.ts';
import type { NameConstraints, SanEntry } from './name-constraints.ts';
import { domainToReverseLabels, parseNameConstraints } from './name-constraints.ts';
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
  /** Serial number magnitude, unsigned big-endian without a leading zero. */
  serial: Uint8Array;
  /** The serial is negative (Go 1.19 accepts it, Go 1.23 and later refuse it). */
  negativeSerial?: boolean;
  signatureAlgorithmOid: string;
  /** The signature AlgorithmIdentifier's parameters (DER), when present. */
  signatureAlgorithmParams?: Uint8Array;
  signature: Uint8Array;
  issuerRaw: Uint8Array;
  subjectRaw: Uint8Array;
  issuer: NamePart[];
  subject: NamePart[];
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeyInfo;
  extensions: RawExtension[];
  /** pathLength as written; Go reads a negative one as "no limit". */
  basicConstraints?: { ca: boolean; pathLength?: number };
  keyUsage?: KeyUsageName[];
  extKeyUsage?: string[];
  subjectAltNames?: SubjectAltNames;
  /** The SAN entries as Go's forEachSAN walks them (name constraints are checked on these). */
  sanEntries?: SanEntry[];
  nameConstraints?: NameConstraints;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: Uint8Array;
  /** OIDs of critical extensions Go's crypto/x509 does not handle (Verify then fails). */
  unhandledCritical: string[];
  /** Why Go 1.19's x509.ParseCertificate refuses this certificate, in Go's words; undefined when it parses. */
  goParseError?: string;
}

const latin1 = new TextDecoder('latin1');

const OTHER_KINDS: Record<number, string> = {
  160: 'otherName',
  163: 'x400Address',
  164: 'directoryName',
  165: 'ediPartyName',
  136: 'registeredID',
};

/** Go's isIA5String. */
const isIA5 = (v: Uint8Array) => v.every((b) => b <= 0x7f);

/** The host Go's url.Parse reads from a URI (empty when none). */
export function uriHost(uri: string): string {
  const r = goParseUrl(uri);
  return 'host' in r ? r.host : '';
}

/**
 * Decodes a SAN extension value as Go's parseSANExtension does. Returns the names and entries, or
 * Go's error text.
 */
export function parseSan(
  value: Uint8Array,
): { san: SubjectAltNames; entries: SanEntry[] } | { goError: string } {
  const san: SubjectAltNames = { dns: [], ip: [], ipBytes: [], email: [], uri: [], other: [] };
  const entries: SanEntry[] = [];
  const seq = new DerCursor(value).read(0x30);
  if (seq === null) return { goError: 'x509: invalid subject alternative names' };
  const c = new DerCursor(seq);
  while (!c.empty()) {
    const el = c.readAnyElement();
    if (el === null) return { goError: 'x509: invalid subject alternative name' };
    const node = readNode(el.bytes);
    const v = node.value;
    entries.push({ tag: el.tag, value: v });
    const text = latin1.decode(v);
    switch (el.tag) {
      case 0x81:
        if (!isIA5(v)) return { goError: 'x509: SAN rfc822Name is malformed' };
        san.email.push(text);
        break;
      case 0x82:
        if (!isIA5(v)) return { goError: 'x509: SAN dNSName is malformed' };
        san.dns.push(text);
        break;
      case 0x86: {
        if (!isIA5(v)) return { goError: 'x509: SAN uniformResourceIdentifier is malformed' };
        const parsed = goParseUrl(text);
        if ('error' in parsed) return { goError: `x509: cannot parse URI ${goQuote(text)}: ${parsed.error}` };
        if (parsed.host.length > 0 && domainToReverseLabels(parsed.host) === null)
          return { goError: `x509: cannot parse URI ${goQuote(text)}: invalid domain` };
        san.uri.push(text);
        break;
      }
      case 0x87:
        if (v.length !== 4 && v.length !== 16)
          return { goError: `x509: cannot parse IP address of length ${v.length}` };
        san.ipBytes.push(v);
        san.ip.push(formatIp(v));
        break;
      default:
        san.other.push({ kind: OTHER_KINDS[el.tag] ?? `tag 0x${el.tag.toString(16)}`, hex: toHex(el.bytes) });
    }
  }
  return { san, entries };
}

/** Decodes a GeneralNames SEQUENCE (SAN); throws LabError der/malformed where Go refuses it. */
export function parseGeneralNames(value: Uint8Array): SubjectAltNames {
  const r = parseSan(value);
  if ('goError' in r) throw new LabError('der/malformed', r.goError, { goError: r.goError });
  return r.san;
}

/** A keyUsage extension's bit names as Go reads them (bits past the BIT STRING's length are unset); null when it is not a BIT STRING. */
export function decodeKeyUsage(value: Uint8Array): KeyUsageName[] | null {
  const bits = new DerCursor(value).readBitString();
  if (bits === null) return null;
  return KEY_USAGE_NAMES.filter((_, i) => {
    const byte = bits.bytes[i >> 3];
    return i < bits.bitLength && byte !== undefined && (byte & (0x80 >> (i & 7))) !== 0;
  });
}

/** An extKeyUsage extension's OIDs in order; null when it is not a SEQUENCE of OIDs. */
export function decodeExtKeyUsage(value: Uint8Array): string[] | null {
  const seq = new DerCursor(value).read(0x30);
  if (seq === null) return null;
  const c = new DerCursor(seq);
  const ekus: string[] = [];
  while (!c.empty()) {
    const o = c.readOid();
    if (o === null) return null;
    ekus.push(o);
  }
  return ekus;
}

/** Go's processExtensions for one extension: whether it is handled, or Go's error text. */
function decodeExtension(cert: ParsedCertificate, ext: RawExtension): boolean | { goError: string } {
  const v = ext.value;
  const m = /^2\.5\.29\.(\d+)$/.exec(ext.oid);
  if (m) {
    switch (Number(m[1])) {
      case 15: {
        const names = decodeKeyUsage(v);
        if (names === null) return { goError: 'x509: invalid key usage' };
        cert.keyUsage = names;
        return true;
      }
      case 19: {
        const seq = new DerCursor(v).read(0x30);
        if (seq === null) return { goError: 'x509: invalid basic constraints a' };
        const c = new DerCursor(seq);
        let ca = false;
        if (c.peek(0x01)) {
          const b = c.readBoolean();
          if (b === null) return { goError: 'x509: invalid basic constraints b' };
          ca = b;
        }
        const bc: { ca: boolean; pathLength?: number } = { ca };
        if (!c.empty() && c.peek(0x02)) {
          const n = c.readInt();
          if (n === null) return { goError: 'x509: invalid basic constraints c' };
          bc.pathLength = n;
        }
        cert.basicConstraints = bc;
        return true;
      }
      case 17: {
        const r = parseSan(v);
        if ('goError' in r) return r;
        cert.subjectAltNames = r.san;
        cert.sanEntries = r.entries;
        return r.san.dns.length + r.san.ip.length + r.san.email.length + r.san.uri.length > 0;
      }
      case 30: {
        const nc = parseNameConstraints(v);
        if ('goError' in nc) return nc;
        cert.nameConstraints = nc;
        return !nc.unhandled;
      }
      case 31: {
        const bad = { goError: 'x509: invalid CRL distribution point' };
        const seq = new DerCursor(v).read(0x30);
        if (seq === null) return { goError: 'x509: invalid CRL distribution points' };
        const c = new DerCursor(seq);
        while (!c.empty()) {
          const dp = c.read(0x30);
          if (dp === null) return bad;
          const name = new DerCursor(dp).readOptional(0xa0);
          if (name === null) return bad;
          if (name.value === undefined) continue;
          const full = new DerCursor(name.value).read(0xa0);
          if (full === null) return bad;
          const names = new DerCursor(full);
          while (!names.empty()) {
            if (!names.peek(0x86)) break;
            if (names.read(0x86) === null) return bad;
          }
        }
        return true;
      }
      case 35: {
        const seq = new DerCursor(v).read(0x30);
        if (seq === null) return { goError: 'x509: invalid authority key identifier' };
        const c = new DerCursor(seq);
        if (c.peek(0x80)) {
          const id = c.read(0x80);
          if (id === null) return { goError: 'x509: invalid authority key identifier' };
          cert.authorityKeyId = id;
        }
        return true;
      }
      case 37: {
        const ekus = decodeExtKeyUsage(v);
        if (ekus === null) return { goError: 'x509: invalid extended key usages' };
        cert.extKeyUsage = ekus;
        return true;
      }
      case 14: {
        const id = new DerCursor(v).read(0x04);
        if (id === null) return { goError: 'x509: invalid subject key identifier' };
        cert.subjectKeyId = id;
        return true;
      }
      case 32: {
        const bad = { goError: 'x509: invalid certificate policies' };
        const seq = new DerCursor(v).read(0x30);
        if (seq === null) return bad;
        const c = new DerCursor(seq);
        while (!c.empty()) {
          const p = c.read(0x30);
          if (p === null || new DerCursor(p).readOid() === null) return bad;
        }
        return true;
      }
      default:
        return false;
    }
  }
  if (ext.oid === OID.authorityInfoAccess) {
    const bad = { goError: 'x509: invalid authority info access' };
    const seq = new DerCursor(v).read(0x30);
    if (seq === null) return bad;
    const c = new DerCursor(seq);
    while (!c.empty()) {
      const ad = c.read(0x30);
      if (ad === null) return bad;
      const a = new DerCursor(ad);
      if (a.readOid() === null) return bad;
      if (!a.peek(0x86)) continue;
      if (a.read(0x86) === null) return bad;
    }
    return true;
  }
  return false;
}

/** Decodes an Extensions SEQUENCE. */
export function parseExtensionList(node: DerNode): RawExtension[] {
  return children(expectTag(node, TAG.SEQUENCE, 'Extensions')).map((extNode) => {
    const ext = readExtension(expectTag(extNode, TAG.SEQUENCE, 'an Extension').value);
    if ('goError' in ext) throw new LabError('der/malformed', ext.goError, { goError: ext.goError });
    return ext;
  });
}

/** Go's parseExtension on the contents of an Extension SEQUENCE. */
function readExtension(body: Uint8Array): RawExtension | { goError: string } {
  const c = new DerCursor(body);
  const extOid = c.readOid();
  if (extOid === null) return { goError: 'x509: malformed extension OID field' };
  let critical = false;
  if (c.peek(0x01)) {
    const b = c.readBoolean();
    if (b === null) return { goError: 'x509: malformed extension critical field' };
    critical = b;
  }
  const value = c.read(0x04);
  if (value === null) return { goError: 'x509: malformed extension value field' };
  return { oid: extOid, critical, value };
}

/** Decodes a DER certificate as Go 1.19 does; throws LabError `certificate/malformed` when it cannot be read. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    return parseAsGo(rooted(der));
  } catch (e) {
    if (e instanceof LabError && e.code.startsWith('certificate/')) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new LabError('certificate/malformed', `This is not a valid X.509 certificate: ${detail}`);
  }
}

/** A structural failure: Go's error text, and ours. */
function malformed(goError: string, detail = goError): never {
  throw new LabError('der/malformed', detail, { goError });
}

function parseAsGo(der: Uint8Array): ParsedCertificate {
  const input0 = new DerCursor(der);
  const raw = input0.readElement(0x30);
  if (raw === null) malformed('x509: malformed certificate', 'The data is not one DER SEQUENCE');
  if (raw.length !== der.length) malformed('x509: trailing data', 'Unexpected data after the certificate');
  const input = new DerCursor(readSingle(raw).value);
  const tbsRaw = input.readElement(0x30);
  if (tbsRaw === null) malformed('x509: malformed tbs certificate');
  const tbsNode = readSingle(tbsRaw);
  const tbs = new DerCursor(tbsNode.value);
  let goError: string | undefined;
  const go = (text: string) => {
    goError ??= text;
  };

  let version = 0;
  const versionField = tbs.readOptional(0xa0);
  if (versionField === null) malformed('x509: malformed version');
  if (versionField.value !== undefined) {
    const vc = new DerCursor(versionField.value);
    const n = vc.readInt();
    if (n === null || !vc.empty() || n < 0) malformed('x509: malformed version');
    version = n;
  }
  version++;
  if (version > 3) malformed('x509: invalid version', `Unknown certificate version ${version}`);

  const serialValue = tbs.readInteger();
  if (serialValue === null) malformed('x509: malformed serial number');
  const negativeSerial = serialValue < 0n;
  let magnitude = negativeSerial ? -serialValue : serialValue;
  const serialBytes: number[] = [];
  while (magnitude > 0n) {
    serialBytes.unshift(Number(magnitude & 0xffn));
    magnitude >>= 8n;
  }
  const serial = Uint8Array.from(serialBytes.length ? serialBytes : [0]);

  const sigAI = tbs.read(0x30);
  if (sigAI === null) malformed('x509: malformed signature algorithm identifier');
  const outerAI = input.read(0x30);
  if (outerAI === null) malformed('x509: malformed algorithm identifier');
  if (!bytesEqual(outerAI, sigAI)) {
    malformed(
      "x509: inner and outer signature algorithm identifiers don't match",
      'The inner and outer signature algorithm identifiers differ',
    );
  }
  const ai = new DerCursor(sigAI);
  const sigOid = ai.readOid();
  if (sigOid === null) malformed('x509: malformed OID');
  let sigParams: Uint8Array | undefined;
  if (!ai.empty()) {
    const p = ai.readAnyElement();
    if (p === null) malformed('x509: malformed parameters');
    sigParams = p.bytes;
  }

  const issuerRaw = tbs.readElement(0x30);
  if (issuerRaw === null) malformed('x509: malformed issuer');
  const issuer = decodeName(readSingle(issuerRaw), go);

  const validity = tbs.read(0x30);
  if (validity === null) malformed('x509: malformed validity');
  const vc = new DerCursor(validity);
  const readGoTime = (): Date => {
    const el = vc.readAnyElement();
    if (el === null || (el.tag !== TAG.UTC_TIME && el.tag !== TAG.GENERALIZED_TIME))
      malformed('x509: unsupported time format');
    try {
      return readTime(readSingle(el.bytes));
    } catch (e) {
      malformed(
        el.tag === TAG.UTC_TIME ? 'x509: malformed UTCTime' : 'x509: malformed GeneralizedTime',
        e instanceof Error ? e.message : String(e),
      );
    }
  };
  const notBefore = readGoTime();
  const notAfter = readGoTime();

  const subjectRaw = tbs.readElement(0x30);
  if (subjectRaw === null) malformed('x509: malformed issuer');
  const subject = decodeName(readSingle(subjectRaw), go);

  const spkiRaw = tbs.readElement(0x30);
  if (spkiRaw === null) malformed('x509: malformed spki');
  const spkiInner = new DerCursor(readSingle(spkiRaw).value);
  const pkAI = spkiInner.read(0x30);
  if (pkAI === null) malformed('x509: malformed public key algorithm identifier');
  const pkAIc = new DerCursor(pkAI);
  if (pkAIc.readOid() === null) malformed('x509: malformed OID');
  if (!pkAIc.empty() && pkAIc.readAnyElement() === null) malformed('x509: malformed parameters');
  if (spkiInner.readBitString() === null) malformed('x509: malformed subjectPublicKey');
  const publicKey = parsePublicKeyInfo(readSingle(spkiRaw));
  if (publicKey.goError) go(publicKey.goError);

  const sigBits = input.readBitString();
  const cert: ParsedCertificate = {
    der,
    tbs: tbsNode.bytes,
    version,
    serial,
    signatureAlgorithmOid: sigOid,
    signature: new Uint8Array(0),
    issuerRaw,
    subjectRaw,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    extensions: [],
    unhandledCritical: [],
  };
  if (negativeSerial) cert.negativeSerial = true;
  if (sigParams) cert.signatureAlgorithmParams = sigParams;

  if (version > 1) {
    if (!tbs.skipOptional(0x81)) malformed('x509: malformed issuerUniqueID');
    if (!tbs.skipOptional(0x82)) malformed('x509: malformed subjectUniqueID');
    if (version === 3) {
      const exts = tbs.readOptional(0xa3);
      if (exts === null) malformed('x509: malformed extensions');
      if (exts.value !== undefined) {
        const list = new DerCursor(exts.value).read(0x30);
        if (list === null) malformed('x509: malformed extensions');
        const lc = new DerCursor(list);
        const seen = new Set<string>();
        let duplicate = false;
        while (!lc.empty()) {
          const body = lc.read(0x30);
          if (body === null) malformed('x509: malformed extension');
          const ext = readExtension(body);
          if ('goError' in ext) malformed(ext.goError);
          if (seen.has(ext.oid)) duplicate = true;
          seen.add(ext.oid);
          cert.extensions.push(ext);
        }
        if (duplicate) go('x509: certificate contains duplicate extensions');
        const decodedOnce = new Set<string>();
        for (const ext of cert.extensions) {
          if (decodedOnce.has(ext.oid)) continue;
          decodedOnce.add(ext.oid);
          let handled: boolean | { goError: string };
          try {
            handled = decodeExtension(cert, ext);
          } catch {
            handled = { goError: `x509: malformed extension ${ext.oid}` };
          }
          if (typeof handled !== 'boolean') {
            go(handled.goError);
            continue;
          }
          if (ext.critical && !handled) cert.unhandledCritical.push(ext.oid);
        }
      }
    }
  }
  if (sigBits === null) malformed('x509: malformed signature');
  cert.signature = sigBits.rightAligned;
  if (goError !== undefined) cert.goParseError = goError;
  return cert;
}
