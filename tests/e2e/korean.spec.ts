// The Korean edition as a Korean reader meets it: every Korean page is written in Korean, with no
// English UI text left in Starlight's frame, the lesson or the widgets, before and after the
// widgets are used. (The sources are compared page by page in tests/unit/content/translations.test.ts.)
import type { Page } from '@playwright/test';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import { issueClientCertificate, issueRootCa, issueServerCertificate } from '../../src/pki/index.ts';
import { pastedKubeconfig } from '../support/lab-kubeconfig.ts';
import { englishLeft } from './english-left.ts';
import { builtPages, expect, test } from './fixtures.ts';

/** Waits until every custom element on the page is defined (the widgets load lazily). */
async function widgetsReady(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() =>
    [...document.querySelectorAll(':not(:defined)')].every((e) => !e.localName.startsWith('kal-')),
  );
}

const english = builtPages().filter((p) => !p.startsWith('/ko/') && p.endsWith('/'));
const korean = builtPages().filter((p) => p.startsWith('/ko/'));

test('every English page has a Korean twin, and every Korean page an English one', () => {
  expect(korean.map((p) => p.slice(3)).sort()).toEqual(english.sort());
});

for (const path of korean) {
  test(`${path} is Korean throughout, with no English UI text left`, async ({ page }) => {
    await page.goto(path);
    await widgetsReady(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    const h1 = (await page.locator('main h1').first().textContent()) ?? '';
    expect(h1 === 'Kube Auth Lab' || /[가-힣]/.test(h1), `h1 "${h1}"`).toBe(true);
    expect(await englishLeft(page, 'ko')).toEqual([]);
    const sidebar = await page.locator('#starlight__sidebar a').allTextContents();
    expect(
      sidebar.filter((text) => !/[가-힣]/.test(text)),
      'sidebar entries',
    ).toEqual([]);
    // Korean lines break between words, in the lesson and in the frame around it.
    const lesson = path.includes('/client-certificates/');
    for (const selector of [
      'main h1',
      '.sl-markdown-content p',
      ...(lesson ? ['#starlight__sidebar a', 'starlight-toc a'] : []),
    ]) {
      const where = page.locator(selector).first();
      await expect(where, selector).toBeAttached();
      expect(await where.evaluate((el) => getComputedStyle(el).wordBreak), selector).toBe('keep-all');
    }
  });
}

/** A dictionary text in Korean. */
const ko = (key: MessageKey) => t('ko', key);

test('the Korean widgets stay Korean while a reader uses them, errors included', async ({ page }) => {
  test.setTimeout(120_000);
  const ca = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
  const client = await issueClientCertificate(
    { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm: 'ECDSA-P256' },
    ca,
  );
  const server = await issueServerCertificate(
    { subject: { commonName: 'localhost' }, dnsNames: ['localhost'], algorithm: 'ECDSA-P256' },
    ca,
  );
  const english = async (where: string) => expect(await englishLeft(page, 'ko'), where).toEqual([]);

  await test.step('lesson 2: the signature playground, signing and a tampered message', async () => {
    await page.goto('/ko/client-certificates/02-public-key-infrastructure/');
    const widget = page.locator('kal-signature-playground');
    await widget.getByRole('button', { name: ko('playground.generate') }).click();
    await widget.getByRole('button', { name: ko('playground.sign') }).click();
    await widget.getByRole('button', { name: ko('playground.tamperMessage') }).click();
    await widget.getByRole('button', { name: ko('playground.verify') }).click();
    await expect(widget.locator('[data-verdict]')).toHaveAttribute('data-ok', 'false');
    await english('lesson 2');
  });

  await test.step('lesson 6: the kubeconfig decoder with a pasted kubeconfig, then with junk', async () => {
    await page.goto('/ko/client-certificates/06-kubernetes-pki/');
    const widget = page.locator('kal-kubeconfig-decoder');
    await widget.getByLabel(ko('decoder.label')).fill(
      pastedKubeconfig({
        caPem: ca.certificatePem,
        user: 'jane',
        certificatePem: client.certificatePem,
        context: true,
      }),
    );
    await widget.getByRole('button', { name: ko('decoder.decode') }).click();
    await expect(widget.locator('.kal-decoder-card').first()).toContainText(
      'developers, system:authenticated',
    );
    await english('lesson 6, decoded');
    await widget.getByLabel(ko('decoder.label')).fill('users: [oops');
    await widget.getByRole('button', { name: ko('decoder.decode') }).click();
    await expect(widget.getByLabel(ko('decoder.label'))).toHaveAttribute('aria-invalid', 'true');
    await english('lesson 6, an error');
  });

  await test.step('lesson 7: the CSR builder refusing system:masters, then making the CSR', async () => {
    await page.goto('/ko/client-certificates/07-lab-new-user/');
    const csr = page.locator('kal-new-user-csr');
    await csr.getByLabel(ko('newuser.groups')).fill('developers\nsystem:masters');
    await csr.getByRole('button', { name: ko('newuser.make') }).click();
    await expect(csr.getByLabel(ko('newuser.groups'))).toHaveAttribute('aria-invalid', 'true');
    await english('lesson 7, refused');
    await csr.getByLabel(ko('newuser.groups')).fill('developers');
    await csr.getByRole('button', { name: ko('newuser.make') }).click();
    await expect(csr.locator('[data-yaml]')).toBeVisible({ timeout: 30_000 });
    // Copying says so, in Korean (the binding's first block is there as soon as a group is known).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // The binding re-renders once it has read the new CSR's user; copy after that.
    await expect(page.locator('kal-new-user-binding [data-commands]')).toContainText('--as-group developers');
    const copy = page.locator('kal-new-user-binding button.kal-copy').first();
    await expect(copy).toHaveText(ko('newuser.copy'));
    await copy.click();
    await expect(copy).toHaveText(ko('newuser.copied'));
    const builder = page.locator('kal-kubeconfig-builder');
    await builder.getByLabel(ko('kcbuilder.ca')).fill(ca.certificatePem);
    await builder.getByLabel(ko('kcbuilder.certificate')).fill('not a certificate');
    await builder.getByRole('button', { name: ko('kcbuilder.build') }).click();
    await expect(builder.getByLabel(ko('kcbuilder.certificate'))).toHaveAttribute('aria-invalid', 'true');
    await english('lesson 7, made and a bad certificate');
  });

  await test.step('lesson 8: the inspector, the chain check failing, and the explainer', async () => {
    await page.goto('/ko/client-certificates/08-troubleshooting/');
    const inspector = page.locator('kal-cert-inspector');
    await inspector.getByLabel(ko('inspector.inputLabel')).fill(client.certificatePem + ca.certificatePem);
    await expect(inspector.locator('[data-user]').first()).toHaveText('jane');
    await expect(inspector.locator('.kal-inspect-origin').first()).toHaveText('(1번째 줄)');
    const chain = page.locator('kal-chain-check');
    await chain.getByLabel(ko('chain.leafLabel')).fill(server.certificatePem);
    await chain.getByLabel(ko('chain.rootsLabel')).fill(ca.certificatePem);
    await chain.getByRole('button', { name: ko('chain.check') }).click();
    await expect(chain.locator('[data-verdict]')).toHaveAttribute('data-ok', 'false');
    const explainer = page.locator('kal-error-explainer');
    await explainer
      .locator('textarea')
      .fill(
        [
          'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority',
          'error: You must be logged in to the server (Unauthorized)',
          'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
        ].join('\n'),
      );
    await expect(explainer.locator('section[data-id]')).toHaveCount(3);
    await english('lesson 8, in use');
    await explainer.locator('textarea').fill('segmentation fault (core dumped)');
    await expect(explainer.locator('[data-recognised="false"]')).toBeVisible();
    await english('lesson 8, an unknown error');
  });
});
