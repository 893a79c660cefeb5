// What the page says about a wrong file name in `kubectl config set-credentials --embed-certs` is
// what kubectl prints: it stops with "error: could not stat client-certificate file …" and leaves
// the kubeconfig as it was (it does not embed nothing in silence).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { kubectlConfigCommands } from '../../src/recipes/index.ts';
import { requireTools } from '../support/tools.ts';

const en = JSON.parse(readFileSync(new URL('../../src/i18n/cluster.en.json', import.meta.url), 'utf8'));
const ko = JSON.parse(readFileSync(new URL('../../src/i18n/cluster.ko.json', import.meta.url), 'utf8'));

test('a wrong certificate path stops set-credentials with the error the page quotes, and changes nothing', (t) => {
  if (!requireTools(t, 'kubectl', 'bash')) return;
  const dir = mkdtempSync(join(tmpdir(), 'kal-wrong-path-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ca.crt'), 'not read by set-cluster --embed-certs until it exists\n');
  const steps = kubectlConfigCommands({
    clusterName: 'kubernetes',
    server: 'https://127.0.0.1:6443',
    caFile: 'ca.crt',
    userName: 'jane',
    clientCertificateFile: 'jane.crt',
    clientKeyFile: 'jane-key.pem',
    kubeconfigFile: 'jane.kubeconfig',
  });
  const credentials = steps.find((s) => s.step === 'kubectl.setCredentials');
  assert.ok(credentials);
  const r = spawnSync('bash', ['-c', credentials.command], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  const said = r.stderr.trim();
  assert.match(said, /^error: could not stat client-certificate file jane\.crt: /);
  assert.equal(existsSync(join(dir, 'jane.kubeconfig')), false, 'nothing was written');
  const quoted = 'error: could not stat client-certificate file';
  for (const text of [credentials.description, en['kcbuilder.commandsHelp'], ko['kcbuilder.commandsHelp']]) {
    assert.ok(text.includes(quoted), text);
    assert.ok(said.startsWith(quoted));
  }
  for (const dict of [en, ko]) assert.match(dict['recipeStep.kubectl.setCredentials'], /could not stat/);
});
