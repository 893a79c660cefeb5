import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  importPublicKeyPem,
  signMessage,
  verifyMessage,
} from '../../../src/pki/index.ts';
import { codeOf, labSet, testedAlgorithms } from './lab.ts';

const algorithms = await testedAlgorithms();

describe('signing messages', () => {
  for (const algorithm of algorithms) {
    test(`a ${algorithm} signature verifies, and fails after one character of the text changes`, async () => {
      const pair = await generateKeyPair(algorithm);
      const sig = await signMessage(pair.privateKey, 'hello, 세계');
      assert.equal(await verifyMessage(pair.publicKey, 'hello, 세계', sig), true);
      assert.equal(await verifyMessage(pair.publicKey, 'hello, 세곈', sig), false);
      const pubPem = await exportPublicKeyPem(pair.publicKey);
      assert.equal(await verifyMessage(pubPem, 'hello, 세계', sig), true);
      assert.equal(await verifyMessage(await importPublicKeyPem(pubPem), 'hello, 세계', sig), true);
      const sig2 = await signMessage(await exportPrivateKeyPem(pair.privateKey), 'x');
      assert.equal(await verifyMessage(pubPem, 'x', sig2), true);
    });
  }

  test('a signature can be checked against a certificate, and a changed signature fails', async () => {
    const { client } = await labSet('ECDSA-P256');
    const sig = await signMessage(client.privateKeyPem, 'proof');
    assert.equal(await verifyMessage(client.certificatePem, 'proof', sig), true);
    const flipped = (sig[10] === 'A' ? 'B' : 'A') + sig.slice(1, 10) + sig.slice(10);
    assert.equal(
      await verifyMessage(client.certificatePem, 'proof', `${flipped.slice(0, 5)}${sig.slice(5)}`),
      false,
    );
  });

  test('a signature that is not base64 is message/bad-signature-encoding', async () => {
    const pair = await generateKeyPair('ECDSA-P256');
    assert.equal(
      await codeOf(() => verifyMessage(pair.publicKey, 'x', 'not base64!')),
      'message/bad-signature-encoding',
    );
  });
});
