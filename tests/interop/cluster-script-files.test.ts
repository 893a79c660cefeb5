// public/scripts/kube-pki-copy.sh and sign-on-node.sh are what src/recipes/cluster returns, so the
// files readers download are the ones the lessons show and the interop tests run. After changing
// src/recipes/cluster, rewrite them with
//   UPDATE_SCRIPTS=1 npx node --test tests/interop/cluster-script-files.test.ts
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { kubePkiCopyScript, signOnNodeScript } from '../../src/recipes/cluster/index.ts';

const SCRIPTS: [string, () => string][] = [
  ['kube-pki-copy.sh', kubePkiCopyScript],
  ['sign-on-node.sh', signOnNodeScript],
];

for (const [name, make] of SCRIPTS) {
  test(`public/scripts/${name} is exactly the script the lessons show`, () => {
    const file = resolve(import.meta.dirname, '../../public/scripts', name);
    if (process.env.UPDATE_SCRIPTS === '1') writeFileSync(file, make());
    assert.equal(
      readFileSync(file, 'utf8'),
      make(),
      'out of date: run UPDATE_SCRIPTS=1 npx node --test tests/interop/cluster-script-files.test.ts',
    );
  });
}
