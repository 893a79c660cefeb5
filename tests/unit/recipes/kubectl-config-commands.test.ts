import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabErrorCode } from '../../../src/pki/error-codes.ts';
import { isLabError } from '../../../src/pki/errors.ts';
import { type KubectlConfigParams, kubectlConfigCommands } from '../../../src/recipes/index.ts';
import { LAB_KUBECTL_CONFIG } from '../../support/lab-params.ts';

/** The lab's values (jane in the cluster kubernetes at 192.0.2.10); the commands below are spelled out. */
const P: KubectlConfigParams = LAB_KUBECTL_CONFIG;

test('kubectlConfigCommands prints set-cluster, set-credentials, set-context and use-context with --embed-certs', () => {
  assert.deepEqual(
    kubectlConfigCommands(P).map((c) => c.command),
    [
      'kubectl config set-cluster kubernetes --server=https://192.0.2.10:6443 --certificate-authority=ca.crt --embed-certs',
      'kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane-key.pem --embed-certs',
      'kubectl config set-context jane@kubernetes --cluster=kubernetes --user=jane',
      'kubectl config use-context jane@kubernetes',
    ],
  );
});

test('kubectlConfigCommands writes to the given kubeconfig, with namespace and context name', () => {
  const lines = kubectlConfigCommands({
    ...P,
    kubeconfigFile: 'jane kubeconfig',
    namespace: 'dev',
    contextName: 'lab',
  }).map((c) => c.command);
  for (const line of lines) assert.ok(line.includes(" --kubeconfig='jane kubeconfig'"), line);
  assert.ok(lines[2]?.endsWith(' --cluster=kubernetes --user=jane --namespace=dev'));
  assert.equal(lines[3], "kubectl config use-context lab --kubeconfig='jane kubeconfig'");
});

test('kubectlConfigCommands quotes file names with spaces and quotes', () => {
  const [, creds] = kubectlConfigCommands({ ...P, clientCertificateFile: "my jane's.crt" });
  assert.ok(creds?.command.includes("--client-certificate='my jane'\\''s.crt'"));
});

const bad: [string, Partial<KubectlConfigParams>, LabErrorCode][] = [
  ['an http server', { server: 'http://h' }, 'kubeconfig/server-not-https'],
  ['a user name with a space', { userName: 'jane doe' }, 'kubeconfig/bad-name'],
  ['a bad namespace', { namespace: 'Dev' }, 'kubeconfig/bad-namespace'],
  ['an empty CA file', { caFile: '' }, 'recipe/bad-file-name'],
  ['a key file starting with -', { clientKeyFile: '-x' }, 'recipe/bad-file-name'],
  ['a kubeconfig file with a newline', { kubeconfigFile: 'a\nb' }, 'recipe/bad-file-name'],
];
for (const [what, change, expected] of bad) {
  test(`kubectlConfigCommands refuses ${what} with ${expected}`, () => {
    assert.throws(
      () => kubectlConfigCommands({ ...P, ...change }),
      (e) => isLabError(e, expected),
    );
  });
}
