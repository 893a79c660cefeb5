// Lesson 2.2's token-file builder as a reader uses it, in English and Korean: the file and its
// reading, a refusal at every field, nothing lost on a reload, and the reader's own token kept only
// when asked. Then the files and commands the builder made, run with real kubectl and curl against
// the Go stand-in for kube-apiserver's authentication (tests/interop/go/apiserver): whoami prints the
// builder's preview and the page's "Check it", and a wrong token gets the 401 the page predicts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { dictionary } from '../../src/i18n/index.ts';
import { UNAUTHORIZED_STATUS } from '../../src/tokens/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { makeApiserverCertificates } from '../support/standin-certs.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { englishLeft } from './english-left.ts';
import { expect, seriousAxeViolations, test } from './fixtures.ts';
import { holdWorkspaceOpen, workspaceLate } from './late-workspace.ts';

const pages = {
  en: '/bearer-tokens/02-lab-static-token-file/',
  ko: '/ko/bearer-tokens/02-lab-static-token-file/',
} as const;

interface Row {
  user: string;
  uid: string;
  groups: string;
}

/** The builder of the page, its rows and its texts in the page's language. */
function builder(page: Page, lang: 'en' | 'ko') {
  const d = dictionary(lang);
  const w = page.locator('kal-token-file');
  const row = (i: number) => w.locator('[data-rows] [data-row]').nth(i);
  const cell = (i: number, col: string) => row(i).locator(`[data-col="${col}"]`);
  const message = (i: number, col: string) => row(i).locator(`[data-message="${col}"]`);
  const text = (key: string, vars: Record<string, string> = {}) =>
    (d[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  const button = (key: string) => w.getByRole('button', { name: d[key], exact: true });
  const fill = async (i: number, r: Row) => {
    for (const [col, value] of Object.entries(r)) await cell(i, col).fill(value);
  };
  return { d, w, row, cell, message, text, button, fill };
}

/** The text of every command block under `host`, in order. */
async function commands(host: Locator): Promise<string[]> {
  return (await host.locator('pre').allTextContents()).map((c) => c.trim());
}

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the builder writes tokens.csv, reads it back as kube-apiserver does, and prints the commands and whoami for the chosen user`, async ({
    page,
  }) => {
    await page.goto(pages[lang]);
    const b = builder(page, lang);
    await b.button('tokenfile.build').click();
    const csv = b.w.locator('[data-csv] pre');
    await expect(csv).toHaveText(/^[A-Za-z0-9_-]{43},alice,1001,developers\n$/);
    const token = (await b.cell(0, 'token').inputValue()).trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await csv.textContent()).toBe(`${token},alice,1001,developers\n`);

    // A second user with a quoted group list: one 4th column, split into groups when read.
    await b.button('tokenfile.add').click();
    await expect(b.cell(1, 'token')).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
    await b.fill(1, { user: 'bob', uid: '', groups: 'ops,qa' });
    const bobToken = await b.cell(1, 'token').inputValue();
    expect(bobToken).not.toBe(token);
    await expect(csv).toContainText(`${bobToken},bob,,"ops,qa"`);
    await expect(b.w.locator('[data-read] tbody tr')).toHaveText([
      /^1\s*alice\s*1001\s*developers, system:authenticated$/,
      /^2\s*bob\s*ops, qa, system:authenticated$/,
    ]);

    // The commands are for the chosen user.
    const chosen = b.w.locator('[data-field="chosen"]');
    await chosen.selectOption('1');
    await expect(b.w.locator('[data-commands]')).toContainText(
      `kubectl config set-credentials bob --token=${bobToken}`,
    );
    await expect(b.w.locator('[data-curl]')).toContainText(`Authorization: Bearer ${bobToken}`);
    await expect(b.w.locator('[data-whoami]')).toHaveText(
      'ATTRIBUTE   VALUE\nUsername    bob\nGroups      [ops qa system:authenticated]\n',
    );
    await expect(b.w.locator('[data-wrong]')).toHaveText(
      'error: You must be logged in to the server (Unauthorized)\n',
    );

    // New token replaces one token, and the file follows.
    await b.row(1).getByRole('button', { name: b.d['tokenfile.regenerate'] }).click();
    await expect(b.cell(1, 'token')).not.toHaveValue(bobToken);
    await expect(csv).not.toContainText(bobToken);
    // Remove takes the row out of the file.
    await b.row(1).getByRole('button', { name: b.d['tokenfile.remove'] }).click();
    await expect(csv).toHaveText(`${token},alice,1001,developers\n`);
    // Used, the Korean builder shows no English UI text (commands and outputs aside).
    expect(await englishLeft(page, lang)).toEqual([]);
  });

  test(`${lang}: bad input in every field gets the engine's refusal, translated, at that field, and nothing is written`, async ({
    page,
  }) => {
    await page.goto(pages[lang]);
    const b = builder(page, lang);
    await b.button('tokenfile.build').click();
    await expect(b.w.locator('[data-csv] pre')).toBeVisible();
    await b.button('tokenfile.add').click();
    await b.fill(1, { user: 'bob', uid: '2002', groups: '' });
    await expect(b.w.locator('[data-csv] pre')).toContainText('bob');
    const status = b.w.locator('[data-status]');

    type Case = { i: number; col: string; value: string; key: string; vars?: Record<string, string> };
    /** A value of the first row refused with this message key, which names `shown` when given. */
    const bad = (col: string, value: string, key: string, shown?: string): Case => ({
      i: 0,
      col,
      value,
      key,
      ...(shown === undefined ? {} : { vars: { value: shown } }),
    });
    const SPACE = 'error.token-file/space-around-value';
    const cases: Case[] = [
      bad('user', '', 'error.token-file/empty-user'),
      bad('user', 'alice ', SPACE, 'alice '),
      bad('uid', ' 1001', SPACE, ' 1001'),
      bad('groups', 'developers,', 'error.token-file/empty-group'),
      bad('groups', 'dev, ops', SPACE, ' ops'),
      bad('token', 'two words', 'error.token-file/bad-token'),
      bad('token', '', 'error.token-file/bad-token'),
      bad('user', 'alice smith', 'error.kubeconfig/bad-name', 'alice smith'),
    ];
    for (const c of cases) {
      const input = b.cell(c.i, c.col);
      const before = await input.inputValue();
      await input.fill(c.value);
      await expect(b.message(c.i, c.col), `${c.col}=${JSON.stringify(c.value)}`).toHaveText(
        b.text(c.key, c.vars),
      );
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(b.w.locator('[data-output]')).toBeHidden();
      await expect(status).toHaveText(b.d['tokenfile.fix']!);
      expect(await englishLeft(page, lang), `${c.col}=${JSON.stringify(c.value)}`).toEqual([]);
      await input.fill(before);
      await expect(b.message(c.i, c.col)).toHaveText('');
      await expect(b.w.locator('[data-output]')).toBeVisible();
    }

    // A token two users share: refused at the second one.
    const first = await b.cell(0, 'token').inputValue();
    const second = await b.cell(1, 'token').inputValue();
    await b.cell(1, 'token').fill(first);
    await expect(b.message(1, 'token')).toHaveText(b.text('error.token-file/duplicate-token'));
    await expect(b.message(0, 'token')).toHaveText('');
    await b.cell(1, 'token').fill(second);

    // The server and the CA file.
    for (const [name, value, key] of [
      ['server', 'not a url', 'error.kubeconfig/bad-server-url'],
      ['caFile', '-ca.crt', 'error.recipe/bad-file-name'],
    ] as const) {
      const input = b.w.locator(`[data-field="${name}"]`);
      const before = await input.inputValue();
      await input.fill(value);
      await expect(b.w.locator(`[data-message="${name}"]`)).toHaveText(b.text(key, { value }));
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await input.fill(before);
      await expect(b.w.locator(`[data-message="${name}"]`)).toHaveText('');
    }

    // The server's message shows even while a row is refused too.
    await b.cell(0, 'user').fill('');
    await b.w.locator('[data-field="server"]').fill('not a url');
    await expect(b.w.locator('[data-message="server"]')).toHaveText(
      b.text('error.kubeconfig/bad-server-url', { value: 'not a url' }),
    );
    await expect(b.message(0, 'user')).toHaveText(b.text('error.token-file/empty-user'));
    await b.cell(0, 'user').fill('alice');
    await b.w.locator('[data-field="server"]').fill('https://192.0.2.10:6443');
    await expect(b.w.locator('[data-output]')).toBeVisible();

    // No users at all.
    for (let i = 1; i >= 0; i--)
      await b.row(i).getByRole('button', { name: b.d['tokenfile.remove'] }).click();
    await expect(status).toHaveText(b.text('error.token-file/no-users'));
  });
}

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: a pasted tokens.csv is read as kube-apiserver reads it: its users, what it ignores, and why it would not start`, async ({
    page,
  }) => {
    await page.goto(pages[lang]);
    const b = builder(page, lang);
    await b.w.locator('[data-paste-section] summary').click();
    const paste = b.w.locator('[data-paste]');
    const read = b.button('tokenfile.pasteRead');
    await paste.fill('t1,alice,1001,developers,ops\nt2,bob,,"a, b"\nt1,carol,3\n');
    await read.click();
    await expect(b.w.locator('[data-paste-summary]')).toHaveText(
      b.text('tokenfile.pasteSummary', { tokens: '2' }),
    );
    await expect(b.w.locator('[data-paste-table] tbody tr')).toHaveText([
      new RegExp(
        `^1\\s*alice\\s*1001\\s*developers, system:authenticated\\s*${b.text('tokenfile.pasteOverridden')} ${b.text('tokenfile.pasteIgnored', { columns: 'ops' }).replace('.', '\\.')}$`,
      ),
      /^2\s*bob\s*a, {2}b, system:authenticated\s*$/,
      /^3\s*carol\s*3\s*system:authenticated\s*$/,
    ]);
    await expect(b.w.locator('[data-paste-warnings] li')).toHaveText([
      `${b.text('tokenfile.pasteWarningLine', { line: '3' })} duplicate token has been found in token file '/etc/kubernetes/tokens.csv', record number '3'`,
    ]);
    if (lang === 'ko') expect(await englishLeft(page, lang)).toEqual([]);

    // A comment line: one column, and kube-apiserver stops, with its own words at the field.
    await paste.fill('# lab users\nt1,alice,1001\n');
    await read.click();
    const apiserverError =
      "token file '/etc/kubernetes/tokens.csv' must have at least 3 columns (token, user name, user uid), found 1";
    await expect(b.w.locator('[data-message="paste"]')).toHaveText(
      b.text('error.token-file/too-few-columns', { line: '1', found: '1', apiserverError }),
    );
    await expect(paste).toHaveAttribute('aria-invalid', 'true');
    await expect(b.w.locator('[data-paste-result]')).toBeHidden();
    if (lang === 'ko') expect(await englishLeft(page, lang)).toEqual([]);
  });
}

test('a pasted tokens.csv is kept for a reload only when the reader ticks the box', async ({ page }) => {
  await page.goto(pages.en);
  const b = builder(page, 'en');
  await b.w.locator('[data-paste-section] summary').click();
  const paste = b.w.locator('[data-paste]');
  const file = 'real-cluster-token-0123456789,admin,0,system:masters\n';
  await paste.fill(file);
  await b.button('tokenfile.pasteRead').click();
  await expect(b.w.locator('[data-paste-note]')).toHaveText(b.d['tokenfile.pasteNotKept']!);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('real-cluster-token');
  await page.reload();
  await expect(paste).toHaveValue('');

  await b.w.locator('[data-paste-section] summary').click();
  await paste.fill(file);
  await b.w.getByLabel(b.d['tokenfile.keepTokens']!).check();
  await b.button('tokenfile.pasteRead').click();
  await expect(b.w.locator('[data-paste-table] tbody tr')).toHaveCount(1);
  await expect(b.w.locator('[data-paste-note]')).toBeHidden();
  await page.reload();
  await expect(paste).toHaveValue(file);
  await expect(b.w.locator('[data-paste-table] tbody tr')).toHaveText([
    /^1\s*admin\s*0\s*system:masters, system:authenticated/,
  ]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the builder in use, with refusals, its file and a pasted file, has no serious axe violation (${theme}, 390 px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(pages.ko);
    const b = builder(page, 'ko');
    await b.button('tokenfile.build').click();
    await b.button('tokenfile.add').click();
    await b.w.locator('[data-paste-section] summary').click();
    await b.w.locator('[data-paste]').fill('t1,alice,1001,developers,ops\nt1,bob,2\n');
    await b.button('tokenfile.pasteRead').click();
    await expect(b.w.locator('[data-paste-table] tbody tr')).toHaveCount(2);
    const serious = () => seriousAxeViolations(page);
    await expect(b.message(1, 'user')).not.toHaveText('');
    expect(await serious(), 'with a refused row').toEqual([]);
    await b.fill(1, { user: 'bob', uid: '2', groups: 'ops' });
    await expect(b.w.locator('[data-output]')).toBeVisible();
    expect(await serious(), 'with the file and the commands').toEqual([]);
  });
}

test('every value survives a reload made at once, and the tokens made here stay the same', async ({
  page,
}) => {
  await page.goto(pages.en);
  const b = builder(page, 'en');
  await b.button('tokenfile.build').click();
  await b.button('tokenfile.add').click();
  await expect(b.cell(1, 'token')).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  await b.fill(1, { user: 'dana', uid: 'u-7', groups: 'ops,qa' });
  await b.w.locator('[data-field="server"]').fill('https://10.0.0.5:6443');
  await b.w.locator('[data-field="caFile"]').fill('cluster-ca.crt');
  await b.w.locator('[data-field="chosen"]').selectOption('1');
  const tokens = [await b.cell(0, 'token').inputValue(), await b.cell(1, 'token').inputValue()];
  await page.reload();

  await expect(b.w.locator('[data-csv] pre')).toHaveText(
    `${tokens[0]},alice,1001,developers\n${tokens[1]},dana,u-7,"ops,qa"\n`,
  );
  await expect(b.cell(1, 'user')).toHaveValue('dana');
  await expect(b.w.locator('[data-field="server"]')).toHaveValue('https://10.0.0.5:6443');
  await expect(b.w.locator('[data-field="caFile"]')).toHaveValue('cluster-ca.crt');
  await expect(b.w.locator('[data-field="chosen"]')).toHaveValue('1');
  await expect(b.w.locator('[data-commands]')).toContainText(
    'kubectl config set-cluster kubernetes --server=https://10.0.0.5:6443 --certificate-authority=cluster-ca.crt',
  );
  // A bad value is kept too, with its message back after the reload.
  await b.cell(1, 'uid').fill('u-7 ');
  await page.reload();
  await expect(b.cell(1, 'uid')).toHaveValue('u-7 ');
  await expect(b.message(1, 'uid')).toHaveText(
    b.text('error.token-file/space-around-value', { value: 'u-7 ' }),
  );
});

test('rows typed before any token is made survive a reload made at once, and a link clicked at once', async ({
  page,
}) => {
  await page.goto(pages.en);
  const b = builder(page, 'en');
  await b.fill(0, { user: 'erin', uid: 'e-5', groups: 'qa' });
  await b.button('tokenfile.add').click();
  await b.fill(1, { user: 'frank', uid: '', groups: 'ops,dev' });
  await b.w.locator('[data-field="server"]').fill('https://10.1.2.3:6443');
  await page.reload();
  await expect(b.cell(0, 'user')).toHaveValue('erin');
  await expect(b.cell(1, 'groups')).toHaveValue('ops,dev');
  await expect(b.w.locator('[data-field="server"]')).toHaveValue('https://10.1.2.3:6443');
  await expect(b.w.locator('[data-output]')).toBeHidden();
  await b.cell(1, 'uid').fill('f-6');
  await page.locator('a[href$="/bearer-tokens/03-bootstrap-tokens/"]').first().click();
  await page.waitForURL(/03-bootstrap-tokens/);
  await page.goto(pages.en);
  await expect(b.cell(1, 'uid')).toHaveValue('f-6');
  await b.button('tokenfile.build').click();
  await expect(b.w.locator('[data-csv] pre')).toHaveText(/,erin,e-5,qa\n.*,frank,f-6,"ops,dev"\n$/s);
});

test('a token the reader typed is not kept for a reload unless the reader ticks the box, and then it is', async ({
  page,
}) => {
  await page.goto(pages.en);
  const b = builder(page, 'en');
  await b.button('tokenfile.build').click();
  // The file is made (its code loads on this first click) before the reader types and reloads.
  await expect(b.w.locator('[data-csv] pre')).toHaveText(/,alice,1001,developers\n$/);
  const own = 'my-own-cluster-token-0123456789abcdef';
  await b.cell(0, 'token').fill(own);
  await expect(b.row(0).locator('[data-token-note]')).toHaveText(b.d['tokenfile.notKept']!);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toContain(own);
  await page.reload();
  await expect(b.cell(0, 'token')).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  await expect(b.cell(0, 'token')).not.toHaveValue(own);

  await b.cell(0, 'token').fill(own);
  await b.w.getByLabel(b.d['tokenfile.keepTokens']!).check();
  await expect(b.row(0).locator('[data-token-note]')).toBeHidden();
  await page.reload();
  await expect(b.cell(0, 'token')).toHaveValue(own);
  await expect(b.w.locator('[data-csv] pre')).toHaveText(`${own},alice,1001,developers\n`);
});

// The workspace answers late (IndexedDB's open held back 800 ms): what the reader types in a row
// meanwhile, and the "keep" box they tick, stay when the saved rows arrive, and the saved rows they
// did not touch come back beside it; a reload then has both.
test('rows the reader types in before the workspace answers keep what they typed, and the saved rows join them', async ({
  page,
}) => {
  await holdWorkspaceOpen(page);
  await page.goto(pages.en);
  const b = builder(page, 'en');
  await b.fill(0, { user: 'erin', uid: 'e-5', groups: 'qa' });
  await b.button('tokenfile.add').click();
  await b.fill(1, { user: 'frank', uid: 'f-6', groups: 'ops' });
  await workspaceLate(page, 800);
  await page.reload();
  const own = 'typed-before-the-workspace-answered-0123';
  await b.cell(0, 'token').fill(own);
  await b.cell(0, 'user').fill('erin2');
  await b.w.getByLabel(b.d['tokenfile.keepTokens']!).check();
  await page.waitForTimeout(1200);
  await expect(b.cell(0, 'user')).toHaveValue('erin2');
  await expect(b.cell(0, 'uid')).toHaveValue('e-5');
  await expect(b.cell(0, 'token')).toHaveValue(own);
  await expect(b.cell(1, 'user')).toHaveValue('frank');
  await expect(b.w.getByLabel(b.d['tokenfile.keepTokens']!)).toBeChecked();
  await workspaceLate(page, 0);
  await page.reload();
  await expect(b.cell(0, 'user')).toHaveValue('erin2');
  await expect(b.cell(0, 'token')).toHaveValue(own);
  await expect(b.cell(1, 'groups')).toHaveValue('ops');
  await expect(b.w.getByLabel(b.d['tokenfile.keepTokens']!)).toBeChecked();
});

const tools = ['go', 'openssl', 'kubectl', 'curl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the token-file e2e needs ${missing.join(', ')}`);

test.describe('what the builder made, run against the kube-apiserver stand-in', () => {
  test.skip(missing.length > 0, `needs ${missing.join(', ')}`);
  let dir = '';
  let server: Standin | undefined;
  test.afterAll(() => {
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a pasted file kube-apiserver would refuse shows the error the stand-in stops with', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const work = mkdtempSync(join(tmpdir(), 'kal-e2e-token-paste-'));
    try {
      makeApiserverCertificates(work);
      await page.goto(pages.en);
      const b = builder(page, 'en');
      await b.w.locator('[data-paste-section] summary').click();
      for (const file of [
        '# lab users\nt1,alice,1001\n',
        't1,alice,1001\n# alice, for now\n',
        't1,alice,1001\nt2, bob, 2002, "dev,ops"\n',
        't1,alice,1001,"dev,ops\n',
        't1,alice\n',
      ]) {
        const message = b.w.locator('[data-message="paste"]');
        const before = await message.textContent();
        await b.w.locator('[data-paste]').fill(file);
        await b.button('tokenfile.pasteRead').click();
        await expect(message).not.toHaveText(before ?? '');
        const shown = await message.textContent();
        writeFileSync(join(work, 'tokens.csv'), file);
        const r = spawnSync(
          buildGoProgram('apiserver'),
          [
            '-listen',
            '127.0.0.1:0',
            '-tls-cert-file',
            'apiserver.crt',
            '-tls-private-key-file',
            'apiserver.key',
            '-token-auth-file',
            'tokens.csv',
          ],
          { cwd: work, encoding: 'utf8', timeout: 10_000 },
        );
        expect(r.status, file).not.toBe(0);
        const said = /Error: (.*)$/m.exec(String(r.stderr))?.[1] ?? '';
        expect(said, String(r.stderr)).not.toBe('');
        expect(shown, file).toContain(
          `kube-apiserver would not start: ${said.replace("'tokens.csv'", "'/etc/kubernetes/tokens.csv'")}`,
        );
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('kubectl auth whoami prints the builder’s preview and the page’s “Check it” for each user, and a wrong token gets the predicted 401', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    dir = mkdtempSync(join(tmpdir(), 'kal-e2e-token-file-'));
    makeApiserverCertificates(dir);
    await page.goto(pages.en);
    const b = builder(page, 'en');
    await b.button('tokenfile.build').click();
    await b.button('tokenfile.add').click();
    await b.fill(1, { user: 'bob', uid: '', groups: '' });
    await b.button('tokenfile.add').click();
    await b.fill(2, { user: 'carol', uid: 'c-3', groups: 'ops,dev' });
    await expect(b.w.locator('[data-csv] pre')).toContainText('carol');

    // The downloaded tokens.csv is the stand-in's --token-auth-file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      b.button('tokenfile.download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('tokens.csv');
    await download.saveAs(join(dir, 'tokens.csv'));
    expect(readFileSync(join(dir, 'tokens.csv'), 'utf8')).toBe(
      await b.w.locator('[data-csv] pre').textContent(),
    );
    server = await startStandin(dir, {
      cert: 'apiserver.crt',
      key: 'apiserver.key',
      tokenAuthFile: 'tokens.csv',
    });
    await b.w.locator('[data-field="server"]').fill(server.url);
    await b.w.locator('[data-field="caFile"]').fill(join(dir, 'ca.crt'));

    const sh = (command: string, kubeconfig: string) => {
      const r = spawnSync('bash', ['-c', command], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, KUBECONFIG: kubeconfig },
      });
      return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    const checkIt = page.locator('.expressive-code pre', { hasText: 'ATTRIBUTE' });
    const wrong = page.locator('.expressive-code pre', { hasText: 'You must be logged in' });

    for (const i of [0, 1, 2]) {
      await b.w.locator('[data-field="chosen"]').selectOption(String(i));
      const user = await b.cell(i, 'user').inputValue();
      await expect(b.w.locator('[data-commands]')).toContainText(`set-credentials ${user} --token=`);
      const kubeconfig = join(dir, `${user}.kubeconfig`);
      writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');
      const steps = await commands(b.w.locator('[data-commands]'));
      expect(steps.at(-1)).toBe('kubectl auth whoami');
      for (const command of steps.slice(0, -1)) expect(sh(command, kubeconfig).status, command).toBe(0);
      const preview = await b.w.locator('[data-whoami]').textContent();
      const whoami = sh(steps.at(-1)!, kubeconfig);
      expect(whoami.stderr).toBe('');
      expect(whoami.stdout).toBe(preview);
      // The kubeconfig's user is the token and nothing else.
      const view = sh(`kubectl config view --raw -o jsonpath='{.users[0].user}'`, kubeconfig);
      expect(JSON.parse(view.stdout)).toEqual({ token: await b.cell(i, 'token').inputValue() });

      // --token on the command line, and curl with the Authorization header.
      const token = await b.cell(i, 'token').inputValue();
      const direct = sh(
        `kubectl --server=${server.url} --certificate-authority=ca.crt --token=${token} auth whoami`,
        join(dir, 'none.kubeconfig'),
      );
      expect(direct.stdout).toBe(preview);
      const curl = (await commands(b.w.locator('[data-curl]')))[0] ?? '';
      const answer = JSON.parse(sh(`${curl} -sS`, kubeconfig).stdout);
      const groups = [
        ...(await b.w.locator('[data-read] tbody tr').nth(i).locator('td').nth(3).textContent())!.split(', '),
      ];
      expect(answer.status.userInfo).toMatchObject({ username: user, groups });

      // A token one character off: the 401 kubectl message the page prints, and the Status body.
      const off = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      const refused = sh(`kubectl --token=${off} auth whoami`, kubeconfig);
      expect(refused.status).not.toBe(0);
      expect(`${refused.stderr.trim()}\n`).toBe(await b.w.locator('[data-wrong]').textContent());
      // biome-ignore lint/performance/useDomNodeTextContent: expressive-code's lines are <div>s: only innerText keeps their line breaks
      expect(`${refused.stderr.trim()}\n`).toBe(`${(await wrong.first().innerText()).trimEnd()}\n`);
      const body = sh(curl.replace(token, off), kubeconfig).stdout;
      expect(JSON.parse(body)).toEqual(UNAUTHORIZED_STATUS);

      // The page's own blocks, run as printed: a token not in the file, and alice's pods.
      if (user === 'alice') {
        const blocks = (await page.locator('.sl-markdown-content .expressive-code pre').allInnerTexts()).map(
          (t) => t.trimEnd(),
        );
        const next = (command: string) => {
          const i = blocks.indexOf(command);
          expect(i, command).toBeGreaterThanOrEqual(0);
          return blocks[i + 1]!;
        };
        const notInFile = sh('kubectl --token=not-in-the-file auth whoami', kubeconfig);
        expect(notInFile.stderr.trim()).toBe(next('kubectl --token=not-in-the-file auth whoami'));
        const pods = sh('kubectl get pods', kubeconfig);
        expect(pods.stderr.trim()).toBe(next('kubectl get pods'));
      }

      // The page's "Check it" shows alice, uid 1001, group developers: what kubectl printed for her.
      // biome-ignore lint/performance/useDomNodeTextContent: expressive-code's lines are <div>s: only innerText keeps their line breaks
      if (user === 'alice') expect(whoami.stdout).toBe(`${(await checkIt.first().innerText()).trimEnd()}\n`);
    }
  });
});

test.describe('lesson 1’s commands, run against the kube-apiserver stand-in', () => {
  test.skip(missing.length > 0, `needs ${missing.join(', ')}`);

  test('print the 401, the 403 of the double space, its warning and kubectl’s two 401 messages the page shows', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const work = mkdtempSync(join(tmpdir(), 'kal-e2e-bearer-'));
    let standin: Standin | undefined;
    try {
      makeApiserverCertificates(work);
      writeFileSync(join(work, 'tokens.csv'), 'a-token-nobody-sends-0123456789abcdef,alice,1001\n');
      standin = await startStandin(work, {
        cert: 'apiserver.crt',
        key: 'apiserver.key',
        tokenAuthFile: 'tokens.csv',
      });
      const kubeconfig = join(work, 'admin.kubeconfig');
      const env = { ...process.env, KUBECONFIG: kubeconfig };
      const sh = (script: string) => {
        const r = spawnSync('bash', ['-c', script], { cwd: work, encoding: 'utf8', env });
        return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
      };
      sh(
        [
          `kubectl config set-cluster kubernetes --server=${standin.url} --certificate-authority=ca.crt --embed-certs`,
          'kubectl config set-context admin@kubernetes --cluster=kubernetes',
          'kubectl config use-context admin@kubernetes',
        ].join(' && '),
      );

      await page.goto('/bearer-tokens/01-what-a-bearer-token-is/');
      const blocks = (await page.locator('.sl-markdown-content .expressive-code pre').allInnerTexts()).map(
        (b) => b.trimEnd(),
      );
      const at = (start: string) => {
        const i = blocks.findIndex((b) => b.startsWith(start));
        expect(i, `a block starting "${start}"`).toBeGreaterThanOrEqual(0);
        return i;
      };
      const first = at('SERVER=');
      const second = blocks.findIndex((b, i) => i > first && b.startsWith('curl '));
      const [serverBlock = '', doubleBlock = ''] = [blocks[first], blocks[second]];
      expect(blocks[first + 1]).toBe('401');
      expect(blocks[second + 1]).toBe('403');
      const r = sh(`${serverBlock}\n${doubleBlock}`);
      expect(r.stdout).toBe(`${blocks[first + 1]}\n${blocks[second + 1]}\n`);

      // The warning the double space brings, as curl -i shows it.
      const warning = blocks[at('warning: 299')];
      const headers = sh(
        `${serverBlock.split('\n')[0]}\n${doubleBlock.replace("-s -o /dev/null -w '%{http_code}\\n'", '-si')}`,
      );
      expect(headers.stdout.split('\r\n')).toContain(warning);

      // kubectl with a token no authenticator knows.
      const whoami = sh('kubectl --token=not-a-token auth whoami');
      expect(whoami.stderr.trim()).toBe(
        blocks[at('error: You must be logged in to the server (Unauthorized)')],
      );
      const get = sh('kubectl --token=not-a-token get pods');
      expect(get.stderr.trim().split('\n').at(-1)).toBe(
        blocks[at('error: You must be logged in to the server (the server has asked')],
      );
      expect(get.stderr).toContain("couldn't get current server API group list");
    } finally {
      standin?.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
