// Every end-to-end test runs under the site's baselines: a page that asks another origin for
// anything, breaks the Content-Security-Policy, or throws an uncaught error fails the test that
// loaded it, whatever that test is about.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface Baseline {
  /** Requests to any origin but the site's own, which were blocked. */
  foreignRequests: string[];
  /** CSP violations the pages reported, as "directive: blocked URI". */
  cspViolations: string[];
  /** Uncaught errors thrown in the pages. */
  pageErrors: string[];
}

export const test = base.extend<{ baseline: Baseline }>({
  baseline: [
    async ({ page, context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const found: Baseline = { foreignRequests: [], cspViolations: [], pageErrors: [] };
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
          return route.continue();
        found.foreignRequests.push(url);
        return route.abort('blockedbyclient');
      });
      await context.exposeBinding('__reportCsp', (_source, text: string) => {
        found.cspViolations.push(text);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
            `${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          );
        });
      });
      page.on('pageerror', (error) => found.pageErrors.push(String(error)));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content.Security.Policy/i.test(msg.text()))
          found.cspViolations.push(msg.text());
      });
      await use(found);
      expect(found.foreignRequests, 'requests to other origins').toEqual([]);
      expect(found.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      expect(found.pageErrors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

let axeSource: string | undefined;

/**
 * The serious and critical axe violations of the page, or of the elements `context` selects, as
 * "impact id: targets". Loads axe-core into the page on first use.
 */
export async function seriousAxeViolations(page: Page, context?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
  }
  type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
  const violations = await page.evaluate(async (ctx) => {
    const axe = (
      window as unknown as {
        axe: { run(context: string | Document, o: object): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    return (await axe.run(ctx ?? document, { resultTypes: ['violations'] })).violations;
  }, context);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every built page, as a site path ("/", "/ko/client-certificates/01-before-you-start/", "/404.html"). */
export function builtPages(dist = process.env.E2E_DIST ?? 'dist'): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name.endsWith('.html')) {
        const rel = relative(dist, path).split(sep).join('/');
        pages.push(`/${rel.replace(/(^|\/)index\.html$/, '$1')}`);
      }
    }
  };
  walk(dist);
  if (pages.length === 0) throw new Error(`no pages in ${dist}/: run the build first`);
  return pages.sort();
}
