import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseWorkspace,
  serializeWorkspace,
  WORKSPACE_MAX_BYTES,
  type Workspace,
} from '../../../src/widgets/shared/workspace-format.ts';
import { emptyWorkspace } from '../../../src/widgets/shared/workspace-store.ts';

const sample: Workspace = {
  ...emptyWorkspace(new Date('2026-11-29T00:00:00Z')),
  files: {
    'rootCA.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    'client.pem': 'x',
  },
  inputs: { workbench: { user: 'jane', groups: ['developers', 'ops'], ecdsa: true } },
};

describe('workspace file', () => {
  it('round-trips to identical bytes', () => {
    const text = serializeWorkspace(sample);
    assert.equal(serializeWorkspace(parseWorkspace(text)), text);
  });

  it('serialises canonically whatever the key order', () => {
    const shuffled = {
      inputs: sample.inputs,
      files: { 'client.pem': 'x', 'rootCA.pem': sample.files['rootCA.pem'] },
    };
    const reordered = {
      ...shuffled,
      updatedAt: sample.updatedAt,
      version: 1,
      format: sample.format,
    } as Workspace;
    assert.equal(serializeWorkspace(reordered), serializeWorkspace(sample));
  });

  for (const [name, text, code] of [
    ['not JSON', '{nope', 'workspace/not-json'],
    ['a JSON array', '[]', 'workspace/wrong-format'],
    ['another format', '{"format":"x","version":1}', 'workspace/wrong-format'],
    [
      'a newer version',
      '{"format":"kube-auth-lab-workspace","version":2,"updatedAt":"2026-01-01T00:00:00Z","files":{}}',
      'workspace/unsupported-version',
    ],
    [
      'a file name with a slash',
      '{"format":"kube-auth-lab-workspace","version":1,"updatedAt":"2026-01-01T00:00:00Z","files":{"../x":"a"}}',
      'workspace/bad-file',
    ],
    [
      'a non-text file',
      '{"format":"kube-auth-lab-workspace","version":1,"updatedAt":"2026-01-01T00:00:00Z","files":{"a.pem":1}}',
      'workspace/bad-file',
    ],
    [
      'a bad input value',
      '{"format":"kube-auth-lab-workspace","version":1,"updatedAt":"2026-01-01T00:00:00Z","files":{},"inputs":{"w":{"a":{}}}}',
      'workspace/wrong-format',
    ],
    ['an oversized file', ' '.repeat(WORKSPACE_MAX_BYTES + 1), 'workspace/too-large'],
  ] as const) {
    it(`refuses ${name} with code ${code}`, () => {
      assert.throws(() => parseWorkspace(text), { name: 'LabError', code });
    });
  }
});
