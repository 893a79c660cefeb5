// The explainer of lesson 8 names each catalogue entry: every wording's sample, pasted, shows that
// entry's section with its translated title and the link to its lesson (shared by the explainer specs).
import type { Page } from '@playwright/test';
import { type CatalogueEntry, lessonHref } from '../../src/explain/index.ts';
import { expect } from './fixtures.ts';

export const page8 = '/client-certificates/08-troubleshooting/';

/** Pastes every wording's sample of `entries` into the explainer and checks the section it shows. */
export async function expectEntriesNamed(page: Page, lang: 'en' | 'ko', entries: readonly CatalogueEntry[]) {
  await page.goto(`${lang === 'ko' ? '/ko' : ''}${page8}`);
  const widget = page.locator('kal-error-explainer');
  const input = widget.locator('textarea');
  const results = widget.locator('[data-results]');
  for (const entry of entries) {
    for (const w of entry.wordings) {
      await input.fill(w.sample);
      const section = results.locator(`section[data-id="${entry.id}"]`);
      await expect(section, w.sample).toBeVisible();
      await expect(section.locator('a[data-lesson]')).toHaveAttribute('href', lessonHref(entry.lesson, lang));
      await expect(section.locator('h4')).not.toHaveText(/^explain\./);
      if (lang === 'ko') await expect(section).toContainText(/[가-힣]/);
    }
  }
}
