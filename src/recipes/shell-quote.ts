// Quoting for bash command lines the reader copies. Words made only of safe characters stay bare;
// anything else goes in single quotes. `'`, `$` and backquote are written outside the quotes as
// \' \$ \` — bash reads them the same, and shellcheck then sees no "$x in single quotes" (SC2016).
// `!` inside single quotes is literal even in an interactive shell with history expansion.
import { hasControlCharacter } from '../pki/control-characters.ts';
import { LabError } from '../pki/errors.ts';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `value` as one bash word (single-quoted unless every character is safe). */
export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  let out = '';
  let open = false;
  for (const ch of value) {
    if (ch === "'" || ch === '$' || ch === '`') {
      if (open) out += "'";
      open = false;
      out += `\\${ch}`;
    } else {
      if (!open) out += "'";
      open = true;
      out += ch;
    }
  }
  return open ? `${out}'` : out === '' ? "''" : out;
}

/**
 * A message or title as one bash word, for the texts a script prints in English or Korean: bare when
 * safe, else in single quotes, or in double quotes around an apostrophe when nothing in it expands.
 * Unlike shellQuote it never writes \' outside the quotes, so the two languages' scripts have the
 * same words (tests/unit/recipes/languages.test.ts compares them).
 */
export function shellQuoteText(text: string): string {
  if (/^[A-Za-z0-9_./:=,+@%-]+$/.test(text)) return text;
  if (!text.includes("'")) return `'${text}'`;
  if (!/[$`"\\!]/.test(text)) return `"${text}"`;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Refuses a file name that is empty, starts with '-', or holds control characters. */
export function checkFileName(field: string, value: string): void {
  if (value === '' || value.startsWith('-') || hasControlCharacter(value)) {
    throw new LabError(
      'recipe/bad-file-name',
      `${field} ${JSON.stringify(value)} is not a usable file name: no leading '-', no control characters, e.g. "jane.crt"`,
      { field, value },
    );
  }
}
