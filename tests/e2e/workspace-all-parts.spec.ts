// The workspace holds every part's work and moves it whole: in one browser the reader works in every
// lab of parts 1 to 6 as a reader would (the workbench, the CSR and kubeconfig builders, the token
// file, a bootstrap token, a service-account token, an identity provider and its --oidc-* flags, a
// webhook and the TokenReview playground, the proxy builder, impersonation, the request simulator),
// exports the workspace, and imports it into a fresh browser: the stored workspace is the exported
// file byte for byte, exporting it again gives the same bytes, and every lab page shows the same
// fields and the same generated outputs as in the first browser after a reload (looking at them
// changes nothing: the export is still the same bytes). A malformed file is refused at the import
// field and changes nothing. Then the request simulator's "use my part-N work" buttons bring each
// imported part's credential, and the chain authenticates that part's user.
import type { BrowserContext, Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { issueRootCa, signCsr } from '../../src/pki/index.ts';
import { expect, test } from './fixtures.ts';

const WORKBENCH = '/client-certificates/03-lab-issue-certificates/';

/** One lab page, the work a reader does in it, and the outputs that must come back. */
interface Lab {
  path: string;
  /** The reader's work, done in the first browser. */
  work: (page: Page) => Promise<void>;
  /** Generated outputs shown after a reload (their text must be the same in both browsers). */
  outputs: string[];
  /** The outputs hold times counted from now (a TTL's expiry): masked. Default: false. */
  fromNow?: boolean;
  /** Checks of the reader's own values after a reload, in either browser. */
  shows: (page: Page) => Promise<void>;
}

const w = (page: Page, name: string) => page.locator(`kal-${name}`);
const f = (page: Page, widget: string, name: string) => w(page, widget).locator(`[data-field="${name}"]`);

/** A stand-in for the cluster's CA: it signs the CSR the new-user lab made. */
let clusterCa: { certificatePem: string; privateKeyPem: string } | undefined;
const cluster = async () =>
  (clusterCa ??= await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' }));
/** The certificate it issued for that CSR. */
let userCertificate = '';
/** The JWKS the identity provider lab published, pasted into the --oidc-* lab. */
let issuerJwks = '';

/** A kubeconfig with the cluster only (no credential), as a reader might paste one. */
const kubeconfig = (caData: string) =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: lab-cluster',
    '  cluster:',
    '    server: https://10.0.0.5:6443',
    `    certificate-authority-data: ${caData}`,
    'contexts:',
    '- name: lab',
    '  context:',
    '    cluster: lab-cluster',
    '    user: mina',
    'current-context: lab',
    'users:',
    '- name: mina',
    '  user: {}',
    '',
  ].join('\n');

const LABS: Lab[] = [
  {
    path: WORKBENCH,
    work: async (page) => {
      const bench = w(page, 'workbench');
      await bench.locator('[name="algorithm"]').selectOption('ECDSA-P256');
      await bench.locator('[name="clientUser"]').fill('dana');
      await bench.locator('[name="clientGroups"]').fill('ops\nplatform');
      await bench.locator('[data-action="generate"]').click();
      await expect(bench.locator('[data-status]')).toContainText(t('en', 'workbench.ws.kept'), {
        timeout: 30_000,
      });
    },
    outputs: ['kal-workbench [data-cards]', 'kal-workbench [data-recipes] pre'],
    shows: async (page) => {
      await expect(w(page, 'workbench').locator('[name="clientUser"]')).toHaveValue('dana');
      await expect(w(page, 'workbench').locator('[data-results]')).toBeVisible();
      await expect(w(page, 'workbench').locator('[data-cards]')).toContainText('dana');
    },
  },
  {
    path: '/client-certificates/06-kubernetes-pki/',
    work: async (page) => {
      const ca = Buffer.from((await cluster()).certificatePem).toString('base64');
      await w(page, 'kubeconfig-decoder').locator('[data-text]').fill(kubeconfig(ca));
      await expect(w(page, 'kubeconfig-decoder').locator('[data-result]')).toBeVisible();
    },
    outputs: ['kal-kubeconfig-decoder [data-result]'],
    shows: async (page) => {
      await expect(w(page, 'kubeconfig-decoder').locator('[data-text]')).toHaveValue(
        /server: https:\/\/10\.0\.0\.5:6443/,
      );
      await expect(w(page, 'kubeconfig-decoder').locator('[data-result]')).toContainText('lab-cluster');
    },
  },
  {
    path: '/client-certificates/07-lab-new-user/',
    work: async (page) => {
      const csr = w(page, 'new-user-csr');
      await f(page, 'new-user-csr', 'user').fill('mina');
      await f(page, 'new-user-csr', 'groups').fill('dev\nqa');
      await f(page, 'new-user-csr', 'algorithm').selectOption('ECDSA-P256');
      await csr.locator('[data-action="make"]').click();
      await expect(csr.locator('[data-status]')).toContainText('Made mina-key.pem and mina.csr', {
        timeout: 30_000,
      });
      await f(page, 'new-user-binding', 'group').fill('qa');
      const yaml = (await csr.locator('[data-yaml] pre').first().textContent()) ?? '';
      const request = /request: (\S+)/.exec(yaml)?.[1] ?? '';
      const ca = await cluster();
      userCertificate = (
        await signCsr(Buffer.from(request, 'base64').toString('utf8'), ca, { purpose: 'client' })
      ).certificatePem;
      const builder = w(page, 'kubeconfig-builder');
      await f(page, 'kubeconfig-builder', 'server').fill('https://10.0.0.5:6443');
      await f(page, 'kubeconfig-builder', 'ca').fill(ca.certificatePem);
      await f(page, 'kubeconfig-builder', 'certificate').fill(userCertificate);
      await builder.locator('[data-action="build"]').click();
      await expect(builder.locator('[data-status]')).toContainText('Built mina.kubeconfig');
    },
    outputs: [
      'kal-new-user-csr [data-yaml] pre',
      'kal-new-user-csr [data-whoami]',
      'kal-new-user-binding [data-yaml]',
      'kal-kubeconfig-builder [data-whoami]',
    ],
    shows: async (page) => {
      await expect(f(page, 'new-user-csr', 'user')).toHaveValue('mina');
      await expect(w(page, 'new-user-csr').locator('[data-yaml] pre').first()).toContainText('name: mina');
      await expect(f(page, 'kubeconfig-builder', 'certificate')).toHaveValue(userCertificate);
      await expect(w(page, 'kubeconfig-builder').locator('[data-whoami]')).toContainText('mina');
    },
  },
  {
    path: '/bearer-tokens/02-lab-static-token-file/',
    work: async (page) => {
      const tf = w(page, 'token-file');
      const row = tf.locator('[data-rows] [data-row]').first();
      await row.locator('[data-col="user"]').fill('erin');
      await row.locator('[data-col="uid"]').fill('e-1');
      await row.locator('[data-col="groups"]').fill('ops,qa');
      await tf.locator('[data-action="build"]').click();
      await expect(tf.locator('[data-csv] pre')).toContainText(',erin,e-1,"ops,qa"');
      await f(page, 'apiserver-change', 'tokenAuthFile').fill('/etc/kubernetes/lab-tokens.csv');
    },
    outputs: ['kal-token-file [data-csv] pre', 'kal-token-file [data-read]'],
    shows: async (page) => {
      const row = w(page, 'token-file').locator('[data-rows] [data-row]').first();
      await expect(row.locator('[data-col="user"]')).toHaveValue('erin');
      await expect(row.locator('[data-col="token"]')).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
      await expect(w(page, 'token-file').locator('[data-csv] pre')).toContainText(',erin,e-1,"ops,qa"');
      await expect(f(page, 'apiserver-change', 'tokenAuthFile')).toHaveValue(
        '/etc/kubernetes/lab-tokens.csv',
      );
    },
  },
  {
    path: '/bearer-tokens/03-bootstrap-tokens/',
    work: async (page) => {
      await w(page, 'bootstrap-token').locator('[data-action="generate"]').click();
      await expect(f(page, 'bootstrap-token', 'token')).toHaveValue(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
      await f(page, 'bootstrap-token', 'description').fill('join worker-1');
      await f(page, 'bootstrap-token', 'groups').fill('system:bootstrappers:lab');
    },
    outputs: ['kal-bootstrap-token [data-yaml]', 'kal-bootstrap-token [data-whoami]'],
    fromNow: true,
    shows: async (page) => {
      await expect(f(page, 'bootstrap-token', 'token')).toHaveValue(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
      await expect(f(page, 'bootstrap-token', 'description')).toHaveValue('join worker-1');
    },
  },
  {
    path: '/bearer-tokens/04-service-account-tokens/',
    work: async (page) => {
      const sa = w(page, 'sa-token');
      await sa.locator('[data-keep-keys]').check();
      await f(page, 'sa-token', 'alg').selectOption('ES256');
      await f(page, 'sa-token', 'namespace').fill('lab');
      await f(page, 'sa-token', 'serviceAccount').fill('builder');
      await sa.locator('[data-action="forge"]').click();
      await expect(sa.locator('[data-forged]')).toBeVisible({ timeout: 30_000 });
      await sa.locator('[data-action="inspect-forged"]').click();
      await expect(sa.locator('[data-result]')).toBeVisible();
    },
    outputs: ['kal-sa-token [data-forged-token]', 'kal-sa-token [data-forged-pub]'],
    shows: async (page) => {
      await expect(f(page, 'sa-token', 'serviceAccount')).toHaveValue('builder');
      await expect(f(page, 'sa-token', 'token')).toHaveValue(/^eyJ/);
      await expect(f(page, 'sa-token', 'keys')).toHaveValue(/BEGIN PUBLIC KEY/);
      // The demo's key and token, kept with "keep".
      await expect(w(page, 'sa-token').locator('[data-forged-token]')).toHaveText(/^eyJ/);
    },
  },
  {
    path: '/oidc/02-lab-your-own-issuer/',
    work: async (page) => {
      const idp = w(page, 'oidc-issuer');
      await idp.locator('[data-keep-keys]').check();
      await f(page, 'oidc-issuer', 'issuerUrl').fill('https://idp.lab.test:8443');
      await idp.locator('[data-action="make"]').click();
      await expect(idp.locator('[data-jwks]')).toContainText('"kty"', { timeout: 30_000 });
      await f(page, 'oidc-issuer', 'email').fill('mina@lab.test');
      await idp.locator('[data-action="mint"]').click();
      await expect(idp.locator('[data-token]')).toContainText('eyJ');
      issuerJwks = (await idp.locator('[data-jwks]').textContent()) ?? '';
    },
    outputs: [
      'kal-oidc-issuer [data-discovery]',
      'kal-oidc-issuer [data-jwks]',
      'kal-oidc-issuer [data-token]',
    ],
    shows: async (page) => {
      await expect(f(page, 'oidc-issuer', 'issuerUrl')).toHaveValue('https://idp.lab.test:8443');
      await expect(w(page, 'oidc-issuer').locator('[data-discovery]')).toContainText(
        '"issuer": "https://idp.lab.test:8443"',
      );
      // The key and the token, kept with "keep keys".
      await expect(w(page, 'oidc-issuer').locator('[data-token]')).toHaveText(/^eyJ/);
    },
  },
  {
    path: '/oidc/03-configure-the-api-server/',
    work: async (page) => {
      await f(page, 'oidc-config', 'issuerUrl').fill('https://idp.lab.test:8443');
      await f(page, 'oidc-config', 'usernameClaim').fill('email');
      await f(page, 'oidc-config', 'jwks').fill(issuerJwks);
      await w(page, 'oidc-config').locator('[data-action="use-minted"]').click();
      await expect(f(page, 'oidc-config', 'token')).toHaveValue(/^eyJ/);
    },
    outputs: ['kal-oidc-config [data-output="config"]', 'kal-oidc-config [data-output="token"]'],
    shows: async (page) => {
      await expect(f(page, 'oidc-config', 'issuerUrl')).toHaveValue('https://idp.lab.test:8443');
      await expect(f(page, 'oidc-config', 'usernameClaim')).toHaveValue('email');
    },
  },
  {
    path: '/webhook/02-lab-a-webhook-of-your-own/',
    work: async (page) => {
      await f(page, 'webhook-config', 'newUsername').fill('dave');
      await f(page, 'webhook-config', 'newGroups').fill('qa');
      await w(page, 'webhook-config').locator('[data-action="add-user"]').click();
      await expect(f(page, 'webhook-config', 'users')).toHaveValue(/"username":"dave"/);
    },
    outputs: ['kal-webhook-config [data-output="check"]'],
    shows: async (page) => {
      await expect(f(page, 'webhook-config', 'users')).toHaveValue(/"username":"dave"/);
    },
  },
  {
    path: '/webhook/03-tokenreview-playground/',
    work: async (page) => {
      await f(page, 'token-review', 'ttl').fill('30s');
      await w(page, 'token-review').locator('[data-action="send"]').click();
    },
    outputs: ['kal-token-review [data-output="latest"]', 'kal-token-review [data-output="timeline"]'],
    shows: async (page) => {
      await expect(f(page, 'token-review', 'ttl')).toHaveValue('30s');
    },
  },
  {
    path: '/proxy/02-lab-nginx-as-an-authenticating-proxy/',
    work: async (page) => {
      const pb = w(page, 'proxy-builder');
      await pb.locator('[data-keep-keys]').check();
      await f(page, 'proxy-builder', 'user').fill('fiona');
      await pb.locator('[data-action="make"]').click();
      await expect(pb.locator('[data-certs]')).toBeVisible({ timeout: 30_000 });
    },
    outputs: [
      'kal-proxy-builder [data-facts]',
      'kal-proxy-builder [data-conf]',
      'kal-proxy-builder [data-through]',
    ],
    shows: async (page) => {
      await expect(f(page, 'proxy-builder', 'user')).toHaveValue('fiona');
      // The certificates, kept with "keep keys".
      await expect(w(page, 'proxy-builder').locator('[data-certs]')).toBeVisible();
    },
  },
  {
    path: '/proxy/04-impersonation/',
    work: async (page) => {
      await f(page, 'impersonation', 'as').fill('kim');
      await f(page, 'impersonation', 'asGroups').fill('qa\nreaders');
    },
    outputs: ['kal-impersonation [data-output="request"]', 'kal-impersonation [data-output="verdict"]'],
    shows: async (page) => {
      await expect(f(page, 'impersonation', 'as')).toHaveValue('kim');
    },
  },
  {
    path: '/authenticator-chain/01-follow-a-request-through-the-chain/',
    work: async (page) => {
      const sim = w(page, 'request-simulator');
      await sim.locator('[data-action="part4"]').click();
      await expect(f(page, 'request-simulator', 'authorization')).toHaveValue(/^Bearer /);
      await f(page, 'request-simulator', 'endpoint').selectOption('/livez');
    },
    outputs: ['kal-request-simulator [data-output="result"]'],
    shows: async (page) => {
      await expect(f(page, 'request-simulator', 'endpoint')).toHaveValue('/livez');
    },
  },
];

/** The page's widgets are wired (custom elements defined), so typing reaches their handlers. */
async function ready(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('*')]
      .filter((e) => e.localName.startsWith('kal-'))
      .every((e) => customElements.get(e.localName)),
  );
}

/** Every field of every widget on the page (value, or checked state), and the outputs' texts. */
async function snapshot(page: Page, { outputs, fromNow }: Lab) {
  const fields = await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((e) => e.localName.startsWith('kal-'))
      .flatMap((widget) =>
        [...widget.querySelectorAll<HTMLInputElement>('input, textarea, select')]
          .filter((el) => el.type !== 'file')
          .map((el, i) => {
            const name = el.dataset.field ?? el.dataset.col ?? el.name ?? '';
            const value = el.type === 'checkbox' || el.type === 'radio' ? String(el.checked) : el.value;
            return `${widget.localName} ${i} ${name}: ${value}`;
          }),
      ),
  );
  const texts: string[] = [];
  for (const o of outputs) {
    const text = (await page.locator(o).allTextContents()).join('\n');
    texts.push(`${o}: ${fromNow ? text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>') : text}`);
  }
  return { fields, texts };
}

/** The snapshot once the widgets are done restoring: the same twice, a moment apart. */
async function settled(page: Page, lab: Lab) {
  let last = await snapshot(page, lab);
  for (;;) {
    await page.waitForTimeout(250);
    const now = await snapshot(page, lab);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
}

/** The stored workspace text, read from IndexedDB itself. */
async function stored(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('kube-auth-lab', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('workspace');
        req.onsuccess = () => {
          const get = req.result.transaction('workspace').objectStore('workspace').get('current');
          get.onsuccess = () => {
            req.result.close();
            resolve(String(get.result ?? ''));
          };
          get.onerror = () => reject(get.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

async function exported(page: Page): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('kal-workbench [data-action="export"]').click(),
  ]);
  const chunks: Buffer[] = [];
  for await (const c of await file.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function importFile(page: Page, name: string, bytes: Buffer) {
  await page
    .locator('kal-workbench [data-import]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
}

/** A page of another browser context, whose uncaught errors are collected in `errors`. */
async function freshPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

test('a workspace with every part’s work exports and imports bit for bit, and every lab shows it again', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const seen: Record<string, Awaited<ReturnType<typeof snapshot>>> = {};
  for (const lab of LABS) {
    await page.goto(lab.path);
    await ready(page);
    await lab.work(page);
  }
  // Each lab page after a reload: the reader's values and outputs are back.
  for (const lab of LABS) {
    await page.goto(lab.path);
    await ready(page);
    await lab.shows(page);
    seen[lab.path] = await settled(page, lab);
  }
  await page.goto(WORKBENCH);
  await ready(page);
  const file = await exported(page);
  const text = file.toString('utf8');
  const ws = JSON.parse(text) as { files: Record<string, string>; inputs: Record<string, unknown> };
  expect(Object.keys(ws.inputs).sort()).toEqual(
    expect.arrayContaining([
      'workbench',
      'kubeconfig-decoder',
      'new-user',
      'new-user-binding',
      'kubeconfig-builder',
      'token-file',
      'apiserver-change',
      'bootstrap-token',
      'sa-token',
      'oidc-issuer',
      'oidc-config',
      'webhook-config',
      'token-review',
      'proxy-builder',
      'impersonation',
      'request-simulator',
    ]),
  );
  // Each entry holds what the reader did there.
  const entry = (name: string) => ws.inputs[name] as Record<string, unknown>;
  expect(entry('workbench').clientUser).toBe('dana');
  expect(entry('kubeconfig-decoder').text).toBe(
    kubeconfig(Buffer.from(clusterCa!.certificatePem).toString('base64')),
  );
  expect(entry('new-user').user).toBe('mina');
  expect(entry('kubeconfig-builder').certificate).toBe(userCertificate);
  expect(entry('new-user-binding').group).toBe('qa');
  expect(entry('token-file').rows).toMatch(/"user":"erin".*"token":"[A-Za-z0-9_-]{43}"/);
  expect(entry('bootstrap-token').token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  expect(entry('sa-token').forgedToken).toMatch(/^eyJ/);
  expect(entry('oidc-issuer').token).toMatch(/^eyJ/);
  expect(entry('oidc-config').jwks).toBe(issuerJwks);
  expect(entry('webhook-config').users).toMatch(/"username":"dave"/);
  expect(entry('token-review').ttl).toBe('30s');
  expect(entry('proxy-builder').certs).toMatch(/clientPem/);
  expect(entry('impersonation').as).toBe('kim');
  expect(entry('request-simulator').endpoint).toBe('/livez');
  expect(Object.keys(ws.files)).toEqual(
    expect.arrayContaining([
      'rootCA.pem',
      'rootCA-key.pem',
      'client.pem',
      'client-key.pem',
      'mina.csr',
      'mina-key.pem',
      'ca.crt',
    ]),
  );
  expect(text).toBe(await stored(page));

  // A fresh browser: nothing stored, then the file.
  const other = await browser.newContext({ baseURL });
  try {
    const errors: string[] = [];
    const fresh = await freshPage(other, errors);
    await fresh.goto(WORKBENCH);
    await ready(fresh);
    expect(await stored(fresh)).toBe('');
    await importFile(fresh, 'kube-auth-lab-workspace.json', file);
    await expect(fresh.locator('kal-workbench [data-ws-status]')).toHaveText(
      t('en', 'workbench.ws.imported').replace('{file}', 'kube-auth-lab-workspace.json'),
    );
    expect(await stored(fresh)).toBe(text);
    expect((await exported(fresh)).equals(file)).toBe(true);
    for (const lab of LABS) {
      await fresh.goto(lab.path);
      await ready(fresh);
      await lab.shows(fresh);
      // The outputs a widget makes again from what it restored may take a moment.
      await expect.poll(() => snapshot(fresh, lab), { message: lab.path }).toEqual(seen[lab.path]);
    }
    // Only looking at the labs changed nothing.
    await fresh.goto(WORKBENCH);
    await ready(fresh);
    expect((await exported(fresh)).toString('utf8')).toBe(text);

    // A malformed file: a clear message at the import field, and the workspace as it was.
    const before = await stored(fresh);
    await importFile(fresh, 'broken.json', Buffer.from(`${text.slice(0, 200)}`));
    const message = fresh.locator('kal-workbench [data-ws-message]');
    await expect(message).toHaveText(t('en', 'error.workspace/not-json'));
    // The message belongs to the import field: a screen reader reads it with the field.
    const described = await fresh.locator('kal-workbench [data-import]').getAttribute('aria-describedby');
    expect(described && (await message.getAttribute('id'))).toBe(described);
    expect(await stored(fresh)).toBe(before);
    await importFile(fresh, 'other.json', Buffer.from('{"format": "something-else"}\n'));
    await expect(message).toHaveText(t('en', 'error.workspace/wrong-format'));
    expect(await stored(fresh)).toBe(before);

    // Every part's work, imported, is one click away in the request simulator, each with its user.
    await fresh.goto(LABS.at(-1)!.path);
    await ready(fresh);
    const sim = fresh.locator('kal-request-simulator');
    await f(fresh, 'request-simulator', 'endpoint').selectOption('whoami');
    const users: [number, string, string][] = [
      [1, 'x509', 'dana'],
      // Part 2's three labs all come over; the request carries the last one's token (lesson 2.4's).
      [2, 'service-account', 'system:serviceaccount:lab:builder'],
      [3, 'oidc', 'mina@lab.test'],
      [4, 'webhook', 'dave'],
      [5, 'request-header', 'fiona'],
    ];
    for (const [part, step, user] of users) {
      await sim.locator(`[data-action="part${part}"]`).click();
      await expect(sim.locator('[data-status]')).toHaveText(t('en', `simulator.part${part}Used` as never));
      const result = sim.locator('[data-output="result"]');
      await expect(result.locator(`[data-step="${step}"]`), `part ${part}`).toHaveAttribute(
        'data-verdict',
        'wins',
      );
      await expect(result.locator('[data-user="username"]'), `part ${part}`).toHaveText(user);
      if (part === 2) {
        await expect(f(fresh, 'request-simulator', 'tokenCsv')).toHaveValue(/,erin,e-1,"ops,qa"\n$/);
        await expect(f(fresh, 'request-simulator', 'bootstrapTokens')).toHaveValue(
          /system:bootstrappers:lab/,
        );
      }
      // Part 5 brings the impersonation lab's rule too (its headers go only around the proxy).
      if (part === 5)
        await expect(f(fresh, 'request-simulator', 'impersonationRules')).toHaveValue(
          'jane: users/kim groups/qa groups/readers\n',
        );
    }
    expect(errors, 'uncaught errors in the second browser').toEqual([]);
  } finally {
    await other.close();
  }
});
