import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFileName, shellQuote } from '../../../src/recipes/index.ts';
import { thrownCode } from '../../support/lab-error.ts';

const cases: [string, string][] = [
  ['jane', 'jane'],
  ['rootCA-key.pem', 'rootCA-key.pem'],
  ['https://192.0.2.10:6443', 'https://192.0.2.10:6443'],
  ['/CN=jane/O=dev', '/CN=jane/O=dev'],
  ['', "''"],
  ['a b', "'a b'"],
  ["O'Brien", "'O'\\''Brien'"],
  ["'", "\\'"],
  ['$HOME', "\\$'HOME'"],
  ['a`id`', "'a'\\`'id'\\`"],
  ['wow!', "'wow!'"],
  ['é', "'é'"],
  ['*', "'*'"],
  ['a;rm -rf ~', "'a;rm -rf ~'"],
];

for (const [input, expected] of cases) {
  test(`shellQuote writes ${JSON.stringify(input)} as ${expected}`, () => {
    assert.equal(shellQuote(input), expected);
  });
}

const controls: [string, string][] = [
  ['a NUL (C0)', 'a\u0000b'],
  ['a newline (C0)', 'a\nb'],
  ['DEL', 'a\u007fb'],
  ['NEL, U+0085 (C1)', 'jane\u0085.crt'],
  ['CSI, U+009B (C1)', 'jane\u009b.crt'],
];
for (const [what, name] of controls) {
  test(`checkFileName refuses a file name with ${what}`, () => {
    assert.equal(
      thrownCode(() => checkFileName('certificateFile', name)),
      'recipe/bad-file-name',
    );
  });
}

test('checkFileName takes a name with non-ASCII letters', () => {
  checkFileName('certificateFile', 'jäne-ü.crt');
});
