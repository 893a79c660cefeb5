// Every Korean text the site ships, for the tests that hold the Korean edition to one glossary and
// one way of writing (tests/unit/content/glossary.test.ts, tests/unit/i18n/placeholders.test.ts):
// the Korean pages, the Korean dictionaries, and the Korean comments and messages of the scripts and
// configs in src/recipes (their `{ en, ko }` records, read from the source so that every text is
// seen, not only those one call of a generator prints) and in astro.config.mjs (the sidebar).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** One Korean text and where it comes from (`file:line`, or `file key` for a dictionary). */
export interface KoreanText {
  where: string;
  text: string;
  /** What it is: page prose (code blocks and inline code left in), a dictionary value, a script text. */
  kind: 'page' | 'dictionary' | 'script';
}

const HANGUL = /[가-힣]/;

/** Every Korean page (content/ko/**), one entry per line. */
export function koreanPageLines(): KoreanText[] {
  const dir = join(ROOT, 'content/ko');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.mdx?$/.test(f))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .map((text, i) => ({ where: `content/ko/${f}:${i + 1}`, text, kind: 'page' as const })),
    );
}

/** Every value of every Korean dictionary (src/i18n/*.ko.json and ko.json). */
export function koreanDictionaryTexts(): KoreanText[] {
  const dir = join(ROOT, 'src/i18n');
  return readdirSync(dir)
    .filter((f) => /(^|\.)ko\.json$/.test(f))
    .sort()
    .flatMap((f) =>
      Object.entries(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>).map(
        ([key, text]) => ({ where: `src/i18n/${f} ${key}`, text, kind: 'dictionary' as const }),
      ),
    );
}

/**
 * A Korean string literal in TypeScript or JavaScript source: the value of `ko:` (or of a `label:`
 * inside the sidebar's `ko` entries), quoted, a template or a tagged template (`bash\`…\``, `String.raw\`…\``).
 */
const KO_LITERAL = /\b(?:ko|label):\s*(?:[\w.]+)?(['"`])((?:\\[\s\S]|(?!\1)[\s\S])*?)\1/g;

/** The source files outside src/i18n and content that hold Korean: src/recipes/** and the site config. */
function koreanSourceFiles(): string[] {
  const recipes = join(ROOT, 'src/recipes');
  return [
    ...readdirSync(recipes, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(recipes, f)),
    join(ROOT, 'astro.config.mjs'),
  ].sort();
}

/** Every `ko:` text of the scripts and configs in src/recipes and of astro.config.mjs. */
export function koreanScriptTexts(): KoreanText[] {
  return koreanSourceFiles().flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    return [...source.matchAll(KO_LITERAL)]
      .filter((m) => HANGUL.test(m[2]!))
      .map((m) => ({
        where: `${relative(ROOT, file)}:${source.slice(0, m.index).split('\n').length}`,
        text: m[2]!,
        kind: 'script' as const,
      }));
  });
}

/** Korean in src/recipes or astro.config.mjs outside any `ko:` literal (which the tests would not see). */
export function koreanOutsideLiterals(): string[] {
  return koreanSourceFiles().flatMap((file) => {
    const rest = readFileSync(file, 'utf8').replace(KO_LITERAL, '');
    return rest
      .split('\n')
      .map((line, i) => [line, i] as const)
      .filter(([line]) => HANGUL.test(line.replace(/\/\/.*$/, '')))
      .map(([line, i]) => `${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
  });
}

/** Everything above. */
export function koreanTexts(): KoreanText[] {
  return [...koreanPageLines(), ...koreanDictionaryTexts(), ...koreanScriptTexts()];
}
