import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KeyAlgorithm } from '../../../src/pki/types.ts';
import {
  checkSubject,
  genpkeyArguments,
  type LabCertificateParams,
  opensslCommands,
  opensslLeafKeyUsage,
  opensslSubject,
} from '../../../src/recipes/index.ts';
import { thrownCode as code } from '../../support/lab-error.ts';

const LAB: LabCertificateParams = {
  rootCa: { subject: { commonName: 'Kube Auth Lab CA', organizations: ['Kube Auth Lab'] } },
  server: { subject: { commonName: 'localhost' }, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] },
  client: { subject: { commonName: 'jane', organizations: ['developers', 'admins'] } },
};

describe('opensslCommands', () => {
  test('prints the lab set for RSA-2048 exactly', () => {
    assert.deepEqual(
      opensslCommands(LAB).map((c) => c.command),
      [
        '(umask 077 && openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rootCA-key.pem)',
        "openssl req -x509 -new -key rootCA-key.pem -sha256 -days 3650 -utf8 -subj '/O=Kube Auth Lab/CN=Kube Auth Lab CA' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -addext subjectKeyIdentifier=hash -out rootCA.pem",
        '(umask 077 && openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-key.pem)',
        'openssl req -new -key server-key.pem -sha256 -utf8 -subj /CN=localhost -out server.csr',
        "printf '%s\\n' 'basicConstraints = critical,CA:FALSE' 'keyUsage = critical,digitalSignature,keyEncipherment' 'extendedKeyUsage = serverAuth' 'subjectKeyIdentifier = hash' 'authorityKeyIdentifier = keyid:always' 'subjectAltName = DNS:localhost,IP:127.0.0.1' > server-ext.cnf",
        'openssl x509 -req -in server.csr -CA rootCA.pem -CAkey rootCA-key.pem -sha256 -days 365 -extfile server-ext.cnf -out server.pem',
        '(umask 077 && openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client-key.pem)',
        'openssl req -new -key client-key.pem -sha256 -utf8 -subj /O=developers/O=admins/CN=jane -out client.csr',
        "printf '%s\\n' 'basicConstraints = critical,CA:FALSE' 'keyUsage = critical,digitalSignature,keyEncipherment' 'extendedKeyUsage = clientAuth' 'subjectKeyIdentifier = hash' 'authorityKeyIdentifier = keyid:always' > client-ext.cnf",
        'openssl x509 -req -in client.csr -CA rootCA.pem -CAkey rootCA-key.pem -sha256 -days 365 -extfile client-ext.cnf -out client.pem',
      ],
    );
  });

  test('describes every step', () => {
    for (const c of opensslCommands(LAB)) assert.ok(c.description.length > 10, c.command);
  });

  test('uses the validity, path length and CA digest given', () => {
    const lines = opensslCommands({
      rootCa: { ...LAB.rootCa, algorithm: 'ECDSA-P384', validityDays: 100, pathLength: 0 },
      server: { ...LAB.server, validityDays: 7 },
      client: { ...LAB.client, validityDays: 1, algorithm: 'Ed25519' },
    }).map((c) => c.command);
    assert.match(lines[1]!, / -sha384 -days 100 .* -addext basicConstraints=critical,CA:TRUE,pathlen:0 /);
    assert.match(lines[5]!, / -sha384 -days 7 /);
    assert.match(lines[7]!, /^openssl req -new -key client-key.pem -utf8 /);
    assert.match(lines[9]!, / -sha384 -days 1 /);
  });

  test('leaves out the SAN line for a server without SANs', () => {
    const ext = opensslCommands({ ...LAB, server: { subject: { commonName: 'x' } } })[4]!.command;
    assert.ok(!ext.includes('subjectAltName'));
  });

  const keys: [KeyAlgorithm, string][] = [
    ['RSA-2048', '-algorithm RSA -pkeyopt rsa_keygen_bits:2048'],
    ['RSA-3072', '-algorithm RSA -pkeyopt rsa_keygen_bits:3072'],
    ['RSA-4096', '-algorithm RSA -pkeyopt rsa_keygen_bits:4096'],
    ['ECDSA-P256', '-algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve'],
    ['ECDSA-P384', '-algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve'],
    ['Ed25519', '-algorithm ED25519'],
  ];
  for (const [algorithm, args] of keys) {
    test(`makes ${algorithm} keys with genpkey ${args}`, () => {
      assert.equal(genpkeyArguments(algorithm), args);
    });
  }

  const bad: [string, LabCertificateParams, string][] = [
    ['an empty CN', { ...LAB, client: { subject: { commonName: '' } } }, 'recipe/empty-value'],
    [
      'an empty group',
      { ...LAB, client: { subject: { commonName: 'jane', organizations: ['dev', ' '] } } },
      'recipe/empty-value',
    ],
    [
      'a CN over 64 characters',
      { ...LAB, client: { subject: { commonName: 'x'.repeat(65) } } },
      'recipe/value-too-long',
    ],
    [
      'a newline in a group',
      { ...LAB, client: { subject: { commonName: 'jane', organizations: ['a\nb'] } } },
      'recipe/control-character',
    ],
    [
      'a three-letter country',
      { ...LAB, rootCa: { subject: { commonName: 'ca', country: 'DEU' } } },
      'recipe/bad-country',
    ],
    [
      'a DNS name with a space',
      { ...LAB, server: { subject: { commonName: 's' }, dnsNames: ['a b'] } },
      'recipe/bad-dns-name',
    ],
    [
      'a DNS name with a comma',
      { ...LAB, server: { subject: { commonName: 's' }, dnsNames: ['a,DNS:evil'] } },
      'recipe/bad-dns-name',
    ],
    [
      'a URL as DNS name',
      { ...LAB, server: { subject: { commonName: 's' }, dnsNames: ['https://a'] } },
      'recipe/bad-dns-name',
    ],
    [
      'an IP with 256',
      { ...LAB, server: { subject: { commonName: 's' }, ipAddresses: ['10.0.0.256'] } },
      'recipe/bad-ip-address',
    ],
    [
      'an IP with a zone',
      { ...LAB, server: { subject: { commonName: 's' }, ipAddresses: ['fe80::1%eth0'] } },
      'recipe/bad-ip-address',
    ],
    [
      'a host name as IP',
      { ...LAB, server: { subject: { commonName: 's' }, ipAddresses: ['localhost'] } },
      'recipe/bad-ip-address',
    ],
    ['zero days', { ...LAB, client: { ...LAB.client, validityDays: 0 } }, 'recipe/bad-validity'],
    ['half a day', { ...LAB, client: { ...LAB.client, validityDays: 0.5 } }, 'recipe/bad-validity'],
    [
      'a negative path length',
      { ...LAB, rootCa: { ...LAB.rootCa, pathLength: -1 } },
      'recipe/bad-path-length',
    ],
    [
      'an unknown algorithm',
      { ...LAB, rootCa: { ...LAB.rootCa, algorithm: 'DSA' as KeyAlgorithm } },
      'recipe/unsupported-algorithm',
    ],
  ];
  for (const [what, lab, expected] of bad) {
    test(`refuses ${what} with ${expected}`, () => {
      assert.equal(
        code(() => opensslCommands(lab)),
        expected,
      );
    });
  }

  test('accepts wildcard DNS names and IPv6 addresses', () => {
    const ext = opensslCommands({
      ...LAB,
      server: {
        subject: { commonName: 's' },
        dnsNames: ['*.apps.example.com'],
        ipAddresses: ['::1', '2001:db8::10'],
      },
    })[4]!.command;
    assert.ok(ext.includes("'subjectAltName = DNS:*.apps.example.com,IP:::1,IP:2001:db8::10'"));
  });
});

describe('opensslSubject', () => {
  const cases: [string, Parameters<typeof checkSubject>[1], string][] = [
    [
      'every O in order, then CN, as the browser engine writes them',
      { commonName: 'jane', organizations: ['developers', 'admins'] },
      '/O=developers/O=admins/CN=jane',
    ],
    [
      'escapes / + and \\ inside values',
      { commonName: 'a/b', organizations: ['c+d', 'e\\f'] },
      '/O=c\\+d/O=e\\\\f/CN=a\\/b',
    ],
    [
      'keeps = , quotes and Unicode',
      { commonName: `x=y, "O'Brien"`, organizations: ['équipe'] },
      `/O=équipe/CN=x=y, "O'Brien"`,
    ],
    [
      'puts C, ST and L first and OU after the groups, as Go does',
      {
        commonName: 'c',
        organizations: ['o'],
        organizationalUnits: ['u'],
        country: 'DE',
        state: 's',
        locality: 'l',
      },
      '/C=DE/ST=s/L=l/O=o/OU=u/CN=c',
    ],
  ];
  for (const [what, subject, expected] of cases) {
    test(`writes ${what}`, () => {
      assert.equal(opensslSubject(checkSubject('s', subject)), expected);
    });
  }
});

describe('opensslLeafKeyUsage', () => {
  test('gives keyEncipherment to RSA leaves only, as src/pki does', () => {
    assert.equal(opensslLeafKeyUsage('RSA-2048'), 'critical,digitalSignature,keyEncipherment');
    assert.equal(opensslLeafKeyUsage('ECDSA-P384'), 'critical,digitalSignature');
    assert.equal(opensslLeafKeyUsage('Ed25519'), 'critical,digitalSignature');
  });
});
