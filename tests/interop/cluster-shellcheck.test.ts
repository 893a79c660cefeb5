// shellcheck judges every shell snippet lessons 6 and 7 (and their widgets) render from
// src/recipes/cluster. The scripts and the blocks written into the pages: content-shellcheck.test.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { buildClusterRoleBinding } from '../../src/kube/index.ts';
import {
  apiserverExperimentCommand,
  apiserverExperiments,
  caFromKubeconfigCommand,
  csrWorkflowCommands,
  hostsCleanupCommand,
  hostsEntryCommand,
  realApiserverCommand,
  signOnNodeCommand,
  userCheckCommands,
  writeApiserverConfCommand,
  writeFileCommand,
} from '../../src/recipes/cluster/index.ts';
import { kubectlConfigCommands } from '../../src/recipes/index.ts';
import { LAB_KUBECTL_CONFIG } from '../support/lab-params.ts';
import { shellBlocks, shellcheck } from '../support/shellcheck.ts';
import { requireTools } from '../support/tools.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LESSONS = join(ROOT, 'content/client-certificates');

const lessonFiles = readdirSync(LESSONS).filter((f) => /^0[67]-.*\.mdx$/.test(f));

test('lessons 6 and 7 exist and have shell blocks', () => {
  assert.deepEqual(lessonFiles, ['06-kubernetes-pki.mdx', '07-lab-new-user.mdx']);
  for (const f of lessonFiles) assert.ok(shellBlocks(readFileSync(join(LESSONS, f), 'utf8')).length > 0, f);
});

test('shellcheck passes every shell snippet lessons 6 and 7 render from TypeScript', (t) => {
  if (!requireTools(t, 'shellcheck')) return;
  const yaml = buildClusterRoleBinding({
    name: 'developers-view',
    roleName: 'view',
    subjects: [{ kind: 'Group', name: 'developers' }],
  }).yaml;
  const snippets: [string, string][] = [
    ['writeApiserverConfCommand()', writeApiserverConfCommand()],
    ["writeApiserverConfCommand('ko')", writeApiserverConfCommand('ko')],
    ['hostsEntryCommand()', hostsEntryCommand()],
    ['hostsCleanupCommand()', hostsCleanupCommand()],
    ['realApiserverCommand()', realApiserverCommand()],
    ['caFromKubeconfigCommand()', caFromKubeconfigCommand()],
    ...apiserverExperiments().map((e): [string, string] => [
      `experiment ${e.id}`,
      apiserverExperimentCommand(e),
    ]),
    ['signOnNodeCommand', signOnNodeCommand({ csrFile: 'jane doe.csr', days: 3 })],
    ['writeFileCommand', writeFileCommand('developers-view.yaml', yaml)],
    ...csrWorkflowCommands('jane', { certificateFile: 'jane.crt', manifestFile: 'jane-csr.yaml' }).map(
      (c): [string, string] => [c.description, c.command],
    ),
    ...userCheckCommands({
      server: "https://it's.example:6443",
      certificateFile: 'jane.crt',
      keyFile: 'jane-key.pem',
      kubeconfigFile: 'jane.kubeconfig',
    }).map((c): [string, string] => [c.description, c.command]),
    ...kubectlConfigCommands({ ...LAB_KUBECTL_CONFIG, kubeconfigFile: 'jane.kubeconfig' }).map(
      (c): [string, string] => [c.description, c.command],
    ),
  ];
  for (const [name, code] of snippets) {
    const result = shellcheck(code);
    assert.equal(result.status, 0, `${name}\n${code}\n${result.output}`);
  }
});
