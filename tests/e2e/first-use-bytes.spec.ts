// What a reader's first use makes the browser fetch, and what a page's HTML carries: lesson 8's
// inspector fetches the YAML reader and the kubeconfig code only for a kubeconfig, and every page sends
// each widget string once. (Lesson 3's grammars are checked in own-code.spec.ts; the numbers are
// measured in `npm run bench`, tests/bench/page-bytes.ts.)
import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { selfSignedEc } from '../support/openssl.ts';
import { builtPages, expect, test } from './fixtures.ts';

const lesson8 = '/client-certificates/08-troubleshooting/';

/** A real certificate, made by openssl. */
function certificatePem(): string {
  return selfSignedEc(['-subj', '/CN=jane/O=developers', '-days', '1']).certificate;
}

/** The bodies of the scripts a page loads from now on. */
function scriptBodies(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
  });
  return bodies;
}

/** Whether the YAML library is among the loaded scripts (it registers these symbols). */
async function loadedYaml(bodies: Promise<string>[]): Promise<boolean> {
  return (await Promise.all(bodies)).some((b) => b.includes('yaml.alias'));
}

test('a PEM pasted into the inspector loads no YAML reader; a pasted kubeconfig does', async ({ page }) => {
  const pem = certificatePem();
  test.skip(!pem, 'needs openssl on PATH');
  const bodies = scriptBodies(page);
  await page.goto(lesson8, { waitUntil: 'networkidle' });
  const inspector = page.locator('kal-cert-inspector');
  await inspector.locator('[data-input]').fill(pem);
  await expect(inspector.locator('section[data-kind="certificate"]').first()).toContainText('CN=jane');
  await page.waitForLoadState('networkidle');
  expect(await loadedYaml(bodies)).toBe(false);

  const config = `apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n    server: https://127.0.0.1:6443\n    certificate-authority-data: ${Buffer.from(pem).toString('base64')}\n`;
  await inspector.locator('[data-input]').fill(config);
  await expect(inspector.locator('section[data-kind="certificate"]').first()).toContainText(
    'clusters[lab].certificate-authority-data',
  );
  expect(await loadedYaml(bodies)).toBe(true);
});

test('every page sends each widget string once, and lesson 8 still shows its widgets translated', async ({
  page,
}) => {
  for (const path of builtPages()) {
    await page.goto(path);
    const blocks = await page.$$eval('script[data-strings]', (els) => els.map((e) => e.textContent ?? '{}'));
    const keys = blocks.flatMap((b) => Object.keys(JSON.parse(b) as object));
    expect(keys.length, `${path}: keys sent twice`).toBe(new Set(keys).size);
  }
  await page.goto(`/ko${lesson8}`);
  // The chain check lists no error.* prefix: it finds those texts in the inspector's block.
  const chain = page.locator('kal-chain-check');
  await chain.locator('[data-leaf]').fill('not a certificate');
  await chain.locator('[data-roots]').fill('not a certificate either');
  await chain.getByRole('button', { name: t('ko', 'chain.check') }).click();
  const message = chain.locator('[data-leaf-message]');
  await expect(message).toHaveText(/[가-힣]/);
  await expect(message).not.toContainText('error.');
});
