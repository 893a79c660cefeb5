// Every page exists in English and Korean, and the Korean page is the same lesson: the same
// sections, widgets, code blocks and generated code, with Korean prose. A page added, dropped or
// left half-translated in one language fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ENGLISH_SENTENCE, HANGUL } from '../../support/english-text.ts';

const CONTENT = new URL('../../../content/', import.meta.url).pathname;
const KO = join(CONTENT, 'ko');

function pages(dir: string, skip?: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => join(dir, f))
    .filter((f) => !skip || !f.startsWith(`${skip}/`))
    .map((f) => relative(dir, f))
    .sort();
}

/** The page without frontmatter, and its fenced code blocks cut out (returned apart). */
function split(text: string) {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const fences: string[] = [];
  const prose = body.replace(
    /^(`{3,})([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gm,
    (_, _ticks, meta: string, code: string) => {
      const lang = meta.trim().split(/\s/)[0] ?? '';
      // Comments in shell and YAML blocks may be translated; everything else is kept to the byte.
      const kept = /^(sh|bash|shell|console|yaml|yml|conf|nginx)$/.test(lang)
        ? code
            .split('\n')
            .filter((l) => !/^\s*#(?!!)/.test(l))
            .join('\n')
        : code;
      fences.push(`${lang}\n${kept}`);
      return '\n';
    },
  );
  return { body: prose, fences };
}

/** A `<Code code={…}>` expression with the Korean arguments taken out. */
function codeExpression(expr: string): string {
  return expr
    .replace(/\s+/g, '')
    .replace(/lang:'ko'/g, '')
    .replace(/'ko'/g, '')
    .replace(/\{,?\}/g, '')
    .replace(/,+\)/g, ')')
    .replace(/,+\}/g, '}')
    .replace(/\{,+/g, '{');
}

function structure(text: string) {
  const { body, fences } = split(text);
  return {
    headings: [...body.matchAll(/^(#{2,6}) /gm)].map((m) => m[1]),
    components: [...body.matchAll(/<([A-Z][A-Za-z]*)[\s/>]/g)].map((m) => m[1]),
    code: [...body.matchAll(/<Code\s+code=\{([\s\S]*?)\}\s+lang=/g)].map((m) => codeExpression(m[1]!)),
    fences,
    body,
  };
}

/** Prose lines of a page: no imports/exports, JSX tags, table rules, inline code or links' targets. */
function proseLines(body: string): string[] {
  return body
    .split('\n')
    .filter(
      (l) =>
        !/^\s*(import|export)\b/.test(l) && !/^\s*<\/?[A-Za-z]/.test(l) && !/^\s*\|?[\s:|-]+\|?$/.test(l),
    )
    .map((l) =>
      l
        .replace(/`[^`]*`/g, ' ')
        .replace(/\]\([^)]*\)/g, ']')
        .replace(/\{[^}]*\}/g, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/[*_"“”()]/g, ' '),
    )
    .filter((l) => /[A-Za-z]{2}/.test(l));
}

const en = pages(CONTENT, KO);
const ko = pages(KO);

describe('the Korean edition', () => {
  it('has a Korean page for every English page, and no Korean page without an English one', () => {
    assert.deepEqual(
      ko,
      en,
      `content/ and content/ko/ differ: only English ${JSON.stringify(en.filter((p) => !ko.includes(p)))}, only Korean ${JSON.stringify(ko.filter((p) => !en.includes(p)))}`,
    );
  });

  for (const page of en.filter((p) => ko.includes(p))) {
    describe(page, () => {
      const english = readFileSync(join(CONTENT, page), 'utf8');
      const korean = readFileSync(join(KO, page), 'utf8');
      const e = structure(english);
      const k = structure(korean);

      it('has a Korean title and description', () => {
        const front = (text: string) => text.match(/^---\n([\s\S]*?)\n---/)?.[1] ?? '';
        const field = (text: string, name: string) => front(text).match(new RegExp(`^${name}:.*$`, 'm'))?.[0];
        const title = field(korean, 'title') ?? '';
        // Only the home page's title is a name ("Kube Auth Lab") that stays as it is.
        if (page === 'index.mdx') assert.equal(title, field(english, 'title'));
        else assert.match(title, HANGUL, 'title');
        if (field(english, 'description') !== undefined) {
          assert.match(field(korean, 'description') ?? '', HANGUL, 'description');
        }
      });

      it('has the same sections, widgets and components in the same order', () => {
        assert.deepEqual(k.headings, e.headings, 'heading levels');
        assert.deepEqual(k.components, e.components, 'components');
      });

      it('shows the same generated code, called for Korean where it has comments or messages', () => {
        assert.deepEqual(k.code, e.code);
      });

      it('keeps every fenced code block (commands, outputs) as it is, comments aside', () => {
        assert.deepEqual(k.fences, e.fences);
      });

      it('has no English sentence left in its prose', () => {
        const left = proseLines(k.body).filter((l) => !HANGUL.test(l) && ENGLISH_SENTENCE.test(l));
        assert.deepEqual(left, []);
      });
    });
  }
});
