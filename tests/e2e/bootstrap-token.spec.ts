// Part 2 lesson 3's bootstrap-token maker, as a reader uses it, in English and Korean: a token made
// in the page, its Secret, the kubeadm command and the identity; bad input in every field refused
// at that field; nothing lost on a reload (a typed token only when the reader asks); the CA hash
// equal to what the printed openssl pipeline prints; and the Secret the maker wrote, loaded into the
// Go stand-in of kube-apiserver's authentication, judged by real kubectl.
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parse } from 'yaml';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import { type ClusterObject, clusterObjectsJson } from '../../src/tokens/index.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { englishLeft } from './english-left.ts';
import { expect, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const PAGE = (lang: Lang) => `${lang === 'ko' ? '/ko' : ''}/bearer-tokens/03-bootstrap-tokens/`;
const TOKEN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
/** The real tools these tests run; outside CI a missing one skips the tests that need it. */
const missingTools = ['go', 'openssl', 'kubectl'].filter((tool) => !hasTool(tool));
if (missingTools.length && inCI)
  throw new Error(`CI=true and the bootstrap-token e2e needs ${missingTools.join(', ')}`);

/** A dictionary text with its placeholders filled, as the widget shows it. */
const text = (lang: Lang, key: MessageKey, vars: Record<string, string> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);

const widget = (page: Page) => page.locator('kal-bootstrap-token');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);

/** Fills a field as a reader does (input events), replacing what it held. */
async function type(locator: Locator, value: string) {
  await locator.fill(value);
}

/** Clicks "Make a random token" and returns the token once the field holds it. */
async function makeToken(page: Page): Promise<string> {
  await widget(page).getByRole('button', { name: 'Make a random token' }).click();
  await expect(field(page, 'token')).toHaveValue(TOKEN);
  return field(page, 'token').inputValue();
}

test('a reader makes a token and gets its Secret, the kubeadm command and the identity, and finds them after a reload', async ({
  page,
}) => {
  await page.goto(PAGE('en'));
  const token = await makeToken(page);
  expect(token).toMatch(TOKEN);
  const id = token.slice(0, 6);
  await expect(widget(page).locator('[data-token-kept]')).toHaveText(text('en', 'bootstrap.tokenKeptMade'));
  await field(page, 'description').fill('join worker-1');
  const yaml = widget(page).locator('[data-yaml] pre').first();
  await expect(yaml).toContainText('description: join worker-1');
  const secret = parse((await yaml.textContent()) ?? '');
  expect(secret.metadata).toEqual({ name: `bootstrap-token-${id}`, namespace: 'kube-system' });
  expect(secret.type).toBe('bootstrap.kubernetes.io/token');
  expect(secret.stringData['token-id']).toBe(id);
  expect(secret.stringData['token-secret']).toBe(token.slice(7));
  expect(secret.stringData['usage-bootstrap-authentication']).toBe('true');
  expect(secret.stringData['usage-bootstrap-signing']).toBe('true');
  expect(secret.stringData['auth-extra-groups']).toBe('system:bootstrappers:kubeadm:default-node-token');
  // 24 h from now, as kubeadm's default --ttl.
  const expires = Date.parse(secret.stringData.expiration);
  expect(Math.abs(expires - Date.now() - 24 * 3600_000)).toBeLessThan(120_000);

  await expect(widget(page).locator('[data-kubeadm]')).toContainText(
    `sudo kubeadm token create ${token} --ttl 24h --usages authentication,signing --groups system:bootstrappers:kubeadm:default-node-token --description 'join worker-1'`,
  );
  await expect(widget(page).locator('[data-whoami]')).toContainText(`Username    system:bootstrap:${id}`);
  await expect(widget(page).locator('[data-whoami]')).toContainText(
    'Groups      [system:bootstrappers system:bootstrappers:kubeadm:default-node-token system:authenticated]',
  );

  const download = page.waitForEvent('download');
  await widget(page)
    .getByRole('button', { name: `Download bootstrap-token-${id}.yaml` })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`bootstrap-token-${id}.yaml`);
  expect(readFileSync(await file.path(), 'utf8')).toBe(await yaml.textContent());

  await page.reload();
  await expect(field(page, 'token')).toHaveValue(token);
  await expect(field(page, 'description')).toHaveValue('join worker-1');
  await expect(widget(page).locator('[data-whoami]')).toContainText(`system:bootstrap:${id}`);
});

for (const lang of ['en', 'ko'] as const) {
  test(`(${lang}) bad input in every field gets a translated message at that field, and nothing typed is lost on a reload`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    test.skip(!hasTool('openssl'), 'needs openssl');
    const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-bootstrap-'));
    try {
      makeCa(dir, 'ca');
      makeLeaf(dir, 'ca', 'leaf', '/CN=leaf', ['extendedKeyUsage=serverAuth', 'basicConstraints=CA:FALSE']);
      const leaf = readFileSync(join(dir, 'leaf.crt'), 'utf8');
      await page.goto(PAGE(lang));
      const cases: [string, string, string][] = [
        ['token', 'ABCDEF.0123456789abcdef', text(lang, 'error.bootstrap-token/format' as MessageKey)],
        ['description', 'line one\tand a tab', text(lang, 'error.kubeadm-token/control-character')],
        ['ttl', '1d', text(lang, 'error.kubeadm-token/bad-ttl' as MessageKey, { value: '1d' })],
        [
          'groups',
          'system:bootstrappers:kubeadm:default-node-token\nsystem:nodes',
          text(lang, 'error.bootstrap-token/bad-group' as MessageKey, { value: 'system:nodes' }),
        ],
        ['ca', leaf, text(lang, 'error.discovery-hash/not-a-ca' as MessageKey)],
        [
          'endpoint',
          'https://192.0.2.10:6443',
          text(lang, 'error.kubeadm-join/bad-endpoint', { value: 'https://192.0.2.10:6443' }),
        ],
      ];
      for (const [name, value, expected] of cases) {
        await type(field(page, name), value);
        await expect(message(page, name), name).toHaveText(expected);
        await expect(field(page, name), name).toHaveAttribute('aria-invalid', 'true');
      }
      await type(field(page, 'ca'), 'not a certificate');
      await expect(message(page, 'ca')).toHaveText(text(lang, 'error.pem/no-block' as MessageKey));
      await type(field(page, 'ttl'), '');
      await expect(message(page, 'ttl')).toHaveText(text(lang, 'bootstrap.ttlEmpty'));
      await field(page, 'usageAuthentication').uncheck();
      await field(page, 'usageSigning').uncheck();
      await expect(message(page, 'usages')).toHaveText(text(lang, 'bootstrap.noUsage'));
      await expect(widget(page).locator('[data-status]')).toHaveText(text(lang, 'bootstrap.fixFirst'));
      await expect(widget(page).locator('[data-output]')).toBeHidden();
      // A typed token is not kept, and the page says so.
      await expect(widget(page).locator('[data-token-kept]')).toHaveText(
        text(lang, 'bootstrap.tokenNotKept'),
      );
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);

      // An immediate reload brings every field back but the typed token.
      await type(field(page, 'ttl'), '90m');
      await page.reload();
      await expect(field(page, 'ttl')).toHaveValue('90m');
      await expect(field(page, 'description')).toHaveValue('line one\tand a tab');
      await expect(field(page, 'groups')).toHaveValue(
        'system:bootstrappers:kubeadm:default-node-token\nsystem:nodes',
      );
      await expect(field(page, 'ca')).toHaveValue('not a certificate');
      await expect(field(page, 'endpoint')).toHaveValue('https://192.0.2.10:6443');
      await expect(field(page, 'usageAuthentication')).not.toBeChecked();
      await expect(field(page, 'usageSigning')).not.toBeChecked();
      await expect(field(page, 'token')).toHaveValue('');
      await expect(message(page, 'groups')).toHaveText(
        text(lang, 'error.bootstrap-token/bad-group' as MessageKey, { value: 'system:nodes' }),
      );

      // Ticked, a typed token is kept too.
      await field(page, 'keepToken').check();
      await type(field(page, 'token'), 'abcdef.0123456789abcdef');
      await expect(message(page, 'token')).toHaveText('');
      await expect(widget(page).locator('[data-token-kept]')).toHaveText(
        text(lang, 'bootstrap.tokenKeptTicked'),
      );
      await page.reload();
      await expect(field(page, 'token')).toHaveValue('abcdef.0123456789abcdef');
      await expect(field(page, 'keepToken')).toBeChecked();
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the hash the maker shows for a pasted RSA or ECDSA CA is what its openssl pipeline prints, and the join line carries it', async ({
  page,
}) => {
  test.skip(!hasTool('openssl'), 'needs openssl');
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-bootstrap-hash-'));
  try {
    await page.goto(PAGE('en'));
    const token = await makeToken(page);
    await type(field(page, 'endpoint'), 'cp1.example.com:6443');
    for (const name of ['rsa', 'p256', 'p384'] as const) {
      const pem = makeCa(dir, name, { key: name, days: 10, keyUsage: null });
      const before = (await widget(page).locator('[data-hash]').textContent()) ?? '';
      await type(field(page, 'ca'), pem);
      await expect(widget(page).locator('[data-hash]'), name).not.toHaveText(before);
      await expect(widget(page).locator('[data-hash]'), name).toHaveText(/^sha256:[0-9a-f]{64}$/);
      const shown = (await widget(page).locator('[data-hash]').textContent()) ?? '';
      // The pipeline exactly as printed, with the path of this CA instead of the node's.
      const pipeline = (await widget(page).locator('[data-pipeline] pre').textContent()) ?? '';
      expect(pipeline).toContain('/etc/kubernetes/pki/ca.crt');
      const printed = execSync(pipeline.replace('/etc/kubernetes/pki/ca.crt', `${name}.crt`), {
        cwd: dir,
        encoding: 'utf8',
        shell: '/bin/bash',
      }).trim();
      expect(shown, name).toBe(`sha256:${printed}`);
      await expect(widget(page).locator('[data-join]')).toContainText(
        `sudo kubeadm join cp1.example.com:6443 --token ${token} --discovery-token-ca-cert-hash ${shown}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the lesson-3 workbench's root CA fills the CA field in one click, and its hash is what the pipeline prints for it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  test.skip(!hasTool('openssl'), 'needs openssl');
  await page.goto('/client-certificates/03-lab-issue-certificates/');
  await page.getByRole('button', { name: 'Make the three certificates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'kept in your workspace' })).toBeVisible({
    timeout: 60_000,
  });
  await page.goto(PAGE('en'));
  await widget(page).getByRole('button', { name: 'Use the workspace’s root CA (rootCA.pem)' }).click();
  await expect(field(page, 'ca')).toHaveValue(/^-----BEGIN CERTIFICATE-----/);
  await expect(widget(page).locator('[data-hash]')).toHaveText(/^sha256:[0-9a-f]{64}$/);
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-bootstrap-ws-'));
  try {
    writeFileSync(join(dir, 'rootCA.pem'), await field(page, 'ca').inputValue());
    const pipeline = (await widget(page).locator('[data-pipeline] pre').textContent()) ?? '';
    const printed = execSync(pipeline.replace('/etc/kubernetes/pki/ca.crt', 'rootCA.pem'), {
      cwd: dir,
      encoding: 'utf8',
      shell: '/bin/bash',
    }).trim();
    await expect(widget(page).locator('[data-hash]')).toHaveText(`sha256:${printed}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.reload();
  await expect(field(page, 'ca')).toHaveValue(/^-----BEGIN CERTIFICATE-----/);
});

test("the Secret the maker writes makes kubectl auth whoami print the maker's preview against the stand-in; without the authentication usage or after expiring, kubectl gets the 401 the page predicts; the page's Check it prints what kubectl prints", async ({
  page,
}) => {
  test.setTimeout(120_000);
  test.skip(missingTools.length > 0, `needs ${missingTools.join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-bootstrap-standin-'));
  makeCa(dir, 'ca');
  makeLeaf(dir, 'ca', 'apiserver', '/CN=kube-apiserver', [
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    'extendedKeyUsage=serverAuth',
  ]);
  const objects = join(dir, 'objects.json');
  writeFileSync(objects, clusterObjectsJson([]));
  const server = await startStandin(dir, {
    cert: join(dir, 'apiserver.crt'),
    key: join(dir, 'apiserver.key'),
    bootstrapTokens: true,
    objectsFile: objects,
    tokenCacheTtl: '0s',
  });
  try {
    // The lesson's "Check it" command, as printed there.
    const whoami = (token: string) => {
      const r = spawnSync(
        'kubectl',
        [
          '--kubeconfig',
          '/dev/null',
          '--server',
          server.url,
          '--certificate-authority',
          join(dir, 'ca.crt'),
          '--token',
          token,
          'auth',
          'whoami',
        ],
        { encoding: 'utf8', stdin: 'ignore' } as never,
      );
      return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    /** Puts the Secret the page shows into the stand-in's objects (read on every lookup). */
    const loadSecret = async () => {
      const yaml = (await widget(page).locator('[data-yaml] pre').first().textContent()) ?? '';
      writeFileSync(objects, clusterObjectsJson([parse(yaml) as ClusterObject]));
    };

    await page.goto(PAGE('en'));
    const token = await makeToken(page);
    // Groups typed out of order: kube-apiserver sorts them.
    await type(
      field(page, 'groups'),
      'system:bootstrappers:worker\nsystem:bootstrappers:kubeadm:default-node-token',
    );
    await expect(widget(page).locator('[data-whoami]')).toContainText('system:bootstrappers:worker');
    await loadSecret();
    const ok = whoami(token);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(await widget(page).locator('[data-whoami]').textContent());

    // Without the authentication usage: the refusal the page predicts.
    await field(page, 'usageAuthentication').uncheck();
    await expect(widget(page).locator('[data-refusal-box]')).toHaveAttribute(
      'data-code',
      'no-authentication-usage',
    );
    await loadSecret();
    const refused = whoami(token);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      await widget(page).locator('[data-refusal-box] [data-kubectl]').textContent(),
    );
    expect(await server.log()).toContain(
      (await widget(page).locator('[data-refusal-box] [data-log]').textContent()) ?? '(no log line shown)',
    );

    // A token of eight seconds: accepted now, refused as the page says once it has expired.
    await field(page, 'usageAuthentication').check();
    await type(field(page, 'ttl'), '8s');
    const expiration = async () => {
      const yaml = (await widget(page).locator('[data-yaml] pre').first().textContent()) ?? '';
      return Date.parse(parse(yaml).stringData.expiration);
    };
    await expect.poll(async () => (await expiration()) - Date.now()).toBeLessThan(10_000);
    await expect(widget(page).locator('[data-expiry]')).toHaveAttribute('data-code', 'expired');
    await loadSecret();
    expect(whoami(token).stdout).toBe(await widget(page).locator('[data-whoami]').textContent());
    await page.waitForTimeout(Math.max(0, (await expiration()) + 1500 - Date.now()));
    const expired = whoami(token);
    expect(expired.stdout).toBe('');
    expect(expired.stderr).toBe(await widget(page).locator('[data-expiry]').textContent());

    // The page's own example and "Check it": its Secret (without the example's fixed expiration,
    // which a later test run would pass) and its kubectl command print the page's outputs.
    const block = (hasText: string) =>
      // biome-ignore lint/performance/useDomNodeTextContent: expressive-code's lines are <div>s: only innerText keeps their line breaks
      page.locator('main .expressive-code pre', { hasText }).first().innerText();
    const example = parse(await block('token-secret: 0123456789abcdef')) as ClusterObject;
    delete example.stringData?.expiration;
    writeFileSync(objects, clusterObjectsJson([example]));
    const command = (await block('--kubeconfig /dev/null')).trim();
    expect(command).toContain('--server https://192.0.2.10:6443 --certificate-authority ca.crt');
    const r = spawnSync(
      'bash',
      [
        '-c',
        command
          .replace('https://192.0.2.10:6443', server.url)
          .replace('--certificate-authority ca.crt', `--certificate-authority ${join(dir, 'ca.crt')}`),
      ],
      { encoding: 'utf8', stdin: 'ignore' } as never,
    );
    expect(String(r.stderr)).toBe('');
    expect(String(r.stdout)).toBe(`${(await block('ATTRIBUTE')).trimEnd()}\n`);
    expect(expired.stderr).toBe(`${(await block('You must be logged in')).trimEnd()}\n`);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
