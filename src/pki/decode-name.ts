// Reads a DER Name into ordered parts and RFC 4514 text. RFC 4514 writes the RDNs in reverse order
// (the last RDN first) and joins the values of a multi-valued RDN with "+".
import { toHex } from './bytes.ts';
import type { DerNode } from './der.ts';
import { children, expectTag, goStringError, readOid, readString, TAG } from './der.ts';
import { NAME_ATTRIBUTES, RFC4514_KEYWORDS } from './oids.ts';

/** One attribute of a distinguished name, in certificate order. */
export interface NamePart {
  /** Short name ("CN", "O", …) or the dotted OID when there is none. */
  type: string;
  oid: string;
  /** The text value, or "#" + hex of the DER value when it is not a string. */
  value: string;
  /** The ASN.1 string type ("PrintableString", "UTF8String", …) or "other". */
  valueType: string;
  /** Index of the RDN this attribute belongs to (several parts share one in a multi-valued RDN). */
  rdn: number;
  /** Hex of the value's DER, for types RFC 4514 has no keyword for (they print as OID=#hex). */
  derHex?: string;
}

const STRING_TYPES: Record<number, string> = {
  [TAG.UTF8_STRING]: 'UTF8String',
  [TAG.PRINTABLE_STRING]: 'PrintableString',
  [TAG.IA5_STRING]: 'IA5String',
  [TAG.T61_STRING]: 'TeletexString',
  [TAG.BMP_STRING]: 'BMPString',
  [TAG.UNIVERSAL_STRING]: 'UniversalString',
  [TAG.NUMERIC_STRING]: 'NumericString',
};

/**
 * Decodes a Name element into its attributes, in order. With `onGoError`, the value types Go's
 * certificate parser refuses (UniversalString, an INTEGER, "@" or "_" in a PrintableString, …) are
 * reported to it in Go's words (the first one is what Go says) and decoding goes on, and anything
 * after an attribute's value is ignored as Go ignores it.
 */
export function decodeName(node: DerNode, onGoError?: (goError: string) => void): NamePart[] {
  expectTag(node, TAG.SEQUENCE, 'a Name');
  const parts: NamePart[] = [];
  children(node).forEach((rdnNode, index) => {
    expectTag(rdnNode, TAG.SET, 'a RelativeDistinguishedName');
    for (const atv of children(rdnNode)) {
      expectTag(atv, TAG.SEQUENCE, 'an AttributeTypeAndValue');
      const [typeNode, valueNode, extra] = children(atv);
      if (!typeNode || !valueNode || (extra && !onGoError))
        expectTag(undefined, TAG.SEQUENCE, 'a type and a value');
      const typeOid = readOid(typeNode!);
      const goProblem = onGoError ? goStringError(valueNode!) : null;
      if (goProblem) onGoError?.(`x509: invalid RDNSequence: invalid attribute value: ${goProblem}`);
      const text = readStringOrNull(valueNode!);
      const type = NAME_ATTRIBUTES[typeOid] ?? typeOid;
      const part: NamePart = {
        type,
        oid: typeOid,
        value: text ?? `#${toHex(valueNode!.bytes)}`,
        valueType: text === null ? 'other' : (STRING_TYPES[valueNode!.tag] ?? 'other'),
        rdn: index,
      };
      if (!RFC4514_KEYWORDS.has(type) || text === null) part.derHex = toHex(valueNode!.bytes);
      parts.push(part);
    }
  });
  return parts;
}

/** readString, or null when the value does not decode (only reached once Go's verdict is recorded). */
function readStringOrNull(node: DerNode): string | null {
  try {
    return readString(node);
  } catch (e) {
    if (goStringError(node)) return null;
    throw e;
  }
}

function escapeValue(value: string): string {
  let out = '';
  const chars = [...value];
  chars.forEach((c, k) => {
    let needsEscape = false;
    if (',+"\\<>;'.includes(c)) needsEscape = true;
    else if (c === ' ') needsEscape = k === 0 || k === chars.length - 1;
    else if (c === '#') needsEscape = k === 0;
    if (c === '\0') out += '\\00';
    else out += needsEscape ? `\\${c}` : c;
  });
  return out;
}

/** RFC 4514 text of a decoded Name, e.g. "CN=jane,O=dev" for O=dev then CN=jane. */
export function formatName(parts: NamePart[]): string {
  const byRdn = new Map<number, NamePart[]>();
  for (const p of parts) byRdn.set(p.rdn, [...(byRdn.get(p.rdn) ?? []), p]);
  return [...byRdn.keys()]
    .sort((a, b) => b - a)
    .map((k) =>
      byRdn
        .get(k)!
        .map((p) =>
          p.derHex !== undefined
            ? `${RFC4514_KEYWORDS.has(p.type) ? p.type : p.oid}=#${p.derHex}`
            : `${p.type}=${escapeValue(p.value)}`,
        )
        .join('+'),
    )
    .join(',');
}
