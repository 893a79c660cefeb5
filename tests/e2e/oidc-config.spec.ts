// The OIDC configuration builder of part 3, lesson 3, as a reader uses it, in English and Korean: the
// default flags and file are on the page before any script runs and equal what the engine writes;
// bad input in every field gets a translated message (or kube-apiserver's own validation text) at
// that field; the file with a CEL mapping gives the identity CEL computes for a pasted token, with the
// notes on where @bufbuild/cel could differ; a reload made at once keeps every choice, and the token
// only when the reader ticks "keep"; no request leaves the site (the fixture fails any). Then, with
// real nginx serving an issuer over TLS and the Go stand-in started with exactly the flags the widget
// shows, every refusal reason of issue 14 gets the same verdict from the widget and from the
// stand-in: kubectl's output, and the stand-in's logged error equal to the widget's log line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parse } from 'yaml';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import { generateKeyPair } from '../../src/pki/index.ts';
import { authenticationConfigYaml } from '../../src/recipes/oidc/index.ts';
import {
  buildOidcIssuer,
  idTokenClaims,
  KUBECTL_401,
  mintIdToken,
  oidcFlagList,
  whoamiForUser,
} from '../../src/tokens/index.ts';
import { writeLocalhostCertificates } from '../support/lab-certs.ts';
import { freePort } from '../support/net.ts';
import { type IssuerScript, startIssuerScript } from '../support/oidc-issuer-script.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { englishLeft } from './english-left.ts';
import { expect, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const PAGE = (lang: Lang) => `${lang === 'ko' ? '/ko' : ''}/oidc/03-configure-the-api-server/`;
const text = (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));

const widget = (page: Page) => page.locator('kal-oidc-config');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const block = (page: Page, name: string) => widget(page).locator(`[data-block="${name}"] pre`);
const shown = async (l: Locator) => `${((await l.textContent()) ?? '').replace(/\n*$/, '')}\n`;

const ISSUER = 'https://localhost:8443';
const now = () => Math.floor(Date.now() / 1000);

async function labIssuer(issuerUrl = ISSUER) {
  const rsa = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
  const issuer = await buildOidcIssuer({ issuerUrl, publicKey: rsa.publicKey });
  const mint = (over: Parameters<typeof idTokenClaims>[0] = {}, alg?: 'PS256') =>
    mintIdToken({
      claims: idTokenClaims({
        issuer: issuerUrl,
        audience: 'kubernetes',
        sub: 'alice',
        groups: ['dev'],
        ...over,
      }),
      privateKey: rsa.privateKey,
      ...(alg ? { alg } : {}),
    });
  return { rsa, issuer, jwks: issuer.files[1]!.text, mint };
}

async function openCel(page: Page) {
  const details = widget(page).locator('[data-cel-details]');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
}

for (const lang of ['en', 'ko'] as const) {
  test.describe(lang, () => {
    test(`the default flags and file are on the page before any edit, as the engine writes them (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      const flags = {
        issuerUrl: ISSUER,
        clientId: 'kubernetes',
        groupsClaim: 'groups',
        groupsPrefix: 'oidc:',
      };
      expect(await shown(block(page, 'flags'))).toBe(
        `${oidcFlagList(flags)
          .map((f) => `--${f.name}=${f.value}`)
          .join('\n')}\n`,
      );
      expect(await shown(block(page, 'file'))).toBe(authenticationConfigYaml({ flags, version: '1.34' }));
      await expect(widget(page).locator('[data-note="prefix"]')).toHaveText(
        text(lang, 'oidcconfig.prefixIs', { prefix: `${ISSUER}#` }),
      );
      await expect(widget(page).locator('[data-note="colon"]')).toHaveText(
        text(lang, 'oidcconfig.colonTrap'),
      );
      await expect(block(page, 'diff')).toContainText('"--oidc-groups-prefix=oidc:"');
      await expect(widget(page).locator('[data-block="kind"] pre')).toContainText('oidc-issuer-url');
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });

    test(`bad input in every field gets its message at that field, and the rest of the page stays (${lang})`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.goto(PAGE(lang));
      const cases: [string, string, RegExp | string][] = [
        ['version', '2.0', text(lang, 'error.oidc-config/bad-version', { value: '2.0' })],
        ['issuerUrl', 'http://issuer.example', /http:\/\/issuer\.example/],
        ['audiences', 'kubernetes\nother', text(lang, 'error.oidc-widget/one-client-id')],
        ['caPem', 'not a certificate', /BEGIN/],
        ['usernameClaim', 'a b', /a b/],
        ['usernamePrefix', 'x y', /x y/],
        ['groupsClaim', 'g "q"', /g "q"/],
        ['groupsPrefix', 'p q', /p q/],
        ['requiredClaims', 'novalue', /novalue/],
        ['signingAlgs', 'HS256', /HS256/],
        ['usernameExpression', "'x' + claims.sub", text(lang, 'error.oidc-widget/file-only')],
      ];
      for (const [name, bad, want] of cases) {
        const input = field(page, name);
        if (name === 'usernameExpression') await openCel(page);
        const before = await input.inputValue();
        await input.fill(bad);
        await expect(message(page, name), name).toHaveText(want);
        await expect(input, name).toHaveAttribute('aria-invalid', 'true');
        if (lang === 'ko') expect(await englishLeft(page, 'ko'), name).toEqual([]);
        await input.fill(before);
        await expect(message(page, name), name).toHaveText('');
        await expect(input, name).not.toHaveAttribute('aria-invalid');
      }
      // The file: kube-apiserver's own validation text at the field, CEL's syntax error at the expression.
      await field(page, 'way').selectOption('file');
      await openCel(page);
      await field(page, 'extra').fill('Example.com/tenant = claims.tenant');
      await expect(message(page, 'extra')).toContainText(text(lang, 'oidcconfig.validationLead'));
      await expect(message(page, 'extra')).toContainText('must be lowercase');
      await field(page, 'extra').fill('');
      await field(page, 'claimRules').fill('claims.exp -');
      await expect(message(page, 'claimRules')).toContainText(
        text(lang, 'oidcconfig.celSyntax', { line: 1, error: '' }).trim().slice(0, 8),
      );
      await field(page, 'claimRules').fill('');
      await field(page, 'usernameExpression').fill('claims.email');
      await expect(message(page, 'usernameExpression')).toContainText('claims.email_verified must be used');
      await field(page, 'usernameExpression').fill('');
      await field(page, 'version').fill('1.28');
      await expect(message(page, 'version')).toHaveText(
        text(lang, 'error.oidc-config/unsupported-version', { value: '1.28' }),
      );
      await field(page, 'version').fill('1.34');
      // A manifest that is not kube-apiserver's is refused at the manifest box; the flags stay.
      await widget(page).locator('[data-manifest-details] summary').click();
      await field(page, 'manifest').fill('apiVersion: v1\nkind: ConfigMap\n');
      await expect(message(page, 'manifest')).not.toHaveText('');
      await expect(block(page, 'flags')).toContainText('--oidc-issuer-url');
      await field(page, 'manifest').fill('');
      // The token and the JWKS.
      await field(page, 'token').fill('not.a-token');
      await expect(message(page, 'token')).toHaveText(text(lang, 'error.jwt/malformed'));
      const { mint } = await labIssuer();
      await field(page, 'token').fill(await mint());
      await field(page, 'jwks').fill('{"keys": [');
      await expect(message(page, 'jwks')).toHaveText(text(lang, 'error.jwks/bad-json'));
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });

    test(`the file with a CEL username gives CEL's user for a pasted token, and says where CEL could differ (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      const { jwks, mint } = await labIssuer();
      await field(page, 'way').selectOption('file');
      await field(page, 'audiences').fill('kubernetes\nkubectl');
      await openCel(page);
      await field(page, 'usernameExpression').fill("'oidc:' + claims.sub");
      await field(page, 'extra').fill('example.com/tenant = claims.tenant');
      await field(page, 'token').fill(
        await mint({ audience: ['kubectl'], extra: { tenant: 'blue' } }, 'PS256'),
      );
      await field(page, 'jwks').fill(jwks);
      await expect(widget(page).locator('[data-verdict]')).toHaveAttribute('data-ok', 'true');
      await expect(widget(page).locator('[data-user="username"]')).toHaveText('oidc:alice');
      await expect(widget(page).locator('[data-user="groups"]')).toHaveText('oidc:dev, system:authenticated');
      await expect(widget(page).locator('[data-kubectl]')).toHaveText(
        whoamiForUser({
          username: 'oidc:alice',
          uid: '',
          groups: ['oidc:dev', 'system:authenticated'],
          extra: { 'example.com/tenant': ['blue'] },
        }).replace(/\n$/, ''),
      );
      // Where @bufbuild/cel could differ: under the file and under the token's result.
      await expect(widget(page).locator('[data-output="config"] [data-cel-differences] li')).toHaveCount(5);
      await expect(widget(page).locator('[data-output="token"] [data-cel-differences] li')).toHaveCount(5);
      await expect(block(page, 'file')).toContainText('audienceMatchPolicy: MatchAny');
      await expect(block(page, 'diff')).toContainText(
        '--authentication-config=/etc/kubernetes/authentication-config.yaml',
      );
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });
  });
}

test('a reload made at once keeps every choice; the token only when "keep" is ticked', async ({ page }) => {
  await page.goto(PAGE('en'));
  const { mint } = await labIssuer();
  const token = await mint();
  await field(page, 'issuerUrl').fill('https://idp.example/');
  await field(page, 'usernameClaim').fill('email');
  await field(page, 'way').selectOption('file');
  await openCel(page);
  await field(page, 'userRules').fill("!user.username.startsWith('system:')");
  await field(page, 'token').fill(token);
  await expect(widget(page).locator('[data-token-not-kept]')).toHaveText(t('en', 'oidcconfig.tokenNotKept'));
  await page.reload();
  await expect(field(page, 'issuerUrl')).toHaveValue('https://idp.example/');
  await expect(field(page, 'usernameClaim')).toHaveValue('email');
  await expect(field(page, 'way')).toHaveValue('file');
  await expect(field(page, 'userRules')).toHaveValue("!user.username.startsWith('system:')");
  await expect(field(page, 'token')).toHaveValue('');
  await expect(widget(page).locator('[data-note="slash"]')).toHaveText(t('en', 'oidcconfig.slashTrap'));
  await widget(page).locator('[data-keep-keys]').check();
  await field(page, 'token').fill(token);
  await page.reload();
  await expect(field(page, 'token')).toHaveValue(token);
});

test('a token the issuer widget of lesson 2 minted and kept is one click away', async ({ page }) => {
  await page.goto(PAGE('en'));
  const use = widget(page).locator('[data-action="use-minted"]');
  await expect(use).toBeHidden();
  const { mint } = await labIssuer();
  const token = await mint();
  // What the issuer widget journals for its token when the reader ticks "keep".
  await page.evaluate(
    (v) => localStorage.setItem('kal-journal:oidc-issuer:token', JSON.stringify({ v, t: Date.now() })),
    token,
  );
  await page.reload();
  await use.click();
  await expect(field(page, 'token')).toHaveValue(token);
  await expect(widget(page).locator('[data-verdict]')).toHaveAttribute('data-ok', 'true');
  await expect(widget(page).locator('[data-user="username"]')).toHaveText(`${ISSUER}#alice`);
});

// The stand-in judges: nginx serves the issuer (oidc-issuer.sh --local), the stand-in is started with
// the flags as the widget prints them, and kubectl sends each token.
const tools = ['go', 'kubectl', 'nginx', 'bash', 'openssl'];
const missing = tools.filter((x) => !hasTool(x) && !(x === 'nginx' && hasTool('/usr/sbin/nginx')));
if (missing.length && inCI) throw new Error(`CI=true and the OIDC stand-in test needs ${missing.join(', ')}`);

test.describe('the widget and the stand-in give every token the same verdict', () => {
  test.skip(missing.length > 0, `needs ${missing.join(', ')}`);

  test('issuer off by one character, wrong audience, expired, wrong algorithm, email_verified false, a missing required claim, groups of the wrong type, an unknown kid', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    process.env.TZ = 'UTC';
    const dir = mkdtempSync(join(tmpdir(), 'kal-oidc-e2e-'));
    const servers: Standin[] = [];
    let script: IssuerScript | undefined;
    try {
      const { ca } = await writeLocalhostCertificates(dir, { caSubject: { commonName: 'Lab CA' } });
      writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
      const port = await freePort();
      const issuerUrl = `https://localhost:${port}`;
      const lab = await labIssuer(issuerUrl);
      writeFileSync(join(dir, 'openid-configuration.json'), lab.issuer.files[0]!.text);
      writeFileSync(join(dir, 'jwks.json'), lab.jwks);
      script = await startIssuerScript(dir, ['--port', String(port)], { timeoutMs: 30_000 });

      await page.goto(PAGE('en'));
      // The reader's choices for the two stand-ins: sub with groups, then email with a required claim.
      const configs: Record<string, string>[] = [
        { way: 'flags', issuerUrl, usernameClaim: 'sub', groupsClaim: 'groups', requiredClaims: '' },
        {
          way: 'flags',
          issuerUrl,
          usernameClaim: 'email',
          groupsClaim: 'groups',
          requiredClaims: 'hd=example.com',
        },
        // The file: two audiences, its own prefix, the CA inline, every algorithm.
        {
          way: 'file',
          issuerUrl,
          usernameClaim: 'sub',
          usernamePrefix: 'oidc:',
          requiredClaims: '',
          audiences: 'kubernetes\nkubectl',
          caPem: ca.certificatePem,
        },
      ];
      // A line each configuration's output has (the widget recomputes after a short pause).
      const marks = [`--oidc-issuer-url=${issuerUrl}`, '--oidc-required-claim=hd=example.com', 'MatchAny'];
      // Another RSA key: RS256 passes the algorithm check, and its kid is not in the issuer's JWKS.
      const other = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
      const base = { email: 'alice@example.com', extra: { hd: 'example.com' } };
      const cases: [number, string, () => Promise<string>, string][] = [
        [0, 'accepted', () => lab.mint(), ''],
        [
          0,
          'issuer off by one character',
          () => lab.mint({ issuer: issuerUrl.replace('localhost', 'localhosT') }),
          'other-issuer',
        ],
        [0, 'issuer off by a trailing slash', () => lab.mint({ issuer: `${issuerUrl}/` }), 'other-issuer'],
        [0, 'wrong audience', () => lab.mint({ audience: ['kubectl'] }), 'audience'],
        [0, 'expired', () => lab.mint({ expiresAt: now() - 120 }), 'expired'],
        [0, 'PS256 where the flags allow RS256', () => lab.mint({}, 'PS256'), 'algorithm'],
        [0, 'groups of the wrong type', () => lab.mint({ groups: [1, 2] as never }), 'groups-claim'],
        [
          0,
          'a kid the JWKS does not have',
          () =>
            mintIdToken({
              claims: idTokenClaims({ issuer: issuerUrl, audience: 'kubernetes', sub: 'alice' }),
              privateKey: other.privateKey,
            }),
          'signature',
        ],
        [1, 'email_verified false', () => lab.mint({ ...base, emailVerified: false }), 'email-not-verified'],
        [1, 'a missing required claim', () => lab.mint({ email: 'alice@example.com' }), 'required-claim'],
        [1, 'accepted by email', () => lab.mint({ ...base, emailVerified: true }), ''],
        [
          2,
          'the file: PS256 and the second audience accepted',
          () => lab.mint({ audience: ['kubectl'] }, 'PS256'),
          '',
        ],
        [2, 'the file: an audience in neither', () => lab.mint({ audience: ['other'] }), 'audience'],
        [2, 'the file: expired', () => lab.mint({ expiresAt: now() - 120 }), 'expired'],
      ];
      for (const [i, config] of configs.entries()) {
        for (const [name, value] of Object.entries(config)) {
          if (name === 'way') await field(page, name).selectOption(value);
          else await field(page, name).fill(value);
        }
        await field(page, 'jwks').fill(lab.jwks);
        const options = {
          cert: join(dir, 'server.pem'),
          key: join(dir, 'server-key.pem'),
          credentialId: true,
        };
        let s: Standin;
        if (config.way === 'file') {
          // The stand-in reads exactly the file the widget shows (as JSON: it has no YAML reader).
          await expect(block(page, 'file')).toContainText(marks[i]!);
          const file = join(dir, `authentication-config-${i}.json`);
          writeFileSync(file, JSON.stringify(parse((await block(page, 'file').textContent()) ?? '')));
          s = await startStandin(dir, { ...options, authenticationConfig: file, oidcInitRetry: '1s' });
        } else {
          await expect(block(page, 'flags')).toContainText(marks[i]!);
          // The stand-in gets exactly the flags the widget shows, plus the CA file the node would hold.
          const shownFlags = ((await block(page, 'flags').textContent()) ?? '').trim().split('\n');
          const oidcFlags: Record<string, string[]> = { 'oidc-ca-file': [join(dir, 'rootCA.pem')] };
          for (const line of shownFlags) {
            const m = /^--([a-z-]+)=(.*)$/.exec(line);
            expect(m, line).not.toBeNull();
            oidcFlags[m![1]!] = [...(oidcFlags[m![1]!] ?? []), m![2]!];
          }
          s = await startStandin(dir, { ...options, oidcFlags, oidcInitRetry: '1s' });
        }
        servers.push(s);
        await expect
          .poll(async () => /oidc authenticator: initialized/.test(await s.log()), { timeout: 20_000 })
          .toBe(true);
        for (const [which, name, make, refusal] of cases) {
          if (which !== i) continue;
          const token = await make();
          await field(page, 'token').fill(token);
          const verdict = widget(page).locator('[data-verdict]');
          await expect(verdict, name).toHaveAttribute('data-refusal', refusal);
          const r = spawnSync(
            'kubectl',
            [
              '--kubeconfig',
              join(dir, 'empty.kubeconfig'),
              `--server=${s.url}`,
              `--certificate-authority=${join(dir, 'rootCA.pem')}`,
              `--token=${token}`,
              'auth',
              'whoami',
            ],
            { encoding: 'utf8' },
          );
          const kubectl = (await widget(page).locator('[data-kubectl]').textContent()) ?? '';
          if (!refusal) {
            expect(r.status, `${name}: ${r.stderr}`).toBe(0);
            expect(kubectl, name).toBe(r.stdout);
            continue;
          }
          expect(r.status, name).not.toBe(0);
          expect(r.stderr.trim(), name).toBe(KUBECTL_401.whoami);
          expect(kubectl, name).toBe(KUBECTL_401.whoami);
          const logged = (await widget(page).locator('[data-log]').textContent()) ?? '';
          const err = /err="(.*)"$/.exec(logged)?.[1]?.replace(/\\"/g, '"');
          expect(err, `${name}: ${logged}`).toBeTruthy();
          await expect
            .poll(async () => (await s.log()).includes(`Unable to authenticate the request: ${err}\n`), {
              message: `${name}: the stand-in logs "${err}"`,
              timeout: 5_000,
            })
            .toBe(true);
        }
      }
    } finally {
      for (const s of servers) s.stop();
      script?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
