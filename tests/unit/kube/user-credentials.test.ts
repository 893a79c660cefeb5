import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUserCredentials } from '../../../src/kube/index.ts';
import {
  createCsr,
  isLabError,
  issueClientCertificate,
  issueIntermediateCa,
  issueRootCa,
  parsePem,
  signCsr,
} from '../../../src/pki/index.ts';

const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
const otherCa = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
const jane = await issueClientCertificate(
  { subject: { commonName: 'jane', organizations: ['developers', 'ops'] }, algorithm: 'ECDSA-P256' },
  ca,
);
const stranger = await issueClientCertificate(
  { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm: 'ECDSA-P256' },
  otherCa,
);
// A CSR may have an empty CN, and signCsr signs it: the way such a certificate reaches a reader.
const namelessCsr = await createCsr({
  subject: { commonName: '', organizations: ['developers'] },
  algorithm: 'ECDSA-P256',
});
const nameless = {
  certificatePem: (await signCsr(namelessCsr.csrPem, ca, { purpose: 'client' })).certificatePem,
  privateKeyPem: namelessCsr.privateKeyPem,
};

/** The code and field of the LabError `fn` rejects with. */
async function failure(fn: () => Promise<unknown>): Promise<[string, unknown]> {
  try {
    await fn();
  } catch (e) {
    assert.ok(isLabError(e), `not a LabError: ${e}`);
    return [e.code, e.details.field];
  }
  assert.fail('no error');
}

describe('checkUserCredentials (lesson 7: the kubeconfig builder’s inputs)', () => {
  it('reads the user and groups, verifies the chain, and previews whoami in both forms', async () => {
    const r = await checkUserCredentials({
      caPem: ca.certificatePem,
      certificatePem: jane.certificatePem,
      keyPem: jane.privateKeyPem,
    });
    assert.equal(r.user, 'jane');
    assert.deepEqual(r.groups, ['developers', 'ops']);
    assert.equal(r.authenticated, true);
    assert.equal(r.chain.ok, true);
    assert.equal(
      r.whoami,
      'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [developers ops system:authenticated]\n',
    );
    // The credential ID is the SHA-256 of the certificate's DER (WebCrypto's digest here).
    const digest = await crypto.subtle.digest(
      'SHA-256',
      new Uint8Array(parsePem(jane.certificatePem)[0]!.der),
    );
    const sha = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    assert.ok(
      r.whoamiWithCredentialId?.endsWith(
        `\nExtra: authentication.kubernetes.io/credential-id   [X509SHA256=${sha}]\n`,
      ),
      r.whoamiWithCredentialId,
    );
  });

  it('blames the certificate for a key that is not its own', async () => {
    assert.deepEqual(
      await failure(() =>
        checkUserCredentials({
          caPem: ca.certificatePem,
          certificatePem: jane.certificatePem,
          keyPem: stranger.privateKeyPem,
        }),
      ),
      ['credentials/key-mismatch', 'certificate'],
    );
  });

  for (const [what, params, field] of [
    ['a certificate that is not PEM', { certificatePem: 'hello' }, 'certificate'],
    [
      'a CA that is not PEM',
      { caPem: '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' },
      'ca',
    ],
    ['a key that is not PEM', { keyPem: 'my key' }, 'key'],
  ] as const) {
    it(`blames the field for ${what}`, async () => {
      const [code, blamed] = await failure(() =>
        checkUserCredentials({
          caPem: ca.certificatePem,
          certificatePem: jane.certificatePem,
          keyPem: jane.privateKeyPem,
          ...params,
        }),
      );
      assert.equal(blamed, field, code);
      assert.match(code, /^[a-z0-9-]+\/[a-z0-9-]+$/);
    });
  }

  it('lets a certificate from another CA through, with Go’s reason, since the kubeconfig can still be written', async () => {
    const r = await checkUserCredentials({
      caPem: ca.certificatePem,
      certificatePem: stranger.certificatePem,
      keyPem: stranger.privateKeyPem,
    });
    assert.equal(r.chain.ok, false);
    assert.match(r.chain.goError ?? '', /^x509: certificate signed by unknown authority/);
  });

  it('previews no whoami for a certificate without a CN: kube-apiserver finds no user in it', async () => {
    const r = await checkUserCredentials({
      caPem: ca.certificatePem,
      certificatePem: nameless.certificatePem,
      keyPem: nameless.privateKeyPem,
    });
    assert.equal(r.authenticated, false);
    assert.equal(r.user, undefined);
    assert.equal(r.whoami, undefined);
    assert.equal(r.whoamiWithCredentialId, undefined);
  });

  it('verifies a client certificate sent with its intermediate, as kube-apiserver does, and not without it', async () => {
    const intermediate = await issueIntermediateCa(
      { subject: { commonName: 'kubernetes-intermediate' }, algorithm: 'ECDSA-P256' },
      ca,
    );
    const joe = await issueClientCertificate(
      { subject: { commonName: 'joe', organizations: ['qa'] }, algorithm: 'ECDSA-P256' },
      intermediate,
    );
    const withChain = await checkUserCredentials({
      caPem: ca.certificatePem,
      certificatePem: joe.certificatePem + intermediate.certificatePem,
      keyPem: joe.privateKeyPem,
    });
    assert.equal(withChain.chain.ok, true, withChain.chain.goError ?? '');
    assert.equal(withChain.user, 'joe');
    const alone = await checkUserCredentials({
      caPem: ca.certificatePem,
      certificatePem: joe.certificatePem,
      keyPem: joe.privateKeyPem,
    });
    assert.equal(alone.chain.goError, 'x509: certificate signed by unknown authority');
  });
});
