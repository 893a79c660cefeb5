// Nothing the reader did is ever lost: every field of every widget of part 1 survives a reload made
// at once (0–50 ms after typing) and a link clicked at once; two tabs typing in different fields
// keep both; private keys pasted by the reader stay in memory unless the reader asks; a huge paste
// cannot break the workspace; and the page says the truth about what the workspace holds.
// Run with --repeat-each to see it is not flaky.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { issueClientCertificate, issueRootCa } from '../../src/pki/index.ts';
import { WORKSPACE_MAX_BYTES } from '../../src/widgets/shared/workspace-format.ts';
import { kubeadmConf } from '../support/lab-kubeconfig.ts';
import { LAB_FILES } from '../support/lab-params.ts';
import { expect, test } from './fixtures.ts';
import { holdWorkspaceOpen, workspaceLate } from './late-workspace.ts';

const LESSON = (n: string) => `/client-certificates/${n}/`;
const lesson2 = LESSON('02-public-key-infrastructure');
const lesson3 = LESSON('03-lab-issue-certificates');
const lesson6 = LESSON('06-kubernetes-pki');
const lesson7 = LESSON('07-lab-new-user');
const lesson8 = LESSON('08-troubleshooting');

/** One field and what the reader puts in it. */
interface Edit {
  field: (page: Page) => Locator;
  value: string;
  kind?: 'select' | 'radio';
}

const css = (selector: string) => (page: Page) => page.locator(selector);

/** Every widget of part 1 and every field in it, with values that are not the defaults. */
const WIDGETS: { name: string; path: string; edits: Edit[] }[] = [
  {
    name: 'the signature playground (no key made yet)',
    path: lesson2,
    edits: [{ field: css('kal-signature-playground [data-message]'), value: 'typed before any key' }],
  },
  {
    name: 'the workbench',
    path: lesson3,
    edits: [
      ['caName', 'Dana Lab Root'],
      ['caOrg', 'Dana Org'],
      ['caDays', '1200'],
      ['serverName', 'api.dana.test'],
      ['serverDns', 'api.dana.test\nkube.dana.test'],
      ['serverIps', '10.1.2.3'],
      ['serverDays', '90'],
      ['clientUser', 'dana.kim'],
      ['clientGroups', 'ops\nplatform team'],
      ['clientDays', '30'],
    ]
      .map(([name, value]): Edit => ({ field: css(`kal-workbench [name="${name}"]`), value: value! }))
      .concat({ field: css('kal-workbench [name="algorithm"]'), value: 'ECDSA-P384', kind: 'select' }),
  },
  {
    name: 'the kubeconfig decoder',
    path: lesson6,
    edits: [
      {
        field: css('kal-kubeconfig-decoder [data-text]'),
        value: 'apiVersion: v1\nkind: Config\nclusters: []\n',
      },
    ],
  },
  {
    name: 'the CSR, kubeconfig and binding builders',
    path: lesson7,
    edits: [
      { field: css('kal-new-user-csr [data-field="user"]'), value: 'dana.new' },
      { field: css('kal-new-user-csr [data-field="groups"]'), value: 'ops\nqa' },
      { field: css('kal-new-user-csr [data-field="expirationSeconds"]'), value: '7200' },
      { field: css('kal-new-user-csr [data-field="algorithm"]'), value: 'ECDSA-P256', kind: 'select' },
      { field: css('kal-kubeconfig-builder [data-field="server"]'), value: 'https://10.9.8.7:6443' },
      { field: css('kal-kubeconfig-builder [data-field="ca"]'), value: 'a CA, pasted' },
      { field: css('kal-kubeconfig-builder [data-field="certificate"]'), value: 'a certificate, pasted' },
      { field: css('kal-kubeconfig-builder [data-field="namespace"]'), value: 'team-a' },
      { field: css('kal-new-user-binding [data-field="group"]'), value: 'qa' },
      { field: css('kal-new-user-binding [data-field="role"]'), value: 'edit', kind: 'select' },
      {
        field: css('kal-new-user-binding [data-field="scope"][value="cluster"]'),
        value: 'cluster',
        kind: 'radio',
      },
    ],
  },
  {
    name: 'the inspector, the chain check and the explainer',
    path: lesson8,
    edits: [
      { field: css('kal-cert-inspector [data-input]'), value: 'not a certificate yet' },
      { field: css('kal-chain-check [data-purpose][value="server"]'), value: 'server', kind: 'radio' },
      { field: css('kal-chain-check [data-leaf]'), value: 'leaf, pasted' },
      { field: css('kal-chain-check [data-intermediates]'), value: 'intermediates, pasted' },
      { field: css('kal-chain-check [data-roots]'), value: 'roots, pasted' },
      { field: css('kal-chain-check [data-hostname]'), value: 'api.dana.test' },
      {
        field: css('kal-error-explainer [data-input]'),
        value: 'x509: certificate signed by unknown authority',
      },
    ],
  },
];

async function apply(page: Page, edit: Edit) {
  const field = edit.field(page);
  if (edit.kind === 'select') await field.selectOption(edit.value);
  else if (edit.kind === 'radio') await field.check();
  else await field.fill(edit.value);
}

async function expectKept(page: Page, edits: Edit[]) {
  for (const edit of edits) {
    const field = edit.field(page);
    if (edit.kind === 'radio') await expect(field).toBeChecked();
    else await expect(field).toHaveValue(edit.value);
  }
}

/** The page's widgets are wired (custom elements defined), so typing reaches their handlers. */
async function ready(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('*')]
      .filter((e) => e.localName.startsWith('kal-'))
      .every((e) => customElements.get(e.localName)),
  );
}

/** The stored workspace text and the keys of the store, read from IndexedDB itself. */
async function stored(page: Page): Promise<{ text: string; keys: string[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('kube-auth-lab', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('workspace');
        req.onsuccess = () => {
          const tx = req.result.transaction('workspace');
          const store = tx.objectStore('workspace');
          const get = store.get('current');
          const keys = store.getAllKeys();
          tx.oncomplete = () => {
            req.result.close();
            resolve({ text: String(get.result ?? ''), keys: keys.result.map(String) });
          };
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

async function exported(page: Page): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export workspace' }).click(),
  ]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const DELAYS = [0, 10, 25, 50];

for (const widget of WIDGETS) {
  test(`${widget.name}: every field survives a reload made 0–50 ms after typing`, async ({ page }) => {
    for (const [i, delay] of DELAYS.entries()) {
      await page.goto(widget.path);
      await ready(page);
      // Each round types its own values, so a round cannot pass on what an earlier one kept.
      const edits = widget.edits.map((e) => (e.kind ? e : { ...e, value: `${e.value}${i}` }));
      for (const edit of edits) await apply(page, edit);
      await page.waitForTimeout(delay);
      await page.reload();
      await expectKept(page, edits);
    }
  });

  test(`${widget.name}: every field survives a link clicked at once`, async ({ page }) => {
    await page.goto(widget.path);
    await ready(page);
    for (const edit of widget.edits) await apply(page, edit);
    await page.locator('a[href="/"]').first().click();
    await page.waitForURL('/');
    await page.goto(widget.path);
    await expectKept(page, widget.edits);
  });
}

test('two tabs of lesson 3 typing in different fields keep each other’s keystrokes', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) {
    await p.goto(lesson3);
    await ready(p);
  }
  for (let i = 0; i < 5; i++) {
    await a.locator('[name="clientUser"]').fill(`dana${i}`);
    await b.locator('[name="clientGroups"]').fill(`group${i}`);
  }
  // Each tab shows what the other typed, and a reload of either keeps both.
  await expect(a.locator('[name="clientGroups"]')).toHaveValue('group4');
  await expect(b.locator('[name="clientUser"]')).toHaveValue('dana4');
  for (const p of [a, b]) {
    await p.reload();
    await expect(p.locator('[name="clientUser"]')).toHaveValue('dana4');
    await expect(p.locator('[name="clientGroups"]')).toHaveValue('group4');
  }
});

// What one tab types reaches the same widget in another tab of the workspace at once (the journal's
// storage event), as in the workbench: the reader who works in two tabs sees one workspace.
const liveFields: [lesson: string, widget: string, field: string, value: string, then?: [string, string]][] =
  [
    [lesson2, 'kal-signature-playground', '[data-message]', 'Let dana list the pods'],
    [
      lesson6,
      'kal-kubeconfig-decoder',
      '[data-text]',
      'apiVersion: v1\nkind: Pod\n',
      ['[data-text-message]', 'Config'],
    ],
    [lesson7, 'kal-new-user-csr', '[data-field="user"]', 'dana'],
    [lesson7, 'kal-new-user-csr', '[data-field="groups"]', 'ops\nqa'],
    [lesson7, 'kal-new-user-binding', '[data-field="group"]', 'qa', ['[data-yaml]', 'name: qa']],
    [lesson7, 'kal-kubeconfig-builder', '[data-field="server"]', 'https://198.51.100.7:6443'],
    [lesson8, 'kal-chain-check', '[data-leaf]', 'not a certificate yet'],
  ];

test('a field typed in one tab shows in the same widget of another tab at once, in every widget that keeps it', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const [lesson, widget, field, value, then] of liveFields) {
    for (const p of [a, b]) {
      await p.goto(lesson);
      await ready(p);
    }
    await a.locator(`${widget} ${field}`).fill(value);
    await expect(b.locator(`${widget} ${field}`), `${widget} ${field}`).toHaveValue(value);
    // The other tab acts on it as if typed there (the decoder says what is wrong, the binding names it).
    if (then) await expect(b.locator(`${widget} ${then[0]}`)).toContainText(then[1]);
  }
});

/** A kubeconfig with a client certificate and its private key, as admin.conf has. */
async function adminConf(): Promise<string> {
  const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
  const admin = await issueClientCertificate(
    {
      subject: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
      algorithm: 'ECDSA-P256',
    },
    ca,
  );
  return kubeadmConf({
    caPem: ca.certificatePem,
    user: 'kubernetes-admin',
    certificatePem: admin.certificatePem,
    keyPem: admin.privateKeyPem,
  });
}

test('a private key pasted into the decoder stays in memory, out of storage and export, unless the reader asks', async ({
  page,
}) => {
  const conf = await adminConf();
  await page.goto(lesson6);
  await ready(page);
  const text = page.locator('kal-kubeconfig-decoder [data-text]');
  await text.fill(conf);
  await expect(page.locator('kal-kubeconfig-decoder [data-not-kept]')).toContainText('holds a private key');
  await page.getByRole('button', { name: 'Decode' }).click();
  await expect(page.locator('.kal-decoder-card').first()).toContainText('kubernetes-admin');
  await page.waitForTimeout(500);
  expect((await stored(page)).text).not.toContain('client-key-data');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('client-key-data');
  await page.reload();
  await expect(text).toHaveValue('');

  // Asked to keep it, the decoder keeps it like any other text.
  await page.getByLabel('Keep private keys I paste here').check();
  await text.fill(conf);
  await expect(page.locator('kal-kubeconfig-decoder [data-not-kept]')).toBeHidden();
  await page.reload();
  await expect(text).toHaveValue(conf);
  await expect(page.getByLabel('Keep private keys I paste here')).toBeChecked();
});

test('a private key pasted into the kubeconfig builder is not kept unless the reader asks', async ({
  page,
}) => {
  const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
  await page.goto(lesson7);
  await ready(page);
  const builder = page.locator('kal-kubeconfig-builder');
  await builder.getByText('Paste a different key').click();
  await builder.locator('[data-field="key"]').fill(ca.privateKeyPem);
  await expect(builder.locator('[data-not-kept]')).toContainText('holds a private key');
  await page.reload();
  await builder.getByText('Paste a different key').click();
  await expect(builder.locator('[data-field="key"]')).toHaveValue('');
  await page.waitForTimeout(500);
  expect((await stored(page)).text).not.toContain('PRIVATE KEY');
});

test('huge pastes elsewhere leave lesson 3’s six files, Export and Import working, and the workspace never grows by itself', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(lesson3);
  await page.getByRole('button', { name: 'Make the three certificates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'kept in your workspace' })).toBeVisible({
    timeout: 60_000,
  });
  // A 2.6 MB kubeconfig in the decoder and a 2.2 MB message in the playground.
  await page.goto(lesson6);
  await ready(page);
  const big = `apiVersion: v1\nkind: Config\n# ${'x'.repeat(2_600_000)}\n`;
  await page.locator('kal-kubeconfig-decoder [data-text]').fill(big);
  await expect(page.locator('kal-kubeconfig-decoder [data-not-kept]')).toContainText('too long to keep');
  await page.goto(lesson2);
  await ready(page);
  await page.locator('kal-signature-playground [data-message]').fill('m'.repeat(2_200_000));
  await expect(page.locator('kal-signature-playground [data-not-kept]')).toContainText('too long to keep');
  await page.waitForTimeout(500);

  const sizes: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(lesson3);
    await expect(page.locator('.kal-wb-card')).toHaveCount(3);
    await page.waitForTimeout(1500);
    const s = await stored(page);
    sizes.push(s.text.length);
    expect(s.keys).toEqual(['current']);
  }
  expect(new Set(sizes).size, `stored sizes over three loads: ${sizes}`).toBe(1);
  expect(sizes[0]).toBeLessThan(WORKSPACE_MAX_BYTES);
  const text = await exported(page);
  expect(text.length).toBeLessThan(WORKSPACE_MAX_BYTES);
  const ws = JSON.parse(text) as { files: Record<string, string> };
  expect(Object.keys(ws.files)).toEqual(expect.arrayContaining(LAB_FILES));
});

test('a workspace stored too large by an older version is read, trimmed and exported, not lost', async ({
  page,
}) => {
  await page.goto(lesson3);
  await page.getByRole('button', { name: 'Make the three certificates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'kept in your workspace' })).toBeVisible({
    timeout: 60_000,
  });
  await page.evaluate(
    (size) =>
      new Promise<void>((resolve) => {
        const req = indexedDB.open('kube-auth-lab', 1);
        req.onsuccess = () => {
          const tx = req.result.transaction('workspace', 'readwrite');
          const store = tx.objectStore('workspace');
          const get = store.get('current');
          get.onsuccess = () => {
            const ws = JSON.parse(get.result as string);
            ws.inputs['kubeconfig-decoder'] = { text: 'y'.repeat(size) };
            store.put(JSON.stringify(ws), 'current');
          };
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
        };
      }),
    2_600_000,
  );
  await page.reload();
  await expect(page.locator('.kal-wb-card')).toHaveCount(3);
  const text = await exported(page);
  expect(text.length).toBeLessThan(WORKSPACE_MAX_BYTES);
  expect(Object.keys(JSON.parse(text).files)).toContain('client-key.pem');
});

test('after the database is deleted from another tab, lesson 3 no longer says its files are kept', async ({
  context,
}) => {
  const page = await context.newPage();
  await page.goto(lesson3);
  await page.getByRole('button', { name: 'Make the three certificates' }).click();
  const status = page.locator('kal-workbench [data-status]');
  await expect(status).toContainText('kept in your workspace', { timeout: 60_000 });
  const other = await context.newPage();
  await other.goto('/');
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.deleteDatabase('kube-auth-lab');
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
      }),
  );
  await expect(status).toContainText('no longer in your workspace');
  await expect(status).not.toContainText('kept in your workspace');
  // The files stay on the page, to download or make again.
  await expect(page.locator('.kal-wb-card')).toHaveCount(3);
});

async function tinyQuota(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(page.url()).origin,
    quotaSize: 1,
  });
}

test('a storage quota error is never shown beside “kept in your workspace”', async ({ context, page }) => {
  await page.goto(lesson3);
  await tinyQuota(context, page);
  await page.getByRole('button', { name: 'Make the three certificates' }).click();
  const status = page.locator('kal-workbench [data-status]');
  await expect(status).toContainText('not kept in your workspace', { timeout: 60_000 });
  await expect(status).not.toContainText('They are kept in your workspace');
  await expect(page.locator('.kal-wb-card')).toHaveCount(3);
});

// The workspace answers late (IndexedDB's open held back 800 ms): a box the reader is already in
// (focused) when it answers keeps what they type, instead of the saved text joining it; a box they
// are not in still gets the saved text. The inspector has its own restore; webhook-config uses the
// shared restoreFields.
test('a box the reader is in when the workspace answers keeps what they type, and the saved text is not joined to it', async ({
  page,
}) => {
  await holdWorkspaceOpen(page);
  for (const [path, box] of [
    [lesson8, 'kal-cert-inspector [data-input]'],
    ['/webhook/02-lab-a-webhook-of-your-own/', 'kal-webhook-config [data-field="users"]'],
  ] as const) {
    await page.goto(path);
    await ready(page);
    await workspaceLate(page, 0);
    await page.locator(box).fill('saved');
    await page.reload();
    await expect(page.locator(box), `${box}: kept`).toHaveValue('saved');
    await workspaceLate(page, 800);
    await page.reload();
    await page.locator(box).focus();
    await page.waitForTimeout(1200);
    await page.keyboard.type('typed');
    await expect(page.locator(box), `${box}: focused when the workspace answered`).toHaveValue('typed');
    await page.reload();
    await expect(page.locator(box), `${box}: not focused, restored late`).toHaveValue('typed');
    await workspaceLate(page, 0);
  }
});
