// Lesson 6's kubeconfig decoder, as a reader uses it, with kubeconfigs shaped like kubeadm's
// admin.conf and super-admin.conf (certificates made by openssl, the kubeadm way).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { kubeadmConf } from '../support/lab-kubeconfig.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { expect, test } from './fixtures.ts';

const page6 = '/client-certificates/06-kubernetes-pki/';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function kubeconfigs(): { admin: string; superAdmin: string; adminKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-decoder-'));
  try {
    makeCa(dir, 'ca');
    makeLeaf(dir, 'ca', 'admin', '/O=kubeadm:cluster-admins/CN=kubernetes-admin', [
      'extendedKeyUsage=clientAuth',
    ]);
    makeLeaf(dir, 'ca', 'super', '/O=system:masters/CN=kubernetes-super-admin', [
      'extendedKeyUsage=clientAuth',
    ]);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    const conf = (user: string, cert: string, key: string) =>
      kubeadmConf({ caPem: read('ca.crt'), user, certificatePem: read(cert), keyPem: read(key) });
    return {
      admin: conf('kubernetes-admin', 'admin.crt', 'admin.key'),
      superAdmin: conf('kubernetes-super-admin', 'super.crt', 'super.key'),
      adminKey: b64(read('admin.key')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an admin.conf shows kubernetes-admin in kubeadm:cluster-admins, signed by the cluster CA, and no key', async ({
  page,
}) => {
  const { admin, adminKey } = kubeconfigs();
  await page.goto(page6);
  const widget = page.locator('kal-kubeconfig-decoder');
  await widget.getByLabel('Kubeconfig').fill(admin);
  await widget.getByRole('button', { name: 'Decode' }).click();
  const user = widget.locator('.kal-decoder-card').first();
  await expect(user).toContainText('kubernetes-admin');
  await expect(user).toContainText('kubeadm:cluster-admins, system:authenticated');
  await expect(user).toContainText('CN=kubernetes');
  await expect(user).toContainText('RSA 2048');
  await expect(user).toContainText('in the file, and it belongs to this certificate');
  await expect(user).toContainText('yes: it verifies for client authentication');
  await expect(user).toContainText(/in (29|30) days/);
  await expect(user).toHaveAttribute('data-danger', 'false');
  await expect(widget).toContainText('https://192.0.2.10:6443');
  await expect(widget.locator('[data-result]')).not.toContainText('PRIVATE KEY');
  await expect(widget.locator('[data-result]')).not.toContainText(adminKey.slice(0, 40));

  // The file holds a private key: it is kept for a reload only when the reader asks (issue 18).
  await expect(widget.locator('[data-not-kept]')).toContainText('holds a private key');
  await page.reload();
  await expect(widget.getByLabel('Kubeconfig')).toHaveValue('');
  await widget.getByLabel('Keep private keys I paste here').check();
  await widget.getByLabel('Kubeconfig').fill(admin);
  await page.reload();
  await expect(widget.getByLabel('Kubeconfig')).toHaveValue(admin);
  await expect(widget.locator('.kal-decoder-card').first()).toContainText('kubeadm:cluster-admins');
});

test('a super-admin.conf gets the system:masters break-glass warning', async ({ page }) => {
  const { superAdmin } = kubeconfigs();
  await page.goto(page6);
  const widget = page.locator('kal-kubeconfig-decoder');
  await widget.getByLabel('Kubeconfig').fill(superAdmin);
  await widget.getByRole('button', { name: 'Decode' }).click();
  const user = widget.locator('.kal-decoder-card').first();
  await expect(user).toHaveAttribute('data-danger', 'true');
  await expect(user).toContainText('system:masters, system:authenticated');
  await expect(user.locator('.kal-decoder-note[data-kind="danger"]')).toContainText('Break-glass identity');
});

test('broken YAML gets a coded message at the field, keeps the text, and throws nothing', async ({
  page,
}) => {
  const { admin } = kubeconfigs();
  const broken = admin.replace('kind: Config', 'kind: [Config');
  await page.goto(page6);
  const widget = page.locator('kal-kubeconfig-decoder');
  const field = widget.getByLabel('Kubeconfig');
  await field.fill(broken);
  await widget.getByRole('button', { name: 'Decode' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.locator('[data-text-message]')).toContainText('This is not valid YAML (line');
  await expect(field).toHaveValue(broken);
  await expect(widget.locator('[data-result]')).toBeHidden();

  await field.fill('apiVersion: v1\nkind: Pod\n');
  await widget.getByRole('button', { name: 'Decode' }).click();
  await expect(widget.locator('[data-text-message]')).toContainText('not a kubeconfig (kind: Config)');
  await page.reload();
  await expect(field).toHaveValue('apiVersion: v1\nkind: Pod\n');
});

/** Pastes `text` into `field` as the browser does (a ClipboardEvent the page may stop). */
async function paste(field: ReturnType<Page['locator']>, text: string) {
  await field.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('a paste over 1 MB is kept out of the box, and refused at the field when shown anyway, the page responsive', async ({
  page,
}) => {
  const { admin } = kubeconfigs();
  await page.goto(page6);
  const widget = page.locator('kal-kubeconfig-decoder');
  const field = widget.locator('[data-text]');
  // Long lines, as a kubeconfig's base64 fields are: a box of 100,000 short lines freezes any page.
  const big = `${admin}${`# ${'p'.repeat(10_000)}\n`.repeat(110)}`;
  expect(big.length).toBeGreaterThan(1024 * 1024);
  const started = Date.now();
  await paste(field, big);
  await expect(field).toHaveValue('');
  const notice = widget.locator('.kal-large-paste:not([hidden])');
  await expect(notice).toContainText(t('en', 'widget.largePasteRefused').split(' {size}')[0]!);
  expect(await page.evaluate(() => 1 + 1), 'the page answers while the paste is held').toBe(2);
  expect(Date.now() - started).toBeLessThan(5_000);
  await notice.getByRole('button', { name: t('en', 'widget.largePasteShow') }).click();
  await expect(widget.locator('[data-text-message]')).toContainText('MB');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.locator('[data-result]')).toBeHidden();
  expect(Date.now() - started, 'refused without reading megabytes of YAML').toBeLessThan(10_000);
});

test('a kubeconfig of 900 KB (a long comment) pasted and shown is decoded within seconds', async ({
  page,
}) => {
  const { admin } = kubeconfigs();
  await page.goto(page6);
  const widget = page.locator('kal-kubeconfig-decoder');
  const padded = `${`# ${'p'.repeat(10_000)}\n`.repeat(90)}${admin}`;
  expect(padded.length).toBeGreaterThan(900_000);
  expect(padded.length).toBeLessThan(1024 * 1024);
  const started = Date.now();
  await paste(widget.locator('[data-text]'), padded);
  await widget.getByRole('button', { name: t('en', 'widget.largePasteShow') }).click();
  await widget.locator('[data-action="decode"]').click();
  await expect(widget.locator('.kal-decoder-card').first()).toContainText('kubernetes-admin', {
    timeout: 15_000,
  });
  expect(Date.now() - started).toBeLessThan(15_000);
});

for (const lang of ['en', 'ko'] as const) {
  test(`a name YAML reads as a boolean is called not a string, and a date-like name is read as kubectl reads it (${lang})`, async ({
    page,
  }) => {
    const { admin } = kubeconfigs();
    await page.goto(`${lang === 'ko' ? '/ko' : ''}${page6}`);
    const widget = page.locator('kal-kubeconfig-decoder');
    const field = widget.locator('[data-text]');
    await field.fill(admin.replace('- name: kubernetes-admin', '- name: yes'));
    await widget.locator('[data-action="decode"]').click();
    await expect(widget.locator('[data-text-message]')).toHaveText(
      t(lang, 'error.kubeconfig/name-not-string')
        .replace('{field}', 'users[0].name')
        .replace('{value}', 'true'),
    );
    await field.fill(admin.replace('- name: kubernetes-admin', '- name: 2026-01-01'));
    await widget.locator('[data-action="decode"]').click();
    await expect(widget.locator('.kal-decoder-card').first()).toContainText('2026-01-01');
    await expect(widget.locator('[data-text-message]')).toHaveText('');
  });
}
