// One site for the six parts, in both languages: the sidebar has one group per part with every
// lesson of content/ in file order, the previous/next links walk from the first lesson of part 1 to
// the last of part 6 and back without a gap, and search finds each part's own words on its pages.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

/** The parts in sidebar order: their folder under content/, and the group label. */
const PARTS = [
  ['client-certificates', 'Part 1 · X.509 client certificates', '1부 · X.509 클라이언트 인증서'],
  ['bearer-tokens', 'Part 2 · Bearer tokens', '2부 · 베어러 토큰'],
  ['oidc', 'Part 3 · OpenID Connect', '3부 · OpenID Connect'],
  ['webhook', 'Part 4 · Webhook token authentication', '4부 · 웹훅 토큰 인증'],
  ['proxy', 'Part 5 · Authenticating proxy', '5부 · 인증 프록시'],
  [
    'authenticator-chain',
    'Part 6 · How the API server decides who you are',
    '6부 · API 서버가 누구인지 정하는 방법',
  ],
] as const;
const CONTENT = join(import.meta.dirname, '../../content');

/** Every lesson's path for `prefix` ('' or '/ko'), in reading order. */
function lessons(prefix: string): string[] {
  return PARTS.flatMap(([dir]) =>
    readdirSync(join(CONTENT, prefix.slice(1), dir))
      .filter((f) => f.endsWith('.mdx'))
      .sort()
      .map((f) => `${prefix}/${dir}/${f.replace(/\.mdx$/, '')}/`),
  );
}

/** The href of the page's rel=prev or rel=next link, or undefined. */
function pagination(html: string, rel: 'prev' | 'next'): string | undefined {
  for (const a of html.matchAll(/<a\b[^>]*>/g)) {
    if (new RegExp(`\\brel="${rel}"`).test(a[0])) return /\bhref="([^"]+)"/.exec(a[0])?.[1];
  }
  return undefined;
}

const SEARCH: Record<(typeof PARTS)[number][0], [string, string]> = {
  'client-certificates': ['mutual TLS', '상호 TLS'],
  'bearer-tokens': ['bootstrap token', '부트스트랩 토큰'],
  oidc: ['JWKS', 'JWKS'],
  webhook: ['TokenReview', 'TokenReview'],
  proxy: ['X-Remote-User', 'X-Remote-User'],
  'authenticator-chain': ['decision guide', '선택 가이드'],
};

for (const [prefix, lang] of [
  ['', 'en'],
  ['/ko', 'ko'],
] as const) {
  test(`the sidebar has one group per part with all its lessons in order (${lang})`, async ({ page }) => {
    await page.goto(`${prefix}/client-certificates/01-before-you-start/`);
    const sidebar = page.locator('#starlight__sidebar');
    const all = lessons(prefix);
    for (const [dir, en, ko] of PARTS) {
      await expect(sidebar.getByText(lang === 'ko' ? ko : en, { exact: true })).toHaveCount(1);
      const hrefs = await sidebar
        .locator(`a[href^="${prefix}/${dir}/"]`)
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs, dir).toEqual(all.filter((p) => p.startsWith(`${prefix}/${dir}/`)));
    }
  });

  test(`next and previous walk every lesson of the six parts in order (${lang})`, async ({ request }) => {
    const all = lessons(prefix);
    expect(all.length).toBeGreaterThanOrEqual(29);
    const seen: string[] = [];
    let at: string | undefined = all[0];
    let previous: string | undefined;
    while (at && seen.length <= all.length) {
      const response = await request.get(at);
      expect(response.status(), at).toBe(200);
      const html = await response.text();
      expect(pagination(html, 'prev'), `the page before ${at}`).toBe(previous);
      seen.push(at);
      previous = at;
      at = pagination(html, 'next');
    }
    expect(seen).toEqual(all);
  });

  test(`search finds each part's own words on that part's pages (${lang})`, async ({ page }) => {
    await page.goto(`${prefix}/`);
    await page.getByRole('button', { name: lang === 'ko' ? /^검색/ : /^Search/ }).click();
    const box = page.getByRole('dialog', { name: lang === 'ko' ? '검색' : 'Search' }).getByRole('textbox');
    const results = page.locator('#starlight__search .pagefind-ui__result-link');
    for (const [dir] of PARTS) {
      const word = SEARCH[dir][lang === 'ko' ? 1 : 0];
      await box.fill(word);
      await expect
        .poll(
          async () =>
            (await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).filter((h) =>
              h.startsWith(`${prefix}/${dir}/`),
            ).length,
          { message: `"${word}" finds a page of ${dir}` },
        )
        .toBeGreaterThan(0);
      const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(
        hrefs.every((h) => (prefix ? h.startsWith('/ko/') : !h.startsWith('/ko/'))),
        hrefs.join(' '),
      ).toBe(true);
    }
  });
}
