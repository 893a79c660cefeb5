// The kube-apiserver change of part 2's lessons 2, 3 and 4, as a reader uses it, in English and
// Korean: the default change is on the page before any script runs; bad input in every field is
// refused with a translated message at that field while the rest stays; a pasted manifest that is
// not YAML or not kube-apiserver's is refused at the manifest box; the diff, the changed file and
// the kind config equal what the engine makes for the same fields (the unit and interop tests judge
// those field by field and with GNU patch); nothing typed is lost on a reload made at once; no
// request leaves the site (the fixture fails any).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { parse } from 'yaml';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import {
  KUBEADM_KUBE_APISERVER_MANIFEST,
  kindClusterConfig,
  patchReaderManifest,
} from '../../src/recipes/tokens/index.ts';
import { englishLeft } from './english-left.ts';
import { expect, test } from './fixtures.ts';
import { holdWorkspaceOpen, workspaceLate } from './late-workspace.ts';

type Lang = 'en' | 'ko';
const LESSONS = {
  'token-file': '02-lab-static-token-file',
  bootstrap: '03-bootstrap-tokens',
  'service-account': '04-service-account-tokens',
} as const;
const PAGE = (lang: Lang, preset: keyof typeof LESSONS) =>
  `${lang === 'ko' ? '/ko' : ''}/bearer-tokens/${LESSONS[preset]}/`;

/** A dictionary text with its placeholders filled, as the widget shows it. */
const text = (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));

const widget = (page: Page) => page.locator('kal-apiserver-change');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const block = (page: Page, name: string) => widget(page).locator(`[data-block="${name}"] pre`);

/** The text of a code block as shown (Shiki's lines or the plain <pre>), ending in one newline. */
async function shown(locator: Locator): Promise<string> {
  return `${((await locator.textContent()) ?? '').replace(/\n*$/, '')}\n`;
}

/** Clicks a download button and returns the file's name and text. */
async function download(page: Page, name: string): Promise<{ name: string; text: string }> {
  const button = widget(page).locator(`button[data-download="${name}"]`);
  // The whole manifest sits in a closed <details>, as a reader finds it: open it as a reader would.
  const details = widget(page).locator(`details:has(button[data-download="${name}"])`);
  if (await details.count()) await details.locator('summary').click();
  const wait = page.waitForEvent('download');
  await button.click();
  const file = await wait;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** A reader's own manifest: kubeadm's for another address and version, with CRLF line ends. */
const OWN_MANIFEST = KUBEADM_KUBE_APISERVER_MANIFEST.replaceAll('192.0.2.10', '10.0.0.5')
  .replace('v1.32.4', 'v1.33.1')
  .replace(/\n/g, '\r\n');

for (const lang of ['en', 'ko'] as const) {
  test.describe(`${lang}`, () => {
    test(`token file: the default change is on the page before any edit, with the mount and the volume (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang, 'token-file'));
      const expected = patchReaderManifest({ tokenAuthFile: '/etc/kubernetes/tokens.csv' });
      expect(await shown(block(page, 'diff'))).toBe(expected.diff);
      await expect(widget(page).locator('[data-mounts]')).toHaveText(
        text(lang, 'apiserver.mounts', { list: 'token-auth-file (/etc/kubernetes/tokens.csv)' }),
      );
      // The whole file is kubeadm's example, so the page says not to copy it and says to edit by hand.
      await expect(widget(page).locator('.kal-asc-warn')).toHaveText(text(lang, 'apiserver.fullWarn'));
      await expect(widget(page).locator('[data-block^="kubeadm-step"]').nth(2)).toContainText(
        'sudoedit /etc/kubernetes/manifests/kube-apiserver.yaml',
      );
      const file = await download(page, 'manifest');
      expect(file).toEqual({ name: 'kube-apiserver.yaml', text: expected.manifest });
      const kind = await download(page, 'kind');
      expect(kind.name).toBe('kind-config.yaml');
      expect(kind.text).toBe(
        kindClusterConfig({
          settings: { tokenAuthFile: '/etc/kubernetes/tokens.csv' },
          kubeadmApi: 'v1beta4',
        }),
      );
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });

    test(`token file: a bad path is refused at its field, and the fixed path changes the diff (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang, 'token-file'));
      const path = field(page, 'tokenAuthFile');
      await path.fill('tokens.csv');
      await expect(message(page, 'tokenAuthFile')).toHaveText(
        text(lang, 'error.apiserver-flags/bad-path', { value: 'tokens.csv' }),
      );
      await expect(path).toHaveAttribute('aria-invalid', 'true');
      await expect(widget(page).locator('[data-output="kubeadm"] [data-blocked]')).toHaveText(
        text(lang, 'apiserver.kubeadmBlocked'),
      );
      await expect(widget(page).locator('[data-output="kind"] [data-blocked]')).toHaveText(
        text(lang, 'apiserver.kindBlocked'),
      );
      await path.fill('/etc/kubernetes/my tokens.csv');
      await expect(message(page, 'tokenAuthFile')).toHaveText(
        text(lang, 'error.apiserver-flags/bad-path', { value: '/etc/kubernetes/my tokens.csv' }),
      );
      await path.fill('');
      await expect(message(page, 'tokenAuthFile')).toHaveText(text(lang, 'apiserver.nothing.token-file'));
      await path.fill('/srv/auth/tokens.csv');
      await expect(message(page, 'tokenAuthFile')).toHaveText('');
      await expect(path).not.toHaveAttribute('aria-invalid');
      const expected = patchReaderManifest({ tokenAuthFile: '/srv/auth/tokens.csv' });
      await expect(block(page, 'diff')).toHaveText(expected.diff.replace(/\n$/, ''));
      // The steps put the file where the flag says, and the highlighted blocks arrive once Shiki loads.
      await expect(widget(page).locator('[data-block="kubeadm-step-0"]')).toContainText(
        'sudo install -D -m 600 tokens.csv /srv/auth/tokens.csv',
      );
      await expect(widget(page).locator('[data-block="kind"] .shiki')).toBeVisible();
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });

    test(`token file: a pasted manifest that is not YAML or not kube-apiserver's is refused at the box; the reader's own is patched (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang, 'token-file'));
      await widget(page).locator('[data-manifest-details] summary').click();
      const box = field(page, 'manifest');
      await box.fill('apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n');
      await expect(message(page, 'manifest')).toHaveText(
        text(lang, 'error.kubeadm-manifest/not-yaml', { line: 5 }),
      );
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      await expect(widget(page).locator('[data-output="kubeadm"] [data-blocked]')).toBeVisible();
      // The kind config does not depend on the manifest: it stays.
      await expect(block(page, 'kind')).toContainText('token-auth-file');
      await box.fill('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n');
      await expect(message(page, 'manifest')).toHaveText(
        text(lang, 'error.kubeadm-manifest/not-kube-apiserver'),
      );
      await box.fill(OWN_MANIFEST);
      await expect(message(page, 'manifest')).toHaveText('');
      const expected = patchReaderManifest({ tokenAuthFile: '/etc/kubernetes/tokens.csv' }, OWN_MANIFEST);
      await expect(widget(page).locator('[data-output="kubeadm"] > p').first()).toHaveText(
        text(lang, 'apiserver.diffOwn'),
      );
      await expect(block(page, 'diff')).toHaveText(expected.diff.replace(/\n$/, ''));
      await expect(widget(page).locator('.kal-asc-warn')).toHaveCount(0);
      await expect(widget(page).locator('[data-block="kubeadm-step-2"]')).toContainText(
        'sudo cp kube-apiserver.yaml /etc/kubernetes/manifests/kube-apiserver.yaml',
      );
      const file = await download(page, 'manifest');
      expect(file.text).toBe(expected.manifest);
      const pod = parse(file.text);
      expect(pod.spec.containers[0].image).toBe('registry.k8s.io/kube-apiserver:v1.33.1');
    });

    test(`token file: each copy button copies exactly its block, before and after an edit (${lang})`, async ({
      page,
    }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.goto(PAGE(lang, 'token-file'));
      const copied = async (name: string) => {
        await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
        await widget(page).locator(`button[data-copy="${name}"]`).click();
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('nothing yet');
        return page.evaluate(() => navigator.clipboard.readText());
      };
      const settings = { tokenAuthFile: '/etc/kubernetes/tokens.csv' };
      expect(await copied('diff')).toBe(patchReaderManifest(settings).diff);
      expect(await copied('kind')).toBe(kindClusterConfig({ settings, kubeadmApi: 'v1beta4' }));
      await expect(widget(page).locator('button[data-copy="diff"]')).toHaveText(text(lang, 'newuser.copied'));
      await field(page, 'tokenAuthFile').fill('/srv/auth/tokens.csv');
      await expect(widget(page).locator('[data-block="kubeadm-step-0"]')).toContainText(
        '/srv/auth/tokens.csv',
      );
      expect(await copied('kubeadm-step-0')).toBe('sudo install -D -m 600 tokens.csv /srv/auth/tokens.csv');
      expect(await copied('diff')).toBe(patchReaderManifest({ tokenAuthFile: '/srv/auth/tokens.csv' }).diff);
    });

    test(`token file: the path and the pasted manifest survive a reload made at once (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang, 'token-file'));
      await field(page, 'tokenAuthFile').fill('/srv/auth/tokens.csv');
      await widget(page).locator('[data-manifest-details] summary').click();
      await field(page, 'manifest').fill(OWN_MANIFEST);
      await field(page, 'kubeadmApi').selectOption('v1beta3');
      await page.reload();
      await expect(field(page, 'tokenAuthFile')).toHaveValue('/srv/auth/tokens.csv');
      await expect(field(page, 'manifest')).toBeVisible();
      expect(await field(page, 'manifest').inputValue()).toBe(OWN_MANIFEST.replace(/\r\n/g, '\n'));
      await expect(field(page, 'kubeadmApi')).toHaveValue('v1beta3');
      // The output is worked out again from what came back, not left at the default.
      const expected = patchReaderManifest({ tokenAuthFile: '/srv/auth/tokens.csv' }, OWN_MANIFEST);
      await expect(block(page, 'diff')).toHaveText(expected.diff.replace(/\n$/, ''));
      await expect(block(page, 'kind')).toContainText('apiVersion: kubeadm.k8s.io/v1beta3');
    });

    test(`bootstrap tokens: kubeadm's manifest has the flag already, and an unticked box is refused at the box (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang, 'bootstrap'));
      await expect(widget(page).locator('[data-unchanged]')).toHaveText(text(lang, 'apiserver.unchanged'));
      await expect(block(page, 'diff')).toHaveCount(0);
      const box = field(page, 'enableBootstrapTokenAuth');
      await box.uncheck();
      await expect(message(page, 'enableBootstrapTokenAuth')).toHaveText(
        text(lang, 'apiserver.nothing.bootstrap'),
      );
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      await page.reload();
      await expect(box).not.toBeChecked();
      await expect(message(page, 'enableBootstrapTokenAuth')).toHaveText(
        text(lang, 'apiserver.nothing.bootstrap'),
      );
      await box.check();
      await expect(message(page, 'enableBootstrapTokenAuth')).toHaveText('');
      // On a manifest without the flag (kube-apiserver's default is false) the change adds it.
      await widget(page).locator('[data-manifest-details] summary').click();
      const without = KUBEADM_KUBE_APISERVER_MANIFEST.replace(
        '    - --enable-bootstrap-token-auth=true\n',
        '',
      );
      await field(page, 'manifest').fill(without);
      await expect(block(page, 'diff')).toHaveText(
        patchReaderManifest({ enableBootstrapTokenAuth: true }, without).diff.replace(/\n$/, ''),
      );
      await expect(block(page, 'diff')).toContainText('+    - --enable-bootstrap-token-auth=true');
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });

    test(`service-account flags: every field refuses bad input at that field, and kind's v1beta3 refuses a repeated flag at its select (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang, 'service-account'));
      const expectedDefault = patchReaderManifest({
        serviceAccountIssuers: ['https://kubernetes.default.svc.cluster.local'],
        serviceAccountKeyFiles: ['/etc/kubernetes/pki/sa.pub', '/etc/kubernetes/pki/sa-extra.pub'],
        serviceAccountSigningKeyFile: '/etc/kubernetes/pki/sa.key',
      });
      expect(await shown(block(page, 'diff'))).toBe(expectedDefault.diff);
      await expect(widget(page).locator('[data-mounts]')).toHaveText(text(lang, 'apiserver.noMounts'));

      const cases: [string, string, MessageKey, string][] = [
        [
          'serviceAccountIssuers',
          'https://a.example\nnot a url',
          'error.apiserver-flags/bad-value',
          'not a url',
        ],
        [
          'serviceAccountKeyFiles',
          '/etc/kubernetes/pki/sa.pub\nsa-new.pub',
          'error.apiserver-flags/bad-path',
          'sa-new.pub',
        ],
        ['serviceAccountSigningKeyFile', 'keys/sa.key', 'error.apiserver-flags/bad-path', 'keys/sa.key'],
        ['apiAudiences', 'vault, "quoted"', 'error.apiserver-flags/bad-value', '"quoted"'],
      ];
      for (const [name, bad, key, value] of cases) {
        const input = field(page, name);
        const before = await input.inputValue();
        await input.fill(bad);
        await expect(message(page, name), name).toHaveText(text(lang, key, { value }));
        await expect(input).toHaveAttribute('aria-invalid', 'true');
        await input.fill(before);
        await expect(message(page, name), name).toHaveText('');
      }
      // Every field empty: nothing to change, said at the first field.
      for (const name of ['serviceAccountIssuers', 'serviceAccountKeyFiles', 'serviceAccountSigningKeyFile'])
        await field(page, name).fill('');
      await expect(message(page, 'serviceAccountIssuers')).toHaveText(
        text(lang, 'apiserver.nothing.service-account'),
      );
      // A new issuer first, the old one still accepted; a key outside pki gets a volume.
      await field(page, 'serviceAccountIssuers').fill(
        'https://issuer.example\nhttps://kubernetes.default.svc.cluster.local',
      );
      await field(page, 'serviceAccountKeyFiles').fill('/etc/kubernetes/pki/sa.pub\n/srv/keys/extra.pub');
      await field(page, 'apiAudiences').fill('https://issuer.example, vault');
      const settings = {
        serviceAccountIssuers: ['https://issuer.example', 'https://kubernetes.default.svc.cluster.local'],
        serviceAccountKeyFiles: ['/etc/kubernetes/pki/sa.pub', '/srv/keys/extra.pub'],
        apiAudiences: ['https://issuer.example', 'vault'],
      };
      await expect(block(page, 'diff')).toHaveText(patchReaderManifest(settings).diff.replace(/\n$/, ''));
      await expect(widget(page).locator('[data-mounts]')).toHaveText(
        text(lang, 'apiserver.mounts', { list: 'sa-key (/srv/keys/extra.pub)' }),
      );
      await field(page, 'kubeadmApi').selectOption('v1beta3');
      await expect(message(page, 'kubeadmApi')).toHaveText(
        text(lang, 'error.kind-config/repeated-flag', { value: 'service-account-issuer' }),
      );
      await expect(widget(page).locator('[data-output="kind"] [data-blocked]')).toBeVisible();
      await expect(block(page, 'diff')).toBeVisible();
      await field(page, 'kubeadmApi').selectOption('v1beta4');
      await expect(message(page, 'kubeadmApi')).toHaveText('');
      const kind = await download(page, 'kind');
      expect(kind.text).toBe(kindClusterConfig({ settings, kubeadmApi: 'v1beta4' }));
      await page.reload();
      await expect(field(page, 'serviceAccountKeyFiles')).toHaveValue(
        '/etc/kubernetes/pki/sa.pub\n/srv/keys/extra.pub',
      );
      await expect(field(page, 'serviceAccountSigningKeyFile')).toHaveValue('');
      await expect(field(page, 'apiAudiences')).toHaveValue('https://issuer.example, vault');
      await expect(block(page, 'diff')).toHaveText(patchReaderManifest(settings).diff.replace(/\n$/, ''));
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });
  });
}

test('the bootstrap switch and the kubeadm API come back after a reload, also when the workspace answers late', async ({
  page,
}) => {
  await holdWorkspaceOpen(page);
  await page.goto(PAGE('en', 'bootstrap'));
  const box = field(page, 'enableBootstrapTokenAuth');
  await box.uncheck();
  await field(page, 'kubeadmApi').selectOption('v1beta3');
  await page.reload();
  await expect(box).not.toBeChecked();
  await expect(field(page, 'kubeadmApi')).toHaveValue('v1beta3');
  await workspaceLate(page, 800);
  await page.reload();
  await page.waitForTimeout(1200);
  await expect(box).not.toBeChecked();
  await expect(field(page, 'kubeadmApi')).toHaveValue('v1beta3');
  await workspaceLate(page, 0);
});
