// The ID-token inspector of part 3, lesson 5, in English and Korean: a token from an identity
// provider whose files the page does not have (a Google-shaped token) is judged by every check but
// the signature, and the page says so; email_verified false, groups that are not a list and an issuer
// off by a trailing slash get their reason, kube-apiserver's log line and kubectl's message; with the
// JWKS pasted, a token signed by another key is refused on its kid; bad input gets a message at its
// field; the configuration built in lesson 3 is the one the inspector uses; nothing but the choices
// survives a reload unless "keep" is ticked; no request leaves the site (the fixture fails any).
import type { Page } from '@playwright/test';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import { generateKeyPair } from '../../src/pki/index.ts';
import { buildOidcIssuer, idTokenClaims, KUBECTL_401, mintIdToken } from '../../src/tokens/index.ts';
import { englishLeft } from './english-left.ts';
import { expect, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const PAGE = (lang: Lang) => `${lang === 'ko' ? '/ko' : ''}/oidc/05-inspect-a-real-token/`;
const text = (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));

const widget = (page: Page) => page.locator('kal-oidc-config[data-mode="inspect"]');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const verdict = (page: Page) => widget(page).locator('[data-verdict]');

const GOOGLE = 'https://accounts.google.com';
const CLIENT = '1234-lab.apps.googleusercontent.com';

async function googleShaped() {
  const key = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
  const mint = (over: Parameters<typeof idTokenClaims>[0] = {}) =>
    mintIdToken({
      claims: idTokenClaims({
        issuer: GOOGLE,
        audience: CLIENT,
        sub: '109876543210',
        email: 'alice@example.com',
        extra: { hd: 'example.com' },
        ...over,
      }),
      privateKey: key.privateKey,
    });
  return { key, mint };
}

async function configure(page: Page) {
  await field(page, 'issuerUrl').fill(GOOGLE);
  await field(page, 'audiences').fill(CLIENT);
  await field(page, 'usernameClaim').fill('email');
  await field(page, 'groupsClaim').fill('');
}

for (const lang of ['en', 'ko'] as const) {
  test(`a Google-shaped token is judged by every check but the signature, and the page says so (${lang})`, async ({
    page,
  }) => {
    await page.goto(PAGE(lang));
    await expect(widget(page).locator('.kal-widget-privacy')).toHaveText(text(lang, 'oidcconfig.privacy'));
    await configure(page);
    const { mint } = await googleShaped();
    await field(page, 'token').fill(await mint({ emailVerified: false }));
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'email-not-verified');
    await expect(widget(page).locator('[data-reason]')).toHaveText(
      text(lang, 'oidcconfig.refusal.email-not-verified'),
    );
    await expect(widget(page).locator('[data-log]')).toHaveText(
      '"Unable to authenticate the request" err="oidc: email not verified"',
    );
    await expect(widget(page).locator('[data-kubectl]')).toHaveText(KUBECTL_401.whoami);
    await expect(widget(page).locator('[data-note="skipped"]')).toHaveText(
      text(lang, 'oidcconfig.signatureSkipped'),
    );
    await expect(widget(page).locator('[data-claims]')).toContainText('"email_verified": false');
    if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);

    // Verified, the e-mail is the user name as it is: the email claim gets no issuer# prefix.
    await field(page, 'token').fill(await mint({ emailVerified: true }));
    await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
    await expect(widget(page).locator('[data-user="username"]')).toHaveText('alice@example.com');
    // Google's tokens may say iss "accounts.google.com": kube-apiserver reads it as the https URL.
    await field(page, 'token').fill(await mint({ issuer: 'accounts.google.com', emailVerified: true }));
    await expect(verdict(page)).toHaveAttribute('data-ok', 'true');

    await field(page, 'groupsClaim').fill('groups');
    await field(page, 'token').fill(await mint({ emailVerified: true, groups: { admins: true } as never }));
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'groups-claim');
    await expect(widget(page).locator('[data-log]')).toContainText(
      'oidc: parse groups claim \\"groups\\": json: cannot unmarshal object into Go value of type string',
    );

    await field(page, 'token').fill(await mint({ issuer: `${GOOGLE}/`, emailVerified: true }));
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'other-issuer');
    await expect(widget(page).locator('[data-note="near"]')).toHaveText(text(lang, 'oidcconfig.near.slash'));
    await expect(widget(page).locator('[data-log]')).toHaveText(
      '"Unable to authenticate the request" err="invalid bearer token"',
    );
    if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
  });

  test(`with the JWKS pasted, a token signed by another key is refused on its kid; bad input is refused at its field (${lang})`, async ({
    page,
  }) => {
    await page.goto(PAGE(lang));
    await configure(page);
    const { mint } = await googleShaped();
    const other = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
    const issuer = await buildOidcIssuer({ issuerUrl: GOOGLE, publicKey: other.publicKey });
    await field(page, 'jwks').fill(issuer.files[1]!.text);
    await field(page, 'token').fill(await mint({ emailVerified: true }));
    await expect(verdict(page)).toHaveAttribute('data-refusal', 'signature');
    await expect(widget(page).locator('[data-note="kid"]')).toContainText(
      text(lang, 'oidcconfig.unknownKid').slice(0, 10),
    );
    await field(page, 'jwks').fill('{"keys": []}');
    await expect(message(page, 'jwks')).toHaveText(text(lang, 'error.jwks/no-keys'));
    await field(page, 'jwks').fill('');
    await field(page, 'token').fill('eyJhbGciOiJSUzI1NiJ9.not-json.sig');
    await expect(message(page, 'token')).toHaveText(text(lang, 'error.jwt/malformed'));
    await expect(field(page, 'token')).toHaveAttribute('aria-invalid', 'true');
    await field(page, 'version').fill('one');
    await expect(message(page, 'version')).toHaveText(
      text(lang, 'error.oidc-config/bad-version', { value: 'one' }),
    );
    if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
  });
}

test('the inspector judges by the configuration built in lesson 3, and keeps the token only when asked', async ({
  page,
}) => {
  await page.goto('/oidc/03-configure-the-api-server/');
  await page.locator('kal-oidc-config [data-field="issuerUrl"]').fill('https://dex.example:5556/dex');
  await page.locator('kal-oidc-config [data-field="usernamePrefix"]').fill('-');
  await page.goto(PAGE('en'));
  await expect(field(page, 'issuerUrl')).toHaveValue('https://dex.example:5556/dex');
  await expect(field(page, 'usernamePrefix')).toHaveValue('-');
  const { mint } = await googleShaped();
  const token = await mint();
  await field(page, 'token').fill(token);
  await expect(widget(page).locator('[data-token-not-kept]')).toHaveText(t('en', 'oidcconfig.tokenNotKept'));
  await page.reload();
  await expect(field(page, 'issuerUrl')).toHaveValue('https://dex.example:5556/dex');
  await expect(field(page, 'token')).toHaveValue('');
  await widget(page).locator('[data-keep-keys]').check();
  await field(page, 'token').fill(token);
  await page.reload();
  await expect(field(page, 'token')).toHaveValue(token);
  await expect(verdict(page)).toHaveAttribute('data-refusal', 'other-issuer');
});
