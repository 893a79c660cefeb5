// Hostile input from the attack run of issue 18, as a reader would bring it: names built to look like
// other names, and pastes far too large for a text box. Each test fails without its fix.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { selfSignedEc } from '../support/openssl.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { expect, test } from './fixtures.ts';

const page8 = '/client-certificates/08-troubleshooting/';

/** A self-signed client certificate whose subject openssl writes as given (UTF-8, control characters too). */
function certificateWith(subject: string): string {
  return certificateAndKey(subject).certificate;
}

async function paste(page: Page, selector: string, text: string) {
  await page.locator(selector).evaluate((field, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    field.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Names a reader may be handed: [what, the openssl -subj, the user and a group as the page writes them out]. */
const hostileNames = [
  ['a right-to-left override', '/CN=jane\u202Enimda/O=developers', 'jane⟨U+202E⟩nimda', 'developers'],
  ['a zero-width space', '/CN=jane/O=ad\u200Bmin', 'jane', 'ad⟨U+200B⟩min'],
  [
    'a newline',
    '/CN=jane\nGroups      [system:masters]/O=developers',
    'jane⟨U+000A⟩Groups      [system:masters]',
    'developers',
  ],
] as const;

for (const [what, subject, user, group] of hostileNames) {
  test(`the inspector writes out ${what} in a name, marks it, warns, and nothing reorders the page`, async ({
    page,
  }) => {
    test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
    await page.goto(page8);
    const inspector = page.locator('kal-cert-inspector');
    await inspector.locator('[data-input]').fill(certificateWith(subject));
    await expect(inspector.locator('[data-user]')).toHaveText(user);
    await expect(inspector.locator('[data-groups]')).toContainText(group);
    await expect(inspector.locator('[data-name-warning]').first()).toContainText(
      t('en', 'widget.name.hidden').split(' (')[0]!,
    );
    const shown = await inspector.locator('.kal-inspect-item').first().textContent();
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
    expect(await inspector.locator('[data-user]').textContent()).not.toContain('\n');
  });
}

test('the chain check holds a 2 MB paste out of the box, says so, and refuses it at the field on Check', async ({
  page,
}) => {
  await page.goto(page8);
  const chain = page.locator('kal-chain-check');
  const big = `${'-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'.repeat(40_000)}`;
  const started = Date.now();
  await paste(page, 'kal-chain-check [data-roots]', big);
  await expect(chain.locator('[data-roots]')).toHaveValue('');
  await expect(chain.locator('.kal-large-paste:not([hidden])')).toBeVisible();
  await chain.locator('[data-leaf]').fill('x');
  await chain.locator('[data-action="check"]').click();
  await expect(chain.locator('[data-roots-message]')).toContainText('MB');
  await expect(chain.locator('[data-roots]')).toHaveAttribute('aria-invalid', 'true');
  expect(Date.now() - started, 'the page stayed responsive').toBeLessThan(5_000);
});

test('the CSR builder refuses a 1 MB paste into the groups box and offers it back', async ({ page }) => {
  await page.goto('/client-certificates/07-lab-new-user/');
  const groups = page.locator('kal-new-user-csr [data-field="groups"]');
  await paste(page, 'kal-new-user-csr [data-field="groups"]', 'g\n'.repeat(512 * 1024));
  await expect(groups).toHaveValue('developers');
  await expect(page.locator('kal-new-user-csr .kal-large-paste:not([hidden])')).toContainText('1.0 MB');
});

test('the CSR builder offers every algorithm the workbench offers, Ed25519 included', async ({ page }) => {
  await page.goto('/client-certificates/07-lab-new-user/');
  const options = await page
    .locator('kal-new-user-csr [data-field="algorithm"] option')
    .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  expect(options).toContain('Ed25519');
  expect(options).toEqual(
    expect.arrayContaining(['RSA-2048', 'RSA-3072', 'RSA-4096', 'ECDSA-P256', 'ECDSA-P384']),
  );
});

/** Runs openssl in a fresh folder; returns the text of `out`. */
function opensslFile(out: string, ...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kal-hostile-'));
  const r = spawnSync('sh', ['-c', args.join(' && ')], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return readFileSync(join(dir, out), 'utf8');
}

const unusableKeys: [type: string, steps: string[]][] = [
  ['ECDSA P-521', ['openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out k.pem']],
  ['Ed448', ['openssl genpkey -algorithm ED448 -out k.pem']],
  ['X25519', ['openssl genpkey -algorithm X25519 -out k.pem']],
  ['RSA-PSS', ['openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out k.pem']],
  [
    'DSA',
    [
      'openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 -out p.pem',
      'openssl genpkey -paramfile p.pem -out d.pem',
      'openssl pkey -in d.pem -traditional -out k.pem',
    ],
  ],
];

for (const [type, steps] of unusableKeys) {
  test(`the inspector names a pasted ${type} key and says the browser cannot use it, asking no one to choose`, async ({
    page,
  }) => {
    test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
    const pem = opensslFile('k.pem', ...steps);
    if (type === 'DSA') expect(pem).toContain('-----BEGIN DSA PRIVATE KEY-----');
    for (const lang of ['en', 'ko'] as const) {
      await page.goto(lang === 'en' ? page8 : `/ko${page8}`);
      const inspector = page.locator('kal-cert-inspector');
      await inspector.locator('[data-input]').fill(pem);
      const message = inspector.locator('section [data-code="key/unsupported-algorithm"]');
      await expect(message).toHaveText(t(lang, 'widget.keyTypeUnusable').replaceAll('{type}', type));
    }
  });
}

test('the inspector reads X509 CERTIFICATE and TRUSTED CERTIFICATE blocks as the certificates openssl reads', async ({
  page,
}) => {
  test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
  const plain = certificateWith('/CN=jane/O=developers');
  const old = plain.replaceAll('CERTIFICATE-----', 'X509 CERTIFICATE-----');
  const dir = mkdtempSync(join(tmpdir(), 'kal-hostile-'));
  writeFileSync(join(dir, 'c.pem'), plain);
  const trusted = opensslFile(
    't.pem',
    `openssl x509 -in ${join(dir, 'c.pem')} -trustout -addtrust clientAuth -out t.pem`,
  );
  expect(trusted).toContain('-----BEGIN TRUSTED CERTIFICATE-----');
  await page.goto(page8);
  const inspector = page.locator('kal-cert-inspector');
  for (const pem of [old, trusted]) {
    await inspector.locator('[data-input]').fill(pem);
    await expect(inspector.locator('[data-user]')).toHaveText('jane');
    await expect(inspector.locator('[data-groups]')).toContainText('developers');
    await expect(inspector.locator('[data-code="input/unsupported-block"]')).toHaveCount(0);
  }
});

/** A self-signed client certificate and its key, the subject written by openssl as given. */
function certificateAndKey(subject: string): { certificate: string; key: string } {
  return selfSignedEc(['-days', '30', '-utf8', '-subj', subject, '-addext', 'extendedKeyUsage=clientAuth']);
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const BIDI_OR_INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/;
const warningStart = (lang: 'en' | 'ko') =>
  t(lang, 'widget.name.hidden').split(lang === 'en' ? ' (' : '(')[0]!;
const HTML_NAME = '<img src=x onerror="document.title=1">';

/** Nothing the reader pasted became an element, and the page title is untouched. */
async function expectInert(page: Page, scope: ReturnType<Page['locator']>) {
  await expect(scope.locator('img, iframe, object, embed, [onerror]')).toHaveCount(0);
  expect(await page.title()).not.toBe('1');
}

for (const [what, subject, user, group] of hostileNames) {
  test(`the kubeconfig decoder writes out ${what} in a name, warns, and shows HTML in entry names as text`, async ({
    page,
  }) => {
    test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
    const { certificate } = certificateAndKey(subject);
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: '${HTML_NAME}'`,
      '  cluster:',
      '    server: https://192.0.2.10:6443',
      `    certificate-authority-data: ${b64(certificate)}`,
      'users:',
      `- name: '${HTML_NAME}'`,
      '  user:',
      `    client-certificate-data: ${b64(certificate)}`,
      '',
    ].join('\n');
    await page.goto('/client-certificates/06-kubernetes-pki/');
    const decoder = page.locator('kal-kubeconfig-decoder');
    await decoder.locator('[data-text]').fill(kubeconfig);
    await decoder.locator('[data-action="decode"]').click();
    const card = decoder.locator('.kal-decoder-card').first();
    await expect(card.locator('dd .kal-name').first()).toHaveText(user);
    await expect(card).toContainText(group);
    await expect(card.locator('.kal-decoder-note[data-kind="warning"]').first()).toContainText(
      warningStart('en'),
    );
    expect(await decoder.locator('[data-result]').textContent()).not.toMatch(BIDI_OR_INVISIBLE);
    await expect(decoder.locator('[data-result]')).toContainText(HTML_NAME);
    await expectInert(page, decoder);
  });
}

for (const lang of ['en', 'ko'] as const) {
  test(`the workbench writes out bidi and zero-width characters in the names it issued, warns, and injects no HTML (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto(`${lang === 'ko' ? '/ko' : ''}/client-certificates/03-lab-issue-certificates/`);
    const wb = page.locator('kal-workbench');
    await wb.locator('[name="caName"]').fill(HTML_NAME);
    await wb.locator('[name="clientUser"]').fill('jane\u202Enimda');
    await wb.locator('[name="clientGroups"]').fill('ad\u200Bmin');
    await wb.locator('[data-action="generate"]').click();
    const client = wb.locator('.kal-wb-card').nth(2);
    await expect(client.locator('[data-identity]')).toContainText('jane⟨U+202E⟩nimda', { timeout: 60_000 });
    await expect(client.locator('[data-identity]')).toContainText('ad⟨U+200B⟩min');
    await expect(client.locator('[data-name-warning]')).toContainText(warningStart(lang));
    expect(await wb.locator('[data-cards]').textContent()).not.toMatch(BIDI_OR_INVISIBLE);
    // RFC 4514 escapes the < and > (\\<img …\\>): shown as text either way.
    await expect(wb.locator('.kal-wb-card').first()).toContainText('img src=x onerror=');
    await expectInert(page, wb);
  });
}

test('the CSR and kubeconfig builders write out bidi, zero-width and newline characters, warn, and forge no Groups row', async ({
  page,
}) => {
  test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
  test.setTimeout(120_000);
  await page.goto('/client-certificates/07-lab-new-user/');
  const csr = page.locator('kal-new-user-csr');
  await csr.locator('[data-field="user"]').fill('jane\u202Enimda');
  await csr.locator('[data-field="groups"]').fill('ad\u200Bmin');
  await csr.locator('[data-action="make"]').click();
  const whoami = csr.locator('[data-whoami]');
  await expect(whoami).toContainText('jane⟨U+202E⟩nimda', { timeout: 30_000 });
  await expect(whoami).toContainText('ad⟨U+200B⟩min');
  await expect(csr.locator('[data-name-warning]')).toContainText(warningStart('en'));
  expect(await whoami.textContent()).not.toMatch(BIDI_OR_INVISIBLE);

  // A certificate from elsewhere, with a newline in its CN, and its own key pasted beside it.
  const { certificate, key } = certificateAndKey('/CN=jane\nGroups      [system:masters]/O=developers');
  const builder = page.locator('kal-kubeconfig-builder');
  await builder.locator('[data-field="ca"]').fill(certificate);
  await builder.locator('[data-field="certificate"]').fill(certificate);
  await builder.locator('details summary').click();
  await builder.locator('[data-field="key"]').fill(key);
  await builder.locator('[data-action="build"]').click();
  const preview = builder.locator('[data-whoami]');
  await expect(preview).toContainText('jane⟨U+000A⟩Groups      [system:masters]', { timeout: 30_000 });
  const rows = ((await preview.textContent()) ?? '').split('\n').filter((l) => l.startsWith('Groups'));
  expect(rows, 'one Groups row, the real one').toHaveLength(1);
  expect(rows[0]).not.toContain('system:masters');
  await expect(builder.locator('[data-name-warning]')).toContainText(warningStart('en'));
  await expectInert(page, page.locator('kal-new-user-csr, kal-kubeconfig-builder'));
});
