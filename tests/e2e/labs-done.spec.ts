// The home page's "Your labs" list, in English and Korean: a fresh browser marks no lab; work typed
// into a lab's widget (the bootstrap-token lab, the impersonation lab) is marked there after the
// reader comes back to the home page, with the count; a browser without storage still shows the list.
import type { Page } from '@playwright/test';
import { type Lang, t } from '../../src/i18n/index.ts';
import { LABS } from '../../src/widgets/labs-done/labs.ts';
import { expect, test } from './fixtures.ts';

const HOME = (lang: Lang) => (lang === 'ko' ? '/ko/' : '/');
const lab = (page: Page, id: string) => page.locator(`kal-labs-done [data-lab="${id}"]`);
const ready = (page: Page) => expect(page.locator('kal-labs-done')).toHaveAttribute('data-ready', 'true');

for (const lang of ['en', 'ko'] as const) {
  test(`(${lang}) the list links every lab, marks only the labs with the reader's work, and counts them`, async ({
    page,
  }) => {
    await page.goto(HOME(lang));
    await ready(page);
    await expect(page.locator('kal-labs-done [data-lab]')).toHaveCount(LABS.length);
    await expect(page.locator('kal-labs-done [data-lab][data-done="true"]')).toHaveCount(0);
    await expect(page.locator('kal-labs-done [data-count]')).toHaveText('0');
    const prefix = lang === 'ko' ? '/ko/' : '/';
    for (const l of LABS)
      await expect(lab(page, l.id).locator('a')).toHaveAttribute('href', `${prefix}${l.page}/`);

    await page.goto(`${prefix}bearer-tokens/03-bootstrap-tokens/`);
    await page.locator('kal-bootstrap-token [data-field="description"]').fill('join worker-1');
    await page.goto(`${prefix}proxy/04-impersonation/`);
    await page.locator('kal-impersonation [data-field="as"]').fill('kim');
    await page.goto(HOME(lang));
    await ready(page);
    await expect(lab(page, 'bootstrap-token')).toHaveAttribute('data-done', 'true');
    await expect(lab(page, 'bootstrap-token').locator('.kal-lab-yes')).toBeVisible();
    await expect(lab(page, 'bootstrap-token').locator('.kal-lab-yes')).toHaveText(t(lang, 'labs.done'));
    await expect(lab(page, 'impersonation')).toHaveAttribute('data-done', 'true');
    await expect(lab(page, 'token-file')).toHaveAttribute('data-done', 'false');
    await expect(lab(page, 'token-file').locator('.kal-lab-yes')).toBeHidden();
    await expect(page.locator('kal-labs-done [data-count]')).toHaveText('2');
  });
}

test('without storage the list is still there, with nothing marked and no count', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined });
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('kal-labs-done [data-lab]')).toHaveCount(LABS.length);
  await expect(page.locator('kal-labs-done .kal-labs-count')).toBeHidden();
  await expect(page.locator('kal-labs-done [data-done="true"]')).toHaveCount(0);
  await context.close();
});
