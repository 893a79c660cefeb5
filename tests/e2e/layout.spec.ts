// The workbench's result cards read well from a phone to a desktop, checked by geometry: every label
// sits beside its value (same top, value to its right) or right above it; no value is squeezed into a
// narrow column (a word like "digitalSignature" never breaks over two lines); each file's Copy and
// Download buttons share one row that no other file's controls are on.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const WIDTHS = [360, 390, 768, 1024, 1440];

/** Every layout fault on the page's result cards, as sentences (empty when the layout is right). */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    for (const dl of document.querySelectorAll<HTMLElement>('kal-workbench .kal-wb-card dl')) {
      const dlBox = dl.getBoundingClientRect();
      for (const dt of dl.querySelectorAll('dt')) {
        const dd = dt.nextElementSibling as HTMLElement;
        const a = dt.getBoundingClientRect();
        const b = dd.getBoundingClientRect();
        const beside = Math.abs(a.top - b.top) <= 4 && b.left >= a.right - 1;
        const above = b.top >= a.bottom - 1 && b.top - a.bottom <= 8 && Math.abs(b.left - a.left) <= 24;
        if (!beside && !above) {
          faults.push(
            `"${dt.textContent}" is neither beside nor above its value (${Math.round(b.top - a.top)} px off)`,
          );
        }
        if (b.width < dlBox.width * 0.55) {
          faults.push(
            `"${dt.textContent}": value squeezed into ${Math.round(b.width)} of ${Math.round(dlBox.width)} px`,
          );
        }
        // Words up to 24 characters never break over two lines.
        const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const m of text.matchAll(/[^\s,]+/g)) {
            if (m[0].length < 2 || m[0].length > 24) continue;
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set(
              [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
            );
            if (lines.size > 1)
              faults.push(`"${m[0]}" in "${dt.textContent}" breaks over ${lines.size} lines`);
          }
        }
      }
    }
    const rows = [...document.querySelectorAll<HTMLElement>('kal-workbench [data-file-row]')];
    const boxes = rows.map((row) => ({
      name: row.dataset.fileRow!,
      buttons: [...row.querySelectorAll('button')].map((b) => b.getBoundingClientRect()),
      all: [...row.children].map((c) => c.getBoundingClientRect()),
    }));
    for (const row of boxes) {
      const [copy, download] = row.buttons;
      if (!copy || !download) {
        faults.push(`${row.name} has no Copy and Download buttons`);
        continue;
      }
      if (Math.abs(copy.top - download.top) > 2)
        faults.push(`${row.name}: Copy and Download are on different rows`);
      for (const other of boxes) {
        if (other.name === row.name) continue;
        for (const box of other.all) {
          if (box.top < copy.bottom - 1 && box.bottom > copy.top + 1) {
            faults.push(`${row.name}'s buttons share a row with ${other.name}'s controls`);
          }
        }
      }
    }
    if (rows.length !== 6) faults.push(`${rows.length} file rows instead of 6`);
    return [...new Set(faults)];
  });
}

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the workbench's cards read well at ${WIDTHS.join(', ')} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${lang === 'ko' ? '/ko' : ''}/client-certificates/03-lab-issue-certificates/`);
    await page.locator('kal-workbench button[type="submit"]').click();
    await expect(page.locator('kal-workbench [data-file-row]')).toHaveCount(6, { timeout: 60_000 });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(150);
      expect(await layoutFaults(page), `at ${width} px`).toEqual([]);
    }
  });
}
