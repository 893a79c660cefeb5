import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeadmJoinCommand, kubeadmTokenCreateCommand } from '../../../../src/recipes/tokens/index.ts';
import { thrownCode } from '../../../support/lab-error.ts';

const token = 'abcdef.0123456789abcdef';
const caCertHash = `sha256:${'0'.repeat(64)}`;

test('kubeadm join takes host:port with a DNS name, an IPv4 address or a bracketed IPv6 address', () => {
  for (const endpoint of ['192.0.2.10:6443', 'cp.example.org:6443', '[2001:db8::1]:6443', 'k8s:65535']) {
    assert.equal(
      kubeadmJoinCommand({ endpoint, token, caCertHash }).command,
      `sudo kubeadm join ${endpoint} --token ${token} --discovery-token-ca-cert-hash ${caCertHash}`,
    );
  }
});

test('kubeadm join refuses what is not host:port at the endpoint field', () => {
  for (const endpoint of [
    'https://192.0.2.10:6443',
    '192.0.2.10',
    'cp:65536',
    '-cp:6443',
    '2001:db8::1:6443',
    'a b:1',
  ]) {
    assert.equal(
      thrownCode(() => kubeadmJoinCommand({ endpoint, token, caCertHash })),
      'kubeadm-join/bad-endpoint',
    );
  }
  assert.equal(
    thrownCode(() =>
      kubeadmJoinCommand({ endpoint: 'cp:6443', token: 'ABCDEF.0123456789abcdef', caCertHash }),
    ),
    'bootstrap-token/format',
  );
});

test('kubeadm token create refuses a description with a tab, a line break or a C1 control', () => {
  for (const description of ['line one\tand a tab', 'two\nlines', 'bell\u0007', 'next line\u0085here']) {
    assert.equal(
      thrownCode(() => kubeadmTokenCreateCommand({ token, description })),
      'kubeadm-token/control-character',
    );
  }
  assert.match(
    kubeadmTokenCreateCommand({ token, description: 'join worker-1' }).command,
    /--description 'join worker-1'/,
  );
});
