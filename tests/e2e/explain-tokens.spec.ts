// Lesson 8's explainer and inspector with bearer tokens, as a reader uses them in both languages:
// every token error the explainer knows is named with its cause and a link to its part 2 lesson;
// kubectl's 401 is a token's when the paste shows one was sent; a pasted JWT, bootstrap token or
// tokens.csv line is named for what it is, a service-account JWT shows its identity and points to
// lesson 2.4 for the signature, and a token is never kept for a reload.
import { CATALOGUE, catalogueEntry, lessonHref } from '../../src/explain/index.ts';
import { generateKeyPair } from '../../src/pki/index.ts';
import {
  boundServiceAccountClaims,
  generateBootstrapToken,
  KUBECTL_401,
  signJwt,
  writeTokenFile,
} from '../../src/tokens/index.ts';
import { expectEntriesNamed, page8 } from './explain-entries.ts';
import { expect, test } from './fixtures.ts';

const TOKEN_ENTRIES = CATALOGUE.filter((e) => e.lesson.part === 'bearer-tokens' && e.wordings.length);

async function saToken() {
  const { privateKey } = await generateKeyPair('ECDSA-P256');
  return signJwt({
    claims: boundServiceAccountClaims({
      issuer: 'https://kubernetes.default.svc.cluster.local',
      namespace: 'lab',
      serviceAccount: { name: 'builder', uid: '5b4f0e4c-3c3a-4f0e-9d55-0d2f8a1e7c11' },
    }),
    privateKey,
  });
}

for (const lang of ['en', 'ko'] as const) {
  const prefix = lang === 'ko' ? '/ko' : '';

  test(`the explainer names every token error with its part 2 lesson (${lang})`, async ({ page }) => {
    await expectEntriesNamed(page, lang, TOKEN_ENTRIES);
  });

  test(`the explainer calls kubectl's 401 a token's when the session sent one (${lang})`, async ({
    page,
  }) => {
    await page.goto(`${prefix}${page8}`);
    const widget = page.locator('kal-error-explainer');
    const results = widget.locator('[data-results]');
    await widget.locator('textarea').fill(`$ kubectl --token="$TOKEN" auth whoami\n${KUBECTL_401.whoami}`);
    await expect(results.locator('section[data-id="token-unauthorized"]')).toBeVisible();
    await expect(results.locator('section[data-id="token-unauthorized"] a[data-lesson]')).toHaveAttribute(
      'href',
      lessonHref(catalogueEntry('token-unauthorized')!.lesson, lang),
    );
    await widget.locator('textarea').fill(KUBECTL_401.whoami);
    await expect(results.locator('section[data-id="unauthorized"]')).toBeVisible();
    await expect(results.locator('section[data-id="token-unauthorized"]')).toHaveCount(0);
  });

  test(`the inspector names a service-account JWT, shows its identity and points to lesson 2.4 (${lang})`, async ({
    page,
  }) => {
    const token = await saToken();
    await page.goto(`${prefix}${page8}`);
    const widget = page.locator('kal-cert-inspector');
    await widget.locator('textarea').fill(token);
    const section = widget.locator('section[data-kind="jwt"]');
    await expect(section).toBeVisible();
    await expect(section.locator('[data-user]')).toHaveText('system:serviceaccount:lab:builder');
    await expect(section.locator('[data-groups]')).toHaveText(
      'system:serviceaccounts, system:serviceaccounts:lab, system:authenticated',
    );
    await expect(section.locator('[data-claims]')).toContainText('"namespace": "lab"');
    await expect(section.locator('[data-expiry]')).toHaveAttribute('data-expiry', 'valid');
    await expect(section.locator('[data-signature] a')).toHaveAttribute(
      'href',
      `${prefix}/bearer-tokens/04-service-account-tokens/`,
    );
    await expect(widget.locator('section[data-kind="problem"]')).toHaveCount(0);
    await expect(widget.locator('[data-input-message]')).toHaveText('');
    if (lang === 'ko') await expect(section.locator('h4')).toContainText('서비스 어카운트 토큰');
    else await expect(section.locator('h4')).toContainText('A service-account token');
    // A token is a credential: it is not kept for a reload.
    await page.waitForTimeout(400);
    await page.reload();
    await expect(widget.locator('textarea')).toHaveValue('');
  });

  test(`the inspector names a bootstrap token and tokens.csv lines without showing their secrets (${lang})`, async ({
    page,
  }) => {
    const token = generateBootstrapToken();
    await page.goto(`${prefix}${page8}`);
    const widget = page.locator('kal-cert-inspector');
    await widget.locator('textarea').fill(token);
    const boot = widget.locator('section[data-kind="bootstrap-token"]');
    await expect(boot.locator('[data-user]')).toHaveText(`system:bootstrap:${token.slice(0, 6)}`);
    await expect(boot).toContainText(`kube-system/bootstrap-token-${token.slice(0, 6)}`);
    await expect(boot).not.toContainText(token.slice(7));
    await widget
      .locator('textarea')
      .fill(writeTokenFile([{ token: 'q'.repeat(32), user: 'alice', uid: '1001', groups: ['developers'] }]));
    const file = widget.locator('section[data-kind="token-file"]');
    await expect(file.locator('[data-user]')).toHaveText('alice');
    await expect(file.locator('[data-groups]')).toHaveText('developers, system:authenticated');
    await expect(widget.locator('[data-results]')).not.toContainText('q'.repeat(32));
    await widget.locator('textarea').fill('abc.def.ghi');
    await expect(widget.locator('[data-input-message]')).toHaveAttribute('data-code', 'jwt/malformed');
  });
}
