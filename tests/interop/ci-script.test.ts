import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { requireTools } from '../support/tools.ts';

test('shellcheck passes the CI script', (t) => {
  if (!requireTools(t, 'shellcheck')) return;
  const run = spawnSync('shellcheck', ['--severity=style', '.ci/run'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
