// A small, strict DER reader and writer. Certificates, CSRs and keys are parsed here rather than by a
// schema library so that every byte span (the raw TBS, the raw issuer and subject names) is available
// exactly as signed — Go's crypto/x509 compares names byte for byte and verifies signatures over the
// raw TBS — and so that malformed input fails with a LabError naming the offset, never with a
// library exception. Only definite, minimally encoded lengths and low tag numbers are accepted.
import { concatBytes } from './bytes.ts';
import { LabError } from './errors.ts';

/** One TLV element. `bytes` is the whole element, `value` its contents. */
export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number). */
  tag: number;
  /** Where the element starts in the whole DER (children are read from subarrays, so this counts from the start of their shared buffer). */
  offset: number;
  bytes: Uint8Array;
  value: Uint8Array;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function fail(message: string, offset: number): never {
  throw new LabError('der/malformed', `${message} at byte ${offset}`, { offset });
}

/**
 * Reads the element starting at `offset` of `buf`. Offsets in the node and in errors ("at byte N")
 * are absolute: `buf` is a subarray of the whole DER (as children() and the cursor pass them), and
 * its byteOffset says where it starts. Parsers give a DER that starts its own buffer (rooted()).
 */
export function readNode(buf: Uint8Array, offset = 0): DerNode {
  const at = buf.byteOffset + offset;
  if (offset >= buf.length) fail('Expected a DER element but the data ended', at);
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) fail('High-numbered tags are not used in certificates', at);
  let pos = offset + 1;
  if (pos >= buf.length) fail('DER element has a tag but no length', at);
  const first = buf[pos++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) fail('Indefinite lengths are not allowed in DER', at);
    if (count > 4) fail('DER length is too large', at);
    if (pos + count > buf.length) fail('DER length runs past the end of the data', at);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
    if (length < 0x80 || (count > 1 && buf[pos - count] === 0))
      fail('DER length is not minimally encoded', at);
  }
  const end = pos + length;
  if (end > buf.length) fail(`DER element claims ${length} bytes but only ${buf.length - pos} remain`, at);
  return { tag, offset: at, bytes: buf.subarray(offset, end), value: buf.subarray(pos, end) };
}

/** `der` starting its own buffer, so that offsets count from its first byte (a copy when it is a subarray). */
export function rooted(der: Uint8Array): Uint8Array {
  return der.byteOffset === 0 ? der : der.slice();
}

/** Reads exactly one element filling the whole buffer. */
export function readSingle(buf: Uint8Array): DerNode {
  const node = readNode(buf, 0);
  if (node.bytes.length !== buf.length)
    fail('Unexpected data after the DER element', buf.byteOffset + node.bytes.length);
  return node;
}

/** The child elements of a constructed element. */
export function children(node: DerNode): DerNode[] {
  if ((node.tag & 0x20) === 0) fail('Expected a constructed element', node.offset);
  const out: DerNode[] = [];
  let pos = 0;
  while (pos < node.value.length) {
    const child = readNode(node.value, pos);
    out.push(child);
    pos += child.bytes.length;
  }
  return out;
}

/** Checks the tag of an element and returns it. */
export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (node === undefined) throw new LabError('der/malformed', `Expected ${what} but the structure ended`);
  if (node.tag !== tag) {
    fail(
      `Expected ${what} (tag 0x${tag.toString(16)}) but found tag 0x${node.tag.toString(16)}`,
      node.offset,
    );
  }
  return node;
}

/** The dotted text of an OBJECT IDENTIFIER element. */
export function readOid(node: DerNode): string {
  expectTag(node, TAG.OID, 'an object identifier');
  const v = node.value;
  if (v.length === 0) fail('Empty object identifier', node.offset);
  const arcs: number[] = [];
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    if (acc === 0 && b === 0x80) fail('Object identifier arc is not minimally encoded', node.offset);
    // Go's readers (cryptobyte and encoding/asn1) refuse arcs of 2^31 and more.
    if (acc >= 1 << 24) fail('Object identifier arc is too large', node.offset);
    acc = acc * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(acc);
      acc = 0;
    } else if (i === v.length - 1) {
      fail('Object identifier ends in the middle of an arc', node.offset);
    }
  }
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** The content bytes of a non-negative INTEGER, without a leading 00. Throws on negative values. */
export function readUnsigned(node: DerNode, what: string): Uint8Array {
  expectTag(node, TAG.INTEGER, what);
  const v = node.value;
  if (v.length === 0) fail(`Empty INTEGER for ${what}`, node.offset);
  if (v.length > 1 && ((v[0] === 0 && (v[1]! & 0x80) === 0) || (v[0] === 0xff && (v[1]! & 0x80) !== 0))) {
    fail(`INTEGER for ${what} is not minimally encoded`, node.offset);
  }
  if ((v[0]! & 0x80) !== 0) fail(`INTEGER for ${what} is negative`, node.offset);
  return v[0] === 0 && v.length > 1 ? v.subarray(1) : v;
}

/** A small INTEGER as a number (for versions and path lengths). */
export function readSmallInt(node: DerNode, what: string): number {
  const v = readUnsigned(node, what);
  if (v.length > 4) fail(`INTEGER for ${what} is too large`, node.offset);
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** The bytes of a BIT STRING with no unused bits (keys and signatures). */
export function readBitStringBytes(node: DerNode, what: string): Uint8Array {
  expectTag(node, TAG.BIT_STRING, what);
  if (node.value.length === 0) fail(`Empty BIT STRING for ${what}`, node.offset);
  if (node.value[0] !== 0) fail(`BIT STRING for ${what} has unused bits`, node.offset);
  return node.value.subarray(1);
}

/** A BOOLEAN's value (DER: 00 or FF). */
export function readBoolean(node: DerNode): boolean {
  expectTag(node, TAG.BOOLEAN, 'a BOOLEAN');
  if (node.value.length !== 1 || (node.value[0] !== 0 && node.value[0] !== 0xff)) {
    fail('BOOLEAN is not 00 or FF', node.offset);
  }
  return node.value[0] === 0xff;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
const lenient = new TextDecoder('utf-8');

/**
 * Bytes as Go holds them in a string and prints them: valid UTF-8 as text, each byte of an
 * invalid sequence as U+FFFD (Go's utf8.DecodeRune consumes one byte per error).
 */
export function goBytesToString(v: Uint8Array): string {
  try {
    return decoder.decode(v);
  } catch {
    let out = '';
    let i = 0;
    while (i < v.length) {
      const b = v[i]!;
      const need =
        b < 0x80
          ? 1
          : b >= 0xc2 && b <= 0xdf
            ? 2
            : b >= 0xe0 && b <= 0xef
              ? 3
              : b >= 0xf0 && b <= 0xf4
                ? 4
                : 0;
      if (need === 1) {
        out += String.fromCharCode(b);
        i++;
        continue;
      }
      if (need > 0 && i + need <= v.length) {
        try {
          out += decoder.decode(v.subarray(i, i + need));
          i += need;
          continue;
        } catch {
          // fall through: one byte, one replacement character
        }
      }
      out += '\ufffd';
      i++;
    }
    return out;
  }
}

/** UTF-16BE as Go's utf16.Decode reads it: an unpaired surrogate becomes U+FFFD. */
function decodeUtf16(v: Uint8Array): string {
  let s = '';
  for (let i = 0; i < v.length; i += 2) {
    const u = (v[i]! << 8) | v[i + 1]!;
    if (u >= 0xd800 && u < 0xdc00 && i + 3 < v.length) {
      const l = (v[i + 2]! << 8) | v[i + 3]!;
      if (l >= 0xdc00 && l < 0xe000) {
        s += String.fromCharCode(u, l);
        i += 2;
        continue;
      }
    }
    s += u >= 0xd800 && u < 0xe000 ? '\ufffd' : String.fromCharCode(u);
  }
  return s;
}

/**
 * Decodes a directory string (UTF8, Printable, IA5, T61, BMP, Universal, Numeric); null for other
 * types. T61String is read as Go reads it (its bytes as a Go string), a BMPString loses one
 * trailing NUL as in Go.
 */
export function readString(node: DerNode): string | null {
  const v = node.value;
  switch (node.tag) {
    case TAG.UTF8_STRING:
      try {
        return decoder.decode(v);
      } catch {
        return fail('UTF8String is not valid UTF-8', node.offset);
      }
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.NUMERIC_STRING:
      for (const b of v) if (b > 0x7f) fail('ASCII string holds a non-ASCII byte', node.offset);
      return latin1.decode(v);
    case TAG.T61_STRING:
      return goBytesToString(v);
    case TAG.BMP_STRING: {
      if (v.length % 2 !== 0) fail('BMPString has an odd length', node.offset);
      const l = v.length;
      return decodeUtf16(l >= 2 && v[l - 1] === 0 && v[l - 2] === 0 ? v.subarray(0, l - 2) : v);
    }
    case TAG.UNIVERSAL_STRING: {
      if (v.length % 4 !== 0) fail('UniversalString length is not a multiple of 4', node.offset);
      let s = '';
      for (let i = 0; i < v.length; i += 4) {
        const cp = ((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0;
        if (cp > 0x10ffff) fail('UniversalString holds an invalid code point', node.offset);
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return null;
  }
}

/** Go's parseASN1String verdict on a name attribute value: null when Go reads it, else its error. */
export function goStringError(node: DerNode): string | null {
  const v = node.value;
  const printable = (b: number) =>
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x30 && b <= 0x39) ||
    (b >= 0x27 && b <= 0x29) ||
    (b >= 0x2b && b <= 0x2f) ||
    b === 0x20 ||
    b === 0x3a ||
    b === 0x3d ||
    b === 0x3f ||
    b === 0x2a ||
    b === 0x26;
  switch (node.tag) {
    case TAG.T61_STRING:
      return null;
    case TAG.PRINTABLE_STRING:
      return [...v].every(printable) ? null : 'invalid PrintableString';
    case TAG.UTF8_STRING:
      try {
        decoder.decode(v);
        return null;
      } catch {
        return 'invalid UTF-8 string';
      }
    case TAG.BMP_STRING:
      return v.length % 2 === 0 ? null : 'invalid BMPString';
    case TAG.IA5_STRING:
      return lenient
        .decode(v)
        .split('')
        .every((c) => c.charCodeAt(0) <= 0x7f)
        ? null
        : 'invalid IA5String';
    case TAG.NUMERIC_STRING:
      return [...v].every((b) => (b >= 0x30 && b <= 0x39) || b === 0x20) ? null : 'invalid NumericString';
    default:
      return `unsupported string type: ${node.tag}`;
  }
}

/**
 * Decodes UTCTime or GeneralizedTime as Go 1.19's cryptobyte does: UTCTime YYMMDDHHMM[SS] then "Z"
 * or ±hhmm, GeneralizedTime YYYYMMDDHHMMSS then "Z" or ±hhmm; the text must be the one Go would
 * write back for that instant (no "+0000", no fractions), and the date must exist.
 */
export function readTime(node: DerNode): Date {
  const text = latin1.decode(node.value);
  let m: RegExpExecArray | null;
  let year: number;
  if (node.tag === TAG.UTC_TIME) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(text);
    if (!m) fail(`UTCTime ${JSON.stringify(text)} is not YYMMDDHHMM[SS]Z`, node.offset);
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (node.tag === TAG.GENERALIZED_TIME) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{4})$/.exec(text);
    if (!m) fail(`GeneralizedTime ${JSON.stringify(text)} is not YYYYMMDDHHMMSSZ`, node.offset);
    year = Number(m[1]);
  } else {
    fail('Expected UTCTime or GeneralizedTime', node.offset);
  }
  const [mo, d, h, mi] = [m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const zone = m[7]!;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(3, 5));
    // Go writes an offset of zero as "Z" and minutes only below 60: anything else does not round-trip.
    if (zm > 59 || (zh === 0 && zm === 0))
      fail(`Time ${JSON.stringify(text)} has an invalid offset`, node.offset);
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  const local = new Date(Date.UTC(year, mo - 1, d, h, mi, s));
  if (
    mo < 1 ||
    mo > 12 ||
    local.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59 ||
    local.getUTCFullYear() !== year
  ) {
    fail(`Time ${JSON.stringify(text)} is not a real date`, node.offset);
  }
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

// ---- writer ----

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV element from a tag and content parts. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  return concatBytes(Uint8Array.of(tag), encodeLength(body.length), body);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...parts);
export const set = (...parts: Uint8Array[]): Uint8Array => tlv(TAG.SET, ...parts);
export const octetString = (v: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, v);
export const bitString = (v: Uint8Array, unusedBits = 0): Uint8Array =>
  tlv(TAG.BIT_STRING, Uint8Array.of(unusedBits), v);
export const derNull = (): Uint8Array => Uint8Array.of(0x05, 0x00);
export const derBoolean = (v: boolean): Uint8Array => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);
/** A context-specific tag: [n] constructed (EXPLICIT or constructed IMPLICIT) or primitive. */
export const context = (n: number, constructed: boolean, ...parts: Uint8Array[]): Uint8Array =>
  tlv(0x80 | (constructed ? 0x20 : 0) | n, ...parts);

/** An INTEGER from unsigned big-endian bytes (a leading 00 is added when the top bit is set). */
export function unsignedInteger(v: Uint8Array): Uint8Array {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  const trimmed = v.subarray(i);
  const body = trimmed.length === 0 ? Uint8Array.of(0) : trimmed;
  return tlv(TAG.INTEGER, (body[0]! & 0x80) !== 0 ? concatBytes(Uint8Array.of(0), body) : body);
}

/** An INTEGER from a small non-negative number. */
export function smallInteger(n: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Uint8Array.from(bytes.length ? bytes : [0]));
}

/** An OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  const first = arcs[0]! * 40 + arcs[1]!;
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

const encoder = new TextEncoder();
export const utf8String = (s: string): Uint8Array => tlv(TAG.UTF8_STRING, encoder.encode(s));
export const printableString = (s: string): Uint8Array => tlv(TAG.PRINTABLE_STRING, encoder.encode(s));
export const ia5String = (s: string): Uint8Array => tlv(TAG.IA5_STRING, encoder.encode(s));

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. Sub-second parts are dropped. */
export function time(date: Date): Uint8Array {
  const y = date.getUTCFullYear();
  const p = (n: number) => String(n).padStart(2, '0');
  const rest = `${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, encoder.encode(`${p(y % 100)}${rest}`));
  return tlv(TAG.GENERALIZED_TIME, encoder.encode(`${String(y).padStart(4, '0')}${rest}`));
}
