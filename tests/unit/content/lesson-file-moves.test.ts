// Lesson 3's "when the browser runs on another machine": the commands that unpack the workbench's
// archive and copy the files to the docker host must fit the files the site really hands out and
// the files lessons 4 and 5 really read, and must leave the CA's key behind. The unpacking runs
// for real (bash, unzip) on an archive built the way the workbench builds it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildLabArchive, LAB_ARCHIVE_FOLDER } from '../../../src/recipes/lab-archive.ts';
import { labScripts } from '../../../src/recipes/lab-scripts.ts';
import { nginxConfig } from '../../../src/recipes/nginx/config.ts';
import { NGINX_EXPERIMENTS } from '../../../src/recipes/nginx/experiments.ts';
import { LAB_FILES } from '../../../src/recipes/recipe-command.ts';

const CONTENT = new URL('../../../content/', import.meta.url).pathname;
const LESSON = 'client-certificates/03-lab-issue-certificates.mdx';

/** The shell blocks of a page, as printed. */
function shellBlocks(page: string): string[] {
  const text = readFileSync(join(CONTENT, page), 'utf8');
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const certificateFiles = [LAB_FILES.rootCa, LAB_FILES.server, LAB_FILES.client].flatMap((f) => [
  f.certificate,
  f.key,
]);

/** Every file lessons 4 and 5 read from the folder: nginx's config, curl's arguments, the lab script. */
function filesTheNginxLabsRead(): Set<string> {
  const files = new Set<string>(['nginx-lab.sh']);
  for (const m of nginxConfig({ step: 'mtls' }).matchAll(/\/etc\/nginx\/conf\.d\/(\S+);/g)) files.add(m[1]!);
  for (const e of NGINX_EXPERIMENTS)
    for (const arg of e.args) if (arg.endsWith('.pem') && !arg.startsWith('other-')) files.add(arg);
  return files;
}

for (const lang of ['en', 'ko'] as const) {
  const page = lang === 'en' ? LESSON : `ko/${LESSON}`;
  describe(`${page}: moving the files to the docker host`, () => {
    const blocks = shellBlocks(page);
    const unzip = blocks.find((b) => b.includes('unzip'));
    const copy = blocks.find((b) => b.includes('scp '));

    it('copies every file the nginx labs read, and not the CA key', () => {
      assert.ok(copy, 'an scp block');
      const line = copy.split('\n').find((l) => l.startsWith('scp '))!;
      const sent = new Set(line.split(/\s+/).filter((w) => /\.(pem|sh)$/.test(w)));
      assert.deepEqual([...sent].sort(), [...filesTheNginxLabsRead()].sort());
      assert.ok(!sent.has(LAB_FILES.rootCa.key), `${LAB_FILES.rootCa.key} stays behind`);
      const inArchive = new Set([...certificateFiles, ...Object.keys(labScripts('en'))]);
      for (const f of sent) assert.ok(inArchive.has(f), `${f} is in the workbench's archive`);
      assert.match(line, /^scp -p /, 'scp -p keeps the keys at mode 600');
      assert.match(copy, new RegExp(`mkdir -p ${LAB_ARCHIVE_FOLDER}'`));
    });

    it('unpacks the workbench archive into the folder the copy starts from, keys private', (t) => {
      assert.ok(unzip, 'an unzip block');
      if (spawnSync('unzip', ['-v']).status !== 0) return t.skip('no unzip on this host');
      const home = mkdtempSync(join(tmpdir(), 'kal-unzip-'));
      try {
        mkdirSync(join(home, 'Downloads'));
        const files = Object.fromEntries(certificateFiles.map((f) => [f, `${f}\n`]));
        writeFileSync(
          join(home, 'Downloads', `${LAB_ARCHIVE_FOLDER}.zip`),
          buildLabArchive({ ...files, ...labScripts(lang) }, 'README\n'),
        );
        const run = spawnSync('bash', ['-euc', `${unzip}\npwd`], {
          env: { ...process.env, HOME: home },
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, run.stderr);
        const where = run.stdout.trim().split('\n').at(-1)!;
        assert.equal(where, join(home, 'Downloads', LAB_ARCHIVE_FOLDER));
        for (const f of filesTheNginxLabsRead()) assert.ok(statSync(join(where, f)).isFile(), f);
        for (const key of [LAB_FILES.server.key, LAB_FILES.client.key])
          assert.equal(statSync(join(where, key)).mode & 0o777, 0o600, key);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });
  });
}
