import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KeyAlgorithm } from '../../../src/pki/types.ts';
import {
  CFSSL_KEY_ALGORITHMS,
  cfsslCommands,
  cfsslConfigJson,
  cfsslCsrJson,
  cfsslFiles,
  type LabCertificateParams,
} from '../../../src/recipes/index.ts';
import { thrownCode as code } from '../../support/lab-error.ts';

const LAB: LabCertificateParams = {
  rootCa: {
    subject: { commonName: 'Kube Auth Lab CA', organizations: ['Kube Auth Lab'] },
    validityDays: 3650,
  },
  server: {
    subject: { commonName: 'localhost' },
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
    validityDays: 90,
  },
  client: { subject: { commonName: 'jane', organizations: ['developers', 'admins'] }, validityDays: 30 },
};

describe('cfsslCsrJson', () => {
  test('writes the root CA with its expiry in hours and RSA-2048 by default', () => {
    assert.deepEqual(JSON.parse(cfsslCsrJson('root-ca', LAB.rootCa)), {
      CN: 'Kube Auth Lab CA',
      key: { algo: 'rsa', size: 2048 },
      names: [{ O: 'Kube Auth Lab' }],
      ca: { expiry: '87600h' },
    });
  });

  test('writes the server SANs as hosts, DNS then IP, and no names when there is no O', () => {
    assert.deepEqual(JSON.parse(cfsslCsrJson('server', LAB.server)), {
      CN: 'localhost',
      hosts: ['localhost', '127.0.0.1', '::1'],
      key: { algo: 'rsa', size: 2048 },
    });
  });

  test('writes one names entry per group, so two groups give two O values', () => {
    const csr = JSON.parse(cfsslCsrJson('client', LAB.client));
    assert.deepEqual(csr.names, [{ O: 'developers' }, { O: 'admins' }]);
    assert.equal(csr.hosts, undefined);
  });

  test('writes C, ST and L in one entry and each OU in its own', () => {
    const csr = JSON.parse(
      cfsslCsrJson('client', {
        subject: {
          commonName: 'jane',
          organizations: ['dev'],
          organizationalUnits: ['a', 'b'],
          country: 'DE',
          state: 'Berlin',
          locality: 'Berlin',
        },
      }),
    );
    assert.deepEqual(csr.names, [
      { C: 'DE', ST: 'Berlin', L: 'Berlin' },
      { O: 'dev' },
      { OU: 'a' },
      { OU: 'b' },
    ]);
  });

  test('writes the CA path length, with pathlenzero for 0', () => {
    assert.deepEqual(JSON.parse(cfsslCsrJson('root-ca', { ...LAB.rootCa, pathLength: 0 })).ca, {
      expiry: '87600h',
      pathlen: 0,
      pathlenzero: true,
    });
    assert.deepEqual(JSON.parse(cfsslCsrJson('root-ca', { ...LAB.rootCa, pathLength: 2 })).ca, {
      expiry: '87600h',
      pathlen: 2,
    });
  });

  const keys: [KeyAlgorithm, object][] = [
    ['RSA-2048', { algo: 'rsa', size: 2048 }],
    ['RSA-3072', { algo: 'rsa', size: 3072 }],
    ['RSA-4096', { algo: 'rsa', size: 4096 }],
    ['ECDSA-P256', { algo: 'ecdsa', size: 256 }],
    ['ECDSA-P384', { algo: 'ecdsa', size: 384 }],
  ];
  for (const [algorithm, key] of keys) {
    test(`maps ${algorithm} to cfssl's key ${JSON.stringify(key)}`, () => {
      assert.deepEqual(JSON.parse(cfsslCsrJson('client', { ...LAB.client, algorithm })).key, key);
      assert.ok(CFSSL_KEY_ALGORITHMS.includes(algorithm));
    });
  }

  test('refuses Ed25519 with cfssl/unsupported-algorithm, since cfssl 1.2.0 rejects it', () => {
    assert.equal(
      code(() => cfsslCsrJson('client', { ...LAB.client, algorithm: 'Ed25519' })),
      'cfssl/unsupported-algorithm',
    );
    assert.ok(!CFSSL_KEY_ALGORITHMS.includes('Ed25519'));
  });

  test('keeps quotes, slashes and Unicode as plain JSON strings', () => {
    const csr = JSON.parse(
      cfsslCsrJson('client', { subject: { commonName: `O'Brien "/" José`, organizations: ['a b/c'] } }),
    );
    assert.equal(csr.CN, `O'Brien "/" José`);
    assert.deepEqual(csr.names, [{ O: 'a b/c' }]);
  });
});

describe('cfsslConfigJson', () => {
  test('has separate server and client profiles with their own expiry, never both EKUs in one', () => {
    const config = JSON.parse(cfsslConfigJson(LAB));
    assert.deepEqual(config, {
      signing: {
        profiles: {
          server: { usages: ['signing', 'key encipherment', 'server auth'], expiry: '2160h' },
          client: { usages: ['signing', 'key encipherment', 'client auth'], expiry: '720h' },
        },
      },
    });
  });

  test('defaults both leaves to 365 days', () => {
    const config = JSON.parse(cfsslConfigJson({ server: {}, client: {} }));
    assert.equal(config.signing.profiles.server.expiry, '8760h');
    assert.equal(config.signing.profiles.client.expiry, '8760h');
  });
});

describe('cfsslCommands', () => {
  test('prints the three gencert | cfssljson -bare lines with the file names cfssljson writes', () => {
    assert.deepEqual(
      cfsslCommands(LAB).map((c) => c.command),
      [
        'cfssl gencert -initca ca-csr.json | cfssljson -bare rootCA',
        'cfssl gencert -ca=rootCA.pem -ca-key=rootCA-key.pem -config=config.json -profile=server server-csr.json | cfssljson -bare server',
        'cfssl gencert -ca=rootCA.pem -ca-key=rootCA-key.pem -config=config.json -profile=client client-csr.json | cfssljson -bare client',
      ],
    );
  });

  test('can start by writing the four JSON files with quoted heredocs', () => {
    const commands = cfsslCommands(LAB, { writeFiles: true });
    assert.equal(commands.length, 7);
    const files = cfsslFiles(LAB);
    files.forEach((f, i) => {
      assert.equal(commands[i]?.command, `cat > ${f.name} <<'EOF'\n${f.content}EOF`);
    });
    assert.deepEqual(
      files.map((f) => f.name),
      ['ca-csr.json', 'server-csr.json', 'client-csr.json', 'config.json'],
    );
  });

  test('refuses a lab set with an Ed25519 certificate', () => {
    assert.equal(
      code(() => cfsslCommands({ ...LAB, server: { ...LAB.server, algorithm: 'Ed25519' } })),
      'cfssl/unsupported-algorithm',
    );
  });
});

describe('cfsslLeafUsages', () => {
  test('gives key encipherment to RSA leaves only, as src/pki does', () => {
    const config = JSON.parse(
      cfsslConfigJson({ server: { algorithm: 'ECDSA-P256' }, client: { algorithm: 'RSA-3072' } }),
    );
    assert.deepEqual(config.signing.profiles.server.usages, ['signing', 'server auth']);
    assert.deepEqual(config.signing.profiles.client.usages, ['signing', 'key encipherment', 'client auth']);
  });
});
