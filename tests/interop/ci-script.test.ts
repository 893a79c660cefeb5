import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellcheck } from '../support/shellcheck.ts';
import { requireTools } from '../support/tools.ts';

test('shellcheck passes the CI script', (t) => {
  if (!requireTools(t, 'shellcheck')) return;
  const run = shellcheck('', ['.ci/run']);
  assert.equal(run.status, 0, run.output);
});
