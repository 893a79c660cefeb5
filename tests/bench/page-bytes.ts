// What the reader's browser downloads, measured on the built site (BENCH_DIST, else dist/) in headless
// Chromium: every page's up-front JavaScript (gzip -9, as tests/e2e/site-baselines.spec.ts counts
// it), the JavaScript lesson 3's first Generate loads (and how much of it is Shiki grammars), what
// lesson 8's inspector loads for a pasted PEM and for a pasted kubeconfig, and the widget strings
// inlined into lesson 8's HTML. Run as part of `npm run bench`, or alone:
// `node tests/bench/page-bytes.ts [dist]`. Nothing here is asserted.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../support/browser.ts';
import { freePort } from '../support/net.ts';
import { selfSignedEc } from '../support/openssl.ts';

const LESSON_3 = '/client-certificates/03-lab-issue-certificates/';
const LESSON_8 = '/client-certificates/08-troubleshooting/';

/** Shiki grammar chunks, by the module Vite names them after. */
const GRAMMARS = /^(shellscript|json|yaml|nginx|lua|ini|javascript)\b/;

export interface PageBytes {
  /** Up-front gzip JS per page path. */
  upFront: Map<string, number>;
  /** JS loaded by lesson 3's first Generate, in all and per grammar chunk. */
  firstGenerate?: { total: number; grammars: Record<string, number> };
  /** JS loaded when lesson 3's "In your own code" tab is first shown. */
  programTab?: { total: number; grammars: Record<string, number> };
  /** JS loaded by the inspector for a pasted PEM certificate, and for a pasted kubeconfig. */
  pastePem?: { total: number; chunks: string[] };
  pasteKubeconfig?: { total: number; chunks: string[] };
  /** Lesson 8's HTML: gzip bytes, and its inline widget strings (blocks, keys, unique keys, gzip bytes). */
  lesson8Html?: {
    raw: number;
    gzip: number;
    blocks: number;
    keys: number;
    uniqueKeys: number;
    stringsRaw: number;
  };
}

const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;

function pagesOf(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'index.html')
        out.push(`/${relative(dist, dir)}/`.replace(/\/+$/, '/').replace('//', '/'));
    }
  };
  walk(dist);
  return out.sort();
}

/** Records script responses (gzip size by URL) from now on. */
function recordScripts(page: Page): Map<string, Promise<number>> {
  const seen = new Map<string, Promise<number>>();
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return;
    seen.set(
      r.url(),
      r.body().then(gz, () => 0),
    );
  });
  return seen;
}

async function sum(seen: Map<string, Promise<number>>, from = new Set<string>()) {
  let total = 0;
  const grammars: Record<string, number> = {};
  const chunks: string[] = [];
  for (const [url, size] of seen) {
    if (from.has(url)) continue;
    const bytes = await size;
    total += bytes;
    const file = url.split('/').pop() ?? url;
    chunks.push(file);
    const g = GRAMMARS.exec(file)?.[1];
    if (g) grammars[g] = (grammars[g] ?? 0) + bytes;
  }
  return { total, grammars, chunks };
}

async function upFrontBytes(page: Page, url: string): Promise<number> {
  const seen = recordScripts(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  const inline = await page.$$eval('script:not([src])', (els) =>
    els.filter((s) => !/json/.test(s.getAttribute('type') ?? '')).map((s) => s.textContent ?? ''),
  );
  return (await sum(seen)).total + gz(inline.join('\n'));
}

/** A real certificate to paste, made by openssl. */
function samplePem(): string {
  return selfSignedEc(['-subj', '/CN=bench CA', '-days', '1']).certificate;
}

/** Measures everything above; returns undefined (and says why) without a build or Chromium. */
export async function pageBytes(dist = process.env.BENCH_DIST ?? 'dist'): Promise<PageBytes | undefined> {
  const executablePath = findChromium();
  if (!existsSync(`${dist}/index.html`) || !executablePath) {
    console.log(`(no built site in ${dist}/ or no Chromium: skipping the page byte counts)`);
    return undefined;
  }
  const port = await freePort();
  const server = spawn(process.execPath, ['tests/support/serve-dist.ts', dist, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => server.stdout!.once('data', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const result: PageBytes = { upFront: new Map() };
  const fresh = async () => (await browser.newContext()).newPage();
  const PEM = samplePem();
  try {
    for (const path of pagesOf(dist)) {
      const page = await fresh();
      result.upFront.set(path, await upFrontBytes(page, base + path));
      await page.context().close();
    }

    {
      const page = await fresh();
      const seen = recordScripts(page);
      await page.goto(base + LESSON_3, { waitUntil: 'networkidle' });
      const before = new Set(seen.keys());
      await page.locator('kal-workbench [data-action="generate"]').click();
      await page
        .locator('kal-workbench [data-recipe="openssl"] pre')
        .first()
        .waitFor({ state: 'attached', timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      const afterGenerate = await sum(seen, before);
      result.firstGenerate = { total: afterGenerate.total, grammars: afterGenerate.grammars };
      const tab = page.locator('kal-workbench [role="tab"]').filter({ hasText: /own code|코드/ });
      if ((await tab.count()) > 0) {
        const shown = new Set(seen.keys());
        await tab.first().click();
        await page.waitForTimeout(500);
        await page.waitForLoadState('networkidle');
        const p = await sum(seen, shown);
        result.programTab = { total: p.total, grammars: p.grammars };
      }
      await page.context().close();
    }

    for (const [name, text] of [
      ['pastePem', PEM],
      [
        'pasteKubeconfig',
        `apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n    server: https://127.0.0.1:6443\n    certificate-authority-data: ${Buffer.from(PEM).toString('base64')}\nusers: []\ncontexts: []\n`,
      ],
    ] as const) {
      const page = await fresh();
      const seen = recordScripts(page);
      await page.goto(base + LESSON_8, { waitUntil: 'networkidle' });
      const before = new Set(seen.keys());
      await page.locator('kal-cert-inspector [data-input]').fill(text);
      await page.locator('kal-cert-inspector [data-results] section').first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const s = await sum(seen, before);
      result[name] = { total: s.total, chunks: s.chunks };
      await page.context().close();
    }

    const html = readFileSync(join(dist, LESSON_8, 'index.html'), 'utf8');
    const blocks = [
      ...html.matchAll(/<script type="application\/json" data-strings[^>]*>([^<]*)<\/script>/g),
    ].map((m) => m[1] ?? '');
    const keys = blocks.flatMap((b) => Object.keys(JSON.parse(b || '{}') as object));
    result.lesson8Html = {
      raw: Buffer.byteLength(html),
      gzip: gz(html),
      blocks: blocks.length,
      keys: keys.length,
      uniqueKeys: new Set(keys).size,
      stringsRaw: Buffer.byteLength(blocks.join('')),
    };
  } finally {
    await browser.close();
    server.kill();
  }
  return result;
}

/**
 * The lazily loaded crypto chunk (src/pki, as the build splits it) against @peculiar/x509 with
 * reflect-metadata bundled for the browser the same way (esbuild, minified), both gzip -9: what the
 * engine would weigh if the library replaced it (README, stack notes).
 */
export async function engineVersusLibrary(
  dist = process.env.BENCH_DIST ?? 'dist',
): Promise<{ pki: number; x509: number } | undefined> {
  const chunk = existsSync(join(dist, '_astro'))
    ? readdirSync(join(dist, '_astro')).find((f) => /^pki\.[\w-]+\.js$/.test(f))
    : undefined;
  if (!chunk) return undefined;
  const { build } = await import('esbuild');
  const bundle = await build({
    stdin: {
      contents: "import 'reflect-metadata'; export * from '@peculiar/x509';",
      resolveDir: process.cwd(),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return {
    pki: gz(readFileSync(join(dist, '_astro', chunk))),
    x509: gz(Buffer.from(bundle.outputFiles[0]!.contents)),
  };
}

/** Prints the measurements. */
export function printPageBytes(r: PageBytes): void {
  const bare = r.upFront.get('/client-certificates/01-before-you-start/');
  console.log('Up-front JavaScript per page (gzip -9 bytes; Δ against lesson 1, which has no widget):');
  for (const [path, bytes] of r.upFront) {
    console.log(`  ${path.padEnd(52)} ${String(bytes).padStart(6)}${bare ? `  Δ ${bytes - bare}` : ''}`);
  }
  const g = (x?: { total: number; grammars: Record<string, number> }) =>
    x
      ? `${x.total} bytes, grammars ${
          Object.entries(x.grammars)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none'
        }`
      : '–';
  console.log(`lesson 3, first Generate loads: ${g(r.firstGenerate)}`);
  console.log(`lesson 3, "In your own code" tab first shown loads: ${g(r.programTab)}`);
  const c = (x?: { total: number; chunks: string[] }) =>
    x ? `${x.total} bytes (${x.chunks.join(', ')})` : '–';
  console.log(`lesson 8, inspector, pasted PEM loads: ${c(r.pastePem)}`);
  console.log(`lesson 8, inspector, pasted kubeconfig loads: ${c(r.pasteKubeconfig)}`);
  const h = r.lesson8Html;
  if (h) {
    console.log(
      `lesson 8 HTML: ${h.raw} bytes, ${h.gzip} gzip; widget strings: ${h.blocks} block(s), ${h.keys} keys (${h.uniqueKeys} distinct), ${h.stringsRaw} bytes`,
    );
  }
}

/** Prints the engine/library comparison. */
export function printEngineVersusLibrary(r: { pki: number; x509: number }): void {
  console.log(
    `crypto chunk: src/pki ${r.pki} bytes gzip; @peculiar/x509 + reflect-metadata ${r.x509} (${(r.x509 / r.pki).toFixed(1)}×)`,
  );
}

if (import.meta.main) {
  const r = await pageBytes(process.argv[2]);
  if (r) printPageBytes(r);
  const lib = await engineVersusLibrary(process.argv[2]);
  if (lib) printEngineVersusLibrary(lib);
}
