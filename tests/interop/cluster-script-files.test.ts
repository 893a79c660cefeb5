// public/scripts/kube-pki-copy.sh and sign-on-node.sh are what src/recipes/cluster returns, and
// public/scripts/ko/ holds the same scripts with Korean comments and messages, so the files readers
// download are the ones the lessons show and the interop tests run. After changing
// src/recipes/cluster, rewrite them with
//   UPDATE_SCRIPTS=1 npx node --test tests/interop/cluster-script-files.test.ts
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import type { Lang } from '../../src/i18n/index.ts';
import { kubePkiCopyScript, signOnNodeScript } from '../../src/recipes/cluster/index.ts';

const SCRIPTS: [string, (lang: Lang) => string][] = [
  ['kube-pki-copy.sh', kubePkiCopyScript],
  ['sign-on-node.sh', signOnNodeScript],
];
const FOLDERS: Record<Lang, string> = { en: '', ko: 'ko/' };

for (const [name, make] of SCRIPTS) {
  for (const [lang, folder] of Object.entries(FOLDERS) as [Lang, string][]) {
    test(`public/scripts/${folder}${name} is exactly the script the ${lang} lessons show`, () => {
      const file = resolve(import.meta.dirname, '../../public/scripts', folder, name);
      if (process.env.UPDATE_SCRIPTS === '1') {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, make(lang));
      }
      assert.equal(
        readFileSync(file, 'utf8'),
        make(lang),
        'out of date: run UPDATE_SCRIPTS=1 npx node --test tests/interop/cluster-script-files.test.ts',
      );
    });
  }
}
