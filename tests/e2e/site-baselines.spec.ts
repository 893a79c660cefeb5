// The site-wide guarantees every later change must keep, checked on every built page: no foreign
// requests and no CSP violation (the fixture checks those on every test), a strict CSP, no serious
// accessibility violation in either theme, and a small up-front JavaScript cost.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { builtPages, expect, test } from './fixtures.ts';

/** Compressed bytes of JavaScript a page may load before the reader does anything: Starlight alone
 * is 31,248 on a lesson page (measured 2026-11-29); the rest is room for widget shells. */
const JS_BUDGET_BYTES = 40 * 1024;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe.run({
      resultTypes: ['violations'],
    }),
  );
  return (results.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const path of builtPages()) {
  test(`page ${path} keeps the CSP, accessibility and JavaScript-budget baselines`, async ({ page }) => {
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

    await test.step(`at most ${JS_BUDGET_BYTES} compressed bytes of JavaScript before any interaction`, async () => {
      const inline = await page.$$eval('script:not([src])', (els) =>
        els.filter((s) => !/json/.test(s.getAttribute('type') ?? '')).map((s) => s.textContent ?? ''),
      );
      const external = await Promise.all(scripts.values());
      const total = external.reduce((a, b) => a + b, 0) + gzipSync(inline.join('\n'), { level: 9 }).length;
      test.info().annotations.push({ type: 'js-bytes', description: `${path}: ${total}` });
      expect(total, `compressed JS: ${[...scripts.keys()].join(', ')}`).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    });

    await page.evaluate(axeSource);
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
