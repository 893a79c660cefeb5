// The site-wide guarantees every later change must keep, checked on every built page: no foreign
// requests and no CSP violation (the fixture checks those on every test), a strict CSP, no serious
// accessibility violation in either theme, and a small up-front JavaScript cost.
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { builtPages, expect, seriousAxeViolations, test } from './fixtures.ts';

/**
 * The up-front JavaScript budget: every page may load at most this many compressed bytes more than
 * bare Starlight, before the reader does anything. Bare Starlight is measured in the same run on
 * BARE_PAGE, a lesson with no widget (32,560 bytes on 2026-12-06); the busiest page, lesson 7, was
 * 8,071 above it that day.
 */
const WIDGET_ROOM_BYTES = 8 * 1024;
const BARE_PAGE = '/client-certificates/01-before-you-start/';

/** Watches a page's scripts; `total()` is their gzip -9 bytes plus its inline (non-JSON) scripts. */
function countScripts(page: Page) {
  const scripts = new Map<string, Promise<number>>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.set(
      response.url(),
      response.body().then(
        (body) => gzipSync(body, { level: 9 }).length,
        () => 0,
      ),
    );
  });
  return {
    urls: () => [...scripts.keys()],
    total: async () => {
      const inline = await page.$$eval('script:not([src])', (els) =>
        els.filter((s) => !/json/.test(s.getAttribute('type') ?? '')).map((s) => s.textContent ?? ''),
      );
      const external = await Promise.all(scripts.values());
      return external.reduce((a, b) => a + b, 0) + gzipSync(inline.join('\n'), { level: 9 }).length;
    },
  };
}

let bare: Promise<number> | undefined;

/** Bare Starlight's up-front bytes, measured once per worker in a fresh context (an empty cache). */
function bareStarlightBytes(browser: Browser, baseURL: string): Promise<number> {
  bare ??= (async () => {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      const count = countScripts(page);
      await page.goto(BARE_PAGE, { waitUntil: 'networkidle' });
      expect(await page.locator('.kal-widget').count(), `${BARE_PAGE} must have no widget`).toBe(0);
      return await count.total();
    } finally {
      await context.close();
    }
  })();
  return bare;
}

for (const path of builtPages()) {
  test(`page ${path} keeps the CSP, accessibility and JavaScript-budget baselines`, async ({
    page,
    browser,
    baseURL,
  }) => {
    const scripts = countScripts(page);
    await page.goto(path, { waitUntil: 'networkidle' });

    await test.step('a CSP meta tag without unsafe-inline or unsafe-eval for scripts', async () => {
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      const scriptSrc = csp
        ?.split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src'));
      expect(scriptSrc).toMatch(/^script-src 'self'/);
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(csp).toContain("object-src 'none'");
    });

    await test.step(`at most ${WIDGET_ROOM_BYTES} compressed bytes of JavaScript above bare Starlight before any interaction`, async () => {
      const total = await scripts.total();
      const starlight = await bareStarlightBytes(browser, baseURL!);
      test.info().annotations.push({
        type: 'js-bytes',
        description: `${path}: ${total} (bare Starlight ${starlight}, +${total - starlight})`,
      });
      expect(
        total - starlight,
        `compressed JS above bare Starlight: ${scripts.urls().join(', ')}`,
      ).toBeLessThanOrEqual(WIDGET_ROOM_BYTES);
    });

    for (const theme of ['light', 'dark'] as const) {
      await test.step(`no serious or critical axe violations in the ${theme} theme`, async () => {
        await page.evaluate((t) => {
          document.documentElement.dataset.theme = t;
        }, theme);
        expect(await seriousAxeViolations(page)).toEqual([]);
      });
    }
  });
}
