// Lesson 3's workbench, as a reader uses it: the walk from the issue, the workspace across pages and
// reloads, export/import, and bad input in every field.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { type Lang, type MessageKey, t } from '../../src/i18n/index.ts';
import { LAB_SCRIPTS, scriptHref } from '../../src/recipes/lab-scripts.ts';
import { LAB_FILES } from '../support/lab-params.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { englishLeft } from './english-left.ts';
import { expect, test } from './fixtures.ts';

const lesson3 = '/client-certificates/03-lab-issue-certificates/';

/** A dictionary text in `lang`, with its {placeholders} filled in. */
function text(lang: Lang, key: MessageKey, vars: Record<string, string> = {}): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}

async function generate(page: Page, lang: Lang = 'en') {
  await page.getByRole('button', { name: text(lang, 'workbench.generate') }).click();
  await expect(page.getByRole('status').filter({ hasText: text(lang, 'workbench.ws.kept') })).toBeVisible({
    timeout: 60_000,
  });
}

async function download(page: Page, button: ReturnType<Page['getByRole']>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

function openssl(dir: string, ...args: string[]) {
  return spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
}

// The reader's walk and the workspace, on the English page and on the Korean one.
for (const lang of ['en', 'ko'] as const) {
  const prefix = lang === 'ko' ? '/ko' : '';
  const label = (key: MessageKey) => text(lang, key);

  test(`${lang}: a reader changes the defaults, makes the certificates, and downloads files that openssl accepts`, async ({
    page,
  }) => {
    test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
    const dir = mkdtempSync(join(tmpdir(), 'kal-wb-'));
    await page.goto(`${prefix}${lesson3}`);
    await page.getByLabel(label('workbench.client.user')).fill('alice');
    await page.getByLabel(label('workbench.client.groups')).fill('developers\nplatform team');
    await page.getByLabel(label('workbench.server.ips')).fill('127.0.0.1\n10.20.30.40');
    await page.getByLabel(label('workbench.algorithm')).selectOption('ECDSA-P256');
    await generate(page, lang);
    await expect(page.locator('[data-identity]')).toHaveText(
      text(lang, 'workbench.identity', {
        user: 'alice',
        groups: 'developers, platform team, system:authenticated',
      }),
    );
    await expect(page.getByRole('heading', { name: text(lang, 'workbench.results.title') })).toBeFocused();
    expect(await englishLeft(page, lang)).toEqual([]);

    for (const name of LAB_FILES) {
      await download(
        page,
        page.getByRole('button', { name: text(lang, 'workbench.downloadFile', { file: name }), exact: true }),
        dir,
      );
    }
    const ok = (purpose: string, file: string) => {
      const r = openssl(dir, 'verify', '-CAfile', 'rootCA.pem', '-purpose', purpose, file);
      return `${r.stdout}${r.stderr}`.trim();
    };
    expect(ok('sslserver', 'server.pem')).toBe('server.pem: OK');
    expect(ok('sslclient', 'client.pem')).toBe('client.pem: OK');
    expect(ok('sslclient', 'server.pem')).toContain('unsuitable certificate purpose');
    expect(ok('sslserver', 'client.pem')).toContain('unsuitable certificate purpose');
    const subject = openssl(dir, 'x509', '-noout', '-subject', '-nameopt', 'RFC2253', '-in', 'client.pem');
    expect(subject.stdout.trim()).toBe('subject=CN=alice,O=platform team,O=developers');
    const sans = openssl(dir, 'x509', '-noout', '-ext', 'subjectAltName', '-in', 'server.pem');
    expect(sans.stdout).toContain('DNS:localhost, IP Address:127.0.0.1, IP Address:10.20.30.40');
    for (const [cert, key] of [
      ['server.pem', 'server-key.pem'],
      ['client.pem', 'client-key.pem'],
    ] as const) {
      const a = execFileSync('openssl', ['x509', '-noout', '-pubkey', '-in', cert], { cwd: dir });
      const b = execFileSync('openssl', ['pkey', '-pubout', '-in', key], { cwd: dir });
      expect(String(a)).toBe(String(b));
    }

    const zipPath = await download(
      page,
      page.getByRole('button', { name: text(lang, 'workbench.zip') }),
      dir,
    );
    const zip = unzipSync(readFileSync(zipPath));
    const readme = new TextDecoder().decode(zip['kube-auth-lab/README.txt']);
    expect(readme.split('\n')[0]).toBe(text(lang, 'workbench.readme.title'));
    const listed = [...readme.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
    expect(Object.keys(zip).sort()).toEqual(listed.map((n) => `kube-auth-lab/${n}`).sort());
    expect(listed).toEqual(expect.arrayContaining([...LAB_FILES, 'README.txt', ...LAB_SCRIPTS]));
    for (const name of LAB_FILES) {
      expect(new TextDecoder().decode(zip[`kube-auth-lab/${name}`])).toBe(
        readFileSync(join(dir, name), 'utf8'),
      );
    }
    // The scripts in the zip are the ones the site serves for download in the page's language.
    for (const name of LAB_SCRIPTS) {
      const served = await (await page.request.get(scriptHref(name, lang))).text();
      expect(new TextDecoder().decode(zip[`kube-auth-lab/${name}`]), name).toBe(served);
    }
  });

  test(`${lang}: the workspace survives reloads and other pages, exports and imports bit for bit, and deletes`, async ({
    page,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-ws-'));
    const user = () => page.getByLabel(label('workbench.client.user'));
    const fingerprint = () => page.locator('.kal-wb-card').nth(2).locator('dd').last();
    const results = () => page.getByRole('heading', { name: text(lang, 'workbench.results.title') });
    await page.goto(`${prefix}${lesson3}`);
    await user().fill('bob');
    await generate(page, lang);
    const before = await fingerprint().textContent();

    await page.reload();
    await expect(user()).toHaveValue('bob');
    await expect(fingerprint()).toHaveText(before!);

    await page.goto(`${prefix}/client-certificates/02-public-key-infrastructure/`);
    await page.goBack();
    await expect(page.locator('[data-identity]')).toContainText('“bob”');

    const exportButton = () => page.getByRole('button', { name: text(lang, 'workbench.ws.export') });
    const exported = await download(page, exportButton(), dir);
    const bytes = readFileSync(exported);

    await page.getByRole('button', { name: text(lang, 'workbench.ws.delete') }).click();
    await page.getByRole('button', { name: text(lang, 'workbench.ws.confirmYes') }).click();
    await expect(page.getByText(text(lang, 'workbench.ws.deleted'))).toBeVisible();
    await expect(results()).toBeHidden();
    await expect(user()).toHaveValue('jane');
    await page.reload();
    await expect(user()).toHaveValue('jane');
    await expect(results()).toBeHidden();

    await page.locator('[data-import]').setInputFiles(exported);
    await expect(
      page.getByText(text(lang, 'workbench.ws.imported', { file: 'kube-auth-lab-workspace.json' })),
    ).toBeVisible();
    await expect(user()).toHaveValue('bob');
    await expect(fingerprint()).toHaveText(before!);
    const again = await download(page, exportButton(), join(dir, ''));
    expect(readFileSync(again).equals(bytes)).toBe(true);

    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"format":"something-else"}');
    await page.locator('[data-import]').setInputFiles(junk);
    await expect(page.locator('[data-ws-message]')).toContainText(text(lang, 'error.workspace/wrong-format'));
    await expect(user()).toHaveValue('bob');
    expect(await englishLeft(page, lang)).toEqual([]);
  });
}

const longName = 'x'.repeat(500);
for (const [what, label, value, message] of [
  ['an empty user', 'User name (CN)', '', 'This name (CN) is empty'],
  ['an invalid IP', 'IP addresses (SAN)', '127.0.0.1\n10.0.0.300', '“10.0.0.300” is not an IP address'],
  ['a duplicate SAN', 'DNS names (SAN)', 'localhost\nLOCALHOST', '“LOCALHOST” is listed twice'],
  ['a 0-day validity', 'Valid for (days)', '0', 'valid for at least 1 day'],
  [
    'a 500-character name',
    'Name (CN)',
    longName,
    'This is 500 characters long; certificates allow at most 64',
  ],
  ['a group with a tab in it', 'Groups (O)', 'dev\tops', 'invisible control character'],
] as const) {
  test(`${what} gets a clear message at its field, nothing is made, nothing is lost`, async ({ page }) => {
    await page.goto(lesson3);
    const field = page.getByLabel(label).first();
    await field.fill(value);
    await page.getByRole('button', { name: 'Make the three certificates' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Nothing was made' })).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();
    const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ');
    const messageId = describedBy.find((id) => id.endsWith('-msg'))!;
    await expect(page.locator(`#${messageId}`)).toContainText(message);
    await expect(field).toHaveValue(value);
    await expect(page.getByRole('heading', { name: 'Your files' })).toBeHidden();
    await page.reload();
    await expect(page.getByLabel(label).first()).toHaveValue(value);
  });
}

test('Unicode names are accepted and reach the certificate unchanged', async ({ page }) => {
  await page.goto(lesson3);
  await page.getByLabel('User name (CN)').fill('김지수');
  await page.getByLabel('Groups (O)').fill('개발팀\nÉquipe ops');
  await page.getByLabel('Key algorithm (for all three keys)').selectOption('ECDSA-P256');
  await generate(page);
  await expect(page.locator('[data-identity]')).toHaveText(
    'Kubernetes will see user “김지수” in groups 개발팀, Équipe ops, system:authenticated.',
  );
});

test('warnings appear at the field before anything is made, and do not block', async ({ page }) => {
  await page.goto(lesson3);
  await page.getByLabel('Groups (O)').fill('system:masters');
  await page.getByLabel('DNS names (SAN)').fill('');
  await page.getByLabel('IP addresses (SAN)').fill('');
  await expect(page.locator('[data-message-for="clientGroups"]')).toContainText(
    'system:masters skips all authorization',
  );
  await expect(page.locator('[data-message-for="serverDns"]')).toContainText('No DNS name or IP address');
  await expect(page.getByLabel('Groups (O)')).not.toHaveAttribute('aria-invalid', 'true');
  await generate(page);
});

test('works from the keyboard alone: tab to a field, type, press Enter, and focus lands on the results', async ({
  page,
}) => {
  await page.goto(lesson3);
  await page.getByLabel('User name (CN)').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('carol');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Groups (O)')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Done: six files' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole('heading', { name: 'Your files' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Download all (zip)' })).toBeFocused();
  await expect(page.locator('[data-identity]')).toContainText('“carol”');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the lesson still reads and the workbench says what it needs', async ({ page }) => {
    await page.goto(lesson3);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Lab: issue a CA, a server and a client certificate',
    );
    await expect(
      page.getByText('The workbench makes keys in your browser and needs JavaScript'),
    ).toBeVisible();
    await expect(page.getByLabel('User name (CN)')).toHaveValue('jane');
  });
});
