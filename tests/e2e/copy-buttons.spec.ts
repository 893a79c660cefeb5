// Every code block's copy button puts on the clipboard exactly the text the block shows, on every
// page in both languages. Expressive Code drops `#` lines from terminal frames when copying unless
// told not to (ec.config.mjs); in a heredoc that silently changed the file the reader writes, so
// the test clicks each button as a reader does and reads the real clipboard back.
import type { Page } from '@playwright/test';
import { builtPages, expect, test } from './fixtures.ts';

const pages = builtPages().filter((p) => p.endsWith('/'));

/** What each code block of the page shows (its lines as rendered) and what its copy button puts on
 *  the real clipboard, block by block, in one pass in the page (a Playwright round trip per block
 *  made this the slowest spec of the suite). */
function shownAndCopied(page: Page): Promise<{ title: string; shown: string; copied: string }[]> {
  return page.evaluate(async () => {
    const out: { title: string; shown: string; copied: string }[] = [];
    for (const figure of document.querySelectorAll('main .expressive-code figure')) {
      const shown = [...figure.querySelectorAll('pre .ec-line')]
        .map((line) => (line.querySelector('.code') ?? line).textContent?.replace(/\n$/, '') ?? '')
        .join('\n');
      const sentinel = `nothing copied yet ${Math.random()}`;
      await navigator.clipboard.writeText(sentinel);
      const button = figure.querySelector<HTMLButtonElement>('.copy button');
      button?.scrollIntoView();
      button?.click();
      let copied = sentinel;
      for (let i = 0; i < 500 && copied === sentinel; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        copied = await navigator.clipboard.readText();
      }
      const title = figure.querySelector('figcaption .title')?.textContent?.trim() ?? '';
      out.push({ title, shown, copied: copied === sentinel ? '(nothing copied)' : copied });
    }
    return out;
  });
}

test('the pages have code blocks with copy buttons to check', () => {
  expect(pages.length).toBeGreaterThan(10);
});

for (const path of pages) {
  test(`every copy button on ${path} copies exactly the text its code block shows`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(path);
    // Scripts shown inside <details> have copy buttons too; open them so the buttons can be clicked.
    await page.locator('main details').evaluateAll((all) => {
      for (const d of all) (d as HTMLDetailsElement).open = true;
    });
    const blocks = await shownAndCopied(page);
    // The lab pages are made of commands: finding none there means the selector is wrong.
    if (/\/client-certificates\/0[3-8]-/.test(path))
      expect(blocks.length, 'code blocks found').toBeGreaterThan(3);
    const differences: string[] = [];
    for (const [i, { title, shown, copied }] of blocks.entries()) {
      if (copied !== shown) {
        const a = shown.split('\n');
        const b = copied.split('\n');
        const line = a.findIndex((text, n) => text !== b[n]);
        const at = line === -1 ? a.length : line;
        differences.push(
          `block ${i + 1}${title ? ` "${title}"` : ''}, line ${at + 1}: shown ${JSON.stringify(a[at])}, copied ${JSON.stringify(b[at])} (${a.length} lines shown, ${b.length} copied)`,
        );
      }
    }
    expect(differences, `code blocks on ${path} whose copy button copies something else`).toEqual([]);
  });
}
