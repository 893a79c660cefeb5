import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellQuote } from '../../../src/recipes/index.ts';

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
