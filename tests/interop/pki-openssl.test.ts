// openssl judges what src/pki makes: it must read every certificate, CSR and key; accept client
// certificates for sslclient and refuse them for sslserver (and the reverse); and the keys openssl
// makes in the forms cfssl and kubeadm write must import here and match their certificates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  createCsr,
  exportPublicKeyPem,
  importPrivateKeyPem,
  inspectCertificate,
  keyMatchesCertificate,
  signCsr,
  signMessage,
} from '../../src/pki/index.ts';
import { ecKeyGenpkeyArgs } from '../support/openssl.ts';
import { requireTools } from '../support/tools.ts';
import { labSet, testedAlgorithms } from '../unit/pki/lab.ts';

const dir = mkdtempSync(join(tmpdir(), 'pki-openssl-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function openssl(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function ok(...args: string[]): string {
  const r = openssl(...args);
  assert.equal(r.status, 0, `openssl ${args.join(' ')}\n${r.out}`);
  return r.out;
}

const algorithms = await testedAlgorithms({ slow: true });

describe('openssl reads and verifies what src/pki makes', () => {
  for (const alg of algorithms) {
    test(`${alg}: openssl x509 -text reads the CA, intermediate, server and client certificates`, async (t) => {
      if (!requireTools(t, 'openssl')) return;
      const s = await labSet(alg);
      for (const [name, c] of Object.entries({
        root: s.root,
        intermediate: s.intermediate,
        server: s.server,
        client: s.client,
      })) {
        const text = ok('x509', '-noout', '-text', '-in', file(`${alg}-${name}.pem`, c.certificatePem));
        assert.match(text, /Version: 3 \(0x2\)/);
        assert.match(text, /X509v3 Basic Constraints: critical/);
        if (name === 'root' || name === 'intermediate') assert.match(text, /Certificate Sign, CRL Sign/);
        if (name === 'server')
          assert.match(
            text,
            /DNS:localhost, DNS:kubernetes.default.svc, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1/,
          );
        if (name === 'client') assert.match(text, /TLS Web Client Authentication/);
      }
      const subject = ok(
        'x509',
        '-noout',
        '-subject',
        '-nameopt',
        'RFC2253',
        '-in',
        file(`${alg}-client.pem`, s.client.certificatePem),
      );
      assert.equal(
        subject.trim(),
        `subject=${(await inspectCertificate(s.client.certificatePem)).subject.rfc4514}`,
      );
    });

    test(`${alg}: openssl verify accepts clients for sslclient and servers for sslserver, and not the reverse`, async (t) => {
      if (!requireTools(t, 'openssl')) return;
      const s = await labSet(alg);
      const ca = file(`${alg}-ca.pem`, s.root.certificatePem);
      const client = file(`${alg}-client.pem`, s.client.certificatePem);
      const server = file(`${alg}-server.pem`, s.server.certificatePem);
      ok('verify', '-purpose', 'sslclient', '-CAfile', ca, client);
      ok('verify', '-purpose', 'sslserver', '-CAfile', ca, server);
      const wrong1 = openssl('verify', '-purpose', 'sslserver', '-CAfile', ca, client);
      assert.notEqual(wrong1.status, 0);
      assert.match(wrong1.out, /unsupported certificate purpose|unsuitable certificate purpose/);
      assert.notEqual(openssl('verify', '-purpose', 'sslclient', '-CAfile', ca, server).status, 0);
      ok(
        'verify',
        '-x509_strict',
        '-purpose',
        'sslserver',
        '-CAfile',
        ca,
        '-verify_hostname',
        'localhost',
        '-verify_ip',
        '127.0.0.1',
        server,
      );
      const inter = file(`${alg}-inter.pem`, s.intermediate.certificatePem);
      const viaInter = file(`${alg}-client-via.pem`, s.clientViaIntermediate.certificatePem);
      ok('verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', ca, '-untrusted', inter, viaInter);
      assert.notEqual(openssl('verify', '-purpose', 'sslclient', '-CAfile', ca, viaInter).status, 0);
    });

    test(`${alg}: openssl pkey reads our keys and openssl req -verify accepts our CSRs`, async (t) => {
      if (!requireTools(t, 'openssl')) return;
      const s = await labSet(alg);
      ok('pkey', '-noout', '-in', file(`${alg}-client-key.pem`, s.client.privateKeyPem));
      const csr = await createCsr({
        subject: { commonName: 'jane', organizations: ['dev', '개발'] },
        dnsNames: ['jane.example'],
        algorithm: alg,
      });
      const out = ok(
        'req',
        '-verify',
        '-noout',
        '-text',
        '-nameopt',
        'utf8',
        '-in',
        file(`${alg}.csr`, csr.csrPem),
      );
      assert.match(out, /verify OK|Certificate request self-signature verify OK/);
      assert.match(out, /O=dev, O=개발, CN=jane|O = dev, O = 개발, CN = jane/);
      assert.match(out, /DNS:jane.example/);
      ok('pkey', '-noout', '-in', file(`${alg}-csr-key.pem`, csr.privateKeyPem));
    });
  }

  test('keys openssl makes in PKCS#8, PKCS#1 and SEC1 import and match their certificates', async (t) => {
    if (!requireTools(t, 'openssl')) return;
    const makers: [string, string[], string][] = [
      ['rsa-pkcs1', ['genrsa', '-traditional', '-out', join(dir, 'rsa-pkcs1.key'), '2048'], 'pkcs1'],
      [
        'rsa-pkcs8',
        [
          'genpkey',
          '-algorithm',
          'RSA',
          '-pkeyopt',
          'rsa_keygen_bits:3072',
          '-out',
          join(dir, 'rsa-pkcs8.key'),
        ],
        'pkcs8',
      ],
      ['ec-sec1', ['ecparam', '-name', 'prime256v1', '-genkey', '-out', join(dir, 'ec-sec1.key')], 'sec1'],
      [
        'ec384-sec1',
        ['ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', join(dir, 'ec384-sec1.key')],
        'sec1',
      ],
      ['ec-pkcs8', ecKeyGenpkeyArgs(join(dir, 'ec-pkcs8.key')), 'pkcs8'],
      ['ed25519', ['genpkey', '-algorithm', 'ed25519', '-out', join(dir, 'ed25519.key')], 'pkcs8'],
    ];
    for (const [name, args, format] of makers) {
      ok(...args);
      const keyPath = join(dir, `${name}.key`);
      const certPath = join(dir, `${name}.crt`);
      ok('req', '-new', '-x509', '-key', keyPath, '-subj', `/CN=${name}`, '-days', '1', '-out', certPath);
      const pem = readFileSync(keyPath, 'utf8');
      const key = await importPrivateKeyPem(pem);
      assert.equal(key.format, format, name);
      assert.equal(await keyMatchesCertificate(pem, readFileSync(certPath, 'utf8')), true, name);
      const pub = ok('pkey', '-in', keyPath, '-pubout');
      assert.equal(pub.trim(), (await exportPublicKeyPem(key.publicKey)).trim(), `${name}: same public key`);
    }
  });

  test('a CSR made by openssl is signed by signCsr into a client certificate openssl accepts', async (t) => {
    if (!requireTools(t, 'openssl')) return;
    const s = await labSet('RSA-2048');
    ok('genrsa', '-traditional', '-out', join(dir, 'alice.key'), '2048');
    ok(
      'req',
      '-new',
      '-key',
      join(dir, 'alice.key'),
      '-subj',
      '/CN=alice/O=dev/O=qa',
      '-out',
      join(dir, 'alice.csr'),
    );
    const { certificatePem } = await signCsr(readFileSync(join(dir, 'alice.csr'), 'utf8'), s.root, {
      purpose: 'client',
    });
    const crt = file('alice.crt', certificatePem);
    ok(
      'verify',
      '-x509_strict',
      '-purpose',
      'sslclient',
      '-CAfile',
      file('rsa-ca.pem', s.root.certificatePem),
      crt,
    );
    assert.equal(
      ok('x509', '-noout', '-subject', '-nameopt', 'RFC2253', '-in', crt).trim(),
      'subject=O=qa,O=dev,CN=alice',
    );
  });

  test('signMessage signatures verify with openssl dgst', async (t) => {
    if (!requireTools(t, 'openssl')) return;
    for (const alg of ['ECDSA-P256', 'RSA-2048'] as const) {
      const s = await labSet(alg);
      const sig = await signMessage(s.client.privateKeyPem, 'hello');
      const pub = file(
        `${alg}-msg.pub`,
        await exportPublicKeyPem((await importPrivateKeyPem(s.client.privateKeyPem)).publicKey),
      );
      const out = ok(
        'dgst',
        '-sha256',
        '-verify',
        pub,
        '-signature',
        file(
          `${alg}-msg.sig`,
          Uint8Array.from(atob(sig), (c) => c.charCodeAt(0)),
        ),
        file(`${alg}-msg.txt`, 'hello'),
      );
      assert.match(out, /Verified OK/);
    }
  });
});
