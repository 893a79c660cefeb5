// Every code block's copy button puts on the clipboard exactly the text the block shows, on every
// page in both languages. Expressive Code drops `#` lines from terminal frames when copying unless
// told not to (ec.config.mjs); in a heredoc that silently changed the file the reader writes, so
// the test clicks each button as a reader does and reads the real clipboard back.
import type { Locator, Page } from '@playwright/test';
import { builtPages, expect, test } from './fixtures.ts';

const pages = builtPages().filter((p) => p.endsWith('/'));

/** The text a reader sees in a code block: its lines, as rendered, one per line. */
function shownText(block: Locator): Promise<string> {
  return block.evaluate((figure) =>
    [...figure.querySelectorAll('pre .ec-line')]
      .map((line) => (line.querySelector('.code') ?? line).textContent?.replace(/\n$/, '') ?? '')
      .join('\n'),
  );
}

/** Clicks a block's copy button and returns what landed on the clipboard. */
async function copiedText(page: Page, block: Locator): Promise<string> {
  const sentinel = `nothing copied yet ${Math.random()}`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), sentinel);
  await block.locator('.copy button').click();
  // Read the clipboard back every 10 ms in the page (expect.poll's back-off made this spec the
  // slowest of the suite), for at most 5 s.
  const copied = await page.evaluate(async (before) => {
    for (let i = 0; i < 500; i++) {
      const text = await navigator.clipboard.readText();
      if (text !== before) return text;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return before;
  }, sentinel);
  expect(copied, 'the click copied something').not.toBe(sentinel);
  return copied;
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
    const blocks = page.locator('main .expressive-code figure');
    const count = await blocks.count();
    // The lab pages are made of commands: finding none there means the selector is wrong.
    if (/\/client-certificates\/0[3-8]-/.test(path)) expect(count, 'code blocks found').toBeGreaterThan(3);
    const differences: string[] = [];
    for (let i = 0; i < count; i++) {
      const block = blocks.nth(i);
      const title = await block.evaluate((f) => f.querySelector('figcaption .title')?.textContent?.trim());
      const shown = await shownText(block);
      const copied = await copiedText(page, block);
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
