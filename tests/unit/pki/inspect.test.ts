import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeIdentity, inspectCertificate } from '../../../src/pki/index.ts';
import { labSet } from './lab.ts';
import {
  ODD_EXTENSIONS_CERT,
  RSA_PKCS1_CERT,
  SHA1_RSA1024_CERT,
  UNKNOWN_CRITICAL_CERT,
} from './openssl-fixtures.ts';
import {
  EXT,
  extension,
  gn,
  ipSubtree,
  nameConstraintsValue,
  oid,
  rawCertificate,
  seq,
  spkiOf,
} from './raw-certificates.ts';

describe('inspecting certificates', () => {
  test('reads every kind of extension openssl can write without throwing', async () => {
    const info = await inspectCertificate(ODD_EXTENSIONS_CERT);
    assert.equal(
      info.subject.rfc4514,
      'DC=example,1.2.840.113549.1.9.1=#160d61406578616d706c652e636f6d,CN=odd.example.com,OU=R\\+D,O=Odd\\, Inc.,L=Gangnam,ST=Seoul,C=KR',
    );
    assert.deepEqual(info.subjectAltNames?.dns, ['odd.example.com']);
    assert.deepEqual(info.subjectAltNames?.ip, ['10.0.0.1', 'fd00::1']);
    assert.deepEqual(info.subjectAltNames?.email, ['a@example.com']);
    assert.deepEqual(info.subjectAltNames?.uri, ['spiffe://lab/x']);
    assert.deepEqual(
      info.subjectAltNames?.other.map((o) => o.kind),
      ['directoryName', 'otherName'],
    );
    assert.deepEqual(info.extendedKeyUsage, [
      { oid: '1.3.6.1.5.5.7.3.1', name: 'serverAuth' },
      { oid: '1.2.3.4.5', name: null },
    ]);
    const unknown = info.extensions.find((e) => e.oid === '1.2.3.4.5.6');
    assert.deepEqual(unknown, { oid: '1.2.3.4.5.6', name: null, critical: false, valueHex: '0500' });
    for (const name of [
      'certificatePolicies',
      'authorityInfoAccess',
      'crlDistributionPoints',
      'netscapeComment',
    ]) {
      assert.ok(
        info.extensions.some((e) => e.name === name),
        name,
      );
    }
    assert.deepEqual(JSON.parse(JSON.stringify(info)), info, 'plain JSON data');
  });

  test('gives openssl-style fingerprints and a lower-case hex serial', async () => {
    const info = await inspectCertificate(RSA_PKCS1_CERT);
    assert.match(info.fingerprints.sha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.match(info.fingerprints.sha1, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    assert.match(info.serialNumber, /^[0-9a-f]+$/);
    assert.ok(!info.serialNumber.startsWith('00'));
    assert.equal(info.publicKey.size, 2048);
    assert.equal(info.isSelfSigned, true);
    assert.equal(info.subject.rfc4514, 'O=g2,O=g1,CN=openssl-made');
  });

  test('reads SHA-1 and small RSA keys, and critical extensions it does not know', async () => {
    const old = await inspectCertificate(SHA1_RSA1024_CERT);
    assert.equal(old.signatureAlgorithm.name, 'sha1WithRSAEncryption');
    assert.equal(old.publicKey.size, 1024);
    const crit = await inspectCertificate(UNKNOWN_CRITICAL_CERT);
    assert.equal(crit.extensions.find((e) => e.oid === '1.2.3.4.5.6')?.critical, true);
  });

  test('a certificate signed by another CA is not self-signed and shows both names', async () => {
    const { client, root } = await labSet('ECDSA-P256');
    const info = await inspectCertificate(client.certificatePem);
    assert.equal(info.isSelfSigned, false);
    assert.equal(info.issuer.rfc4514, (await inspectCertificate(root.certificatePem)).subject.rfc4514);
    assert.deepEqual(info.publicKey, {
      algorithm: 'EC',
      oid: '1.2.840.10045.2.1',
      curve: 'P-256',
      size: 256,
    });
  });

  test("shows a CA's name constraints as Go reads them", async () => {
    const pem = await rawCertificate({
      cn: 'Constrained CA',
      extraExtensions: [
        extension(
          EXT.nameConstraints,
          nameConstraintsValue(
            [gn(0x82, '.example.com'), ipSubtree([10, 0, 0, 0], [255, 0, 0, 0])],
            [gn(0x81, 'evil.org')],
          ),
          true,
        ),
      ],
    });
    const info = await inspectCertificate(pem);
    const nc = info.extensions.find((e) => e.name === 'nameConstraints');
    assert.equal(nc?.summary, 'Permitted: DNS:.example.com, IP:10.0.0.0/8; Excluded: email:evil.org');
    assert.equal(info.goParseError, undefined);
  });

  test('says why Go refuses a certificate and shows no Kubernetes identity for it', async () => {
    const point = Uint8Array.from([4, ...new Array(48).fill(7)]);
    const pem = await rawCertificate({
      cn: 'jane',
      spki: spkiOf('1.2.840.10045.2.1', oid('1.2.840.10045.3.1.1'), point),
      extensions: [extension(EXT.extKeyUsage, seq(oid(EXT.clientAuth)))],
    });
    const info = await inspectCertificate(pem);
    assert.equal(info.goParseError, 'x509: unsupported elliptic curve');
    const id = describeIdentity(pem);
    assert.equal(id.authenticated, false);
    assert.equal(id.reason?.code, 'identity/go-cannot-parse');
  });
});
