// A reader with the semantics of Go's golang.org/x/crypto/cryptobyte String, which crypto/x509
// (Go 1.19) parses certificates with. Its quirks matter for agreeing with Go: reading an element
// "into itself" drops whatever follows it, optional fields are peeked by tag, INTEGERs must be
// minimal, BOOLEANs 00 or FF, OID arcs below 2^31 (a leading 0x80 is tolerated). Every read
// returns null instead of throwing, as cryptobyte returns false.
import { readNode } from './der.ts';

/** One element read by readAny: its tag and contents. */
export interface AnyElement {
  tag: number;
  value: Uint8Array;
}

/** A cryptobyte-like cursor over DER bytes. */
export class DerCursor {
  private pos = 0;
  private readonly buf: Uint8Array;
  constructor(buf: Uint8Array) {
    this.buf = buf;
  }

  /** True when every byte has been read. */
  empty(): boolean {
    return this.pos >= this.buf.length;
  }

  /** True when the next element has this identifier octet. */
  peek(tag: number): boolean {
    return this.pos < this.buf.length && this.buf[this.pos] === tag;
  }

  private next(): { tag: number; bytes: Uint8Array; value: Uint8Array } | null {
    if (this.buf.length - this.pos < 2) return null;
    try {
      const node = readNode(this.buf, this.pos);
      this.pos += node.bytes.length;
      return node;
    } catch {
      return null;
    }
  }

  /** The contents of the next element, which must have `tag`. */
  read(tag: number): Uint8Array | null {
    if (!this.peek(tag)) return null;
    return this.next()?.value ?? null;
  }

  /** The whole next element (tag and length included), which must have `tag`. */
  readElement(tag: number): Uint8Array | null {
    if (!this.peek(tag)) return null;
    return this.next()?.bytes ?? null;
  }

  /** The next element, whatever its tag. */
  readAny(): AnyElement | null {
    const node = this.next();
    return node ? { tag: node.tag, value: node.value } : null;
  }

  /** The next whole element, whatever its tag. */
  readAnyElement(): { tag: number; bytes: Uint8Array } | null {
    const node = this.next();
    return node ? { tag: node.tag, bytes: node.bytes } : null;
  }

  /** An optional element: absent → { value: undefined }; present but unreadable → null. */
  readOptional(tag: number): { value: Uint8Array | undefined } | null {
    if (!this.peek(tag)) return { value: undefined };
    const v = this.read(tag);
    return v === null ? null : { value: v };
  }

  /** Skips an optional element; false when it is present but unreadable. */
  skipOptional(tag: number): boolean {
    if (!this.peek(tag)) return true;
    return this.read(tag) !== null;
  }

  /** A minimally encoded INTEGER of any size, signed. */
  readInteger(): bigint | null {
    const v = this.read(0x02);
    if (v === null || !minimalInteger(v)) return null;
    return signedValue(v);
  }

  /** An INTEGER that fits Go's int (64 bits). */
  readInt(): number | null {
    const v = this.read(0x02);
    if (v === null || !minimalInteger(v) || v.length > 8) return null;
    return Number(signedValue(v));
  }

  /** A BOOLEAN: one octet, 00 or FF. */
  readBoolean(): boolean | null {
    const v = this.read(0x01);
    if (v === null || v.length !== 1 || (v[0] !== 0 && v[0] !== 0xff)) return null;
    return v[0] === 0xff;
  }

  /** An OBJECT IDENTIFIER as dotted text, as cryptobyte reads it. */
  readOid(): string | null {
    const v = this.read(0x06);
    return v === null ? null : cryptobyteOid(v);
  }

  /** A BIT STRING whose padding bits are zero, right-aligned as Go's BitString.RightAlign does. */
  readBitString(): { bytes: Uint8Array; bitLength: number; rightAligned: Uint8Array } | null {
    const v = this.read(0x03);
    if (v === null || v.length === 0) return null;
    const padding = v[0]!;
    const bytes = v.subarray(1);
    if (
      padding > 7 ||
      (bytes.length === 0 && padding !== 0) ||
      (bytes.length > 0 && (bytes[bytes.length - 1]! & ((1 << padding) - 1)) !== 0)
    ) {
      return null;
    }
    return { bytes, bitLength: bytes.length * 8 - padding, rightAligned: rightAlign(bytes, padding) };
  }
}

function minimalInteger(v: Uint8Array): boolean {
  if (v.length === 0) return false;
  if (v.length === 1) return true;
  return !((v[0] === 0 && (v[1]! & 0x80) === 0) || (v[0] === 0xff && (v[1]! & 0x80) === 0x80));
}

function signedValue(v: Uint8Array): bigint {
  let n = 0n;
  for (const b of v) n = (n << 8n) | BigInt(b);
  if ((v[0]! & 0x80) !== 0) n -= 1n << BigInt(v.length * 8);
  return n;
}

function rightAlign(bytes: Uint8Array, padding: number): Uint8Array {
  if (padding === 0 || bytes.length === 0) return bytes;
  const out = new Uint8Array(bytes.length);
  const shift = padding;
  out[0] = bytes[0]! >> shift;
  for (let i = 1; i < bytes.length; i++) {
    out[i] = ((bytes[i - 1]! << (8 - shift)) | (bytes[i]! >> shift)) & 0xff;
  }
  return out;
}

/** cryptobyte's ReadASN1ObjectIdentifier on the contents of an OID; null when it refuses. */
export function cryptobyteOid(v: Uint8Array): string | null {
  if (v.length === 0) return null;
  const arcs: number[] = [];
  let pos = 0;
  while (pos < v.length) {
    let ret = 0;
    let done = false;
    for (let i = 0; pos < v.length; i++) {
      if (i === 5 || ret >= 1 << 24) return null;
      const b = v[pos++]!;
      ret = ret * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) {
        done = true;
        break;
      }
    }
    if (!done) return null;
    arcs.push(ret);
  }
  const first = arcs[0]!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}
