// "In your own code": the @peculiar/x509 programs lessons 3 and 7 hand out, as a reader gets them —
// shown with the reader's values, downloaded, and run as printed with Node and the real package (this
// project's node_modules stands in for `npm install`); openssl judges what they wrote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { type Lang, type MessageKey, t } from '../../src/i18n/index.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { expect, test } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const lesson3 = '/client-certificates/03-lab-issue-certificates/';
const lesson7 = '/client-certificates/07-lab-new-user/';

function text(lang: Lang, key: MessageKey, vars: Record<string, string> = {}): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}

/** A temp folder with the real packages as ./node_modules. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kal-own-code-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function download(page: Page, button: Locator, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Runs `node <file>` in `dir` with the project's Node; returns its output. */
function runNode(dir: string, file: string): string {
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  expect(r.status, `${file}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

function openssl(dir: string, ...args: string[]): string {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout + r.stderr;
}

/** The bodies of the scripts a page loads from now on (each read when its response arrives). */
function scriptBodies(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
  });
  return bodies;
}

/** Which Shiki grammars are among `bodies` (each grammar module holds its JSON with its "name"). */
async function grammarsIn(bodies: Promise<string>[]): Promise<string[]> {
  const texts = await Promise.all(bodies);
  return ['shellscript', 'json', 'yaml', 'nginx', 'ini', 'javascript'].filter((g) =>
    texts.some((b) => new RegExp(`\\\\?"name\\\\?":\\\\?"${g}\\\\?"`).test(b)),
  );
}

for (const lang of ['en', 'ko'] as const) {
  const prefix = lang === 'ko' ? '/ko' : '';

  test(`${lang}: lesson 3's "In your own code" tab gives make-lab-certs.mjs with the reader's values, and it runs as printed`, async ({
    page,
  }) => {
    test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
    const bodies = scriptBodies(page);
    await page.goto(`${prefix}${lesson3}`);
    const wb = page.locator('kal-workbench');
    await wb.getByLabel(text(lang, 'workbench.client.user')).fill('maria');
    await wb.getByRole('button', { name: text(lang, 'workbench.generate') }).click();
    await expect(wb.locator('[data-recipe="openssl"] .shiki').first()).toBeAttached({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    // The first Generate fetches the grammars of the blocks it shows, nothing more.
    expect(await grammarsIn(bodies)).toEqual(['shellscript', 'json']);

    await wb.getByRole('tab', { name: text(lang, 'workbench.recipes.program') }).click();
    const panel = wb.locator('[data-recipe="program"]');
    await expect(panel).toContainText(text(lang, 'program.saveAs', { file: 'make-lab-certs.mjs' }));
    await expect(panel).toContainText("commonName: 'maria'");
    await expect(panel).toContainText('npm install @peculiar/x509 reflect-metadata');
    await expect(panel).toContainText('node make-lab-certs.mjs');
    // Opening the tab fetches the JavaScript grammar, and the program is highlighted.
    await expect(panel.locator('.shiki').first()).toBeVisible();
    await expect.poll(() => grammarsIn(bodies)).toContain('javascript');

    const dir = folder();
    try {
      const file = await download(
        page,
        panel.getByRole('button', {
          name: text(lang, 'program.downloadFile', { file: 'make-lab-certs.mjs' }),
        }),
        dir,
      );
      const program = readFileSync(file, 'utf8');
      expect(program).toContain(
        lang === 'ko' ? '// 워크벤치에 입력한 값' : '// Your values from the workbench',
      );
      expect(runNode(dir, 'make-lab-certs.mjs')).toContain('client-key.pem');
      expect(
        openssl(dir, 'verify', '-CAfile', 'rootCA.pem', '-purpose', 'sslclient', 'client.pem'),
      ).toContain('client.pem: OK');
      expect(openssl(dir, 'x509', '-in', 'client.pem', '-noout', '-subject')).toMatch(/CN\s?=\s?maria/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${lang}: lesson 7's CSR builder gives make-user-csr.mjs for the user just made, once its box is opened`, async ({
    page,
  }) => {
    test.skip(!hasTool('openssl') && !inCI, 'needs openssl on PATH');
    await page.goto(`${prefix}${lesson7}`);
    const csr = page.locator('kal-new-user-csr');
    await csr.getByLabel(text(lang, 'newuser.user'), { exact: true }).fill('maria');
    await csr.getByLabel(text(lang, 'newuser.groups'), { exact: true }).fill('developers\nqa');
    await csr.getByRole('button', { name: text(lang, 'newuser.make') }).click();
    await expect(csr.locator('[data-output]')).toBeVisible({ timeout: 60_000 });
    const box = csr.locator('details[data-program-box]');
    await expect(box.locator('[data-program]')).toBeEmpty();
    await box.locator('summary').click();
    await expect(box).toContainText("commonName: 'maria'");
    await expect(box).toContainText("organizations: ['developers', 'qa']");
    await expect(box).toContainText(
      text(lang, 'program.runCsr', { file: 'make-user-csr.mjs', key: 'maria-key.pem', csr: 'maria.csr' }),
    );

    const dir = folder();
    try {
      await download(
        page,
        box.getByRole('button', { name: text(lang, 'program.downloadFile', { file: 'make-user-csr.mjs' }) }),
        dir,
      );
      expect(runNode(dir, 'make-user-csr.mjs')).toContain('maria.csr');
      expect(openssl(dir, 'req', '-in', 'maria.csr', '-noout', '-verify')).toContain('verify OK');
      expect(openssl(dir, 'req', '-in', 'maria.csr', '-noout', '-subject')).toMatch(
        /O\s?=\s?developers, O\s?=\s?qa, CN\s?=\s?maria/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
