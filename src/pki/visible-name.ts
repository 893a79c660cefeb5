// Names as Kubernetes compares them, shown so that a reader sees the same thing. kube-apiserver takes
// a certificate's CN and O values byte for byte: "jane\u202Enimda" is not "janeadmin", "ad\u200Bmin"
// is not "admin", and a CN with a newline is one name, not two lines. On a page, though, a
// right-to-left override reorders what follows it, a zero-width space shows nothing and a newline
// starts a new line. visibleName() cuts a name into plain runs and the characters that would hide or
// rearrange something, each written out as its code point ("⟨U+202E⟩"), so that no character of the
// name reaches the page unescaped unless it shows as itself.

/** Why a character is written out instead of shown. */
export type HiddenKind = 'control' | 'bidi' | 'invisible' | 'space' | 'unpaired';

/** A piece of a name: text shown as it is, or one character written out. */
export type VisibleNamePart =
  | { kind: 'text'; text: string }
  | { kind: HiddenKind; text: string; codePoint: number; escape: string };

/** What a name looks like once its hidden characters are written out. */
export interface VisibleName {
  /** The name with every hidden character written out ("jane⟨U+202E⟩nimda"). */
  text: string;
  /** The runs and written-out characters, in order (for a renderer that marks the escapes). */
  parts: VisibleNamePart[];
  /** True when at least one character was written out: the name is not what it seems. */
  suspicious: boolean;
  /** The kinds of hidden characters found, each once, in order of appearance. */
  kinds: HiddenKind[];
}

/** "U+202E" for 0x202e; five or six hex digits above the BMP. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Bidi formatting characters: marks, embeddings, overrides and isolates (Unicode UAX #9).
const BIDI = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

// Characters that show nothing, or nothing distinguishable: format characters (Cf, bidi aside),
// fillers, joiners, variation selectors, tags, the BOM and the line and paragraph separators.
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad || // soft hyphen
    cp === 0x034f || // combining grapheme joiner
    cp === 0x115f ||
    cp === 0x1160 || // Hangul jamo fillers
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) || // Mongolian selectors and vowel separator
    (cp >= 0x200b && cp <= 0x200d) || // zero-width space, non-joiner, joiner
    cp === 0x2028 ||
    cp === 0x2029 ||
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    (cp >= 0x206a && cp <= 0x206f) || // deprecated format characters
    cp === 0x3164 || // Hangul filler
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff || // byte order mark / zero-width no-break space
    cp === 0xffa0 || // halfwidth Hangul filler
    (cp >= 0xfff0 && cp <= 0xfffb) || // interlinear annotation and unassigned specials
    cp === 0xfffe ||
    cp === 0xffff ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) || // shorthand format controls
    (cp >= 0x1d173 && cp <= 0x1d17a) || // musical format controls
    (cp >= 0xe0000 && cp <= 0xe007f) || // tags
    (cp >= 0xe0100 && cp <= 0xe01ef) // variation selectors supplement
  );
}

// Spaces that look like U+0020 but are not it.
function isOtherSpace(cp: number): boolean {
  return (
    cp === 0x00a0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** How a character must be shown, or undefined when it can be shown as itself. */
export function hiddenKind(cp: number): HiddenKind | undefined {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control'; // C0, DEL, C1
  if (BIDI.has(cp)) return 'bidi';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'unpaired';
  if (isInvisible(cp)) return 'invisible';
  if (isOtherSpace(cp)) return 'space';
  return undefined;
}

/**
 * Cuts `name` into text runs and written-out characters. Besides the characters hiddenKind() names,
 * a space at either end is written out too: "admin " is not "admin", and a page would not show it.
 */
export function visibleName(name: string): VisibleName {
  const parts: VisibleNamePart[] = [];
  const kinds: HiddenKind[] = [];
  let run = '';
  const chars: number[] = [];
  // Code points, keeping unpaired surrogates as themselves (for..of would too, but this is explicit).
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < name.length) {
      const d = name.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        chars.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    chars.push(c);
  }
  chars.forEach((cp, i) => {
    const edgeSpace = cp === 0x20 && (i === 0 || i === chars.length - 1);
    const kind = edgeSpace ? 'space' : hiddenKind(cp);
    if (!kind) {
      run += String.fromCodePoint(cp);
      return;
    }
    if (run) parts.push({ kind: 'text', text: run });
    run = '';
    parts.push({ kind, text: String.fromCodePoint(cp), codePoint: cp, escape: `⟨${codePointLabel(cp)}⟩` });
    if (!kinds.includes(kind)) kinds.push(kind);
  });
  if (run) parts.push({ kind: 'text', text: run });
  return {
    text: parts.map((p) => (p.kind === 'text' ? p.text : p.escape)).join(''),
    parts,
    suspicious: kinds.length > 0,
    kinds,
  };
}
