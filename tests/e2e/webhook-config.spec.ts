// The webhook-config widget of part 4, lesson 2, as a reader uses it, in English and Korean: before
// any script runs the page shows what the engine (src/recipes/webhook webhookSetup) writes for the
// defaults; with the part-1 certificates imported into the workspace (rootCA.pem, client.pem,
// client-key.pem, made here by src/pki) the reader's choices (users and groups, the webhook's port
// and path, the TokenReview version, the cache TTL, the client certificate required or not) give
// exactly the engine's users file, run command, webhook kubeconfig, kube-apiserver diff, kind
// config and checks, and the downloads are those texts; bad input gets its translated message at
// the field that caused it while the rest stays; a reload keeps every field, the users file with its
// tokens included (the widget has no keep-keys choice: its tokens are lab credentials the reader made
// here, and the part-1 key comes from the workspace, not from this widget); the widget in use has no
// serious axe violation in either theme. No request leaves the site (the fixture fails any).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import { issueClientCertificate, issueRootCa } from '../../src/pki/index.ts';
import { labScript } from '../../src/recipes/lab-scripts.ts';
import {
  WEBHOOK_FILES,
  WEBHOOK_SETUP_DEFAULTS,
  type WebhookSetup,
  type WebhookSetupFiles,
  type WebhookSetupInputs,
  webhookSetup,
  webhookUsersIn,
} from '../../src/recipes/webhook/webhook-setup.ts';
import { expect, seriousAxeViolations, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const prefix = (lang: Lang) => (lang === 'ko' ? '/ko' : '');
const LAB = (lang: Lang) => `${prefix(lang)}/webhook/02-lab-a-webhook-of-your-own/`;
const WORKBENCH = (lang: Lang) => `${prefix(lang)}/client-certificates/03-lab-issue-certificates/`;
const text = (lang: Lang, key: MessageKey | string, vars: Record<string, string | number> = {}) =>
  t(lang, key as MessageKey).replace(/\{(\w+)\}/g, (m, name: string) =>
    name in vars ? String(vars[name]) : m,
  );

const widget = (page: Page) => page.locator('kal-webhook-config');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const output = (page: Page, name: string) => widget(page).locator(`[data-output="${name}"]`);
const block = (page: Page, name: string) => widget(page).locator(`[data-block="${name}"]`);
/** A block's text as shown (Shiki or not), without the last newline. */
const shownText = async (page: Page, name: string) =>
  ((await block(page, name).locator('pre').textContent()) ?? '').replace(/\n$/, '');
const noNewline = (s: string | undefined) => (s ?? '').replace(/\n$/, '');

/** The part-1 files the widget reads from the workspace, made by the site's own PKI. */
let part1: Required<WebhookSetupFiles>;
test.beforeAll(async () => {
  const ca = await issueRootCa({ subject: { commonName: 'Kube Auth Lab Root CA' }, algorithm: 'ECDSA-P256' });
  const client = await issueClientCertificate(
    { subject: { commonName: 'kube-apiserver' }, algorithm: 'ECDSA-P256' },
    ca,
  );
  part1 = {
    'rootCA.pem': ca.certificatePem,
    'client.pem': client.certificatePem,
    'client-key.pem': client.privateKeyPem,
  };
});

/** Imports a workspace holding the part-1 files, as a reader does on the workbench page. */
async function importPart1(page: Page, lang: Lang) {
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-webhook-'));
  const path = join(dir, 'workspace.json');
  writeFileSync(
    path,
    JSON.stringify({
      format: 'kube-auth-lab-workspace',
      version: 1,
      updatedAt: new Date().toISOString(),
      files: part1,
      inputs: {},
    }),
  );
  await page.goto(WORKBENCH(lang));
  await page.locator('[data-import]').setInputFiles(path);
  await expect(page.locator('[data-ws-status]')).toHaveText(
    text(lang, 'workbench.ws.imported', { file: 'workspace.json' }),
  );
}

async function addUser(page: Page, user: { username: string; uid?: string; groups?: string }) {
  await field(page, 'newUsername').fill(user.username);
  await field(page, 'newUid').fill(user.uid ?? '');
  await field(page, 'newGroups').fill(user.groups ?? '');
  const before = await field(page, 'users').inputValue();
  await widget(page).locator('[data-action="add-user"]').click();
  await expect(field(page, 'users')).not.toHaveValue(before);
}

async function download(page: Page, name: string) {
  const wait = page.waitForEvent('download');
  await widget(page).locator(`[data-download="${name}"]`).click();
  const got = await wait;
  return { name: got.suggestedFilename(), text: readFileSync(await got.path(), 'utf8') };
}

/** Every text the widget shows for `s`, compared block by block with what the page shows. */
async function expectShown(page: Page, s: WebhookSetup, lang: Lang) {
  await expect(output(page, 'run').locator('pre')).toHaveText(s.run!.command);
  await expect.poll(() => shownText(page, 'kubeconfig')).toBe(noNewline(s.kubeconfig));
  await expect.poll(() => shownText(page, 'diff')).toBe(noNewline(s.change?.kubeadm?.diff));
  await expect.poll(() => shownText(page, 'manifest')).toBe(noNewline(s.change?.kubeadm?.manifest));
  await expect.poll(() => shownText(page, 'kind')).toBe(noNewline(s.change?.kind?.config));
  const commands = [s.review!.command, ...s.whoami!.commands, s.unknown!.kubectl, s.unknown!.curl].map(
    (c) => c.command,
  );
  await expect(output(page, 'check').locator('[data-block] pre')).toHaveText(commands);
  await expect(output(page, 'check').locator('[data-printed]')).toHaveText([
    s.review!.output,
    noNewline(s.whoami!.output),
    noNewline(s.unknown!.kubectlOutput),
    noNewline(s.unknown!.curlOutput),
  ]);
  await expect(output(page, 'check').locator('li > p').first()).toHaveText(
    text(lang, 'recipeStep.webhook.review'),
  );
}

for (const lang of ['en', 'ko'] as const) {
  test.describe(lang, () => {
    test(`before any script runs, the page shows what the engine writes for the defaults (${lang})`, async ({
      page,
    }) => {
      await page.goto(LAB(lang));
      const s = await webhookSetup({});
      await expect(output(page, 'run').locator('li > p')).toHaveText(text(lang, 'recipeStep.webhook.run'));
      await expect(output(page, 'run').locator('pre')).toHaveText(s.run!.command);
      expect(s.run!.command).toBe(
        'python3 token-webhook.py --cert server.pem --key server-key.pem --users webhook-users.json --client-ca rootCA.pem',
      );
      expect(await shownText(page, 'diff')).toBe(noNewline(s.change?.kubeadm?.diff));
      expect(await shownText(page, 'manifest')).toBe(noNewline(s.change?.kubeadm?.manifest));
      expect(await shownText(page, 'kind')).toBe(noNewline(s.change?.kind?.config));
      expect(s.change?.kubeadm?.diff).toContain('+    - --authentication-token-webhook-version=v1\n');
      await expect(output(page, 'kubeconfig')).toHaveText(
        text(lang, 'webhook.missingFiles', { files: 'rootCA.pem, client.pem, client-key.pem' }),
      );
      await expect(output(page, 'check')).toHaveText(text(lang, 'webhook.addFirst'));
      await expect(widget(page).locator('[data-download="users"]')).toBeDisabled();
      for (const [name, value] of Object.entries(WEBHOOK_SETUP_DEFAULTS))
        await expect(field(page, name)).toHaveValue(value);
    });

    test(`the reader's users, port, version, TTL and client-certificate choice with the workspace's part-1 files give the engine's files, change and checks, and the downloads are those files (${lang})`, async ({
      page,
    }) => {
      await importPart1(page, lang);
      await page.goto(LAB(lang));
      // The part-1 files from the workspace make the kubeconfig at once, for the default URL.
      await expect(block(page, 'kubeconfig')).toBeVisible();
      const kubeconfig0 = await shownText(page, 'kubeconfig');
      expect(kubeconfig0).toBe(noNewline((await webhookSetup({}, part1)).kubeconfig));

      await addUser(page, { username: 'alice', uid: '1001', groups: 'dev, webhook-users' });
      await expect(widget(page).locator('[data-status]')).toHaveText(
        text(lang, 'webhook.added', { user: 'alice' }),
      );
      await addUser(page, { username: 'bob', groups: 'ops' });
      const inputs: WebhookSetupInputs = {
        server: 'https://192.0.2.20:9443/review',
        version: 'v1beta1',
        cacheTtl: '30s',
        clientCert: 'not-required',
        apiServer: 'https://192.0.2.10:6443',
        caFile: 'ca.crt',
      };
      await field(page, 'server').fill(inputs.server!);
      await field(page, 'version').selectOption(inputs.version!);
      await field(page, 'cacheTtl').fill(inputs.cacheTtl!);
      await field(page, 'clientCert').selectOption(inputs.clientCert!);
      const users = await field(page, 'users').inputValue();
      const parsed = webhookUsersIn(users);
      expect(parsed.map((u) => [u.username, u.uid, u.groups])).toEqual([
        ['alice', '1001', ['dev', 'webhook-users']],
        ['bob', undefined, ['ops']],
      ]);
      for (const u of parsed) expect(u.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(parsed[0]!.token).not.toBe(parsed[1]!.token);

      const s = await webhookSetup({ ...inputs, users }, part1);
      expect(Object.keys(s.errors)).toEqual([]);
      await expectShown(page, s, lang);
      // What each choice did, in the engine's own words.
      expect(s.run!.command).toBe(
        'python3 token-webhook.py --cert server.pem --key server-key.pem --users webhook-users.json --address 0.0.0.0 --port 9443 --path /review',
      );
      expect(s.kubeconfig).toContain('    server: https://192.0.2.20:9443/review\n');
      expect(s.change?.kubeadm?.diff).toContain('+    - --authentication-token-webhook-cache-ttl=30s\n');
      expect(s.change?.kubeadm?.diff).toContain('+    - --authentication-token-webhook-version=v1beta1\n');
      expect(s.review!.command.command).not.toContain('--cert client.pem');
      expect(s.review!.command.command).toContain('"apiVersion":"authentication.k8s.io/v1beta1"');
      expect(s.whoami!.output).toBe(
        'ATTRIBUTE   VALUE\nUsername    alice\nUID         1001\nGroups      [dev webhook-users system:authenticated]\n',
      );
      await expect(widget(page).locator('.kal-asc-note', { hasText: 'alice' })).toHaveText(
        text(lang, 'webhook.firstUserOnly', { user: 'alice' }),
      );

      // The client certificate required again: the run command and the curl carry it.
      await field(page, 'clientCert').selectOption('required');
      const required = await webhookSetup({ ...inputs, clientCert: 'required', users }, part1);
      await expect(output(page, 'run').locator('pre')).toHaveText(required.run!.command);
      expect(required.run!.command).toContain(' --client-ca rootCA.pem');
      await expect(output(page, 'check').locator('[data-block] pre').first()).toHaveText(
        required.review!.command.command,
      );
      expect(required.review!.command.command).toContain('--cert client.pem --key client-key.pem');

      // Downloads: the users file, the kubeconfig, the diff, the kind config and the script.
      const usersFile = await download(page, 'users');
      expect(usersFile).toEqual({ name: WEBHOOK_FILES.users, text: users });
      const kc = await download(page, 'kubeconfig');
      expect(kc).toEqual({ name: WEBHOOK_FILES.kubeconfig, text: required.kubeconfig });
      expect(kc.text).toContain(
        `client-key-data: ${Buffer.from(part1['client-key.pem']).toString('base64')}`,
      );
      const diff = await download(page, 'diff');
      expect(diff.text).toBe(required.change?.kubeadm?.diff);
      const kind = await download(page, 'kind');
      expect(kind.text).toBe(required.change?.kind?.config);
      const wait = page.waitForEvent('download');
      await widget(page)
        .getByRole('link', { name: text(lang, 'webhook.downloadScript') })
        .click();
      const script = await wait;
      expect(script.suggestedFilename()).toBe('token-webhook.py');
      expect(readFileSync(await script.path(), 'utf8')).toBe(labScript('token-webhook.py', lang));
    });

    test(`bad input gets its translated message at that field, and the rest of the page stays (${lang})`, async ({
      page,
    }) => {
      await page.goto(LAB(lang));
      // The new user: no name, a control character in the name, the UID or a group.
      await field(page, 'newUsername').fill(' ');
      await widget(page).locator('[data-action="add-user"]').click();
      await expect(message(page, 'newUsername')).toHaveText(text(lang, 'error.webhook/no-username'));
      await expect(field(page, 'newUsername')).toHaveAttribute('aria-invalid', 'true');
      await expect(field(page, 'users')).toHaveValue('');
      await field(page, 'newUsername').fill('ali\tce');
      await widget(page).locator('[data-action="add-user"]').click();
      await expect(message(page, 'newUsername')).toHaveText(text(lang, 'error.webhook/control-character'));
      await field(page, 'newUsername').fill('alice');
      await field(page, 'newGroups').fill('dev, web\thook');
      await widget(page).locator('[data-action="add-user"]').click();
      await expect(message(page, 'newGroups')).toHaveText(text(lang, 'error.webhook/control-character'));
      await expect(message(page, 'newUsername')).toHaveText('');
      await expect(field(page, 'newUsername')).not.toHaveAttribute('aria-invalid', 'true');
      await expect(field(page, 'users')).toHaveValue('');
      await field(page, 'newGroups').fill('dev, webhook-users');
      await addUser(page, { username: 'alice', uid: '1001', groups: 'dev, webhook-users' });
      await expect(message(page, 'newGroups')).toHaveText('');
      await expect(output(page, 'check').locator('[data-printed]').nth(1)).toContainText('Username    alice');

      // The users file edited by hand into something token-webhook.py would not read.
      const users = await field(page, 'users').inputValue();
      await field(page, 'users').fill(users.replace('"username":"alice"', '"username":""'));
      await expect(message(page, 'users')).toHaveText(
        text(lang, 'error.webhook-users/bad-entry', { index: 0, field: 'username' }),
      );
      await expect(field(page, 'users')).toHaveAttribute('aria-invalid', 'true');
      await expect(output(page, 'check')).toHaveText(text(lang, 'webhook.addFirst'));
      await expect(output(page, 'run').locator('pre')).toHaveText((await webhookSetup({})).run!.command);
      await field(page, 'users').fill('{"users": [');
      await expect(message(page, 'users')).toHaveText(text(lang, 'error.webhook-users/not-json'));
      await field(page, 'users').fill(users);
      await expect(message(page, 'users')).toHaveText('');

      // The webhook URL: a port out of range, no path, not https.
      for (const [value, key, vars] of [
        ['https://localhost:70000/authenticate', 'error.webhook/bad-port', { value: '70000' }],
        ['https://localhost:0/authenticate', 'error.webhook/bad-port', { value: '0' }],
        ['https://localhost:8443', 'error.webhook/bad-server', { value: 'https://localhost:8443' }],
        [
          'http://localhost:8443/authenticate',
          'error.webhook/bad-server',
          { value: 'http://localhost:8443/authenticate' },
        ],
      ] as const) {
        await field(page, 'server').fill(value);
        await expect(message(page, 'server'), value).toHaveText(text(lang, key, vars));
        await expect(field(page, 'server')).toHaveAttribute('aria-invalid', 'true');
        await expect(output(page, 'run')).toHaveText(text(lang, 'webhook.fixServer'));
      }
      // The other parts stay: the flags, the checks that do not need the webhook URL.
      expect(await shownText(page, 'diff')).toBe(noNewline((await webhookSetup({})).change?.kubeadm?.diff));
      await expect(output(page, 'check').locator('[data-printed]').first()).toContainText(
        'Username    alice',
      );
      await field(page, 'server').fill('https://localhost:8443/authenticate');
      await expect(message(page, 'server')).toHaveText('');

      // The cache TTL: not a Go duration.
      for (const ttl of ['soon', '2 minutes', '5']) {
        await field(page, 'cacheTtl').fill(ttl);
        await expect(message(page, 'cacheTtl'), ttl).toHaveText(
          text(lang, 'error.webhook/bad-cache-ttl', { value: ttl }),
        );
        await expect(output(page, 'kubeadm')).toHaveText(text(lang, 'webhook.fixFlags'));
      }
      await expect(output(page, 'run').locator('pre')).toHaveText((await webhookSetup({})).run!.command);
      await field(page, 'cacheTtl').fill('1m30s');
      await expect(message(page, 'cacheTtl')).toHaveText('');
      await expect
        .poll(() => shownText(page, 'diff'))
        .toContain('+    - --authentication-token-webhook-cache-ttl=1m30s');

      // The API server URL and the CA file of the checks.
      await field(page, 'apiServer').fill('192.0.2.10:6443');
      await expect(message(page, 'apiServer')).not.toHaveText('');
      await expect(field(page, 'apiServer')).toHaveAttribute('aria-invalid', 'true');
      await expect(output(page, 'check')).toHaveText(
        new RegExp(text(lang, 'recipeStep.webhook.review').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      );
      await field(page, 'apiServer').fill('https://192.0.2.10:6443');
      await expect(message(page, 'apiServer')).toHaveText('');
      await field(page, 'caFile').fill('');
      await expect(message(page, 'caFile')).not.toHaveText('');
      await field(page, 'caFile').fill('ca.crt');
      await expect(message(page, 'caFile')).toHaveText('');
      await expect(field(page, 'newUid')).toHaveValue('1001');
      await expect(field(page, 'users')).toHaveValue(users);
    });
  });
}

test('a reload keeps every field and the users file with its tokens; the kubeconfig comes back from the workspace', async ({
  page,
}) => {
  await importPart1(page, 'en');
  await page.goto(LAB('en'));
  await addUser(page, { username: 'kim', uid: '7', groups: 'ops, dev' });
  const values: Record<string, string> = {
    server: 'https://localhost:9443/authenticate',
    cacheTtl: '45s',
    apiServer: 'https://127.0.0.1:6443',
    caFile: 'cluster-ca.pem',
  };
  for (const [name, value] of Object.entries(values)) await field(page, name).fill(value);
  await field(page, 'version').selectOption('v1beta1');
  await field(page, 'clientCert').selectOption('not-required');
  const users = await field(page, 'users').inputValue();
  const s = await webhookSetup(
    { ...values, users, version: 'v1beta1', clientCert: 'not-required', newUsername: 'kim' },
    part1,
  );
  await expectShown(page, s, 'en');
  await page.reload();
  await expect(field(page, 'users')).toHaveValue(users);
  for (const [name, value] of Object.entries(values)) await expect(field(page, name)).toHaveValue(value);
  await expect(field(page, 'version')).toHaveValue('v1beta1');
  await expect(field(page, 'clientCert')).toHaveValue('not-required');
  await expect(field(page, 'newUsername')).toHaveValue('kim');
  await expect(field(page, 'newGroups')).toHaveValue('ops, dev');
  await expectShown(page, s, 'en');
  await expect(widget(page).locator('[data-download="users"]')).toBeEnabled();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the widget in use, with a user, the workspace's files and a bad field, has no serious axe violation (${theme}, 390 px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.addInitScript((th) => localStorage.setItem('starlight-theme', th), theme);
    await importPart1(page, 'ko');
    await page.goto(LAB('ko'));
    await addUser(page, { username: 'alice', uid: '1001', groups: 'dev, webhook-users' });
    await expect(block(page, 'kubeconfig')).toBeVisible();
    await field(page, 'cacheTtl').fill('soon');
    await expect(message(page, 'cacheTtl')).not.toHaveText('');
    await widget(page)
      .locator('[data-manifest-details]')
      .evaluate((d) => d.setAttribute('open', ''));
    const violations = await seriousAxeViolations(page, 'kal-webhook-config');
    expect(violations).toEqual([]);
  });
}
