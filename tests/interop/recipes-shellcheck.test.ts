// Every command list src/recipes and src/kube emit, written as a bash script with
// `set -euo pipefail` and each step's description as a comment above it, passes shellcheck.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY_ALGORITHMS } from '../../src/pki/types.ts';
import { csrWorkflowCommands } from '../../src/recipes/cluster/index.ts';
import {
  CFSSL_KEY_ALGORITHMS,
  cfsslCommands,
  kubectlConfigCommands,
  type LabCertificateParams,
  opensslCommands,
  type RecipeCommand,
} from '../../src/recipes/index.ts';
import { LAB_KUBECTL_CONFIG } from '../support/lab-params.ts';
import { shellcheck } from '../support/shellcheck.ts';
import { requireTools } from '../support/tools.ts';

function script(commands: RecipeCommand[]): string {
  const body = commands.map((c) => `# ${c.description}\n${c.command}`).join('\n\n');
  return `#!/usr/bin/env bash\nset -euo pipefail\n\n${body}\n`;
}

const NASTY: LabCertificateParams = {
  rootCa: {
    subject: { commonName: `Lab "CA" / $HOME`, organizations: ['R&D; `x`'] },
    algorithm: 'ECDSA-P256',
    pathLength: 0,
  },
  server: {
    subject: { commonName: "it's a server" },
    dnsNames: ['*.apps.example.test'],
    ipAddresses: ['2001:db8::10'],
  },
  client: {
    subject: {
      commonName: "O'Brien/José",
      organizations: ['dev ops', '$(id)', 'a!b', '$\u{7B}PATH}', '\\', '~root'],
    },
  },
};

function lab(algorithm: (typeof KEY_ALGORITHMS)[number]): LabCertificateParams {
  return {
    rootCa: { subject: { commonName: 'Kube Auth Lab CA' }, algorithm },
    server: {
      subject: { commonName: 'localhost' },
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      algorithm,
    },
    client: { subject: { commonName: 'jane', organizations: ['developers', 'admins'] }, algorithm },
  };
}

const lists: [string, RecipeCommand[]][] = [
  ...KEY_ALGORITHMS.map((a): [string, RecipeCommand[]] => [
    `the openssl recipe for ${a}`,
    opensslCommands(lab(a)),
  ]),
  ['the openssl recipe with quotes, $, backquotes and ! in names', opensslCommands(NASTY)],
  ...CFSSL_KEY_ALGORITHMS.map((a): [string, RecipeCommand[]] => [
    `the cfssl recipe for ${a}`,
    cfsslCommands(lab(a)),
  ]),
  [
    'the cfssl recipe writing its own files, with awkward names',
    cfsslCommands({ ...NASTY, rootCa: { ...NASTY.rootCa } }, { writeFiles: true }),
  ],
  ['the CSR API workflow', csrWorkflowCommands('jane', { certificateFile: 'jane.crt' })],
  [
    'the CSR API workflow with awkward file names',
    csrWorkflowCommands('jane', { certificateFile: "jane's $cert.crt", manifestFile: 'csr (1).yaml' }),
  ],
  ['the kubectl config recipe', kubectlConfigCommands(LAB_KUBECTL_CONFIG)],
  [
    'the kubectl config recipe with awkward names',
    kubectlConfigCommands({
      clusterName: "o'cluster",
      server: 'https://[2001:db8::1]:6443/k8s/$x',
      caFile: 'my ca.crt',
      userName: '$jane',
      clientCertificateFile: '`jane`.crt',
      clientKeyFile: 'key (1).pem',
      namespace: 'dev',
      kubeconfigFile: '~/jane config',
    }),
  ],
];

for (const [what, commands] of lists) {
  test(`shellcheck passes ${what}`, (t) => {
    if (!requireTools(t, 'shellcheck')) return;
    const source = script(commands);
    const { status, output } = shellcheck(source);
    assert.equal(status, 0, `${output}\n--- script ---\n${source}`);
  });
}
