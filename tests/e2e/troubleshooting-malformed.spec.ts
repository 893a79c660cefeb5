// The bad-input corpus (tests/fixtures/malformed, made by make.ts) goes into the certificate
// inspector, pasted or picked as a file. Each one gets a coded message (or, for the valid ones, a
// certificate) within a second, the page throws nothing (the fixture checks), and pasted text stays.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

interface CorpusEntry {
  file: string;
  as: 'text' | 'file';
  expect: 'error' | 'shown';
  about: string;
}

const dir = join(process.cwd(), 'tests/fixtures/malformed');
const corpus: CorpusEntry[] = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const page8 = '/client-certificates/08-troubleshooting/';

test.describe.configure({ mode: 'parallel' });

/** Sets the textarea's value and fires input at once (fill() of megabytes is slow in itself). */
async function paste(page: Page, text: string): Promise<number> {
  return page.evaluate((value) => {
    const input = document.querySelector<HTMLTextAreaElement>('kal-cert-inspector [data-input]')!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return performance.now();
  }, text);
}

/** Time (page clock) at which the inspector showed a verdict: a coded message or a certificate. */
async function verdictAt(
  page: Page,
  which: 'input' | 'file',
): Promise<{ at: number; code: string | null; shown: boolean }> {
  const handle = await page.waitForFunction(
    (field) => {
      const w = document.querySelector('kal-cert-inspector')!;
      const msg = w.querySelector<HTMLElement>(`[data-${field}-message]`)!;
      const shown = w.querySelector('section[data-kind="certificate"]') !== null;
      const problem = w.querySelector<HTMLElement>('section[data-kind="problem"] [data-code]');
      const code = msg.dataset.code ?? problem?.dataset.code ?? null;
      if (!code && !shown) return null;
      return { at: performance.now(), code, shown };
    },
    which,
    { timeout: 10_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as { at: number; code: string | null; shown: boolean };
}

const DEBOUNCE_MS = 250;

/** Pastes `text` into a widget's box the way a browser does: a paste event carrying the text. */
async function pasteEvent(page: Page, selector: string, text: string): Promise<number> {
  return page.evaluate(
    ({ selector, text }) => {
      const input = document.querySelector<HTMLTextAreaElement>(selector)!;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const start = performance.now();
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      // A real paste inserts the text unless a handler prevents it; do the same here.
      if (input.dispatchEvent(event)) {
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      return start;
    },
    { selector, text },
  );
}

/** Loads the inspector's code (fetched on first use) so that the timing measures the work only. */
async function warmUp(page: Page): Promise<void> {
  await paste(page, 'warm up');
  await verdictAt(page, 'input');
  await paste(page, '');
  await page.waitForFunction(
    () => !document.querySelector('kal-cert-inspector [data-input-message]')?.textContent,
  );
}

/** Empties the box and waits until no verdict of a previous entry is left on the page. */
async function reset(page: Page): Promise<void> {
  await paste(page, '');
  await page.waitForFunction(() => {
    const w = document.querySelector('kal-cert-inspector')!;
    return (
      !w.querySelector('[data-input-message]')?.textContent &&
      !w.querySelector('[data-file-message]')?.textContent &&
      !w.querySelector('section[data-kind]')
    );
  });
}

async function checkEntry(page: Page, entry: CorpusEntry): Promise<void> {
  const widget = page.locator('kal-cert-inspector');
  const bytes = readFileSync(join(dir, entry.file));
  if (entry.as === 'text') {
    const text = bytes.toString('utf8');
    const start = await paste(page, text);
    const v = await verdictAt(page, 'input');
    expect(v.at - start - DEBOUNCE_MS, `${entry.file}: ms from input to message`).toBeLessThan(1000);
    if (entry.expect === 'error') {
      expect(v.shown, entry.file).toBe(false);
      expect(v.code, entry.file).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      await expect(widget.locator('[data-input-message]'), entry.file).not.toBeEmpty();
    } else {
      expect(v.shown, entry.file).toBe(true);
    }
    expect(await widget.locator('[data-input]').inputValue(), entry.file).toBe(text.replace(/\r\n?/g, '\n'));
  } else {
    // The clock starts when the page sees the file (the file transfer itself is Playwright's).
    await page.evaluate(() => {
      document.querySelector('kal-cert-inspector [data-file]')!.addEventListener(
        'change',
        () => {
          (window as unknown as { changeAt: number }).changeAt = performance.now();
        },
        { capture: true, once: true },
      );
    });
    await widget
      .locator('[data-file]')
      .setInputFiles({ name: entry.file, mimeType: 'application/octet-stream', buffer: bytes });
    const v = await verdictAt(page, 'file');
    const start = await page.evaluate(() => (window as unknown as { changeAt: number }).changeAt);
    expect(v.at - start, `${entry.file}: ms from input to message`).toBeLessThan(1000);
    if (entry.expect === 'error') {
      expect(v.shown, entry.file).toBe(false);
      expect(v.code, entry.file).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    } else {
      expect(v.shown, entry.file).toBe(true);
    }
  }
}

// The corpus runs in batches that share one page (reset between entries): a page load per entry
// would make this the slowest file of the suite for no extra coverage.
const BATCH = 12;
for (let i = 0; i < corpus.length; i += BATCH) {
  const batch = corpus.slice(i, i + BATCH);
  test(`inspector: malformed inputs ${i + 1}–${i + batch.length} of ${corpus.length} each get a coded message or a certificate`, async ({
    page,
  }) => {
    await page.goto(page8);
    await warmUp(page);
    for (const entry of batch) {
      await test.step(`${entry.file} (${entry.about}) → ${entry.expect}`, async () => {
        await reset(page);
        await checkEntry(page, entry);
      });
    }
  });
}

test('inspector: a 5 MB paste gets input/too-large at once, and stays in the field', async ({ page }) => {
  await page.goto(page8);
  await warmUp(page);
  const text = readFileSync(
    join(dir, corpus.find((e) => e.expect === 'shown' && e.as === 'text')!.file),
    'utf8',
  );
  const big = text.repeat(Math.ceil((5 * 1024 * 1024) / text.length));
  const start = await pasteEvent(page, 'kal-cert-inspector [data-input]', big);
  const v = await verdictAt(page, 'input');
  expect(v.code).toBe('input/too-large');
  expect(v.at - start).toBeLessThan(1000);
  // The text is kept (not laid out in the box, which alone takes the browser seconds), and the
  // reader can still put it in the box.
  const notice = page.locator('kal-cert-inspector [data-large-notice]');
  await expect(notice).toContainText('You pasted 5.0 MB');
  await notice.getByRole('button', { name: 'Show it in the box anyway' }).click();
  await expect
    .poll(() =>
      page
        .locator('kal-cert-inspector [data-input]')
        .evaluate((el) => (el as HTMLTextAreaElement).value.length),
    )
    // A text box keeps line ends as \n, as it does for any paste.
    .toBe(big.replace(/\r\n?/g, '\n').length);
});

test('explainer: a 5 MB paste is explained without freezing the page', async ({ page }) => {
  await page.goto(page8);
  await page.locator('kal-error-explainer [data-input]').fill('x509: unhandled critical extension');
  await expect(page.locator('kal-error-explainer section').first()).toBeVisible();
  const line =
    'Jan 01 12:00:00 node kubelet[123]: I0101 some ordinary log line with a few words 0123456789\n';
  const big = `${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}error: You must be logged in to the server (Unauthorized)\n`;
  const start = await pasteEvent(page, 'kal-error-explainer [data-input]', big);
  const at = await page.waitForFunction(
    () =>
      document.querySelector('kal-error-explainer section[data-id="unauthorized"]')
        ? performance.now()
        : null,
    null,
    { timeout: 10_000, polling: 'raf' },
  );
  expect(((await at.jsonValue()) as number) - start).toBeLessThan(1000);
  await expect(page.locator('kal-error-explainer [data-large-notice]')).toContainText('You pasted 5.0 MB');
});
