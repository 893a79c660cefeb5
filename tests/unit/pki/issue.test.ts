import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CertificateInfo, KeyAlgorithm } from '../../../src/pki/index.ts';
import {
  findParamErrors,
  inspectCertificate,
  issueClientCertificate,
  issueIntermediateCa,
  issueRootCa,
  issueServerCertificate,
  parseCertificate,
  readCertificates,
} from '../../../src/pki/index.ts';
import { codeOf, labSet, NOW, testedAlgorithms } from './lab.ts';

const algorithms = await testedAlgorithms();

const SIGNATURE: Record<KeyAlgorithm, string> = {
  'RSA-2048': 'sha256WithRSAEncryption',
  'RSA-3072': 'sha256WithRSAEncryption',
  'RSA-4096': 'sha256WithRSAEncryption',
  'ECDSA-P256': 'ecdsa-with-SHA256',
  'ECDSA-P384': 'ecdsa-with-SHA384',
  Ed25519: 'ED25519',
};

function ext(info: CertificateInfo, name: string) {
  return info.extensions.find((e) => e.name === name);
}

describe('issuing', () => {
  for (const algorithm of algorithms) {
    const leafKu = algorithm.startsWith('RSA')
      ? ['digitalSignature', 'keyEncipherment']
      : ['digitalSignature'];

    test(`a ${algorithm} root CA is self-signed, CA:TRUE critical, keyCertSign + cRLSign, with an SKI`, async () => {
      const { root } = await labSet(algorithm);
      const info = await inspectCertificate(root.certificatePem);
      assert.equal(info.version, 3);
      assert.equal(info.isSelfSigned, true);
      assert.equal(info.isCa, true);
      assert.equal(info.subject.rfc4514, `CN=Lab Root ${algorithm},O=Kube Auth Lab`);
      assert.equal(info.issuer.rfc4514, info.subject.rfc4514);
      assert.deepEqual(info.basicConstraints, { ca: true });
      assert.equal(ext(info, 'basicConstraints')!.critical, true);
      assert.deepEqual(info.keyUsage, ['digitalSignature', 'keyCertSign', 'cRLSign']);
      assert.equal(ext(info, 'keyUsage')!.critical, true);
      assert.ok(info.subjectKeyIdentifier);
      assert.equal(info.authorityKeyIdentifier, undefined);
      assert.equal(info.extendedKeyUsage, undefined);
      assert.equal(info.signatureAlgorithm.name, SIGNATURE[algorithm]);
      assert.equal(info.notBefore, NOW.toISOString());
      assert.equal(new Date(info.notAfter).getTime() - NOW.getTime(), 3650 * 86_400_000);
    });

    test(`a ${algorithm} intermediate CA has pathLen 0 and an AKI equal to the root's SKI`, async () => {
      const { root, intermediate } = await labSet(algorithm);
      const r = await inspectCertificate(root.certificatePem);
      const i = await inspectCertificate(intermediate.certificatePem);
      assert.deepEqual(i.basicConstraints, { ca: true, pathLength: 0 });
      assert.equal(i.authorityKeyIdentifier, r.subjectKeyIdentifier);
      assert.equal(i.issuer.rfc4514, r.subject.rfc4514);
      assert.equal(i.isSelfSigned, false);
    });

    test(`a ${algorithm} server certificate has the SANs, serverAuth, CA:FALSE critical and ${leafKu.join(' + ')}`, async () => {
      const { root, server } = await labSet(algorithm);
      const info = await inspectCertificate(server.certificatePem);
      assert.deepEqual(info.subjectAltNames?.dns, ['localhost', 'kubernetes.default.svc']);
      assert.deepEqual(info.subjectAltNames?.ip, ['127.0.0.1', '::1']);
      assert.deepEqual(
        info.extendedKeyUsage?.map((e) => e.name),
        ['serverAuth'],
      );
      assert.deepEqual(info.keyUsage, leafKu);
      assert.deepEqual(info.basicConstraints, { ca: false });
      assert.equal(ext(info, 'basicConstraints')!.critical, true);
      assert.equal(ext(info, 'subjectAltName')!.critical, false);
      const r = await inspectCertificate(root.certificatePem);
      assert.equal(info.authorityKeyIdentifier, r.subjectKeyIdentifier);
      assert.equal(info.signatureAlgorithm.name, SIGNATURE[algorithm]);
      assert.equal(new Date(info.notAfter).getTime() - NOW.getTime(), 365 * 86_400_000);
      assert.deepEqual(
        info.extensions.map((e) => e.name),
        [
          'keyUsage',
          'extendedKeyUsage',
          'basicConstraints',
          'subjectKeyIdentifier',
          'authorityKeyIdentifier',
          'subjectAltName',
        ],
      );
    });

    test(`a ${algorithm} client certificate has CN = user, O = groups in order, clientAuth`, async () => {
      const { client } = await labSet(algorithm);
      const info = await inspectCertificate(client.certificatePem);
      assert.deepEqual(
        info.subject.parts.map((p) => [p.type, p.value]),
        [
          ['O', 'dev'],
          ['O', 'ops'],
          ['CN', 'jane'],
        ],
      );
      assert.equal(info.subject.rfc4514, 'CN=jane,O=ops,O=dev');
      assert.deepEqual(
        info.extendedKeyUsage?.map((e) => e.oid),
        ['1.3.6.1.5.5.7.3.2'],
      );
      assert.equal(info.subjectAltNames, undefined);
      assert.deepEqual(info.basicConstraints, { ca: false });
    });
  }

  test('serial numbers are positive, random and at most 20 octets in DER', async () => {
    const { root, client, server } = await labSet('ECDSA-P256');
    const serials = new Set<string>();
    for (const pem of [root.certificatePem, client.certificatePem, server.certificatePem]) {
      const cert = parseCertificate(readCertificates(pem)[0]!.der);
      assert.ok(cert.serial.length <= 20 && cert.serial.length >= 16);
      assert.ok(cert.serial[0]! > 0 && cert.serial[0]! < 0x80, 'first octet non-zero with the top bit clear');
      serials.add((await inspectCertificate(pem)).serialNumber);
    }
    assert.equal(serials.size, 3);
  });

  test('Unicode names round-trip as UTF8String while ASCII names use PrintableString as Go writes them', async () => {
    const { root } = await labSet('ECDSA-P256');
    const cert = await issueClientCertificate(
      {
        subject: { commonName: '김지은', organizations: ['개발팀', 'dev_ops', 'system:basic-user'] },
        algorithm: 'ECDSA-P256',
      },
      root,
    );
    const info = await inspectCertificate(cert.certificatePem);
    assert.deepEqual(
      info.subject.parts.map((p) => [p.value, p.valueType]),
      [
        ['개발팀', 'UTF8String'],
        ['dev_ops', 'UTF8String'],
        ['system:basic-user', 'PrintableString'],
        ['김지은', 'UTF8String'],
      ],
    );
  });

  test('RFC 4514 text escapes the special characters of a name', async () => {
    const { root } = await labSet('ECDSA-P256');
    const cert = await issueClientCertificate(
      { subject: { commonName: ' #x', organizations: ['a,b+c"d\\e<f>g;h'] }, algorithm: 'ECDSA-P256' },
      root,
    );
    const info = await inspectCertificate(cert.certificatePem);
    assert.equal(info.subject.rfc4514, 'CN=\\ #x,O=a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h');
  });

  test('a root CA can have a path length, a chosen validity, and a chosen start', async () => {
    const start = new Date('2030-03-01T00:00:00.750Z');
    const ca = await issueRootCa({
      subject: {
        commonName: 'Path CA',
        country: 'KR',
        state: 'Seoul',
        locality: 'Jung-gu',
        organizationalUnits: ['Lab'],
      },
      algorithm: 'ECDSA-P256',
      pathLength: 2,
      validityDays: 10,
      notBefore: start,
    });
    const info = await inspectCertificate(ca.certificatePem);
    assert.deepEqual(info.basicConstraints, { ca: true, pathLength: 2 });
    assert.equal(info.notBefore, '2030-03-01T00:00:00.000Z');
    assert.equal(info.notAfter, '2030-03-11T00:00:00.000Z');
    assert.equal(info.subject.rfc4514, 'CN=Path CA,OU=Lab,L=Jung-gu,ST=Seoul,C=KR');
  });

  test('dates from 2050 are written as GeneralizedTime and read back', async () => {
    const ca = await issueRootCa({
      subject: { commonName: 'Far CA' },
      algorithm: 'ECDSA-P256',
      notBefore: new Date('2049-12-31T00:00:00Z'),
      validityDays: 2,
    });
    const info = await inspectCertificate(ca.certificatePem);
    assert.equal(info.notAfter, '2050-01-02T00:00:00.000Z');
  });

  test('an intermediate cannot be issued by a CA with pathLen 0', async () => {
    const { intermediate } = await labSet('ECDSA-P256');
    assert.equal(
      await codeOf(() =>
        issueIntermediateCa({ subject: { commonName: 'x' }, algorithm: 'ECDSA-P256' }, intermediate),
      ),
      'ca/path-length-exceeded',
    );
  });

  test('issuing with a leaf as the CA, or with the wrong key, fails with ca/* codes', async () => {
    const { root, client, server } = await labSet('ECDSA-P256');
    const p = { subject: { commonName: 'x' }, algorithm: 'ECDSA-P256' } as const;
    assert.equal(await codeOf(() => issueClientCertificate(p, client)), 'ca/not-a-ca');
    assert.equal(
      await codeOf(() =>
        issueClientCertificate(p, {
          certificatePem: root.certificatePem,
          privateKeyPem: server.privateKeyPem,
        }),
      ),
      'ca/key-mismatch',
    );
    assert.equal(
      await codeOf(() =>
        issueClientCertificate(p, { certificatePem: '', privateKeyPem: root.privateKeyPem }),
      ),
      'pem/no-block',
    );
  });

  test('slow RSA sizes (3072, 4096) issue a root and a client certificate once', async () => {
    for (const algorithm of ['RSA-3072', 'RSA-4096'] as const) {
      const root = await issueRootCa({ subject: { commonName: algorithm }, algorithm });
      const client = await issueClientCertificate(
        { subject: { commonName: 'jane' }, algorithm: 'ECDSA-P256' },
        root,
      );
      const r = await inspectCertificate(root.certificatePem);
      const c = await inspectCertificate(client.certificatePem);
      assert.equal(r.publicKey.size, Number(algorithm.slice(4)));
      assert.equal(c.signatureAlgorithm.name, 'sha256WithRSAEncryption');
      assert.deepEqual(c.keyUsage, ['digitalSignature']);
    }
  });
});

describe('parameter validation', () => {
  const base = { subject: { commonName: 'ok' } };
  const cases: [string, 'root-ca' | 'server' | 'client' | 'csr', object, string, string][] = [
    ['an empty CN', 'client', { subject: { commonName: '' } }, 'params/empty-common-name', 'commonName'],
    [
      'a CN of spaces',
      'root-ca',
      { subject: { commonName: '   ' } },
      'params/empty-common-name',
      'commonName',
    ],
    [
      'a 65-character CN',
      'client',
      { subject: { commonName: 'x'.repeat(65) } },
      'params/name-too-long',
      'commonName',
    ],
    [
      'a 65-character O',
      'client',
      { subject: { commonName: 'a', organizations: ['o'.repeat(65)] } },
      'params/name-too-long',
      'organizations',
    ],
    [
      'an empty O',
      'client',
      { subject: { commonName: 'a', organizations: ['dev', ''] } },
      'params/empty-organization',
      'organizations',
    ],
    [
      'an empty OU',
      'client',
      { subject: { commonName: 'a', organizationalUnits: [' '] } },
      'params/empty-organizational-unit',
      'organizationalUnits',
    ],
    [
      'a control character',
      'client',
      { subject: { commonName: 'a\u0007b' } },
      'params/control-character',
      'commonName',
    ],
    [
      'a newline in an O',
      'client',
      { subject: { commonName: 'a', organizations: ['x\ny'] } },
      'params/control-character',
      'organizations',
    ],
    [
      'a lone surrogate',
      'client',
      { subject: { commonName: 'a\uD800' } },
      'params/invalid-character',
      'commonName',
    ],
    [
      'a lower-case country',
      'root-ca',
      { subject: { commonName: 'a', country: 'kr' } },
      'params/invalid-country',
      'country',
    ],
    ['an invalid IP', 'server', { ...base, ipAddresses: ['300.1.1.1'] }, 'params/invalid-ip', 'ipAddresses'],
    [
      'an IPv4 with leading zeros',
      'server',
      { ...base, ipAddresses: ['010.0.0.1'] },
      'params/invalid-ip',
      'ipAddresses',
    ],
    [
      'an IPv6 zone',
      'server',
      { ...base, ipAddresses: ['fe80::1%eth0'] },
      'params/invalid-ip',
      'ipAddresses',
    ],
    [
      'a duplicate IP in two spellings',
      'server',
      { ...base, ipAddresses: ['::1', '0:0:0:0:0:0:0:1'] },
      'params/duplicate-san',
      'ipAddresses',
    ],
    [
      'a duplicate DNS name in two cases',
      'server',
      { ...base, dnsNames: ['a.example', 'A.example'] },
      'params/duplicate-san',
      'dnsNames',
    ],
    [
      'a DNS name with a space',
      'server',
      { ...base, dnsNames: ['my host'] },
      'params/invalid-dns-name',
      'dnsNames',
    ],
    [
      'a DNS name with an underscore',
      'server',
      { ...base, dnsNames: ['my_host'] },
      'params/invalid-dns-name',
      'dnsNames',
    ],
    [
      'a DNS name with a trailing dot',
      'server',
      { ...base, dnsNames: ['example.com.'] },
      'params/invalid-dns-name',
      'dnsNames',
    ],
    [
      'a DNS label starting with a hyphen',
      'server',
      { ...base, dnsNames: ['-a.example'] },
      'params/invalid-dns-name',
      'dnsNames',
    ],
    [
      'a DNS label of 64 characters',
      'server',
      { ...base, dnsNames: [`${'a'.repeat(64)}.example`] },
      'params/invalid-dns-name',
      'dnsNames',
    ],
    [
      'a Unicode DNS name',
      'server',
      { ...base, dnsNames: ['한국.example'] },
      'params/invalid-dns-name',
      'dnsNames',
    ],
    [
      'an IP among the DNS names',
      'server',
      { ...base, dnsNames: ['10.0.0.1'] },
      'params/ip-as-dns-name',
      'dnsNames',
    ],
    [
      'a partial wildcard',
      'server',
      { ...base, dnsNames: ['w*.example.com'] },
      'params/invalid-wildcard',
      'dnsNames',
    ],
    [
      'a wildcard that is not left-most',
      'server',
      { ...base, dnsNames: ['a.*.example.com'] },
      'params/invalid-wildcard',
      'dnsNames',
    ],
    [
      'a wildcard over a single label',
      'server',
      { ...base, dnsNames: ['*.com'] },
      'params/invalid-wildcard',
      'dnsNames',
    ],
    [
      'zero validity days',
      'client',
      { ...base, validityDays: 0 },
      'params/validity-too-short',
      'validityDays',
    ],
    [
      'fractional validity days',
      'client',
      { ...base, validityDays: 1.5 },
      'params/invalid-validity-days',
      'validityDays',
    ],
    [
      'NaN validity days',
      'client',
      { ...base, validityDays: Number.NaN },
      'params/invalid-validity-days',
      'validityDays',
    ],
    [
      'absurd validity days',
      'root-ca',
      { ...base, validityDays: 1_000_000 },
      'params/validity-too-long',
      'validityDays',
    ],
    [
      'an invalid notBefore',
      'client',
      { ...base, notBefore: new Date('x') },
      'params/invalid-not-before',
      'notBefore',
    ],
    [
      'a negative path length',
      'root-ca',
      { ...base, pathLength: -1 },
      'params/invalid-path-length',
      'pathLength',
    ],
    [
      'an unknown algorithm',
      'client',
      { ...base, algorithm: 'DSA' },
      'params/invalid-algorithm',
      'algorithm',
    ],
  ];
  for (const [what, kind, params, code, field] of cases) {
    test(`${kind} parameters with ${what} fail with ${code} on field ${field}`, () => {
      const errors = findParamErrors(kind, params as never);
      assert.equal(errors[0]?.code, code, errors.map((e) => e.message).join('; '));
      assert.equal(errors[0]?.details.field, field);
      assert.equal(errors[0]?.name, 'LabError');
    });
  }

  test('valid parameters have no errors: wildcard, IPv6, 64-character CN, Unicode O, empty CN in a CSR', () => {
    assert.deepEqual(
      findParamErrors('server', {
        subject: { commonName: 'x'.repeat(64), organizations: ['개발'] },
        dnsNames: ['*.apps.example.com', 'localhost', 'xn--3e0b707e.example'],
        ipAddresses: ['10.96.0.1', 'fd00::1', '::ffff:10.0.0.2'],
        validityDays: 1,
      }),
      [],
    );
    assert.deepEqual(findParamErrors('csr', { subject: { commonName: '' } }), []);
  });

  test('the issue functions validate before generating anything', async () => {
    const { root } = await labSet('ECDSA-P256');
    assert.equal(
      await codeOf(() => issueRootCa({ subject: { commonName: '' } })),
      'params/empty-common-name',
    );
    assert.equal(
      await codeOf(() =>
        issueServerCertificate({ subject: { commonName: 's' }, ipAddresses: ['localhost'] }, root),
      ),
      'params/invalid-ip',
    );
    assert.equal(
      await codeOf(() =>
        issueClientCertificate(
          { subject: { commonName: 'c' }, validityDays: -5 },
          { certificatePem: '', privateKeyPem: '' },
        ),
      ),
      'params/validity-too-short',
    );
    assert.equal(
      await codeOf(() => issueIntermediateCa({ subject: { commonName: 'i' }, pathLength: 1.5 }, root)),
      'params/invalid-path-length',
    );
  });
});
