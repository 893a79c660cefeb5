// Lesson 2's signature playground, as a reader uses it.
import { t } from '../../src/i18n/index.ts';
import { expect, test } from './fixtures.ts';

const page2 = '/client-certificates/02-public-key-infrastructure/';

test('a reader signs a message, verifies it, breaks it both ways, and finds it all again after a reload', async ({
  page,
}) => {
  await page.goto(page2);
  const widget = page.locator('kal-signature-playground');
  const verdict = widget.locator('[data-verdict]');
  const signature = widget.getByLabel('Signature (base64)');
  const message = widget.getByLabel('Message');

  await widget.getByRole('button', { name: 'Make a key pair' }).click();
  await expect(widget.getByRole('status').first()).toContainText('Key pair ready');
  await expect(widget.locator('[data-public-key-pem]')).toContainText('-----BEGIN PUBLIC KEY-----');
  await expect(widget).not.toContainText('PRIVATE KEY');

  await message.fill('Let jane list the pods in namespace dev.');
  await widget.getByRole('button', { name: 'Sign with the private key' }).click();
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  await expect(verdict).toContainText('Valid.');
  const good = await signature.inputValue();
  expect(good).toMatch(/^[A-Za-z0-9+/]+=*$/);

  await widget.getByRole('button', { name: 'Change one character of the message' }).click();
  await expect(verdict).toHaveAttribute('data-ok', 'false');
  await expect(verdict).toContainText('differs from the signed one at character 21');

  await message.fill('Let jane list the pods in namespace dev.');
  await widget.getByRole('button', { name: 'Verify with the public key' }).click();
  await expect(verdict).toContainText('Valid.');

  await widget.getByRole('button', { name: 'Change one character of the signature' }).click();
  await expect(verdict).toHaveAttribute('data-ok', 'false');
  await expect(verdict).toContainText('The signature is not one that this key made');
  const tampered = await signature.inputValue();
  expect(tampered).not.toBe(good);
  expect(tampered).toHaveLength(good.length);

  await page.reload();
  await expect(widget.getByRole('status').first()).toContainText('Your key pair from before is back');
  await expect(signature).toHaveValue(tampered);
  await expect(verdict).toHaveAttribute('data-ok', 'false');
});

test('a signature that is not base64 gets a message at the field, and nothing is lost', async ({ page }) => {
  await page.goto(page2);
  const widget = page.locator('kal-signature-playground');
  await widget.getByRole('button', { name: 'Make a key pair' }).click();
  await widget.getByRole('button', { name: 'Sign with the private key' }).click();
  const signature = widget.getByLabel('Signature (base64)');
  await signature.fill('this is #not base64!');
  await widget.getByRole('button', { name: 'Verify with the public key' }).click();
  await expect(signature).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.locator('[data-signature-message]')).not.toBeEmpty();
  await expect(widget.locator('[data-verdict]')).toHaveAttribute('data-ok', 'false');
  await expect(signature).toHaveValue('this is #not base64!');
});

test('the playground counts where the message changed in characters a reader counts, an emoji as one', async ({
  page,
}) => {
  await page.goto(page2);
  const widget = page.locator('kal-signature-playground');
  const message = widget.getByLabel('Message');
  await widget.getByRole('button', { name: 'Make a key pair' }).click();
  await message.fill('🔑🔑🔑 jane may list pods');
  await widget.getByRole('button', { name: 'Sign with the private key' }).click();
  await expect(widget.locator('[data-verdict]')).toContainText('Valid.');
  // In UTF-16 units the "j" is at 8 (each emoji counts twice); a reader counts 5.
  await message.fill('🔑🔑🔑 Jane may list pods');
  await widget.getByRole('button', { name: 'Verify with the public key' }).click();
  await expect(widget.locator('[data-verdict]')).toContainText('at character 5:');
  // Changing "one character" of a message of emoji changes one emoji, never half of one.
  await message.fill('🔑🔑🔑🔑🔑');
  await widget.getByRole('button', { name: 'Change one character of the message' }).click();
  expect(await message.inputValue()).toBe('🔑🔑x🔑🔑');
});

for (const [lang, path] of [
  ['en', page2],
  ['ko', `/ko${page2}`],
] as const) {
  test(`a signature pasted before anything was signed is called not made here, not a changed message (${lang})`, async ({
    page,
  }) => {
    await page.goto(path);
    const widget = page.locator('kal-signature-playground');
    const verdict = widget.locator('[data-verdict]');
    await widget.locator('[data-action="generate"]').click();
    await expect(widget.locator('[data-public-key]')).toBeVisible();
    const signature = widget.locator('[data-signature]');
    await signature.fill('MEUCIQDx'.repeat(8));
    await widget.locator('[data-action="verify"]').click();
    await expect(verdict).toHaveText(t(lang, 'playground.notSignedHere'));
    await signature.fill('%%% not a signature %%%');
    await widget.locator('[data-action="verify"]').click();
    await expect(verdict).toHaveText(t(lang, 'playground.unreadableSignature'));
    await expect(signature).toHaveAttribute('aria-invalid', 'true');
  });
}
