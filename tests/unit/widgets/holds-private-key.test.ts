// The one rule that decides whether what a reader pasted may be kept for a reload or exported:
// holdsPrivateKey must find a private key in every form a reader pastes one (PEM of each kind, the
// base64 of PEM that kubeconfigs carry, a kubeconfig's client-key-data) and must not hold back
// certificates, CSRs, public keys or kubeconfigs without a key.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { buildKubeconfig } from '../../../src/kube/index.ts';
import {
  createCsr,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  issueRootCa,
  parsePem,
} from '../../../src/pki/index.ts';
import { holdsPrivateKey } from '../../../src/widgets/shared/workspace-store.ts';

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
const wrapped = (s: string, width: number) => b64(s).replace(new RegExp(`(.{${width}})`, 'g'), '$1\n');

const pair = await generateKeyPair('ECDSA-P256');
const keyPem = await exportPrivateKeyPem(pair.privateKey);
const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
const csrPem = (
  await createCsr({ subject: { commonName: 'jane', organizations: ['dev'] }, algorithm: 'ECDSA-P256' }, pair)
).csrPem;
const publicPem = await exportPublicKeyPem(pair.publicKey);

/** The same key as openssl writes it in another form (PKCS#1, SEC1), when openssl is here. */
function opensslForm(args: string[]): string | undefined {
  const r = spawnSync('openssl', args, { input: keyPem, encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/** A 2048-bit RSA key as openssl genrsa -traditional writes it (PKCS#1), when openssl is here. */
function opensslRsa(): string | undefined {
  const r = spawnSync('openssl', ['genrsa', '-traditional', '2048'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/** Base64 of the DER inside a PEM text. */
const derOf = (pem: string | undefined) => (pem === undefined ? undefined : b64(parsePem(pem)[0]!.der));

describe('holdsPrivateKey', () => {
  const kubeconfig = (withKey: boolean) => {
    const text = buildKubeconfig({
      clusterName: 'lab',
      server: 'https://127.0.0.1:6443',
      caPem: ca.certificatePem,
      userName: 'jane',
      clientCertificatePem: ca.certificatePem,
      clientKeyPem: keyPem,
    });
    return withKey ? text : text.replace(/^ *client-key-data: .*\n/m, '');
  };

  const held: [string, () => string | undefined][] = [
    ['a PKCS#8 PEM key', () => keyPem],
    ['a SEC1 EC PRIVATE KEY', () => opensslForm(['ec', '-outform', 'PEM'])],
    ['a key inside a terminal transcript', () => `$ cat jane-key.pem\n${keyPem}$ `],
    ['base64 of a PEM key on one line (a kubeconfig *-data value)', () => b64(keyPem)],
    ['base64 of a PEM key wrapped at 76 characters', () => wrapped(keyPem, 76)],
    ['a kubeconfig with client-key-data', () => kubeconfig(true)],
    ['a kubeconfig line client-key-data in quotes', () => `client-key-data: "${b64(keyPem)}"`],
    [
      'base64 of a PEM key after openssl pkcs12 "Bag Attributes"',
      () => b64(`Bag Attributes\n    localKeyID: 01 02\n${keyPem}`),
    ],
    ['base64 of a PEM key with CRLF line ends', () => b64(keyPem.replace(/\n/g, '\r\n'))],
    ['base64 of a DER PKCS#8 key', () => b64(parsePem(keyPem)[0]!.der)],
    ['base64 of a DER SEC1 key', () => derOf(opensslForm(['ec', '-outform', 'PEM']))],
    ['base64 of a DER PKCS#1 RSA key', () => derOf(opensslRsa())],
    [
      'an encrypted PKCS#8 key',
      () => '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n',
    ],
  ];
  for (const [what, text] of held) {
    it(`holds back ${what}`, (t) => {
      const value = text();
      if (value === undefined) return t.skip('needs openssl on PATH');
      assert.equal(holdsPrivateKey(value), true);
    });
  }

  const kept: [string, () => string][] = [
    ['a certificate', () => ca.certificatePem],
    ['a CSR', () => csrPem],
    ['a public key', () => publicPem],
    ['base64 of a certificate', () => b64(ca.certificatePem)],
    ['a kubeconfig without client-key-data', () => kubeconfig(false)],
    [
      'a kubeconfig that names a key file',
      () => 'users:\n- name: jane\n  user:\n    client-key: jane-key.pem\n',
    ],
    ['base64 of a DER certificate', () => b64(parsePem(ca.certificatePem)[0]!.der)],
    ['base64 of a DER CSR', () => b64(parsePem(csrPem)[0]!.der)],
    ['base64 of a DER public key', () => b64(parsePem(publicPem)[0]!.der)],
    [
      'a JWT',
      () => `eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.${Buffer.from('{"sub":"jane"}').toString('base64url')}.c2ln`,
    ],
    ['a sentence about private keys', () => 'the private key stays on this machine'],
    ['an empty client-key-data', () => 'client-key-data: ""'],
  ];
  for (const [what, text] of kept) {
    it(`keeps ${what}`, () => assert.equal(holdsPrivateKey(text()), false));
  }
});
