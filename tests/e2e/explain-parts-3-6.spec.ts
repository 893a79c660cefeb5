// Lesson 8's explainer and inspector with the errors and credentials of parts 3 to 6, in both
// languages: every OIDC, webhook, proxy, impersonation and anonymous error the explainer knows is
// named with its cause and a link to its lesson; a 401 after a curl without a credential is
// "anonymous is off"; a pasted OIDC ID token is named for what it is and points to part 3's inspector.
import { CATALOGUE } from '../../src/explain/index.ts';
import { generateKeyPair } from '../../src/pki/index.ts';
import { idTokenClaims, mintIdToken } from '../../src/tokens/index.ts';
import { expectEntriesNamed, page8 } from './explain-entries.ts';
import { expect, test } from './fixtures.ts';

const LATER = ['oidc', 'webhook', 'proxy', 'authenticator-chain'];
const ENTRIES = CATALOGUE.filter((e) => LATER.includes(e.lesson.part ?? '') && e.wordings.length);

for (const lang of ['en', 'ko'] as const) {
  const prefix = lang === 'ko' ? '/ko' : '';

  test(`the explainer names every error of parts 3 to 6 with its lesson (${lang})`, async ({ page }) => {
    await expectEntriesNamed(page, lang, ENTRIES);
  });

  test(`the explainer calls a 401 after a curl without a credential "anonymous is off" (${lang})`, async ({
    page,
  }) => {
    await page.goto(`${prefix}${page8}`);
    const widget = page.locator('kal-error-explainer');
    const results = widget.locator('[data-results]');
    const status =
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}';
    await widget.locator('textarea').fill(`$ curl --cacert ca.crt https://cp1:6443/api\n${status}`);
    await expect(results.locator('section[data-id="anonymous-disabled"] a[data-lesson]')).toHaveAttribute(
      'href',
      `${prefix}/authenticator-chain/01-follow-a-request-through-the-chain/#${lang === 'ko' ? '3-익명-요청' : '3-anonymous-requests'}`,
    );
  });

  test(`the inspector names an OIDC ID token and points to part 3's inspector (${lang})`, async ({
    page,
  }) => {
    const { privateKey } = await generateKeyPair('RSA-2048');
    const token = await mintIdToken({
      claims: idTokenClaims({ issuer: 'https://idp.example.com', audience: 'kubernetes', sub: 'alice' }),
      privateKey,
    });
    await page.goto(`${prefix}${page8}`);
    const widget = page.locator('kal-cert-inspector');
    await widget.locator('textarea').fill(token);
    const section = widget.locator('section[data-kind="jwt"]');
    await expect(section.locator('[data-token-kind]')).toHaveAttribute('data-token-kind', 'oidc');
    await expect(section.locator('h4')).toContainText(lang === 'ko' ? 'OIDC ID 토큰' : 'An OIDC ID token');
    await expect(section.locator('[data-token-kind]')).toContainText('--oidc-issuer-url');
    await expect(section.locator('[data-signature] a')).toHaveAttribute(
      'href',
      `${prefix}/oidc/05-inspect-a-real-token/`,
    );
    await page.waitForTimeout(400);
    await page.reload();
    await expect(widget.locator('textarea')).toHaveValue('');
  });
}
