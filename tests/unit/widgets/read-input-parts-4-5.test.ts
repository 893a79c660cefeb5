// The certificate inspector and what readers of parts 4 and 5 paste: a TokenReview (request or
// answer; a request's spec.token read like a pasted token), the webhook kubeconfig
// src/recipes/webhook writes (named for what it is, its certificates' parts said), and a front-proxy
// client certificate (noted; a plain client certificate is not). Text holding a token is never kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  issueClientCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
} from '../../../src/pki/index.ts';
import { webhookKubeconfig } from '../../../src/recipes/webhook/index.ts';
import {
  buildTokenReviewRequest,
  buildTokenReviewResponse,
  generateBootstrapToken,
} from '../../../src/tokens/index.ts';
import {
  type CertificateItem,
  heldPrivateKey,
  inspectText,
  type ProblemItem,
  type TokenReviewItem,
} from '../../../src/widgets/cert-inspector/read-input.ts';

const json = (v: unknown) => JSON.stringify(v, null, 2);
const root = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
const client = await issueClientCertificate(
  { subject: { commonName: 'jane', organizations: ['dev'] }, algorithm: 'ECDSA-P256' },
  root,
);
// A JWT that is not a service-account token: three base64url parts that decode.
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const JWT = `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url({ iss: 'https://idp.example.com', sub: 'u1', aud: 'kubernetes' })}.c2ln`;

describe('the inspector reads TokenReviews', () => {
  test('a request: its role, and spec.token read as the JWT it is; never kept', async () => {
    const r = await inspectText(json(buildTokenReviewRequest({ token: JWT, version: 'v1' })));
    assert.equal(r.readAs, 'token-review');
    const item = r.items[0] as TokenReviewItem;
    assert.equal(item.kind, 'token-review');
    assert.equal(item.reading.role, 'request');
    assert.equal(item.tokenShape, 'jwt');
    assert.equal(item.token?.kind, 'jwt');
    assert.equal(item.token?.kind === 'jwt' && item.token.flavour, 'oidc');
    assert.equal(heldPrivateKey(r), true);
  });

  test('a request carrying a bootstrap token shows the token’s user', async () => {
    const token = generateBootstrapToken();
    const r = await inspectText(json(buildTokenReviewRequest({ token })));
    const item = r.items[0] as TokenReviewItem;
    assert.equal(item.tokenShape, 'bootstrap');
    assert.equal(
      item.token?.kind === 'bootstrap-token' && item.token.user.username,
      `system:bootstrap:${token.slice(0, 6)}`,
    );
  });

  test('a request with an opaque token says only its length', async () => {
    const item = (await inspectText(json(buildTokenReviewRequest({ token: 'kal-example-token' }))))
      .items[0] as TokenReviewItem;
    assert.equal(item.tokenShape, 'opaque');
    assert.equal(item.tokenLength, 17);
    assert.equal(item.token, undefined);
  });

  test('an answer: the belief, and the text is kept (no credential in it)', async () => {
    const r = await inspectText(
      json(
        buildTokenReviewResponse({
          version: 'v1',
          status: { authenticated: true, user: { username: 'alice', groups: ['dev'] } },
        }),
      ),
    );
    const item = r.items[0] as TokenReviewItem;
    assert.equal(item.reading.role, 'answer');
    assert.equal(item.reading.role === 'answer' && item.reading.belief.kind, 'ok');
    assert.equal(heldPrivateKey(r), false);
  });

  test('a malformed TokenReview is a problem item naming the field, not a throw; with a token, never kept', async () => {
    const r = await inspectText(
      '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": "t0k", "audiences": "api"}}',
    );
    const p = r.items[0] as ProblemItem;
    assert.equal(p.kind, 'problem');
    assert.equal(p.code, 'input/review-not-strings');
    assert.equal(p.details.field, 'spec.audiences');
    assert.equal(p.message, 'spec.audiences must be a list of strings');
    assert.equal(heldPrivateKey(r), true);
    const bad = await inspectText('{"kind": "TokenReview", "status": {"authenticated": tru}}');
    assert.equal((bad.items[0] as ProblemItem).code, 'input/review-json-at');
    assert.equal(heldPrivateKey(bad), false);
  });

  test('other JSON is not taken for a TokenReview', async () => {
    await assert.rejects(inspectText('{"keys": []}'), { code: 'pem/no-block' });
  });
});

describe('the inspector names a webhook kubeconfig', () => {
  const text = webhookKubeconfig({
    server: 'https://localhost:8443/authenticate',
    caPem: root.certificatePem,
    clientCertificatePem: client.certificatePem,
    clientKeyPem: client.privateKeyPem,
  });

  test('the file src/recipes/webhook writes: the look, each certificate’s part, the key still matched', async () => {
    const r = await inspectText(text);
    assert.equal(r.readAs, 'kubeconfig');
    assert.equal(r.webhookKubeconfig?.server, 'https://localhost:8443/authenticate');
    assert.equal(r.webhookKubeconfig?.userName, 'kube-apiserver');
    const certs = r.items.filter((i): i is CertificateItem => i.kind === 'certificate');
    assert.deepEqual(
      certs.map((c) => [c.origin, c.webhookRole]),
      [
        ['clusters[token-webhook].certificate-authority-data', 'webhook-ca'],
        ['users[kube-apiserver].client-certificate-data', 'apiserver-client'],
      ],
    );
    const key = r.items.find((i) => i.kind === 'key');
    assert.deepEqual(key?.kind === 'key' && key.matches, [1]);
    assert.equal(heldPrivateKey(r), true);
  });

  test('one for a webhook that asks for no client certificate (an empty user): its CA, and no key', async () => {
    const r = await inspectText(
      webhookKubeconfig({ server: 'https://localhost:8443/authenticate', caPem: root.certificatePem }),
    );
    assert.equal(r.webhookKubeconfig?.userName, 'kube-apiserver');
    const certs = r.items.filter((i): i is CertificateItem => i.kind === 'certificate');
    assert.deepEqual(
      certs.map((c) => c.webhookRole),
      ['webhook-ca'],
    );
    assert.equal(heldPrivateKey(r), false);
  });

  test('one that names files instead of embedding them is still named, not refused', async () => {
    const files = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: token-webhook',
      '  cluster:',
      '    server: https://localhost:8443/authenticate',
      '    certificate-authority: /etc/kubernetes/webhook/rootCA.pem',
      'users:',
      '- name: kube-apiserver',
      '  user:',
      '    client-certificate: /etc/kubernetes/webhook/client.pem',
      '    client-key: /etc/kubernetes/webhook/client-key.pem',
      'contexts:',
      '- name: webhook',
      '  context: {cluster: token-webhook, user: kube-apiserver}',
      'current-context: webhook',
    ].join('\n');
    const r = await inspectText(files);
    assert.deepEqual(r.items, []);
    assert.equal(r.webhookKubeconfig?.clusterName, 'token-webhook');
  });

  test('a person’s kubeconfig without certificates is still refused as before', async () => {
    const person = text
      .replace(/token-webhook/g, 'kubernetes')
      .replace(/kube-apiserver/g, 'jane')
      .replace('name: webhook', 'name: jane@kubernetes')
      .replace('current-context: webhook', 'current-context: jane@kubernetes')
      .replace('https://localhost:8443/authenticate', 'https://192.0.2.10:6443')
      .replace(/ *(certificate-authority-data|client-certificate-data|client-key-data):.*\n/g, '');
    await assert.rejects(inspectText(person), { code: 'input/kubeconfig-without-certificates' });
  });
});

describe('the inspector notes a front-proxy client certificate', () => {
  test('issueFrontProxyClientCertificate’s certificate gets the note; a plain client certificate does not', async () => {
    const ca = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    const proxy = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, ca);
    const [item] = (await inspectText(proxy.certificatePem)).items as CertificateItem[];
    assert.equal(item?.frontProxy?.by, 'both');
    assert.equal(item?.identity.user, 'front-proxy-client');
    const [plain] = (await inspectText(client.certificatePem)).items as CertificateItem[];
    assert.equal(plain?.kind, 'certificate');
    assert.equal(plain?.frontProxy, undefined);
  });
});
