import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csrWorkflowCommands } from '../../../src/recipes/cluster/index.ts';
import { thrownCode as code } from '../../support/lab-error.ts';

describe('csrWorkflowCommands', () => {
  test('prints apply, approve and the save-the-certificate line exactly', () => {
    assert.deepEqual(
      csrWorkflowCommands('jane', { certificateFile: 'jane.crt' }).map((c) => c.command),
      [
        'kubectl apply -f jane-csr.yaml',
        'kubectl certificate approve jane',
        "kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt",
      ],
    );
  });

  test('quotes file names that need it', () => {
    const [apply, , save] = csrWorkflowCommands('jane', {
      certificateFile: "jane's cert.crt",
      manifestFile: 'my csr.yaml',
    });
    assert.equal(apply?.command, "kubectl apply -f 'my csr.yaml'");
    assert.ok(save?.command.endsWith(" > 'jane'\\''s cert.crt'"));
  });

  test('describes every step', () => {
    for (const c of csrWorkflowCommands('jane', { certificateFile: 'jane.crt' }))
      assert.ok(c.description.length > 10);
  });

  const bad: [string, () => unknown, string][] = [
    [
      'a bad object name',
      () => csrWorkflowCommands('Jane', { certificateFile: 'jane.crt' }),
      'csr-object/bad-name',
    ],
    [
      'an empty certificate file',
      () => csrWorkflowCommands('jane', { certificateFile: '' }),
      'recipe/bad-file-name',
    ],
    [
      'a file name that looks like an option',
      () => csrWorkflowCommands('jane', { certificateFile: '-rf' }),
      'recipe/bad-file-name',
    ],
    [
      'a file name with a newline',
      () => csrWorkflowCommands('jane', { certificateFile: 'a\nb' }),
      'recipe/bad-file-name',
    ],
    [
      'a bad manifest name',
      () => csrWorkflowCommands('jane', { certificateFile: 'a', manifestFile: '' }),
      'recipe/bad-file-name',
    ],
  ];
  for (const [what, fn, expected] of bad) {
    test(`refuses ${what} with ${expected}`, () => {
      assert.equal(code(fn), expected);
    });
  }
});
