// The workbench's result cards read well from a phone to a desktop, checked by geometry: every label
// sits beside its value (same top, value to its right) or right above it; no value is squeezed into a
// narrow column (a word like "digitalSignature" never breaks over two lines); each file's Copy and
// Download buttons share one row that no other file's controls are on.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const WIDTHS = [360, 390, 768, 1024, 1440];

/** Every layout fault on the page's result cards, as sentences (empty when the layout is right). */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    for (const dl of document.querySelectorAll<HTMLElement>('kal-workbench .kal-wb-card dl')) {
      const dlBox = dl.getBoundingClientRect();
      for (const dt of dl.querySelectorAll('dt')) {
        const dd = dt.nextElementSibling as HTMLElement;
        const a = dt.getBoundingClientRect();
        const b = dd.getBoundingClientRect();
        const beside = Math.abs(a.top - b.top) <= 4 && b.left >= a.right - 1;
        const above = b.top >= a.bottom - 1 && b.top - a.bottom <= 8 && Math.abs(b.left - a.left) <= 24;
        if (!beside && !above) {
          faults.push(
            `"${dt.textContent}" is neither beside nor above its value (${Math.round(b.top - a.top)} px off)`,
          );
        }
        if (b.width < dlBox.width * 0.55) {
          faults.push(
            `"${dt.textContent}": value squeezed into ${Math.round(b.width)} of ${Math.round(dlBox.width)} px`,
          );
        }
        // Words up to 24 characters never break over two lines.
        const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const m of text.matchAll(/[^\s,]+/g)) {
            if (m[0].length < 2 || m[0].length > 24) continue;
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set(
              [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
            );
            if (lines.size > 1)
              faults.push(`"${m[0]}" in "${dt.textContent}" breaks over ${lines.size} lines`);
          }
        }
      }
    }
    const rows = [...document.querySelectorAll<HTMLElement>('kal-workbench [data-file-row]')];
    const boxes = rows.map((row) => ({
      name: row.dataset.fileRow!,
      buttons: [...row.querySelectorAll('button')].map((b) => b.getBoundingClientRect()),
      all: [...row.children].map((c) => c.getBoundingClientRect()),
    }));
    for (const row of boxes) {
      const [copy, download] = row.buttons;
      if (!copy || !download) {
        faults.push(`${row.name} has no Copy and Download buttons`);
        continue;
      }
      if (Math.abs(copy.top - download.top) > 2)
        faults.push(`${row.name}: Copy and Download are on different rows`);
      for (const other of boxes) {
        if (other.name === row.name) continue;
        for (const box of other.all) {
          if (box.top < copy.bottom - 1 && box.bottom > copy.top + 1) {
            faults.push(`${row.name}'s buttons share a row with ${other.name}'s controls`);
          }
        }
      }
    }
    if (rows.length !== 6) faults.push(`${rows.length} file rows instead of 6`);
    return [...new Set(faults)];
  });
}

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the workbench's cards read well at ${WIDTHS.join(', ')} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${lang === 'ko' ? '/ko' : ''}/client-certificates/03-lab-issue-certificates/`);
    await page.locator('kal-workbench button[type="submit"]').click();
    await expect(page.locator('kal-workbench [data-file-row]')).toHaveCount(6, { timeout: 60_000 });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(150);
      expect(await layoutFaults(page), `at ${width} px`).toEqual([]);
    }
  });
}

// Every part-1 widget at 360 px, in both languages, after the reader used it (so its results show):
// the page never scrolls sideways, no button is cut off or pushed out of its widget, every code block
// stays inside its widget and scrolls inside it, and every label sits beside or above its value.

/** Layout faults inside every `selector` element of the page, as sentences. */
async function widgetFaults(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const faults: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      faults.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const name = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    for (const widget of document.querySelectorAll<HTMLElement>(selector)) {
      const w = widget.getBoundingClientRect();
      const tag = widget.tagName.toLowerCase();
      for (const b of widget.querySelectorAll<HTMLElement>('button, summary, .kal-button')) {
        if (!visible(b)) continue;
        const r = b.getBoundingClientRect();
        if (r.left < w.left - 1 || r.right > w.right + 1)
          faults.push(
            `${tag}: button "${name(b)}" sticks out of the widget (${Math.round(r.right - w.right)} px)`,
          );
        if (b.scrollWidth > b.clientWidth + 2)
          faults.push(
            `${tag}: button "${name(b)}" is clipped (${b.scrollWidth} px of text in ${b.clientWidth})`,
          );
      }
      for (const pre of widget.querySelectorAll<HTMLElement>('pre')) {
        if (!visible(pre)) continue;
        const r = pre.getBoundingClientRect();
        if (r.left < w.left - 1 || r.right > w.right + 1)
          faults.push(`${tag}: a code block sticks out of the widget (${Math.round(r.right - w.right)} px)`);
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(pre).overflowX);
        const wraps = getComputedStyle(pre).whiteSpace.startsWith('pre-wrap');
        if (pre.scrollWidth > pre.clientWidth + 1 && !scrolls && !wraps)
          faults.push(`${tag}: a code block overflows without scrolling`);
      }
      for (const el of widget.querySelectorAll<HTMLElement>('input, textarea, select, table, dl, p, li')) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.right > w.right + 1)
          faults.push(
            `${tag}: a ${el.tagName.toLowerCase()} ("${name(el)}") is ${Math.round(r.right - w.right)} px wider than the widget`,
          );
      }
      for (const dt of widget.querySelectorAll<HTMLElement>('dl > dt, dl > div > dt')) {
        const dd = dt.nextElementSibling as HTMLElement | null;
        if (!dd || !visible(dt) || !visible(dd)) continue;
        const a = dt.getBoundingClientRect();
        const b = dd.getBoundingClientRect();
        const beside = Math.abs(a.top - b.top) <= 4 && b.left >= a.right - 1;
        const above = b.top >= a.bottom - 1 && b.top - a.bottom <= 8 && Math.abs(b.left - a.left) <= 24;
        if (!beside && !above)
          faults.push(
            `${tag}: "${name(dt)}" is neither beside nor above its value (${Math.round(b.top - a.top)} px off)`,
          );
      }
    }
    return [...new Set(faults)];
  }, selector);
}

const pemOf = async () => {
  const { issueClientCertificate, issueRootCa } = await import('../../src/pki/index.ts');
  const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
  const client = await issueClientCertificate(
    {
      subject: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
      algorithm: 'ECDSA-P256',
    },
    ca,
  );
  return { ca, client };
};

const used: [lesson: string, widgets: string, use: (page: Page) => Promise<void>][] = [
  [
    '02-public-key-infrastructure',
    'kal-signature-playground',
    async (page) => {
      const w = page.locator('kal-signature-playground');
      await w.locator('[data-action="generate"]').click();
      await w.locator('[data-action="sign"]').click();
      await expect(w.locator('[data-verdict][data-ok="true"]')).toBeVisible();
    },
  ],
  [
    '06-kubernetes-pki',
    'kal-kubeconfig-decoder',
    async (page) => {
      const { ca, client } = await pemOf();
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      const conf = [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: kubernetes',
        '  cluster:',
        '    server: https://192.0.2.10:6443',
        `    certificate-authority-data: ${b64(ca.certificatePem)}`,
        'users:',
        '- name: kubernetes-admin',
        '  user:',
        `    client-certificate-data: ${b64(client.certificatePem)}`,
        '',
      ].join('\n');
      const w = page.locator('kal-kubeconfig-decoder');
      await w.locator('[data-text]').fill(conf);
      await w.locator('[data-action="decode"]').click();
      await expect(w.locator('.kal-decoder-card')).toHaveCount(2);
    },
  ],
  [
    '07-lab-new-user',
    'kal-new-user-csr, kal-new-user-binding, kal-kubeconfig-builder',
    async (page) => {
      const csr = page.locator('kal-new-user-csr');
      await csr.locator('[data-action="make"]').click();
      await expect(csr.locator('[data-output]')).toBeVisible({ timeout: 30_000 });
      const { ca, client } = await pemOf();
      const b = page.locator('kal-kubeconfig-builder');
      await b.locator('[data-field="ca"]').fill(ca.certificatePem);
      await b.locator('[data-field="certificate"]').fill(client.certificatePem);
      await b.locator('details summary').click();
      await b.locator('[data-field="key"]').fill(client.privateKeyPem);
      await b.locator('[data-action="build"]').click();
      await expect(b.locator('[data-output]')).toBeVisible({ timeout: 30_000 });
    },
  ],
  [
    '08-troubleshooting',
    'kal-cert-inspector, kal-chain-check, kal-error-explainer',
    async (page) => {
      const { ca, client } = await pemOf();
      const inspector = page.locator('kal-cert-inspector');
      await inspector.locator('[data-input]').fill(client.certificatePem);
      await expect(inspector.locator('[data-user]')).toHaveText('kubernetes-admin');
      const chain = page.locator('kal-chain-check');
      await chain.locator('[data-leaf]').fill(client.certificatePem);
      await chain.locator('[data-roots]').fill(ca.certificatePem);
      await chain.locator('[data-action="check"]').click();
      await expect(chain.locator('[data-verdict]')).not.toBeEmpty();
      const explainer = page.locator('kal-error-explainer');
      await explainer
        .locator('[data-input]')
        .fill(
          'error: You must be logged in to the server (Unauthorized)\nx509: certificate signed by unknown authority',
        );
      await explainer.locator('[data-action="explain"]').click();
      await expect(explainer.locator('[data-results]')).not.toBeEmpty();
    },
  ],
];

for (const lang of ['en', 'ko'] as const) {
  for (const [lesson, widgets, use] of used) {
    test(`${lang}: ${widgets} read well at 360 px, used and unused`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(`${lang === 'ko' ? '/ko' : ''}/client-certificates/${lesson}/`);
      expect(await widgetFaults(page, widgets), 'before use').toEqual([]);
      await use(page);
      await page.waitForTimeout(300);
      expect(await widgetFaults(page, widgets), 'after use').toEqual([]);
    });
  }
  test(`${lang}: the workbench reads well at 360 px, its recipes and workspace included`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${lang === 'ko' ? '/ko' : ''}/client-certificates/03-lab-issue-certificates/`);
    await page.locator('kal-workbench button[type="submit"]').click();
    await expect(page.locator('kal-workbench [data-file-row]')).toHaveCount(6, { timeout: 60_000 });
    await page.waitForTimeout(300);
    expect(await widgetFaults(page, 'kal-workbench')).toEqual([]);
  });
}
