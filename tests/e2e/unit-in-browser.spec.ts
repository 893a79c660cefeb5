// The unit tests of src/pki (and of the other DOM-free folders) run in Chromium too, so that
// browser WebCrypto is proven, not assumed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleUnitTests } from '../browser/bundle.ts';
import type { BrowserTestResult } from '../browser/node-test-shim.ts';
import { expect, test } from './fixtures.ts';

const folders = ['pki', 'kube', 'recipes', 'recipes/tokens', 'tokens'];

for (const folder of folders) {
  const dir = join('tests/unit', folder);
  // A folder renamed or emptied must fail here, not drop out of the browser run unnoticed.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(process.cwd(), dir, f));
  if (files.length === 0) throw new Error(`no unit tests in ${dir} to run in Chromium`);

  test(`the ${folder} unit tests pass in Chromium`, async ({ page }) => {
    test.setTimeout(240_000);
    const bundle = await bundleUnitTests(files);
    // A page of the test's own on the site's origin (a secure context, like the real pages), served
    // by Playwright without the site's CSP: the bundle is test code, not site code.
    await page.route('**/__unit-tests/**', (route) =>
      route.request().url().endsWith('.js')
        ? route.fulfill({ contentType: 'text/javascript', body: bundle })
        : route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><title>unit tests</title><script type="module" src="/__unit-tests/bundle.js"></script>',
          }),
    );
    await page.goto('/__unit-tests/');
    await page.waitForFunction(() => '__unitResults' in globalThis, null, { timeout: 60_000 });
    const results: BrowserTestResult[] = await page.evaluate(
      () => (globalThis as unknown as { __unitResults: Promise<BrowserTestResult[]> }).__unitResults,
    );
    const failed = results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.error}`);
    const passed = results.filter((r) => r.status === 'pass').length;
    test
      .info()
      .annotations.push({ type: 'unit-tests', description: `${folder}: ${passed} passed in Chromium` });
    expect(failed).toEqual([]);
    expect(passed).toBeGreaterThan(0);
  });
}
