// The scripts the lessons offer for download are served by the built site, each exactly what its
// generator makes (so what a reader runs is what the lessons show and the interop tests ran), and
// every download link on every page reaches one, a Korean page the Korean edition.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_SCRIPTS, labScript, scriptHref } from '../../src/recipes/lab-scripts.ts';
import { builtPages, expect, test } from './fixtures.ts';

const dist = process.env.E2E_DIST ?? 'dist';

for (const lang of ['en', 'ko'] as const) {
  for (const name of LAB_SCRIPTS) {
    test(`${scriptHref(name, lang)} is served, and is the script the ${lang} lessons show`, async ({
      request,
    }) => {
      const response = await request.get(scriptHref(name, lang));
      expect(response.status()).toBe(200);
      expect(await response.text()).toBe(labScript(name, lang));
    });
  }
}

test('every script link on every page reaches a served script in the page’s language', async ({
  request,
}) => {
  const links: string[] = [];
  for (const path of builtPages()) {
    const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
    const html = readFileSync(file, 'utf8');
    for (const [, href] of html.matchAll(/href="(\/scripts\/[^"]+)"/g)) {
      links.push(href!);
      expect(href!.startsWith('/scripts/ko/'), `${path} links ${href}`).toBe(path.startsWith('/ko/'));
      expect((await request.get(href!)).status(), `${path} links ${href}`).toBe(200);
    }
  }
  // Lessons 4 to 7 offer the three scripts, in each language.
  expect(new Set(links).size).toBe(2 * LAB_SCRIPTS.length);
});
