// public/scripts/nginx-lab.sh is what nginxLabScript() returns, and public/scripts/ko/nginx-lab.sh
// what nginxLabScript('ko') returns, so the files readers download are the ones the lessons show
// and the interop test runs. After changing src/recipes/nginx, rewrite them with
//   UPDATE_SCRIPTS=1 npx node --test tests/interop/nginx-script-file.test.ts
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import type { Lang } from '../../src/i18n/index.ts';
import { nginxLabScript } from '../../src/recipes/nginx/index.ts';

const FILES: Record<Lang, string> = { en: 'nginx-lab.sh', ko: 'ko/nginx-lab.sh' };

for (const [lang, name] of Object.entries(FILES) as [Lang, string][]) {
  test(`public/scripts/${name} is exactly the script the ${lang} lessons show`, () => {
    const file = resolve(import.meta.dirname, '../../public/scripts', name);
    if (process.env.UPDATE_SCRIPTS === '1') {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, nginxLabScript(lang));
    }
    assert.equal(
      readFileSync(file, 'utf8'),
      nginxLabScript(lang),
      'out of date: run UPDATE_SCRIPTS=1 npx node --test tests/interop/nginx-script-file.test.ts',
    );
  });
}
