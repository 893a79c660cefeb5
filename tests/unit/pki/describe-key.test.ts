import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeKey } from '../../../src/pki/describe-key.ts';

describe('describeKey', () => {
  const cases: [string, Parameters<typeof describeKey>[0], ReturnType<typeof describeKey>][] = [
    ['an RSA key keeps its bits apart', { algorithm: 'RSA', bits: 2048 }, { kind: 'rsa', bits: 2048 }],
    [
      'an EC key is ECDSA with its curve, never its size',
      { algorithm: 'EC', bits: 256, curve: 'P-256' },
      { kind: 'named', name: 'ECDSA P-256' },
    ],
    ['an EC curve OID is named', { curve: '1.3.132.0.35' }, { kind: 'named', name: 'ECDSA P-521' }],
    [
      'an unknown curve OID is shown as it is',
      { curve: '1.2.3.4' },
      { kind: 'named', name: 'ECDSA 1.2.3.4' },
    ],
    ['Ed25519', { algorithm: 'Ed25519', bits: 256 }, { kind: 'named', name: 'Ed25519' }],
    [
      'an algorithm known by OID only',
      { algorithm: 'unknown', oid: '1.3.101.113' },
      { kind: 'named', name: 'Ed448' },
    ],
    ['RSA known by OID', { oid: '1.2.840.113549.1.1.1', bits: 3072 }, { kind: 'rsa', bits: 3072 }],
    ['an OID without a name', { oid: '1.2.3' }, { kind: 'named', name: 'OID 1.2.3' }],
    ['nothing known', {}, undefined],
  ];
  for (const [name, facts, want] of cases) test(name, () => assert.deepEqual(describeKey(facts), want));
});
