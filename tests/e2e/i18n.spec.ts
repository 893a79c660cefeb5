// English at the root, Korean under /ko/: the picker switches, and search finds Korean words on
// Korean pages. (The sidebar and the previous/next links of all six parts: series.spec.ts.)
import { expect, test } from './fixtures.ts';

test('the language picker switches the home page to Korean and back', async ({ page }) => {
  await page.goto('/', { waitUntil: 'networkidle' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const picker = page.locator('starlight-lang-select select').first();
  await picker.selectOption({ label: '한국어' });
  await expect(page).toHaveURL(/\/ko\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { level: 2, name: '시리즈 구성' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('search on the Korean site finds a Korean word on the Korean home page', async ({ page }) => {
  await page.goto('/ko/');
  await page.getByRole('button', { name: /^검색/ }).click();
  await page.getByRole('dialog', { name: '검색' }).getByRole('textbox').fill('업로드되지');
  const result = page.locator('#starlight__search .pagefind-ui__result-link').first();
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute('href', /^\/ko\//);
});

test('search on the Korean site finds Korean lessons for Korean words, and only Korean pages', async ({
  page,
}) => {
  await page.goto('/ko/client-certificates/01-before-you-start/');
  await page.getByRole('button', { name: /^검색/ }).click();
  await page.getByRole('dialog', { name: '검색' }).getByRole('textbox').fill('상호 TLS');
  const results = page.locator('#starlight__search .pagefind-ui__result-link');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(
    hrefs.every((href) => href.startsWith('/ko/')),
    hrefs.join(' '),
  ).toBe(true);
  expect(hrefs.some((href) => href.startsWith('/ko/client-certificates/05-lab-mutual-tls/'))).toBe(true);
});

test('edit links point at the lesson file in the top-level content folder', async ({ page }) => {
  await page.goto('/ko/');
  await expect(page.getByRole('link', { name: /편집|Edit/ })).toHaveAttribute(
    'href',
    /\/edit\/main\/content\/ko\/index\.mdx$/,
  );
});
