// shellcheck passes every ```sh/```bash block of every lesson, in every language, and every script
// the site offers for download, in both languages. (The lessons' rendered snippets are checked by the nginx- and
// cluster- shellcheck tests, which know the functions that render them.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { LAB_SCRIPTS, scriptHref } from '../../src/recipes/lab-scripts.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import { shellBlocks, shellcheck } from '../support/shellcheck.ts';
import { requireTools } from '../support/tools.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string, ending: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ending))
    .map((f) => join(dir, f))
    .sort();
}

const pages = files(join(ROOT, 'content'), '.mdx');

test('every lesson page, English and Korean, is found', () => {
  assert.ok(pages.length >= 10, `only ${pages.length} pages`);
});

for (const page of pages) {
  const name = relative(ROOT, page);
  const blocks = shellBlocks(readFileSync(page, 'utf8'));
  if (blocks.length === 0) continue;
  test(`shellcheck passes the ${blocks.length} shell blocks of ${name}`, (t) => {
    if (!requireTools(t, 'shellcheck')) return;
    for (const { line, code } of blocks) {
      // A lesson block is typed into the reader's interactive shell, where a failed cd prints its
      // error and stops nothing: `cd … || exit` (SC2164) would close the reader's terminal instead.
      const result = shellcheck(code, ['--exclude=SC2164', '-']);
      assert.equal(result.status, 0, `${name}:${line}\n${code}\n${result.output}`);
      // A backslash escapes only the very next character: a space or a comment after it ends the command.
      assert.ok(
        !/\\[ \t]+(#|$)/m.test(code),
        `${name}:${line}: something follows a line-continuation backslash`,
      );
    }
  });
}

for (const lang of ['en', 'ko'] as const) {
  for (const name of LAB_SCRIPTS.filter((n) => n.endsWith('.sh'))) {
    test(`shellcheck passes ${scriptHref(name, lang)}`, (t) => {
      if (!requireTools(t, 'shellcheck')) return;
      const result = shellcheck('', [labScriptFile(name, lang)]);
      assert.equal(result.status, 0, result.output);
    });
  }
  // The Python ones: python3 compiles them and pyflakes (Debian's pyflakes3) finds nothing.
  for (const name of LAB_SCRIPTS.filter((n) => n.endsWith('.py'))) {
    test(`python3 -m py_compile and pyflakes3 pass ${scriptHref(name, lang)}`, (t) => {
      if (!requireTools(t, 'python3', 'pyflakes3')) return;
      const file = labScriptFile(name, lang);
      const compiled = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
      assert.equal(compiled.status, 0, compiled.stderr);
      const lint = spawnSync('pyflakes3', [file], { encoding: 'utf8' });
      assert.equal(lint.status, 0, `${lint.stdout}${lint.stderr}`);
    });
  }
}
