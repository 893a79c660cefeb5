// The nginx lab for real, from the reader's side: make the certificates on lesson 3, download the
// archive from the built site, unpack it, and run the nginx-lab.sh inside it against Debian's nginx
// (--local, loopback only). Every experiment of lessons 4 and 5 must give the outcome they print.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { t } from '../../src/i18n/index.ts';
import { NGINX_EXPERIMENTS } from '../../src/recipes/nginx/index.ts';
import { freePort } from '../support/net.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { expect, test } from './fixtures.ts';

const TOOLS = ['nginx', 'openssl', 'curl'];

// The reader's walk, from the English lesson 3 and from the Korean one (whose zip holds the Korean
// nginx-lab.sh).
for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the files a reader downloads pass every experiment of nginx-lab.sh on a real nginx`, async ({
    page,
  }) => {
    const missing = TOOLS.filter((tool) => !hasTool(tool));
    if (missing.length && inCI) throw new Error(`CI=true and this test needs ${missing.join(', ')}`);
    test.skip(missing.length > 0, `needs ${missing.join(', ')} on PATH`);
    test.setTimeout(180_000);

    await page.goto(`${lang === 'ko' ? '/ko' : ''}/client-certificates/03-lab-issue-certificates/`);
    await page.getByRole('button', { name: t(lang, 'workbench.generate') }).click();
    await expect(page.getByRole('status').filter({ hasText: t(lang, 'workbench.status.done') })).toBeVisible({
      timeout: 60_000,
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t(lang, 'workbench.zip') }).click(),
    ]);
    const work = mkdtempSync(join(tmpdir(), 'kal-nginx-dl-'));
    try {
      const zip = unzipSync(readFileSync(await download.path()));
      for (const [name, bytes] of Object.entries(zip)) {
        const path = join(work, name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, bytes);
        if (name.endsWith('-key.pem')) chmodSync(path, 0o600);
      }
      const folder = join(work, 'kube-auth-lab');
      const port = await freePort();
      const run = spawnSync('bash', ['nginx-lab.sh', '--local', '--port', String(port)], {
        cwd: folder,
        encoding: 'utf8',
        timeout: 150_000,
      });
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, output).toBe(0);
      expect(output).not.toContain('[FAIL]');
      const passed = output.match(/^\[PASS\] /gm) ?? [];
      expect(passed.length, output).toBe(NGINX_EXPERIMENTS.length);
      const summary = output.match(/^PASS: .*$/m)?.[0] ?? '';
      expect(summary, output).toContain(String(NGINX_EXPERIMENTS.length));
      // The script speaks the language of the page it came from.
      expect(/[가-힣]/.test(summary), summary).toBe(lang === 'ko');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}
