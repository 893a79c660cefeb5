// A browser that refuses the page any storage (some private modes, a blocked site, a full disk)
// must cost the reader nothing but the reload: every widget still makes, shows and offers what it
// made, and the workbench says that nothing will be kept.
import { issueClientCertificate, issueRootCa } from '../../src/pki/index.ts';
import { pastedKubeconfig } from '../support/lab-kubeconfig.ts';
import { expect, test } from './fixtures.ts';

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
});

test('the workbench makes and shows the six files, and says nothing will be kept', async ({ page }) => {
  await page.goto('/client-certificates/03-lab-issue-certificates/');
  await page.getByRole('button', { name: 'Make the three certificates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done: six files' })).toBeVisible({
    timeout: 60_000,
  });
  for (const file of ['rootCA-key.pem', 'server-key.pem', 'client-key.pem']) {
    await expect(page.getByRole('button', { name: `Download ${file}`, exact: true })).toBeVisible();
  }
  await expect(page.locator('[data-ws-status]')).toContainText('does not let the page store data');
});

test('the signature playground signs and verifies', async ({ page }) => {
  await page.goto('/client-certificates/02-public-key-infrastructure/');
  const widget = page.locator('kal-signature-playground');
  await widget.getByRole('button', { name: 'Make a key pair' }).click();
  await widget.getByRole('button', { name: 'Sign with the private key' }).click();
  await widget.getByRole('button', { name: 'Verify with the public key' }).click();
  await expect(widget.locator('[data-verdict]')).toHaveAttribute('data-ok', 'true');
});

test('the kubeconfig decoder decodes', async ({ page }) => {
  const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
  const jane = await issueClientCertificate(
    { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm: 'ECDSA-P256' },
    ca,
  );
  await page.goto('/client-certificates/06-kubernetes-pki/');
  const widget = page.locator('kal-kubeconfig-decoder');
  await widget
    .getByLabel('Kubeconfig')
    .fill(pastedKubeconfig({ caPem: ca.certificatePem, user: 'jane', certificatePem: jane.certificatePem }));
  await widget.getByRole('button', { name: 'Decode' }).click();
  await expect(widget.locator('.kal-decoder-card').first()).toContainText('developers, system:authenticated');
});

test('the CSR builder makes the key and the CSR and offers the key for download', async ({ page }) => {
  await page.goto('/client-certificates/07-lab-new-user/');
  const csr = page.locator('kal-new-user-csr');
  await csr.getByRole('button', { name: 'Make the private key and the CSR' }).click();
  await expect(csr.locator('[data-yaml]')).toContainText('kind: CertificateSigningRequest', {
    timeout: 30_000,
  });
  await expect(csr.getByRole('button', { name: 'Download jane-key.pem' })).toBeVisible();
});
