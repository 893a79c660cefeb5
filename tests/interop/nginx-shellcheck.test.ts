// shellcheck judges every shell snippet lessons 4 and 5 render from src/recipes/nginx (the <Code>
// blocks). The scripts and the blocks written into the pages: content-shellcheck.test.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import {
  dockerRunCommand,
  experimentCommand,
  NGINX_EXPERIMENTS,
  otherClientCommands,
  writeDefaultConfCommand,
} from '../../src/recipes/nginx/index.ts';
import { shellBlocks, shellcheck } from '../support/shellcheck.ts';
import { requireTools } from '../support/tools.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LESSONS = join(ROOT, 'content/client-certificates');

const lessonFiles = readdirSync(LESSONS).filter((f) => /^0[45]-.*\.mdx$/.test(f));

test('lessons 4 and 5 exist and have shell blocks', () => {
  assert.deepEqual(lessonFiles, ['04-lab-https-with-nginx.mdx', '05-lab-mutual-tls.mdx']);
  for (const f of lessonFiles) assert.ok(shellBlocks(readFileSync(join(LESSONS, f), 'utf8')).length > 0, f);
});

test('shellcheck passes every shell snippet the lessons render from src/recipes/nginx', (t) => {
  if (!requireTools(t, 'shellcheck')) return;
  const snippets: [string, string][] = [
    ['writeDefaultConfCommand(https)', writeDefaultConfCommand({ step: 'https' })],
    ['writeDefaultConfCommand(mtls)', writeDefaultConfCommand({ step: 'mtls' })],
    ['writeDefaultConfCommand(https, ko)', writeDefaultConfCommand({ step: 'https', lang: 'ko' })],
    ['writeDefaultConfCommand(mtls, ko)', writeDefaultConfCommand({ step: 'mtls', lang: 'ko' })],
    ['dockerRunCommand()', dockerRunCommand()],
    ['otherClientCommands()', otherClientCommands()],
    ...NGINX_EXPERIMENTS.map((e): [string, string] => [`experimentCommand(${e.id})`, experimentCommand(e)]),
  ];
  for (const [name, code] of snippets) {
    const result = shellcheck(code);
    assert.equal(result.status, 0, `${name}\n${code}\n${result.output}`);
  }
});
