// The comments and messages of the scripts and configs the site hands out, kept beside the code that
// prints them as one `{ en, ko }` record per text: a table checked with `satisfies TextTable` fails to
// compile when a language is missing. The generators pick one language with `textsIn` and interpolate
// it into a single template, so both languages run the same commands.
import type { Lang } from '../i18n/index.ts';

/** One text in every language of the site. */
export type Texts = Readonly<Record<Lang, string>>;

/** A generator's texts by name. */
export type TextTable = Readonly<Record<string, Texts>>;

/** One language of a table: `{ name: { en, ko } }` → `{ name: text }`. */
export function textsIn<K extends string>(table: Readonly<Record<K, Texts>>, lang: Lang): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of Object.keys(table) as K[]) out[name] = table[name][lang];
  return out;
}

/** A script text with its bash variables (`$name`, `${name}`) replaced by `values`; others are kept. */
export function expandVariables(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$(?:\{(\w+)\}|(\w+))/g, (whole, braced?: string, bare?: string) => {
    const value = values[(braced ?? bare)!];
    return value ?? whole;
  });
}

/** What bash's printf prints for `format` (only `%s` and `%-Ns` are used by the scripts). */
export function printfText(format: string, ...args: string[]): string {
  let i = 0;
  return format.replace(/%(-?)(\d*)s/g, (_, left: string, width: string) => {
    const value = args[i++] ?? '';
    const pad = Math.max(0, Number(width || 0) - value.length);
    return left ? value + ' '.repeat(pad) : ' '.repeat(pad) + value;
  });
}
