// "Your own identity provider" (part 3, lesson 2) as a reader uses it, in English and Korean, and
// judged by real tools: the discovery document and JWKS the widget downloads are served by the site's
// oidc-issuer.sh (real nginx, certificates made by src/pki), the Go stand-in for kube-apiserver
// fetches them over HTTPS with the flags the widget shows, and lesson 4's kubectl commands, run as
// printed with the widget's downloaded id-token.jwt, print exactly lesson 4's output and the widget's
// preview; an expired token gives the 401 lesson 4 shows. Bad input in every field gets a translated
// message at that field; a reload keeps the settings, and the key and token only with "keep".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeLocalhostCertificates } from '../support/lab-certs.ts';
import { freePort } from '../support/net.ts';
import { type IssuerScript, startIssuerScript } from '../support/oidc-issuer-script.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { englishLeft } from './english-left.ts';
import { expect, seriousAxeViolations, test } from './fixtures.ts';

const PAGES = { en: '/oidc/02-lab-your-own-issuer/', ko: '/ko/oidc/02-lab-your-own-issuer/' };
const KUBECTL_PAGE = '/oidc/04-kubectl-with-oidc/';
const PAGE_ISSUER = 'https://localhost:8443';
const tools = ['go', 'kubectl', 'curl', 'nginx', 'openssl'];
const missing = tools.filter((t) => !hasTool(t) && !(t === 'nginx' && hasTool('/usr/sbin/nginx')));

const widget = (page: Page) => page.locator('kal-oidc-issuer');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const messageOf = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const button = (page: Page, action: string) => widget(page).locator(`[data-action="${action}"]`);
const verdict = (page: Page) => widget(page).locator('[data-verdict]');
const preview = (page: Page) => widget(page).locator('[data-preview]');

async function makeAndMint(page: Page) {
  await button(page, 'make').click();
  await expect(widget(page).locator('[data-files]')).toBeVisible({ timeout: 30_000 });
  await button(page, 'mint').click();
  await expect(widget(page).locator('[data-minted]')).toBeVisible({ timeout: 30_000 });
  await expect(verdict(page)).toHaveAttribute('data-ok', /true|false/);
}

for (const lang of ['en', 'ko'] as const) {
  test(`makes the issuer files and a token kube-apiserver accepts as <issuer>#alice, in the page's language (${lang})`, async ({
    page,
  }) => {
    await page.goto(PAGES[lang]);
    expect(await englishLeft(page, lang)).toEqual([]);
    await makeAndMint(page);
    const discovery = JSON.parse((await widget(page).locator('[data-discovery]').textContent()) ?? '');
    expect(discovery).toMatchObject({
      issuer: PAGE_ISSUER,
      jwks_uri: `${PAGE_ISSUER}/openid/v1/jwks`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const jwks = JSON.parse((await widget(page).locator('[data-jwks]').textContent()) ?? '');
    const token = (await widget(page).locator('[data-token]').textContent()) ?? '';
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'RS256', kid: jwks.keys[0].kid });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({
      iss: PAGE_ISSUER,
      sub: 'alice',
      aud: 'kubernetes',
      email: 'alice@example.com',
      email_verified: true,
      groups: ['dev'],
    });
    expect(claims.exp - claims.iat).toBe(3600);
    await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
    await expect(preview(page)).toHaveText(
      'ATTRIBUTE   VALUE\nUsername    https://localhost:8443#alice\nGroups      [oidc:dev system:authenticated]\n',
    );
    // Every text has its placeholders filled ("Download {file}" would be a bug).
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text, not the strings block's templates
    expect(await widget(page).innerText()).not.toMatch(/\{[a-z]+\}/i);
    await expect(button(page, 'download-jwks')).toContainText('jwks.json');

    // The username claim email: the bare address, and email_verified false is refused.
    await field(page, 'usernameClaim').selectOption('email');
    await expect(preview(page)).toContainText('Username    alice@example.com');
    await field(page, 'emailVerified').selectOption('false');
    await button(page, 'mint').click();
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'email-not-verified');
    await expect(preview(page)).toContainText('oidc: email not verified');
    await field(page, 'emailVerified').selectOption('string');
    await button(page, 'mint').click();
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'email-verified');

    // ES256: a new EC key; the flags then name the algorithm, and the token verifies.
    await field(page, 'alg').selectOption('ES256');
    await expect(widget(page).locator('[data-minted]')).toBeHidden();
    await expect(widget(page).locator('[data-discovery]')).toContainText('"ES256"');
    await button(page, 'mint').click();
    await expect(widget(page).locator('[data-flags]')).toContainText('--oidc-signing-algs=ES256');
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'email-verified');

    // The trailing slash: every file carries it, and the page says where kube-apiserver fetches.
    await field(page, 'issuerUrl').fill(`${PAGE_ISSUER}/`);
    await expect(widget(page).locator('[data-slash-note]')).toBeVisible();
    await expect(widget(page).locator('[data-slash-note]')).toContainText(
      `${PAGE_ISSUER}/.well-known/openid-configuration`,
    );
    await expect(widget(page).locator('[data-discovery]')).toContainText(`"issuer": "${PAGE_ISSUER}/"`);
    // The token minted for the old issuer is not this issuer's.
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'other-issuer');
    expect(await englishLeft(page, lang)).toEqual([]);
  });

  test(`bad input in every field gets a translated message at that field (${lang})`, async ({ page }) => {
    await page.goto(PAGES[lang]);
    const expectMessage = async (name: string, code: string) => {
      await expect(messageOf(page, name)).toHaveAttribute('data-code', code);
      await expect(field(page, name)).toHaveAttribute('aria-invalid', 'true');
      const text = (await messageOf(page, name).textContent()) ?? '';
      expect(text.length).toBeGreaterThan(10);
      if (lang === 'ko') expect(text).toMatch(/[가-힣]/);
      expect(text).not.toMatch(/oidc\.|error\./);
    };
    const issuer: [string, string][] = [
      ['', 'input/empty'],
      ['http://localhost:8443', 'oidc-issuer/not-https'],
      ['https://localhost:8443/?tenant=a', 'oidc-issuer/bad-url'],
      ['https://localhost:8443/#x', 'oidc-issuer/bad-url'],
      ['not a url', 'oidc-issuer/bad-url'],
    ];
    for (const [value, code] of issuer) {
      await field(page, 'issuerUrl').fill(value);
      await button(page, 'make').click();
      await expectMessage('issuerUrl', code);
      await expect(widget(page).locator('[data-files]')).toBeHidden();
    }
    // Minting reads every field and marks each bad one at once.
    await field(page, 'sub').fill('');
    await field(page, 'email').fill('not an address');
    await field(page, 'audience').fill(' , ');
    await field(page, 'lifetime').fill('an hour');
    await field(page, 'notBefore').fill('soon');
    await field(page, 'extra').fill('{"hd": ');
    await button(page, 'mint').click();
    await expectMessage('sub', 'input/empty');
    await expectMessage('email', 'oidc-token/bad-email');
    await expectMessage('audience', 'input/empty');
    await expectMessage('lifetime', 'oidc-token/bad-time');
    await expectMessage('notBefore', 'oidc-token/bad-time');
    await expectMessage('extra', 'oidc-token/bad-json');
    await expect(widget(page).locator('[data-minted]')).toBeHidden();
    for (const [value, code] of [
      ['["hd"]', 'oidc-token/bad-json'],
      ['{"_claim_names": {}}', 'oidc-token/bad-claim'],
    ] as const) {
      await field(page, 'sub').fill('alice');
      await field(page, 'email').fill('');
      await field(page, 'audience').fill('kubernetes');
      await field(page, 'lifetime').fill('0');
      await field(page, 'notBefore').fill('');
      await field(page, 'extra').fill(value);
      await field(page, 'issuerUrl').fill(PAGE_ISSUER);
      await button(page, 'mint').click();
      await expectMessage('lifetime', 'oidc-token/bad-time');
      await field(page, 'lifetime').fill('600');
      await button(page, 'mint').click();
      await expectMessage('extra', code);
    }
    // Fixed, the messages go and the token comes.
    await field(page, 'extra').fill('{"hd": "example.com"}');
    await button(page, 'mint').click();
    await expect(widget(page).locator('[data-minted]')).toBeVisible({ timeout: 30_000 });
    for (const name of ['sub', 'email', 'audience', 'lifetime', 'notBefore', 'extra', 'issuerUrl'])
      await expect(messageOf(page, name)).toHaveText('');
    expect(await englishLeft(page, lang)).toEqual([]);
  });

  test(`settings come back after an immediate reload; the key and the token only with keep ticked (${lang})`, async ({
    page,
  }) => {
    await page.goto(PAGES[lang]);
    const values: [string, string][] = [
      ['issuerUrl', 'https://idp.lab.example:9443/tenant'],
      ['sub', 'bob'],
      ['email', 'bob@example.com'],
      ['groups', 'ops, audit'],
      ['audience', 'kubernetes, portal'],
      ['lifetime', '900'],
      ['notBefore', '0'],
      ['extra', '{"hd": "example.com"}'],
    ];
    for (const [name, value] of values) await field(page, name).fill(value);
    await field(page, 'alg').selectOption('PS256');
    await field(page, 'emailVerified').selectOption('omit');
    await makeAndMint(page);
    await expect(widget(page).locator('[data-token-not-kept]')).toBeVisible();
    await page.reload();
    for (const [name, value] of values) await expect(field(page, name)).toHaveValue(value);
    await expect(field(page, 'alg')).toHaveValue('PS256');
    await expect(field(page, 'emailVerified')).toHaveValue('omit');
    await expect(widget(page).locator('[data-key-not-kept]')).toBeVisible();
    await expect(widget(page).locator('[data-files]')).toBeHidden();

    // With keep ticked, the key (so the same kid and files) and the token survive a reload.
    await widget(page).locator('[data-keep-keys]').check();
    await makeAndMint(page);
    const jwks = await widget(page).locator('[data-jwks]').textContent();
    const token = await widget(page).locator('[data-token]').textContent();
    await page.reload();
    await expect(widget(page).locator('[data-jwks]')).toHaveText(jwks ?? '', { timeout: 30_000 });
    await expect(widget(page).locator('[data-token]')).toHaveText(token ?? '');
    await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
    await expect(widget(page).locator('[data-key-not-kept]')).toBeHidden();
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`the widget in use, with its files, a token, a refusal and a bad field, has no serious axe violation (${theme}, 390 px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(PAGES.ko);
    await makeAndMint(page);
    const serious = () => seriousAxeViolations(page);
    expect(await serious(), 'with the files and an accepted token').toEqual([]);
    await field(page, 'usernameClaim').selectOption('email');
    await field(page, 'emailVerified').selectOption('false');
    await field(page, 'lifetime').fill('never');
    await button(page, 'mint').click();
    await expect(messageOf(page, 'lifetime')).not.toHaveText('');
    await field(page, 'lifetime').fill('3600');
    await button(page, 'mint').click();
    await expect(verdict(page)).toHaveAttribute('data-ok', 'false');
    await field(page, 'sub').fill('');
    await button(page, 'mint').click();
    await expect(messageOf(page, 'sub')).not.toHaveText('');
    expect(await serious(), 'with a refusal and a bad field').toEqual([]);
  });
}

test.describe('the widget’s files and token, served by oidc-issuer.sh and judged by the stand-in', () => {
  test.skip(missing.length > 0 && !inCI, `needs ${missing.join(', ')}`);

  test('lesson 4’s commands with the downloaded id-token.jwt print lesson 4’s whoami and the widget’s preview; expired, lesson 4’s 401', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-oidc-'));
    let script: IssuerScript | undefined;
    let standin: Standin | undefined;
    try {
      await writeLocalhostCertificates(dir, {
        caSubject: { commonName: 'Kube Auth Lab Root CA', organizations: ['Kube Auth Lab'] },
        algorithm: 'RSA-2048',
      });
      const port = await freePort();
      const issuer = `https://localhost:${port}`;
      const local = (text: string) => text.replaceAll(PAGE_ISSUER, issuer);

      // The reader's side: the widget's files and token, downloaded.
      await page.goto(PAGES.en);
      await field(page, 'issuerUrl').fill(issuer);
      await makeAndMint(page);
      await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
      const save = async (action: string, folder = dir) => {
        const download = page.waitForEvent('download');
        await button(page, action).click();
        const file = await download;
        await file.saveAs(join(folder, file.suggestedFilename()));
        return file.suggestedFilename();
      };
      expect(await save('download-discovery')).toBe('openid-configuration.json');
      expect(await save('download-jwks')).toBe('jwks.json');
      expect(await save('download-token')).toBe('id-token.jwt');
      const token0 = (await widget(page).locator('[data-token]').textContent()) ?? '';
      const widgetPreview = (await preview(page).textContent()) ?? '';
      const flags = ((await widget(page).locator('[data-flags]').textContent()) ?? '').split('\n');
      // A second token from the same key, living one second, for the expiry check below.
      const expiredDir = mkdtempSync(join(dir, 'expired-'));
      await field(page, 'lifetime').fill('1');
      await button(page, 'mint').click();
      await expect(widget(page).locator('[data-token]')).not.toHaveText(token0);
      await save('download-token', expiredDir);

      // oidc-issuer.sh serves them, as lesson 2 runs it (--local: no docker here).
      script = await startIssuerScript(dir);
      const out = script.output();
      expect(out).toContain(`[PASS] ${issuer}/.well-known/openid-configuration: issuer ${issuer}`);

      // The stand-in, with exactly the flags the widget shows, and the CA of the issuer's certificate.
      const oidcFlags: Record<string, string> = { 'oidc-ca-file': join(dir, 'rootCA.pem') };
      for (const f of flags) {
        const m = f.match(/^--([a-z-]+)=(.*)$/);
        expect(m, f).not.toBeNull();
        oidcFlags[m![1]!] = m![2]!;
      }
      standin = await startStandin(dir, {
        cert: join(dir, 'server.pem'),
        key: join(dir, 'server-key.pem'),
        oidcFlags,
        oidcInitRetry: '1s',
      });
      const log = standin.log;
      await expect.poll(log, { timeout: 20_000 }).toMatch(/oidc authenticator: initialized/);

      // Lesson 4's commands, as printed, against a kubeconfig whose cluster "kubernetes" is the stand-in.
      await page.goto(KUBECTL_PAGE);
      const blocks = (await page.locator('.sl-markdown-content .expressive-code pre').allInnerTexts()).map(
        (b) => `${b.trimEnd()}\n`,
      );
      const at = (start: string) => {
        const i = blocks.findIndex((b) => b.startsWith(start) || b.includes(`\n${start}`));
        expect(i, `a block starting "${start}"`).toBeGreaterThanOrEqual(0);
        return blocks[i]!;
      };
      const env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig') };
      const sh = (command: string) => {
        const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env });
        return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
      };
      expect(
        sh(
          `kubectl config set-cluster kubernetes --server=${standin.url} --certificate-authority=rootCA.pem --embed-certs`,
        ).status,
      ).toBe(0);
      const flagsBlock = at('--oidc-client-id=');
      expect(local(flagsBlock).trim().split('\n').sort()).toEqual(
        Object.entries(oidcFlags)
          .map(([k, v]) => `--${k}=${k === 'oidc-ca-file' ? '/etc/kubernetes/pki/oidc-ca.crt' : v}`)
          .sort(),
      );
      const commands = at('kubectl config set-credentials oidc-alice');
      const r = sh(commands);
      expect(r.stderr).toBe('');
      const whoami = at('ATTRIBUTE');
      expect(r.stdout.split('\n').slice(-4).join('\n')).toBe(local(whoami));
      expect(local(whoami)).toBe(widgetPreview);

      // An expired token: lesson 4's 401, and the stand-in's log says why.
      await page.waitForTimeout(2500);
      const expired = spawnSync('bash', ['-c', commands], { cwd: expiredDir, encoding: 'utf8', env });
      expect(expired.status).not.toBe(0);
      expect(`${String(expired.stderr).trim()}\n`).toBe(at('error: You must be logged in'));
      expect(await log()).toContain('oidc: token is expired');
    } finally {
      standin?.stop();
      script?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
