import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLabError } from '../../../../src/pki/index.ts';
import {
  curlWithToken,
  kubeadmTokenCreateCommand,
  tokenKubeconfigCommands,
} from '../../../../src/recipes/tokens/index.ts';

describe('the token client commands', () => {
  it('writes kubectl config set-credentials --token and the rest, field by field', () => {
    const cmds = tokenKubeconfigCommands({
      server: 'https://192.0.2.10:6443',
      caFile: 'ca.crt',
      token: 'abc$def',
      userName: 'alice',
    });
    assert.deepEqual(
      cmds.map((c) => c.command),
      [
        'kubectl config set-cluster kubernetes --server=https://192.0.2.10:6443 --certificate-authority=ca.crt --embed-certs',
        "kubectl config set-credentials alice --token='abc'\\$'def'",
        'kubectl config set-context alice@kubernetes --cluster=kubernetes --user=alice',
        'kubectl config use-context alice@kubernetes',
        'kubectl auth whoami',
      ],
    );
  });

  it('writes curl with the Authorization header to the SelfSubjectReview endpoint', () => {
    assert.equal(
      curlWithToken({ server: 'https://192.0.2.10:6443/', caFile: 'ca.crt', token: 'tok' }).command,
      "curl --cacert ca.crt -H 'Authorization: Bearer tok' -H 'Content-Type: application/json' -X POST -d '{}' https://192.0.2.10:6443/apis/authentication.k8s.io/v1/selfsubjectreviews",
    );
  });

  it('writes kubeadm token create with kubeadm’s defaults', () => {
    assert.equal(
      kubeadmTokenCreateCommand({ token: 'abcdef.0123456789abcdef' }).command,
      'sudo kubeadm token create abcdef.0123456789abcdef --ttl 24h0m0s --usages authentication,signing --groups system:bootstrappers:kubeadm:default-node-token',
    );
  });

  it('refuses a token with a space, a bad bootstrap token and a bad ttl', () => {
    assert.throws(
      () => curlWithToken({ server: 'https://h:6443', caFile: 'ca.crt', token: 'a b' }),
      (e) => isLabError(e, 'token-client/bad-token'),
    );
    assert.throws(
      () => kubeadmTokenCreateCommand({ token: 'nope' }),
      (e) => isLabError(e, 'bootstrap-token/format'),
    );
    assert.throws(
      () => kubeadmTokenCreateCommand({ token: 'abcdef.0123456789abcdef', ttl: '1 day' }),
      (e) => isLabError(e, 'kubeadm-token/bad-ttl'),
    );
  });
});
