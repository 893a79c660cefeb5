// PEM labels read as openssl reads them: openssl writes "TRUSTED CERTIFICATE" (x509 -trustout: the
// certificate followed by its trust settings) and reads "X509 CERTIFICATE" (the pre-1998 label) and
// "DSA PRIVATE KEY" (its traditional DSA form). src/pki must read the same certificate openssl reads
// (same subject, same DER), keep the written label, and turn the DSA key into the PKCS#8 that
// `openssl pkey` writes, so that key readers can name a key type the browser cannot use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { importPrivateKeyPem, isLabError, parsePem, readCertificates } from '../../src/pki/index.ts';
import { runChainCheck } from '../../src/widgets/chain-check/run-check.ts';
import { makeCa, makeLeaf, makeSelfSigned } from '../support/openssl.ts';
import { requireTools } from '../support/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'pem-labels-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);

function ok(...args: string[]): string {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function der(pemFile: string): Buffer {
  return Buffer.from(
    spawnSync('openssl', ['x509', '-in', pemFile, '-outform', 'DER'], { encoding: 'buffer' }).stdout,
  );
}

describe('PEM labels openssl reads', () => {
  test('a TRUSTED CERTIFICATE block is the certificate openssl reads, its trust settings kept apart', (t) => {
    if (!requireTools(t, 'openssl')) return;
    makeSelfSigned(dir, 'c', '/CN=jane/O=dev', { key: 'p256', days: 1 });
    ok(
      'x509',
      '-in',
      path('c.crt'),
      '-trustout',
      '-addtrust',
      'clientAuth',
      '-setalias',
      'jane',
      '-out',
      path('t.pem'),
    );
    const text = readFileSync(path('t.pem'), 'utf8');
    assert.match(text, /^-----BEGIN TRUSTED CERTIFICATE-----/);
    assert.match(ok('x509', '-in', path('t.pem'), '-noout', '-subject'), /CN = jane/);
    const [block] = parsePem(text);
    assert.equal(block!.label, 'CERTIFICATE');
    assert.equal(block!.writtenLabel, 'TRUSTED CERTIFICATE');
    assert.deepEqual(Buffer.from(block!.der), der(path('c.crt')), 'the DER openssl reads as the certificate');
    assert.ok(block!.trust && block!.trust.length > 0, 'the trust settings after the certificate');
    assert.deepEqual(
      readCertificates(text)[0]!.subject.map((a) => `${a.type}=${a.value}`),
      ['CN=jane', 'O=dev'],
    );
  });

  test('an X509 CERTIFICATE block is read as the certificate openssl reads', (t) => {
    if (!requireTools(t, 'openssl')) return;
    makeSelfSigned(dir, 'rc', '/CN=old', { days: 1 });
    const old = readFileSync(path('rc.crt'), 'utf8').replaceAll('CERTIFICATE-----', 'X509 CERTIFICATE-----');
    writeFileSync(path('old.pem'), old);
    assert.match(ok('x509', '-in', path('old.pem'), '-noout', '-subject'), /CN = old/);
    const [block] = parsePem(old);
    assert.equal(block!.label, 'CERTIFICATE');
    assert.equal(block!.writtenLabel, 'X509 CERTIFICATE');
    assert.deepEqual(Buffer.from(block!.der), der(path('rc.crt')));
  });

  test('a DSA PRIVATE KEY becomes the PKCS#8 openssl writes, and importing it names DSA as unsupported', async (t) => {
    if (!requireTools(t, 'openssl')) return;
    ok(
      'genpkey',
      '-genparam',
      '-algorithm',
      'DSA',
      '-pkeyopt',
      'dsa_paramgen_bits:1024',
      '-out',
      path('dp.pem'),
    );
    ok('genpkey', '-paramfile', path('dp.pem'), '-out', path('d8.pem'));
    ok('pkey', '-in', path('d8.pem'), '-traditional', '-out', path('d.pem'));
    const traditional = readFileSync(path('d.pem'), 'utf8');
    assert.match(traditional, /^-----BEGIN DSA PRIVATE KEY-----/);
    const [block] = parsePem(traditional);
    const [reference] = parsePem(readFileSync(path('d8.pem'), 'utf8'));
    assert.equal(block!.label, 'PRIVATE KEY');
    assert.equal(block!.writtenLabel, 'DSA PRIVATE KEY');
    assert.deepEqual(Buffer.from(block!.der), Buffer.from(reference!.der), "openssl pkey's PKCS#8");
    await assert.rejects(importPrivateKeyPem(traditional), (e) => {
      assert.ok(isLabError(e));
      assert.equal(e.code, 'key/unsupported-algorithm');
      assert.equal(e.details.oid, '1.2.840.10040.4.1');
      return true;
    });
  });

  test('kubectl refuses the labels Go does not read, and the chain check says so at the field instead of judging the chain', async (t) => {
    if (!requireTools(t, 'openssl', 'kubectl')) return;
    makeCa(dir, 'ca', { key: 'p256', days: 1, keyUsage: null });
    makeLeaf(dir, 'ca', 'jane', '/CN=jane/O=dev', ['extendedKeyUsage=clientAuth'], { days: 1, key: 'p256' });
    ok('x509', '-in', path('ca.crt'), '-trustout', '-addtrust', 'clientAuth', '-out', path('ca-trusted.pem'));
    const ca = readFileSync(path('ca.crt'), 'utf8');
    const trustedCa = readFileSync(path('ca-trusted.pem'), 'utf8');
    const leaf = readFileSync(path('jane.crt'), 'utf8');
    const oldLeaf = leaf.replaceAll('CERTIFICATE-----', 'X509 CERTIFICATE-----');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const kubectl = (caPem: string, certPem: string) => {
      writeFileSync(
        path('kc.yaml'),
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '- name: k',
          '  cluster:',
          '    server: https://127.0.0.1:1',
          `    certificate-authority-data: ${b64(caPem)}`,
          'users:',
          '- name: u',
          '  user:',
          `    client-certificate-data: ${b64(certPem)}`,
          `    client-key-data: ${b64(readFileSync(path('jane.key'), 'utf8'))}`,
          'contexts:',
          '- name: c',
          '  context: {cluster: k, user: u}',
          'current-context: c',
          '',
        ].join('\n'),
      );
      const r = spawnSync(
        'kubectl',
        ['--kubeconfig', path('kc.yaml'), '--request-timeout=2s', 'get', 'pods'],
        {
          encoding: 'utf8',
        },
      );
      return `${r.stdout}${r.stderr}`;
    };
    assert.match(kubectl(trustedCa, leaf), /unable to load root certificates/);
    assert.match(kubectl(ca, oldLeaf), /failed to find "CERTIFICATE" PEM block .*\[X509 CERTIFICATE\]/);
    const input = { leaf, intermediates: '', roots: ca, purpose: 'client' as const, hostname: '' };
    assert.equal((await runChainCheck(input)).result.ok, true, 'the same files as CERTIFICATE blocks');
    for (const [field, bad] of [
      ['roots', { ...input, roots: trustedCa }],
      ['leaf', { ...input, leaf: oldLeaf }],
    ] as const) {
      await assert.rejects(runChainCheck(bad), (e) => {
        assert.ok(isLabError(e));
        assert.equal(e.code, 'pem/openssl-label');
        assert.equal(e.details.field, field);
        return true;
      });
    }
  });
});
