// The impersonation widget of part 5, lesson 4, as a reader uses it, in English and Korean: the
// default command, headers, RBAC objects and whoami are on the page before any script runs and equal
// what the engine writes; a choice the RBAC objects do not allow gives kube-apiserver's 403 text;
// bad input gets its translated message at the field that caused it while the rest stays; a reload
// keeps every choice; the part-1 user from the workspace is one click away; the widget in use has
// no serious axe violation in either theme. No request leaves the site (the fixture fails any).

import type { Page } from '@playwright/test';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import { computeImpersonation } from '../../src/recipes/impersonation/impersonation-choices.ts';
import { expect, seriousAxeViolations, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const PAGE = (lang: Lang) => `${lang === 'ko' ? '/ko' : ''}/proxy/04-impersonation/`;
const text = (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));

const widget = (page: Page) => page.locator('kal-impersonation');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const block = (page: Page, name: string) => widget(page).locator(`[data-block="${name}"] pre`);
const whoami = (page: Page) => widget(page).locator('[data-whoami]');

const DEFAULT = computeImpersonation({});
const NO_RULES = 'kind: ClusterRole\nmetadata:\n  name: nothing\nrules: []\n';

for (const lang of ['en', 'ko'] as const) {
  test.describe(lang, () => {
    test(`the default command, headers, RBAC objects and whoami are on the page as the engine writes them (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      await expect(block(page, 'command')).toHaveText(DEFAULT.whoamiCommand ?? '');
      await expect(block(page, 'headers')).toHaveText('Impersonate-User: sam\nImpersonate-Group: qa');
      await expect(block(page, 'rbac')).toHaveText(DEFAULT.rbacYaml ?? '');
      await expect(whoami(page)).toHaveText(DEFAULT.whoami ?? '');
      await expect(widget(page).locator('[data-verdict]')).toHaveText(
        text(lang, 'impersonation.allowed', { user: 'sam' }),
      );
    });

    test(`a group the edited RBAC objects do not name is refused with kube-apiserver's 403 text (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      await field(page, 'rbacSource').selectOption('edited');
      await expect(field(page, 'rbac')).toBeVisible();
      await expect(field(page, 'rbac')).toHaveValue(DEFAULT.rbacYaml ?? '');
      await field(page, 'asGroups').fill('system:masters');
      const refused = computeImpersonation({
        asGroups: 'system:masters',
        rbacSource: 'edited',
        rbac: DEFAULT.rbacYaml ?? '',
      });
      await expect(widget(page).locator('[data-verdict]')).toHaveAttribute('data-ok', 'false');
      await expect(widget(page).locator('[data-raw-error]')).toHaveText(refused.rawError ?? '');
      await expect(whoami(page)).toHaveText(refused.whoami ?? '');
      await expect(block(page, 'raw')).toHaveText(refused.rawCommand ?? '');
      // The generated objects allow what is asked: the verdict follows them again.
      await field(page, 'rbacSource').selectOption('generated');
      await expect(widget(page).locator('[data-verdict]')).toHaveAttribute('data-ok', 'true');
    });

    test(`bad input gets its translated message at that field, and the rest of the page stays (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      await field(page, 'as').fill('');
      await expect(message(page, 'as')).toHaveText(text(lang, 'error.impersonation/no-user'));
      await expect(field(page, 'as')).toHaveAttribute('aria-invalid', 'true');
      await expect(field(page, 'asGroups')).toHaveValue('qa');
      await field(page, 'as').fill('sam');
      await expect(message(page, 'as')).toHaveText('');
      await field(page, 'asUserExtra').fill('scopes');
      await expect(message(page, 'asUserExtra')).toHaveText(
        text(lang, 'error.impersonation/bad-extra', { value: 'scopes' }),
      );
      await field(page, 'asUserExtra').fill('scopes=view');
      await expect(message(page, 'asUserExtra')).toHaveText('');
      await expect(widget(page).locator('[data-note="extra-flag"]')).toHaveText(
        text(lang, 'impersonation.extraFlagNote'),
      );
      await expect(block(page, 'headers')).toContainText('Impersonate-Extra-scopes: view');
      await field(page, 'requester').fill('');
      await expect(message(page, 'requester')).toHaveText(text(lang, 'error.impersonation/no-requester'));
      await field(page, 'requester').fill('jane');
      await field(page, 'rbacSource').selectOption('edited');
      await field(page, 'rbac').fill('kind: [');
      await expect(message(page, 'rbac')).toHaveText(
        text(lang, 'error.impersonation/rbac-yaml', { line: 1 }),
      );
      await expect(block(page, 'command')).toHaveText(
        'kubectl auth whoami --as=sam --as-group=qa --as-user-extra=scopes=view',
      );
    });
  });
}

test('a reload keeps every choice, the edited RBAC objects included', async ({ page }) => {
  await page.goto(PAGE('en'));
  await field(page, 'requester').fill('lee');
  await field(page, 'as').fill('system:serviceaccount:dev:builder');
  await field(page, 'asGroups').fill('');
  await field(page, 'asUid').fill('u-1');
  await field(page, 'rbacSource').selectOption('edited');
  await field(page, 'rbac').fill(NO_RULES);
  await expect(widget(page).locator('[data-verdict]')).toHaveAttribute('data-ok', 'false');
  await page.reload();
  await expect(field(page, 'requester')).toHaveValue('lee');
  await expect(field(page, 'as')).toHaveValue('system:serviceaccount:dev:builder');
  await expect(field(page, 'asGroups')).toHaveValue('');
  await expect(field(page, 'asUid')).toHaveValue('u-1');
  await expect(field(page, 'rbacSource')).toHaveValue('edited');
  await expect(field(page, 'rbac')).toBeVisible();
  await expect(field(page, 'rbac')).toHaveValue(NO_RULES);
  await expect(widget(page).locator('[data-raw-error]')).toHaveText(
    'Error from server (Forbidden): serviceaccounts "builder" is forbidden: User "lee" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "dev"',
  );
});

test('the part-1 user and groups from the workspace are one click away', async ({ page }) => {
  await page.goto(PAGE('en'));
  // The workbench journals its fields as the reader types; write them the same way.
  await page.evaluate(() => {
    const at = Date.now();
    localStorage.setItem('kal-journal:workbench:clientUser', JSON.stringify({ v: 'kim', t: at }));
    localStorage.setItem('kal-journal:workbench:clientGroups', JSON.stringify({ v: 'ops, dev', t: at }));
  });
  await page.reload();
  const use = widget(page).locator('[data-action="use-part1"]');
  await expect(use).toBeVisible();
  await use.click();
  await expect(field(page, 'requester')).toHaveValue('kim');
  await expect(field(page, 'requesterGroups')).toHaveValue('ops\ndev');
  await expect(widget(page).locator('[data-block="rbac"] pre')).toContainText('name: kim');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the widget in use, refused and with a bad field, has no serious axe violation (${theme}, 390 px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.addInitScript((th) => localStorage.setItem('starlight-theme', th), theme);
    await page.goto(PAGE('ko'));
    await field(page, 'rbacSource').selectOption('edited');
    await field(page, 'as').fill('admin');
    await expect(widget(page).locator('[data-verdict]')).toHaveAttribute('data-ok', 'false');
    await field(page, 'asUserExtra').fill('scopes');
    await expect(message(page, 'asUserExtra')).not.toHaveText('');
    const violations = await seriousAxeViolations(page, 'kal-impersonation');
    expect(violations).toEqual([]);
  });
}
