// The proxy builder of part 5 (lessons 2 and 3), as a reader uses it, in English and Korean: the
// nginx config, the flags, the kubeadm diff and the kind config are on the page before any script
// runs and equal what the engine writes; the certificates are made in the page and downloaded; the
// preview says what kube-apiserver believes through the proxy and around it, and changes when a
// pitfall is switched on (the client's own headers passed, empty allowed names, a proxy CN that is
// not allowed); bad input gets its translated message at the field that caused it while the rest
// stays; a reload keeps the settings, and the certificates only when the reader asked to keep keys;
// the widget in use has no serious axe violation in either theme. No request leaves the site (the
// fixture fails any).

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import { builderTexts, DEFAULT_INPUTS } from '../../src/recipes/proxy/builder.ts';
import { expect, seriousAxeViolations, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const LAB = (lang: Lang) => `${lang === 'ko' ? '/ko' : ''}/proxy/02-lab-nginx-as-an-authenticating-proxy/`;
const PITFALLS = (lang: Lang) => `${lang === 'ko' ? '/ko' : ''}/proxy/03-the-pitfalls/`;
const text = (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));

const widget = (page: Page) => page.locator('kal-proxy-builder');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const shown = (page: Page, name: string) => widget(page).locator(`[data-${name}]`);

async function make(page: Page) {
  await widget(page).locator('[data-action="make"]').click();
  await expect(shown(page, 'certs')).toBeVisible();
  await expect(shown(page, 'preview')).toBeVisible();
}

async function download(page: Page, file: string) {
  const wait = page.waitForEvent('download');
  await widget(page).locator(`[data-action="download"][data-file="${file}"]`).click();
  const got = await wait;
  return { name: got.suggestedFilename(), text: readFileSync(await got.path(), 'utf8') };
}

for (const lang of ['en', 'ko'] as const) {
  test.describe(lang, () => {
    test(`the nginx config, flags, kubeadm diff and kind config are on the page as the engine writes them (${lang})`, async ({
      page,
    }) => {
      await page.goto(LAB(lang));
      const want = builderTexts(DEFAULT_INPUTS, lang);
      await expect(shown(page, 'conf')).toHaveText(want.conf);
      await expect(shown(page, 'flags')).toHaveText(want.flags);
      await expect(shown(page, 'diff')).toHaveText(want.diff);
      await expect(shown(page, 'kind')).toHaveText(want.kind);
      await expect(shown(page, 'preview-needs')).toBeVisible();
      expect(want.conf).toContain('proxy_set_header X-Remote-User');
    });

    test(`made certificates: through the proxy the verified user, around it the client's own header (${lang})`, async ({
      page,
    }) => {
      await page.goto(LAB(lang));
      await make(page);
      await expect(shown(page, 'status')).toHaveText(text(lang, 'proxy.made', { cn: 'front-proxy-client' }));
      await expect(shown(page, 'facts')).toContainText('CN=front-proxy-client');
      await expect(shown(page, 'facts')).toContainText('clientAuth');
      await expect(shown(page, 'through-verdict')).toHaveText(text(lang, 'proxy.believed', { user: 'jane' }));
      await expect(shown(page, 'through-verdict')).toHaveAttribute('data-ok', 'true');
      await expect(shown(page, 'through-headers')).toContainText('X-Remote-User: jane');
      await expect(shown(page, 'through-headers')).toContainText('X-Remote-Group: developers');
      await expect(shown(page, 'through-headers')).not.toContainText('spoofed-admin');
      await expect(shown(page, 'through')).toContainText('jane');
      // Around the proxy, with the proxy's own certificate: the client's header is believed.
      await expect(shown(page, 'around-verdict')).toHaveText(
        text(lang, 'proxy.believedSpoof', { user: 'spoofed-admin' }),
      );
      await expect(shown(page, 'around-verdict')).toHaveAttribute('data-ok', 'false');
      await expect(shown(page, 'around')).toContainText('system:masters');
      const ca = await download(page, 'front-proxy-ca.pem');
      expect(ca.name).toBe('front-proxy-ca.pem');
      expect(ca.text).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
      const key = await download(page, 'front-proxy-client-key.pem');
      expect(key.text).toContain('PRIVATE KEY-----');
      const conf = await download(page, 'default.conf');
      expect(conf.text).toBe(builderTexts(DEFAULT_INPUTS, lang).conf);
    });

    test(`each pitfall switched on in lesson 3 changes what the API server believes (${lang})`, async ({
      page,
    }) => {
      await page.goto(PITFALLS(lang));
      await make(page);
      // 1. The proxy passes the client's own X-Remote-User: anyone becomes anyone.
      await field(page, 'trust').selectOption('pass');
      await expect(shown(page, 'through-verdict')).toHaveText(
        text(lang, 'proxy.believedSpoof', { user: 'spoofed-admin' }),
      );
      await expect(shown(page, 'conf')).toHaveText(
        builderTexts({ ...DEFAULT_INPUTS, trust: true }, lang).conf,
      );
      await field(page, 'trust').selectOption('drop');
      await expect(shown(page, 'through-verdict')).toHaveText(text(lang, 'proxy.believed', { user: 'jane' }));
      // 2. A proxy CN that is not in the allowed names: no header is believed.
      await field(page, 'proxyCn').fill('other-proxy');
      await expect(shown(page, 'status')).toHaveText(text(lang, 'proxy.reissued', { cn: 'other-proxy' }));
      await expect(shown(page, 'through-verdict')).toHaveAttribute('data-ok', 'false');
      await expect(shown(page, 'through-verdict')).toContainText('other-proxy');
      // 3. Empty allowed names: any certificate of the CA may assert identities again, and the page says so.
      await field(page, 'allowedNames').fill('');
      await expect(shown(page, 'findings')).toHaveText(text(lang, 'proxy.anyCn'));
      await expect(shown(page, 'through-verdict')).toHaveText(text(lang, 'proxy.believed', { user: 'jane' }));
      await expect(shown(page, 'flags')).toHaveText(
        builderTexts({ ...DEFAULT_INPUTS, allowedNames: [] }, lang).flags,
      );
    });

    test(`bad input gets its translated message at that field, and the rest of the page stays (${lang})`, async ({
      page,
    }) => {
      await page.goto(LAB(lang));
      await field(page, 'user').fill('');
      await expect(message(page, 'user')).toHaveText(text(lang, 'proxy.userEmpty'));
      await expect(field(page, 'user')).toHaveAttribute('aria-invalid', 'true');
      await expect(field(page, 'groups')).toHaveValue('developers');
      await field(page, 'user').fill('jane');
      await expect(message(page, 'user')).toHaveText('');
      await field(page, 'apiServer').fill('ftp://example');
      await expect(message(page, 'apiServer')).toHaveText(
        text(lang, 'error.proxy/bad-api-server', { value: 'ftp://example' }),
      );
      await field(page, 'apiServer').fill('https://127.0.0.1:6443');
      await expect(message(page, 'apiServer')).toHaveText('');
      await field(page, 'apiServerName').fill('kube rnetes');
      await expect(message(page, 'apiServerName')).not.toHaveText('');
      await expect(field(page, 'apiServerName')).toHaveAttribute('aria-invalid', 'true');
      await field(page, 'apiServerName').fill('kubernetes');
      await expect(message(page, 'apiServerName')).toHaveText('');
      // Basic auth: the password file needs a password, and a user name without ':'.
      await field(page, 'mode').selectOption('basic');
      await expect(field(page, 'password')).toBeVisible();
      await expect(message(page, 'password')).toHaveText(text(lang, 'proxy.passwordEmpty'));
      await field(page, 'password').fill('s3cret');
      await expect(message(page, 'password')).toHaveText('');
      await expect(shown(page, 'htpasswd')).toHaveText(/^jane:\S+\n?$/);
      await field(page, 'user').fill('ja:ne');
      await expect(message(page, 'user')).toHaveText(text(lang, 'error.proxy/bad-user', { value: 'ja:ne' }));
      await expect(field(page, 'password')).toHaveValue('s3cret');
      await expect(field(page, 'proxyCn')).toHaveValue('front-proxy-client');
    });
  });
}

test('a reload keeps the settings; the certificates only when the reader keeps keys', async ({ page }) => {
  await page.goto(LAB('en'));
  await field(page, 'user').fill('kim');
  await field(page, 'groups').fill('ops, dev');
  await field(page, 'allowedNames').fill('front-proxy-client, aggregator');
  await make(page);
  await expect(shown(page, 'through-verdict')).toHaveText(text('en', 'proxy.believed', { user: 'kim' }));
  await page.reload();
  await expect(field(page, 'user')).toHaveValue('kim');
  await expect(field(page, 'groups')).toHaveValue('ops, dev');
  await expect(field(page, 'allowedNames')).toHaveValue('front-proxy-client, aggregator');
  await expect(shown(page, 'key-not-kept')).toBeVisible();
  await expect(shown(page, 'preview')).toBeHidden();

  await widget(page).locator('[data-keep-keys]').check();
  await make(page);
  const ca = await download(page, 'front-proxy-ca.pem');
  await page.reload();
  await expect(shown(page, 'preview')).toBeVisible();
  await expect(shown(page, 'key-not-kept')).toBeHidden();
  await expect(shown(page, 'through-verdict')).toHaveText(text('en', 'proxy.believed', { user: 'kim' }));
  expect((await download(page, 'front-proxy-ca.pem')).text).toBe(ca.text);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the builder in use, with a pitfall on and a bad field, has no serious axe violation (${theme}, 390 px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.addInitScript((th) => localStorage.setItem('starlight-theme', th), theme);
    await page.goto(PITFALLS('ko'));
    await make(page);
    await field(page, 'trust').selectOption('pass');
    await field(page, 'mode').selectOption('basic');
    await expect(message(page, 'password')).not.toHaveText('');
    const violations = await seriousAxeViolations(page, 'kal-proxy-builder');
    expect(violations).toEqual([]);
  });
}
