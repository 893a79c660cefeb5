// Go's encoding/csv, as kube-apiserver's token file reader uses it (csv.NewReader with
// FieldsPerRecord = -1 and nothing else: Comma ',', no Comment, LazyQuotes and TrimLeadingSpace
// off). A line-by-line port of Go 1.19's Reader.readRecord and readLine, working on UTF-8 bytes
// so that line and column numbers in errors are Go's: columns are 1-based byte offsets. Also
// Writer.fieldNeedsQuotes for writing. tests/interop/tokens-go-csv.test.ts holds both to Go.
//
// What follows from these rules: `#` starts no comment, spaces are kept, empty lines are skipped,
// "\r\n" is read as "\n", a quote inside an unquoted field is an error (`bare " in
// non-quoted-field`), and a quoted field may span lines.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const QUOTE = 0x22;
const COMMA = 0x2c;
const NL = 0x0a;
const CR = 0x0d;

/** One record and the line it starts on. */
export interface GoCsvRecord {
  fields: string[];
  line: number;
}

/** csv.ParseError: Error() is Go's exact text. */
export interface GoCsvError {
  startLine: number;
  line: number;
  column: number;
  /** ErrBareQuote or ErrQuote's text. */
  reason: string;
  /** (*ParseError).Error(). */
  text: string;
}

export const ERR_BARE_QUOTE = 'bare " in non-quoted-field';
export const ERR_QUOTE = 'extraneous or missing " in quoted-field';

function parseError(startLine: number, line: number, column: number, reason: string): GoCsvError {
  const text =
    startLine !== line
      ? `record on line ${startLine}; parse error on line ${line}, column ${column}: ${reason}`
      : `parse error on line ${line}, column ${column}: ${reason}`;
  return { startLine, line, column, reason, text };
}

/** Reads records until the end or the first error (Go's Read loop: records before an error count). */
export function readGoCsv(text: string): { records: GoCsvRecord[]; error?: GoCsvError } {
  const data = encoder.encode(text);
  let offset = 0;
  let numLine = 0;
  const records: GoCsvRecord[] = [];

  // readLine: the next line with its "\n" (or none at the end), "\r\n" normalised to "\n", a lone
  // "\r" before the end dropped. null at the end of input (io.EOF with nothing read).
  const readLine = (): { line: Uint8Array; eof: boolean } => {
    if (offset >= data.length) return { line: new Uint8Array(0), eof: true };
    let end = data.indexOf(NL, offset);
    let line: Uint8Array;
    if (end < 0) {
      line = data.subarray(offset);
      offset = data.length;
      if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    } else {
      end += 1;
      line = data.subarray(offset, end);
      offset = end;
    }
    numLine++;
    const n = line.length;
    if (n >= 2 && line[n - 2] === CR && line[n - 1] === NL) {
      const copy = line.slice(0, n - 1);
      copy[n - 2] = NL;
      line = copy;
    }
    return { line, eof: false };
  };
  const lengthNL = (b: Uint8Array) => (b.length > 0 && b[b.length - 1] === NL ? 1 : 0);

  for (;;) {
    let line: Uint8Array = new Uint8Array(0);
    let eof = false;
    for (;;) {
      ({ line, eof } = readLine());
      if (!eof && line.length === lengthNL(line)) continue; // empty line
      break;
    }
    if (eof) return { records };

    const recLine = numLine;
    const fields: string[] = [];
    let buf: number[] = [];
    let col = 1;
    let posLine = numLine;
    let readEof = false;
    let err: GoCsvError | undefined;
    parse: for (;;) {
      if (line.length === 0 || line[0] !== QUOTE) {
        const i = line.indexOf(COMMA);
        const field = i >= 0 ? line.subarray(0, i) : line.subarray(0, line.length - lengthNL(line));
        const j = field.indexOf(QUOTE);
        if (j >= 0) {
          err = parseError(recLine, numLine, col + j, ERR_BARE_QUOTE);
          break;
        }
        fields.push(decoder.decode(field));
        if (i >= 0) {
          line = line.subarray(i + 1);
          col += i + 1;
          continue;
        }
        break;
      }
      // Quoted field.
      line = line.subarray(1);
      col += 1;
      buf = [];
      for (;;) {
        const i = line.indexOf(QUOTE);
        if (i >= 0) {
          for (const b of line.subarray(0, i)) buf.push(b);
          line = line.subarray(i + 1);
          col += i + 1;
          const next = line.length > 0 ? line[0] : -1;
          if (next === QUOTE) {
            buf.push(QUOTE);
            line = line.subarray(1);
            col += 1;
          } else if (next === COMMA) {
            line = line.subarray(1);
            col += 1;
            fields.push(decoder.decode(Uint8Array.from(buf)));
            continue parse;
          } else if (lengthNL(line) === line.length) {
            fields.push(decoder.decode(Uint8Array.from(buf)));
            break parse;
          } else {
            err = parseError(recLine, numLine, col - 1, ERR_QUOTE);
            break parse;
          }
        } else if (line.length > 0) {
          for (const b of line) buf.push(b);
          if (readEof) break parse;
          col += line.length;
          const r = readLine();
          line = r.line;
          readEof = r.eof;
          if (line.length > 0) {
            posLine++;
            col = 1;
          }
          // Go turns io.EOF into nil here and sees the end on the next pass (len(line) == 0).
          readEof = false;
          if (r.eof) line = new Uint8Array(0);
        } else {
          err = parseError(recLine, posLine, col, ERR_QUOTE);
          break parse;
        }
      }
    }
    if (err) return { records, error: err };
    records.push({ fields, line: recLine });
  }
}

/** csv.Writer's rule: quote a field that is `\.`, holds a comma, quote, CR or LF, or starts with a space. */
export function goCsvFieldNeedsQuotes(field: string): boolean {
  if (field === '') return false;
  if (field === '\\.') return true;
  if (/[",\r\n]/.test(field)) return true;
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(field);
}

/** One record as csv.Writer writes it (UseCRLF false), with its "\n". */
export function writeGoCsvRecord(fields: string[]): string {
  return `${fields.map((f) => (goCsvFieldNeedsQuotes(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')}\n`;
}
