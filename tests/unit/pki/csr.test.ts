import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createCsr,
  encodePem,
  inspectCertificate,
  inspectCsr,
  keyMatchesCertificate,
  parseCsr,
  parsePem,
  signCsr,
  verifyCsrSignature,
} from '../../../src/pki/index.ts';
import { codeOf, labSet, NOW, testedAlgorithms } from './lab.ts';

const algorithms = await testedAlgorithms();

describe('certificate signing requests', () => {
  for (const algorithm of algorithms) {
    test(`a ${algorithm} CSR carries the subject and SANs, verifies, and is signed into a client certificate`, async () => {
      const { root } = await labSet(algorithm);
      const { csrPem, privateKeyPem } = await createCsr({
        subject: { commonName: 'jane', organizations: ['dev', 'ops'] },
        dnsNames: ['jane.example'],
        ipAddresses: ['10.0.0.7'],
        algorithm,
      });
      assert.match(csrPem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
      const csr = parseCsr(csrPem);
      assert.equal(csr.version, 0);
      assert.deepEqual(csr.subjectAltNames?.dns, ['jane.example']);
      assert.deepEqual(csr.subjectAltNames?.ip, ['10.0.0.7']);
      assert.equal(await verifyCsrSignature(csrPem), 'valid');
      const { certificatePem } = await signCsr(csrPem, root, {
        purpose: 'client',
        notBefore: NOW,
        validityDays: 30,
      });
      const info = await inspectCertificate(certificatePem);
      assert.equal(info.subject.rfc4514, 'CN=jane,O=ops,O=dev');
      assert.deepEqual(info.subjectAltNames?.dns, ['jane.example']);
      assert.deepEqual(
        info.extendedKeyUsage?.map((e) => e.name),
        ['clientAuth'],
      );
      assert.deepEqual(info.basicConstraints, { ca: false });
      assert.equal(new Date(info.notAfter).getTime() - NOW.getTime(), 30 * 86_400_000);
      assert.equal(await keyMatchesCertificate(privateKeyPem, certificatePem), true);
    });
  }

  test('a server CSR is signed with serverAuth and keeps its SANs', async () => {
    const { root } = await labSet('ECDSA-P256');
    const { csrPem } = await createCsr({
      subject: { commonName: 'web' },
      dnsNames: ['web.local'],
      algorithm: 'ECDSA-P256',
    });
    const { certificatePem } = await signCsr(csrPem, root, { purpose: 'server' });
    const info = await inspectCertificate(certificatePem);
    assert.deepEqual(
      info.extendedKeyUsage?.map((e) => e.name),
      ['serverAuth'],
    );
    assert.deepEqual(info.subjectAltNames?.dns, ['web.local']);
  });

  test('a CSR may have an empty subject; its SAN is then critical', async () => {
    const { csrPem } = await createCsr({
      subject: { commonName: '' },
      dnsNames: ['x.example'],
      algorithm: 'ECDSA-P256',
    });
    const info = await inspectCsr(csrPem);
    assert.equal(info.subject.rfc4514, '');
    assert.equal(info.extensions[0]!.critical, true);
    assert.equal(info.signature, 'valid');
  });

  test('inspectCsr reports the key, signature algorithm and requested extensions', async () => {
    const { csrPem } = await createCsr({
      subject: { commonName: 'a' },
      ipAddresses: ['::1'],
      algorithm: 'ECDSA-P384',
    });
    const info = await inspectCsr(csrPem);
    assert.deepEqual(info.publicKey, {
      algorithm: 'EC',
      oid: '1.2.840.10045.2.1',
      curve: 'P-384',
      size: 384,
    });
    assert.equal(info.signatureAlgorithm.name, 'ecdsa-with-SHA384');
    assert.deepEqual(info.attributes, ['1.2.840.113549.1.9.14']);
    assert.equal(info.extensions[0]!.summary, 'IP Address:::1');
  });

  test('a CSR whose subject was altered fails its signature check and cannot be signed', async () => {
    const { root } = await labSet('ECDSA-P256');
    const { csrPem } = await createCsr({ subject: { commonName: 'jane' }, algorithm: 'ECDSA-P256' });
    const der = parsePem(csrPem)[0]!.der.slice();
    const at = new TextDecoder('latin1').decode(der).indexOf('jane');
    der[at] = 'k'.charCodeAt(0);
    const tampered = encodePem('CERTIFICATE REQUEST', der);
    assert.equal(parseCsr(tampered).subject[0]!.value, 'kane');
    assert.equal(await verifyCsrSignature(tampered), 'invalid');
    assert.equal(await codeOf(() => signCsr(tampered, root, { purpose: 'client' })), 'csr/bad-signature');
  });

  test('signCsr refuses a bad purpose, a bad validity, and text that is not a CSR', async () => {
    const { root, client } = await labSet('ECDSA-P256');
    const { csrPem } = await createCsr({ subject: { commonName: 'jane' }, algorithm: 'ECDSA-P256' });
    assert.equal(
      await codeOf(() => signCsr(csrPem, root, { purpose: 'both' as never })),
      'params/invalid-purpose',
    );
    assert.equal(
      await codeOf(() => signCsr(csrPem, root, { purpose: 'client', validityDays: 0 })),
      'params/validity-too-short',
    );
    assert.equal(await codeOf(() => signCsr(client.certificatePem, root, { purpose: 'client' })), 'csr/none');
    assert.equal(await codeOf(() => parseCsr(Uint8Array.of(0x30, 0x01, 0x00))), 'csr/malformed');
    assert.equal(
      await codeOf(() => parseCsr(encodePem('CERTIFICATE REQUEST', Uint8Array.of(0x30, 0x00)))),
      'csr/malformed',
    );
  });
});
