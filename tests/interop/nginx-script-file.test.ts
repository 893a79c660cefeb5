// public/scripts/nginx-lab.sh is what nginxLabScript() returns, so the file readers download is the
// one the lessons show and the interop test runs. After changing src/recipes/nginx, rewrite it with
//   UPDATE_SCRIPTS=1 npx node --test tests/interop/nginx-script-file.test.ts
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { nginxLabScript } from '../../src/recipes/nginx/index.ts';

const FILE = resolve(import.meta.dirname, '../../public/scripts/nginx-lab.sh');

test('public/scripts/nginx-lab.sh is exactly the script the lessons show', () => {
  if (process.env.UPDATE_SCRIPTS === '1') writeFileSync(FILE, nginxLabScript());
  assert.equal(
    readFileSync(FILE, 'utf8'),
    nginxLabScript(),
    'out of date: run UPDATE_SCRIPTS=1 npx node --test tests/interop/nginx-script-file.test.ts',
  );
});
