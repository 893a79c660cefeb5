import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeIdentity,
  issueClientCertificate,
  lintCertificate,
  lintParams,
} from '../../../src/pki/index.ts';
import { labSet, NOW } from './lab.ts';
import { ODD_EXTENSIONS_CERT, SHA1_RSA1024_CERT } from './openssl-fixtures.ts';

describe('identity', () => {
  test('user = CN, groups = every O in order plus system:authenticated', async () => {
    const { client } = await labSet('ECDSA-P256');
    const id = describeIdentity(client.certificatePem);
    assert.equal(id.authenticated, true);
    assert.equal(id.user, 'jane');
    assert.deepEqual(id.groups, ['dev', 'ops', 'system:authenticated']);
    assert.deepEqual(id.warnings, []);
  });

  test('an empty CN gives no identity and says why', async () => {
    const { root } = await labSet('ECDSA-P256');
    const { createCsr, signCsr } = await import('../../../src/pki/index.ts');
    const { csrPem } = await createCsr({
      subject: { commonName: '', organizations: ['dev'] },
      algorithm: 'ECDSA-P256',
    });
    const { certificatePem } = await signCsr(csrPem, root, { purpose: 'client' });
    const id = describeIdentity(certificatePem);
    assert.equal(id.authenticated, false);
    assert.equal(id.user, null);
    assert.deepEqual(id.groups, []);
    assert.equal(id.reason?.code, 'identity/empty-common-name');
    assert.match(id.reason!.message, /falls through/);
  });

  test('system:masters and a missing clientAuth are warned about', async () => {
    const { root, server } = await labSet('ECDSA-P256');
    const admin = await issueClientCertificate(
      { subject: { commonName: 'root', organizations: ['system:masters'] }, algorithm: 'ECDSA-P256' },
      root,
    );
    assert.deepEqual(
      describeIdentity(admin.certificatePem).warnings.map((w) => w.code),
      ['identity/system-masters'],
    );
    assert.deepEqual(
      describeIdentity(server.certificatePem).warnings.map((w) => w.code),
      ['identity/no-client-auth'],
    );
  });
});

describe('lint', () => {
  test('lintParams warns about a server without SANs, long server validity and system:masters', () => {
    assert.deepEqual(
      lintParams('server', { subject: { commonName: 's' }, validityDays: 825 }).map((w) => [w.code, w.field]),
      [
        ['lint/server-without-san', 'dnsNames'],
        ['lint/server-validity-over-public-limit', 'validityDays'],
      ],
    );
    assert.deepEqual(
      lintParams('client', { subject: { commonName: 'a', organizations: ['system:masters'] } }).map(
        (w) => w.code,
      ),
      ['lint/system-masters'],
    );
    assert.deepEqual(
      lintParams('client', { subject: { commonName: 'localhost' } }).map((w) => w.code),
      ['lint/client-cn-looks-like-host'],
    );
    assert.deepEqual(
      lintParams('server', { subject: { commonName: 's' }, dnsNames: ['s'] }, { now: NOW }),
      [],
    );
    assert.deepEqual(lintParams('root-ca', { subject: { commonName: 'ca' } }), []);
  });

  test('lintCertificate is quiet about the lab certificates', async () => {
    const set = await labSet('ECDSA-P256');
    for (const pem of [set.root, set.intermediate, set.server, set.client].map((c) => c.certificatePem)) {
      assert.deepEqual(lintCertificate(pem, { now: NOW }), []);
    }
  });

  test('lintCertificate flags SHA-1, small RSA keys, a server for client use and both EKUs', async () => {
    assert.deepEqual(
      lintCertificate(SHA1_RSA1024_CERT).map((w) => w.code),
      ['lint/rsa-under-2048', 'lint/sha1-signature'],
    );
    const { server } = await labSet('ECDSA-P256');
    assert.deepEqual(
      lintCertificate(server.certificatePem, { purpose: 'client' }).map((w) => [w.code, w.field]),
      [['lint/client-without-client-auth', 'extKeyUsage']],
    );
    assert.deepEqual(
      lintCertificate(ODD_EXTENSIONS_CERT).map((w) => w.code),
      [],
    );
  });
});
