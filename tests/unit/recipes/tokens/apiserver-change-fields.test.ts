// The kube-apiserver change widget's reading of its fields (src/recipes/tokens/apiserver-change.ts):
// which settings the fields describe, and that every failure lands at the field that caused it,
// with the engine's code, while the parts that do not depend on that field are still shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeChange,
  DEFAULTS,
  type Preset,
  settingsFor,
} from '../../../../src/recipes/tokens/apiserver-change.ts';

describe('the kube-apiserver change widget', () => {
  it('reads lines and commas as the flags take them, leaving blank fields out', () => {
    assert.deepEqual(
      settingsFor('service-account', {
        serviceAccountIssuers: '  https://a.example \n\n https://b.example\n',
        serviceAccountKeyFiles: '',
        serviceAccountSigningKeyFile: ' ',
        apiAudiences: 'x, y\nz,',
      }),
      {
        serviceAccountIssuers: ['https://a.example', 'https://b.example'],
        apiAudiences: ['x', 'y', 'z'],
      },
    );
    assert.deepEqual(settingsFor('token-file', {}), { tokenAuthFile: DEFAULTS.tokenAuthFile });
    assert.deepEqual(settingsFor('bootstrap', { enableBootstrapTokenAuth: false }), {});
  });

  it('shows every part for the defaults of every preset', () => {
    for (const preset of ['token-file', 'bootstrap', 'service-account'] as Preset[]) {
      const r = computeChange(preset, {});
      assert.deepEqual(r.errors, {}, preset);
      assert.ok(r.kubeadm && r.kind, preset);
      assert.equal(r.ownManifest, false);
    }
  });

  const cases: [
    Preset,
    Record<string, string | boolean>,
    string,
    string,
    { kubeadm: boolean; kind: boolean },
  ][] = [
    [
      'token-file',
      { tokenAuthFile: 'tokens.csv' },
      'tokenAuthFile',
      'apiserver-flags/bad-path',
      { kubeadm: false, kind: false },
    ],
    [
      'token-file',
      { tokenAuthFile: '' },
      'tokenAuthFile',
      'apiserver-flags/nothing-to-change',
      { kubeadm: false, kind: false },
    ],
    [
      'token-file',
      { manifest: 'a: [' },
      'manifest',
      'kubeadm-manifest/not-yaml',
      { kubeadm: false, kind: true },
    ],
    [
      'token-file',
      { manifest: 'kind: Pod\n' },
      'manifest',
      'kubeadm-manifest/not-kube-apiserver',
      { kubeadm: false, kind: true },
    ],
    [
      'bootstrap',
      { enableBootstrapTokenAuth: false },
      'enableBootstrapTokenAuth',
      'apiserver-flags/nothing-to-change',
      { kubeadm: false, kind: false },
    ],
    [
      'service-account',
      { serviceAccountIssuers: 'a b' },
      'serviceAccountIssuers',
      'apiserver-flags/bad-value',
      { kubeadm: false, kind: false },
    ],
    [
      'service-account',
      { serviceAccountKeyFiles: 'sa.pub' },
      'serviceAccountKeyFiles',
      'apiserver-flags/bad-path',
      { kubeadm: false, kind: false },
    ],
    [
      'service-account',
      { serviceAccountSigningKeyFile: '/a/../sa.key' },
      'serviceAccountSigningKeyFile',
      'apiserver-flags/bad-path',
      { kubeadm: false, kind: false },
    ],
    [
      'service-account',
      { apiAudiences: "it's" },
      'apiAudiences',
      'apiserver-flags/bad-value',
      { kubeadm: false, kind: false },
    ],
    [
      'service-account',
      { kubeadmApi: 'v1beta3' },
      'kubeadmApi',
      'kind-config/repeated-flag',
      { kubeadm: true, kind: false },
    ],
    [
      'service-account',
      { serviceAccountIssuers: '', serviceAccountKeyFiles: '', serviceAccountSigningKeyFile: '' },
      'serviceAccountIssuers',
      'apiserver-flags/nothing-to-change',
      { kubeadm: false, kind: false },
    ],
  ];
  for (const [preset, inputs, field, code, shown] of cases) {
    it(`${preset}: ${JSON.stringify(inputs)} is refused at ${field} with ${code}`, () => {
      const r = computeChange(preset, inputs);
      assert.deepEqual(Object.keys(r.errors), [field]);
      assert.equal(r.errors[field as keyof typeof r.errors]?.code, code);
      assert.equal(Boolean(r.kubeadm), shown.kubeadm, 'kubeadm part');
      assert.equal(Boolean(r.kind), shown.kind, 'kind part');
    });
  }
});
