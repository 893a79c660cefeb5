// Click → first certificate on lesson 3, as a reader meets it: the built site (BENCH_DIST, else
// dist/) in headless Chromium; the reader picks the algorithm and types a user name, pauses as a
// reader does (BENCH_PAUSE_MS, 1500), clicks "Make", and the clock stops when the cards are shown.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { KeyAlgorithm } from '../../src/pki/index.ts';
import { CHROMIUM_ARGS, findChromium } from '../support/browser.ts';
import { freePort } from '../support/net.ts';

const LESSON = '/client-certificates/03-lab-issue-certificates/';

/** Milliseconds from the click to the first card, `runs` times per algorithm (none without a build). */
export async function clickTimes(
  algorithms: KeyAlgorithm[],
  runs: number,
): Promise<Map<KeyAlgorithm, number[]>> {
  const out = new Map<KeyAlgorithm, number[]>();
  const dist = process.env.BENCH_DIST ?? 'dist';
  const executablePath = findChromium();
  if (!existsSync(`${dist}/index.html`) || !executablePath) {
    console.log(`(no built site in ${dist}/ or no Chromium: skipping click → first certificate)`);
    return out;
  }
  const pause = Number(process.env.BENCH_PAUSE_MS ?? 1500);
  const port = await freePort();
  const server = spawn(process.execPath, ['tests/support/serve-dist.ts', dist, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => server.stdout!.once('data', () => resolve()));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    for (const alg of algorithms) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${port}${LESSON}`);
        await page.locator('select[name="algorithm"]').selectOption(alg);
        await page.locator('input[name="clientUser"]').fill(`bench${i}`);
        await page.waitForTimeout(pause);
        times.push(
          await page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                const cards = document.querySelector('kal-workbench [data-cards]')!;
                const start = performance.now();
                new MutationObserver(() => {
                  if (cards.querySelector('.kal-wb-card')) resolve(performance.now() - start);
                }).observe(cards, { childList: true, subtree: true });
                document.querySelector<HTMLButtonElement>('kal-workbench [data-action="generate"]')!.click();
              }),
          ),
        );
        await context.close();
      }
      out.set(alg, times);
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return out;
}
