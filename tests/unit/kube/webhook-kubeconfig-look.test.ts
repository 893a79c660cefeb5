// Which kubeconfigs look like kube-apiserver's --authentication-token-webhook-config-file (part 4):
// the one src/recipes/webhook writes, one with other names but a webhook path, and never a person's
// kubeconfig or kubeadm's own kube-apiserver-named files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKubeconfig, parseKubeconfig, webhookKubeconfigLook } from '../../../src/kube/index.ts';
import { issueClientCertificate, issueRootCa } from '../../../src/pki/index.ts';
import { webhookKubeconfig } from '../../../src/recipes/webhook/index.ts';

const root = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
const client = await issueClientCertificate(
  { subject: { commonName: 'jane' }, algorithm: 'ECDSA-P256' },
  root,
);
const pems = {
  caPem: root.certificatePem,
  clientCertificatePem: client.certificatePem,
  clientKeyPem: client.privateKeyPem,
};

describe('webhookKubeconfigLook', () => {
  it('recognises the webhook kubeconfig src/recipes/webhook writes, by all four signs', () => {
    const text = webhookKubeconfig({ server: 'https://localhost:8443/authenticate', ...pems });
    assert.deepEqual(webhookKubeconfigLook(parseKubeconfig(text)), {
      signs: ['server-path', 'cluster-name', 'user-name', 'context-name'],
      clusterName: 'token-webhook',
      server: 'https://localhost:8443/authenticate',
      userName: 'kube-apiserver',
    });
  });

  it('recognises one with the reader’s own names by its server path', () => {
    const text = webhookKubeconfig({
      server: 'https://authn.example.com/tokenreview',
      clusterName: 'corp-sso',
      userName: 'apiserver',
      ...pems,
    });
    assert.deepEqual(webhookKubeconfigLook(parseKubeconfig(text))?.signs, [
      'server-path',
      'user-name',
      'context-name',
    ]);
  });

  it('says nothing of a person’s kubeconfig', () => {
    const text = buildKubeconfig({
      clusterName: 'kubernetes',
      server: 'https://192.0.2.10:6443',
      userName: 'jane',
      contextName: 'jane@kubernetes',
      ...pems,
    });
    assert.equal(webhookKubeconfigLook(parseKubeconfig(text)), undefined);
  });

  it('says nothing of a kubeconfig whose only sign is a user named kube-apiserver', () => {
    const text = buildKubeconfig({
      clusterName: 'kubernetes',
      server: 'https://192.0.2.10:6443',
      userName: 'kube-apiserver',
      contextName: 'default',
      ...pems,
    });
    assert.equal(webhookKubeconfigLook(parseKubeconfig(text)), undefined);
  });
});
