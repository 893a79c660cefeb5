// The request simulator of part 6, lesson 1, as a reader uses it, in English and Korean: the default
// example's chain, user and kubectl output are on the page before any script runs and equal what the
// engine computes; each example loads a working credential for its authenticator, and the verdicts,
// status and kubectl output the widget shows are the engine's on the fields the widget holds; bad
// input gets its translated message at the field that caused it, and the last result stays; a reload
// keeps every choice, a typed credential only with "keep"; the part-1 CA and certificate in the
// workspace are one click away, and so are what parts 2 to 5's widgets keep there (each button shown
// only when the workspace holds that part's work). Bootstrap tokens and impersonation (allowed,
// refused, a group without a user) show the engine's verdict, status and kubectl output; their
// fields' bad input is refused at the field. No request leaves the site (the fixture fails any).
import type { Page } from '@playwright/test';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import {
  exportPublicKeyPem,
  generateKeyPair,
  issueClientCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
} from '../../src/pki/index.ts';
import {
  DEFAULT_REQUEST,
  DEFAULT_SETUP,
  type ExampleRequest,
  simulateRequest,
  simulatorInput,
} from '../../src/tokens/index.ts';
import { kubectlLine } from '../../src/widgets/request-simulator/render.ts';
import { EXAMPLE_WINNER } from '../support/token-simulator-winners.ts';
import { englishLeft } from './english-left.ts';
import { expect, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const PAGE = (lang: Lang) =>
  `${lang === 'ko' ? '/ko' : ''}/authenticator-chain/01-follow-a-request-through-the-chain/`;
const text = (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));

const widget = (page: Page) => page.locator('kal-request-simulator');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const result = (page: Page) => widget(page).locator('[data-output="result"]');

/** The widget's fields as the element reads them. */
const values = (page: Page) =>
  widget(page).evaluate((el) =>
    Object.fromEntries(
      [...el.querySelectorAll<HTMLInputElement>('[data-field]')].map((f) => [
        f.dataset.field ?? '',
        f.type === 'checkbox' ? (f.checked ? 'on' : 'off') : f.value,
      ]),
    ),
  );

/** The widget shows what the engine computes on the widget's own fields. */
async function showsEngine(page: Page) {
  const { setup, request } = simulatorInput(await values(page));
  const r = await simulateRequest(setup, request);
  await expect(result(page).locator('[data-status-code]')).toHaveText(String(r.status));
  await expect(result(page).locator('[data-outcome]')).toHaveAttribute('data-outcome', r.outcome);
  for (const s of r.steps) {
    const kind = s.name === r.authenticatedBy ? 'wins' : s.verdict.kind;
    await expect(result(page).locator(`[data-step="${s.name}"]`), s.name).toHaveAttribute(
      'data-verdict',
      kind,
    );
  }
  if (r.kubectl !== undefined)
    await expect(result(page).locator('[data-kubectl]')).toHaveText(`${kubectlLine(r)}\n${r.kubectl}`);
  if (r.impersonation)
    await expect(result(page).locator('[data-impersonation]')).toHaveAttribute(
      'data-impersonation',
      r.impersonation.outcome,
    );
  await expect(result(page).locator('[data-body]')).toHaveText(r.body);
  return r;
}

/** Puts a workspace with these files and widget inputs in the page's IndexedDB (as the site stores it). */
async function seedWorkspace(page: Page, files: Record<string, string>, inputs: Record<string, unknown>) {
  await page.evaluate(
    ([files, inputs]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('kube-auth-lab', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('workspace');
        req.onsuccess = () => {
          const tx = req.result.transaction('workspace', 'readwrite');
          tx.objectStore('workspace').put(
            JSON.stringify({
              format: 'kube-auth-lab-workspace',
              version: 1,
              updatedAt: new Date().toISOString(),
              files,
              inputs,
            }),
            'current',
          );
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
        };
        req.onerror = () => reject(req.error);
      }),
    [files, inputs] as const,
  );
}

/** The status each impersonation example ends in. */
const IMPERSONATION_STATUS: Partial<Record<ExampleRequest, string>> = {
  'impersonation-allowed': '201',
  'impersonation-refused': '403',
  'impersonation-without-user': '500',
};

for (const lang of ['en', 'ko'] as const) {
  test.describe(lang, () => {
    test(`the default example's chain and kubectl output are on the page before any edit (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      const r = await simulateRequest(DEFAULT_SETUP, DEFAULT_REQUEST);
      await expect(result(page).locator('[data-step="token-file"]')).toHaveAttribute('data-verdict', 'wins');
      await expect(result(page).locator('[data-kubectl]')).toHaveText(`${kubectlLine(r)}\n${r.kubectl}`);
      await expect(result(page).locator('[data-user="username"]')).toHaveText('alice');
      await showsEngine(page);
      if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
    });

    test(`each example authenticates by its own step, as the engine says (${lang})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(PAGE(lang));
      for (const [name, winner] of Object.entries(EXAMPLE_WINNER)) {
        await widget(page).locator('[data-example]').selectOption(name);
        await widget(page).locator('[data-action="example"]').click();
        await expect(widget(page).locator('[data-status]')).toHaveText(
          text(lang, 'simulator.loaded', { example: text(lang, `simulator.example.${name}` as MessageKey) }),
          { timeout: 30_000 },
        );
        await expect(result(page).locator(`[data-step="${winner}"]`), name).toHaveAttribute(
          'data-verdict',
          'wins',
        );
        const status = IMPERSONATION_STATUS[name as ExampleRequest];
        if (status) await expect(result(page).locator('[data-status-code]'), name).toHaveText(status);
        if (name === 'bootstrap-token')
          await expect(result(page).locator('[data-user="username"]')).toHaveText('system:bootstrap:07401b');
        if (name === 'impersonation-allowed')
          await expect(result(page).locator('[data-user="username"]')).toHaveText('sam');
        await showsEngine(page);
        if (lang === 'ko') expect(await englishLeft(page, 'ko'), name).toEqual([]);
      }
      // An expired bootstrap token is not mine, and the request is refused.
      await widget(page).locator('[data-example]').selectOption('bootstrap-token');
      await widget(page).locator('[data-action="example"]').click();
      // The example fills the fields when it is loaded (the status says so); type after that.
      await expect(widget(page).locator('[data-status]')).toHaveText(
        text(lang, 'simulator.loaded', { example: text(lang, 'simulator.example.bootstrap-token') }),
      );
      await field(page, 'bootstrapTokens').fill('07401b.f395accd246ae52d expires=2020-01-01T00:00:00Z\n');
      await expect(result(page).locator('[data-status-code]')).toHaveText('401');
      await expect(result(page).locator('[data-step="bootstrap-token"]')).toHaveAttribute(
        'data-verdict',
        'not-mine',
      );
      await showsEngine(page);
      // Anonymous off: a request without a credential is a 401 and kubectl says so.
      await widget(page).locator('[data-example]').selectOption('nothing');
      await widget(page).locator('[data-action="example"]').click();
      await expect(widget(page).locator('[data-status]')).toHaveText(
        text(lang, 'simulator.loaded', { example: text(lang, 'simulator.example.nothing') }),
      );
      await expect(result(page).locator('[data-status-code]')).toHaveText('403');
      await field(page, 'anonymousMode').selectOption('off');
      await expect(result(page).locator('[data-status-code]')).toHaveText('401');
      await showsEngine(page);
      // Anonymous only on /livez: /livez is allowed, whoami refused.
      await field(page, 'anonymousMode').selectOption('conditions');
      await field(page, 'anonymousPaths').fill('/livez\n');
      await expect(result(page).locator('[data-status-code]')).toHaveText('401');
      await field(page, 'endpoint').selectOption('/livez');
      await expect(result(page).locator('[data-status-code]')).toHaveText('200');
      await showsEngine(page);
    });

    test(`bad input gets its message at the field that caused it, and the last result stays (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      const cases: [string, string, Record<string, string>, MessageKey, Record<string, string | number>][] = [
        ['headers', 'no colon here', {}, 'error.simulator/bad-header', { line: 1 }],
        ['headers', 'Authorization: Bearer x', {}, 'error.simulator/authorization-in-headers', { line: 1 }],
        [
          'anonymousPaths',
          'livez',
          { anonymousMode: 'conditions' },
          'error.simulator/bad-anonymous-path',
          { path: 'livez' },
        ],
        ['clientCaPem', '', { clientCaOn: 'on' }, 'error.simulator/required', {}],
        [
          'oidcSigningAlgs',
          'XX256',
          { oidcOn: 'on' },
          'error.oidc-flags/bad-signing-alg',
          { value: 'XX256' },
        ],
        ['saAccounts', 'not an account', { saOn: 'on' }, 'error.simulator/required', {}],
        [
          'bootstrapTokens',
          '07401b.short',
          {},
          'error.simulator/bad-bootstrap-token',
          { line: 1, value: '07401b.short' },
        ],
        [
          'bootstrapTokens',
          '07401b.f395accd246ae52d expires=soon',
          {},
          'error.simulator/bad-bootstrap-expiration',
          { line: 1, value: 'expires=soon' },
        ],
        [
          'impersonationRules',
          'alice: pods/x',
          {},
          'error.simulator/bad-impersonation-target',
          { line: 1, value: 'pods/x' },
        ],
        [
          'impersonationRules',
          'alice users/sam',
          {},
          'error.simulator/bad-impersonation-line',
          { line: 1, value: 'alice users/sam' },
        ],
      ];
      for (const [name, bad, before, key, vars] of cases) {
        for (const [n, v] of Object.entries(before)) {
          const f = field(page, n);
          if (n.endsWith('On')) await f.check();
          else await f.selectOption(v);
        }
        const input = field(page, name);
        const old = await input.inputValue();
        await input.fill(bad);
        // Turning service accounts on asks for the key first: the first problem is shown.
        const at = name === 'saAccounts' ? 'saKeyPem' : name;
        await expect(message(page, at), name).toHaveText(text(lang, key, vars));
        await expect(field(page, at), name).toHaveAttribute('aria-invalid', 'true');
        await expect(widget(page).locator('[data-status]')).toHaveText(text(lang, 'simulator.fixField'));
        await expect(result(page).locator('[data-kubectl]')).toBeVisible();
        if (lang === 'ko') expect(await englishLeft(page, 'ko'), name).toEqual([]);
        await input.fill(old);
        for (const [n] of Object.entries(before)) {
          const f = field(page, n);
          if (n.endsWith('On')) await f.uncheck();
          else await f.selectOption('on');
        }
        await expect(message(page, at), name).toHaveText('');
        await expect(field(page, at), name).not.toHaveAttribute('aria-invalid');
      }
      await showsEngine(page);
    });
  });
}

test('a reload keeps every choice and the examples; a typed credential only with "keep"', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(PAGE('en'));
  await widget(page).locator('[data-example]').selectOption('oidc');
  await widget(page).locator('[data-action="example"]').click();
  await expect(result(page).locator('[data-step="oidc"]')).toHaveAttribute('data-verdict', 'wins', {
    timeout: 30_000,
  });
  const token = await field(page, 'authorization').inputValue();
  await field(page, 'endpoint').selectOption('/livez');
  await field(page, 'headers').fill('X-Trace: 1\n');
  await page.reload();
  await expect(field(page, 'oidcOn')).toBeChecked();
  await expect(field(page, 'authorization')).toHaveValue(token);
  await expect(field(page, 'endpoint')).toHaveValue('/livez');
  await expect(field(page, 'headers')).toHaveValue('X-Trace: 1\n');
  await expect(result(page).locator('[data-step="oidc"]')).toHaveAttribute('data-verdict', 'wins');
  await showsEngine(page);
  // A token typed by the reader may be a real cluster's: not kept unless "keep" is ticked.
  await field(page, 'authorization').fill('Bearer typed-by-me');
  await expect(widget(page).locator('[data-credential-not-kept]')).toHaveText(
    t('en', 'simulator.notKept').replace('{fields}', t('en', 'simulator.authorization')),
  );
  await page.reload();
  await expect(field(page, 'authorization')).toHaveValue(DEFAULT_REQUEST.authorization);
  await widget(page).locator('[data-keep-keys]').check();
  await field(page, 'authorization').fill('Bearer typed-by-me');
  await expect(widget(page).locator('[data-credential-not-kept]')).toBeHidden();
  await page.reload();
  await expect(field(page, 'authorization')).toHaveValue('Bearer typed-by-me');
  await expect(widget(page).locator('[data-keep-keys]')).toBeChecked();
});

test('a reload keeps the bootstrap switch and the impersonation rules; a typed bootstrap token only with "keep"', async ({
  page,
}) => {
  await page.goto(PAGE('en'));
  const defaultTokens = await field(page, 'bootstrapTokens').inputValue();
  await field(page, 'impersonationRules').fill('alice: users/*\n');
  await field(page, 'headers').fill('Impersonate-User: root\n');
  await expect(result(page).locator('[data-user="username"]')).toHaveText('root');
  await field(page, 'bootstrapTokens').fill('abcdef.0123456789abcdef\n');
  await expect(widget(page).locator('[data-credential-not-kept]')).toHaveText(
    t('en', 'simulator.notKept').replace('{fields}', t('en', 'simulator.bootstrapTokens')),
  );
  await field(page, 'bootstrapOn').uncheck();
  await page.reload();
  await expect(field(page, 'impersonationRules')).toHaveValue('alice: users/*\n');
  await expect(field(page, 'headers')).toHaveValue('Impersonate-User: root\n');
  await expect(field(page, 'bootstrapOn')).not.toBeChecked();
  await expect(field(page, 'bootstrapTokens')).toHaveValue(defaultTokens);
  await expect(result(page).locator('[data-user="username"]')).toHaveText('root');
  await showsEngine(page);
  await widget(page).locator('[data-keep-keys]').check();
  await field(page, 'bootstrapTokens').fill('abcdef.0123456789abcdef\n');
  await page.reload();
  await expect(field(page, 'bootstrapTokens')).toHaveValue('abcdef.0123456789abcdef\n');
});

for (const lang of ['en', 'ko'] as const) {
  test(`what parts 2 to 5 left in the workspace is one click away, each button only when it is there (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const proxyCa = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    const proxy = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, proxyCa);
    const oidcKey = await generateKeyPair('RSA-2048');
    const oidcPem = await exportPublicKeyPem(oidcKey.publicKey);
    const jwk = await crypto.subtle.exportKey('jwk', oidcKey.publicKey);
    await page.goto(PAGE(lang));
    for (const n of [2, 3, 4, 5]) await expect(widget(page).locator(`[data-action="part${n}"]`)).toBeHidden();
    // Only part 4 first: only its button shows.
    const users = `${JSON.stringify({ users: [{ token: 'wh-dave-1234', username: 'dave', uid: 'd-1', groups: ['qa'] }] })}\n`;
    await seedWorkspace(page, {}, { 'webhook-config': { users } });
    await page.reload();
    await expect(widget(page).locator('[data-action="part4"]')).toBeVisible();
    for (const n of [2, 3, 5]) await expect(widget(page).locator(`[data-action="part${n}"]`)).toBeHidden();
    await widget(page).locator('[data-action="part4"]').click();
    await expect(field(page, 'webhookUsers')).toHaveValue(users);
    await expect(field(page, 'authorization')).toHaveValue('Bearer wh-dave-1234');
    await expect(widget(page).locator('[data-status]')).toHaveText(text(lang, 'simulator.part4Used'));
    await expect(result(page).locator('[data-step="webhook"]')).toHaveAttribute('data-verdict', 'wins');
    await expect(result(page).locator('[data-user="username"]')).toHaveText('dave');
    await showsEngine(page);
    // Every part.
    await seedWorkspace(
      page,
      {},
      {
        'token-file': {
          rows: JSON.stringify([{ user: 'erin', uid: 'e-1', groups: 'ops,qa', token: 'tf-erin-0001' }]),
        },
        'bootstrap-token': {
          token: 'k9x2ab.0123456789abcdef',
          groups: 'system:bootstrappers:lab',
          usageSigning: false,
        },
        'oidc-config': {
          issuerUrl: 'https://login.example.org',
          audiences: 'lab-cluster',
          usernameClaim: 'email',
          groupsPrefix: '',
          jwks: JSON.stringify({ keys: [{ ...jwk, kid: 'k1', use: 'sig', alg: 'RS256' }] }),
        },
        'webhook-config': { users },
        'proxy-builder': {
          certs: JSON.stringify({ caPem: proxyCa.certificatePem, clientPem: proxy.certificatePem }),
          allowedNames: 'front-proxy-client',
          user: 'fiona',
          groups: 'admins',
        },
      },
    );
    await page.reload();
    for (const n of [2, 3, 4, 5])
      await expect(widget(page).locator(`[data-action="part${n}"]`)).toBeVisible();
    await widget(page).locator('[data-action="part2"]').click();
    await expect(widget(page).locator('[data-status]')).toHaveText(text(lang, 'simulator.part2Used'));
    await expect(field(page, 'tokenCsv')).toHaveValue('tf-erin-0001,erin,e-1,"ops,qa"\n');
    await expect(field(page, 'bootstrapTokens')).toHaveValue(
      'k9x2ab.0123456789abcdef system:bootstrappers:lab usages=authentication\n',
    );
    await expect(field(page, 'authorization')).toHaveValue('Bearer tf-erin-0001');
    await expect(result(page).locator('[data-user="username"]')).toHaveText('erin');
    await showsEngine(page);
    await field(page, 'authorization').fill('Bearer k9x2ab.0123456789abcdef');
    await expect(result(page).locator('[data-user="username"]')).toHaveText('system:bootstrap:k9x2ab');
    await widget(page).locator('[data-action="part3"]').click();
    await expect(widget(page).locator('[data-status]')).toHaveText(text(lang, 'simulator.part3Used'));
    await expect(field(page, 'oidcOn')).toBeChecked();
    await expect(field(page, 'oidcIssuerUrl')).toHaveValue('https://login.example.org');
    await expect(field(page, 'oidcClientId')).toHaveValue('lab-cluster');
    await expect(field(page, 'oidcUsernameClaim')).toHaveValue('email');
    await expect(field(page, 'oidcKeyPem')).toHaveValue(oidcPem);
    await showsEngine(page);
    await widget(page).locator('[data-action="part5"]').click();
    await expect(widget(page).locator('[data-status]')).toHaveText(text(lang, 'simulator.part5Used'));
    await expect(field(page, 'rhCaPem')).toHaveValue(proxyCa.certificatePem);
    await expect(field(page, 'certificatePem')).toHaveValue(proxy.certificatePem);
    await expect(result(page).locator('[data-step="request-header"]')).toHaveAttribute(
      'data-verdict',
      'wins',
    );
    await expect(result(page).locator('[data-user="username"]')).toHaveText('fiona');
    await showsEngine(page);
    if (lang === 'ko') expect(await englishLeft(page, 'ko')).toEqual([]);
  });
}

test('the CA and certificate made in part 1 are one click away, and the certificate authenticates', async ({
  page,
}) => {
  const ca = await issueRootCa({ subject: { commonName: 'lab-ca' }, algorithm: 'ECDSA-P256' });
  const client = await issueClientCertificate(
    { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm: 'ECDSA-P256' },
    ca,
  );
  await page.goto(PAGE('en'));
  await expect(widget(page).locator('[data-action="part1"]')).toBeHidden();
  // What the part-1 workbench stores: its files by their cfssljson names.
  await seedWorkspace(page, { 'rootCA.pem': ca.certificatePem, 'client.pem': client.certificatePem }, {});
  await page.reload();
  await widget(page).locator('[data-action="part1"]').click();
  await expect(field(page, 'certificatePem')).toHaveValue(client.certificatePem);
  await expect(result(page).locator('[data-step="x509"]')).toHaveAttribute('data-verdict', 'wins');
  await expect(result(page).locator('[data-user="username"]')).toHaveText('jane');
  await showsEngine(page);
});
