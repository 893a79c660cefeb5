import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isLabError } from '../../../src/pki/errors.ts';
import { encodePem, fromBase64, parsePem, readCertificates, toBase64 } from '../../../src/pki/index.ts';
import { codeOf } from './lab.ts';
import { EC_SEC1_WITH_PARAMETERS_BLOCK, RSA_PKCS1_CERT } from './openssl-fixtures.ts';

describe('PEM and DER', () => {
  test('encodePem writes 64-character lines and a final newline, and parsePem reads it back', () => {
    const der = Uint8Array.from({ length: 200 }, (_, i) => i);
    const pem = encodePem('CERTIFICATE', der);
    const lines = pem.split('\n');
    assert.equal(lines[0], '-----BEGIN CERTIFICATE-----');
    assert.ok(lines.slice(1, -2).every((l) => l.length <= 64));
    assert.equal(lines[1]!.length, 64);
    assert.ok(pem.endsWith('-----END CERTIFICATE-----\n'));
    const [block] = parsePem(pem);
    assert.equal(block!.label, 'CERTIFICATE');
    assert.deepEqual(block!.der, der);
  });

  test('base64 helpers round-trip every length', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37) & 0xff);
      assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
    }
  });

  test('parsePem tolerates CRLF, indentation and a terminal transcript around the blocks', () => {
    const pasted = `$ cat ca.pem\r\n   ${RSA_PKCS1_CERT.trim().split('\n').join('\r\n   ')}\r\n$ echo done\r\ndone\r\n`;
    const blocks = parsePem(pasted);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]!.label, 'CERTIFICATE');
    assert.equal(blocks[0]!.line, 2);
  });

  test('parsePem reads several blocks and RFC 1421 headers', () => {
    const blocks = parsePem(EC_SEC1_WITH_PARAMETERS_BLOCK);
    assert.deepEqual(
      blocks.map((b) => b.label),
      ['EC PARAMETERS', 'EC PRIVATE KEY'],
    );
    const withHeaders = parsePem(
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n',
    );
    assert.deepEqual(withHeaders[0]!.headers, { 'Proc-Type': '4,ENCRYPTED', 'DEK-Info': 'AES-128-CBC,00' });
  });

  const broken: [string, string, string, number?][] = [
    ['no BEGIN line at all', 'hello world', 'pem/no-block'],
    ['bare base64 without BEGIN/END', 'MIIBszCCAVmgAwIBAgIU', 'pem/no-block'],
    [
      'a body that is not base64',
      '-----BEGIN CERTIFICATE-----\nAB$D\n-----END CERTIFICATE-----',
      'pem/bad-base64',
      2,
    ],
    [
      'misplaced padding',
      '-----BEGIN CERTIFICATE-----\nAB==CD==\n-----END CERTIFICATE-----',
      'pem/bad-base64',
    ],
    [
      'an END for another label',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----',
      'pem/mismatched-end',
      3,
    ],
    ['a missing END line', '-----BEGIN CERTIFICATE-----\nAAAA\n', 'pem/truncated'],
    [
      'a second BEGIN before the END',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----BEGIN CERTIFICATE-----\n',
      'pem/truncated',
      3,
    ],
    ['an empty body', '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----', 'pem/empty-block'],
    ['an END with no BEGIN', 'x\n-----END CERTIFICATE-----', 'pem/unexpected-end', 2],
  ];
  for (const [what, text, code, line] of broken) {
    test(`parsePem rejects ${what} with ${code}`, async () => {
      assert.equal(await codeOf(() => parsePem(text)), code);
      if (line !== undefined) {
        try {
          parsePem(text);
        } catch (e) {
          assert.equal((e as { details: { line: number } }).details.line, line);
          assert.match((e as Error).message, new RegExp(`line ${line}`, 'i'));
        }
      }
    });
  }

  test('readCertificates reads a bundle, skips other blocks, and reads DER bytes', () => {
    const bundle = `${RSA_PKCS1_CERT}\n${EC_SEC1_WITH_PARAMETERS_BLOCK}\n${RSA_PKCS1_CERT}`;
    assert.equal(readCertificates(bundle).length, 2);
    const der = parsePem(RSA_PKCS1_CERT)[0]!.der;
    const [fromDer] = readCertificates(der);
    assert.deepEqual(fromDer!.der, der);
    const [fromBytesOfPem] = readCertificates(new TextEncoder().encode(RSA_PKCS1_CERT));
    assert.deepEqual(fromBytesOfPem!.der, der);
  });

  test('readCertificates says certificate/none when the PEM holds no certificate', async () => {
    assert.equal(await codeOf(() => readCertificates(EC_SEC1_WITH_PARAMETERS_BLOCK)), 'certificate/none');
  });

  test('readCertificates says certificate/malformed for a CERTIFICATE block that is not one, naming the line', () => {
    const pem = `junk\n${encodePem('CERTIFICATE', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01))}`;
    assert.throws(() => readCertificates(pem), { code: 'certificate/malformed', message: /line 2/ });
    assert.throws(() => readCertificates(Uint8Array.of(0x30, 0x80)), { code: 'certificate/malformed' });
  });
});

describe('DER error offsets', () => {
  test('name the byte in the whole DER, not in the parent element', async () => {
    const { children, readSingle } = await import('../../../src/pki/der.ts');
    // SEQUENCE { SEQUENCE { INTEGER with an indefinite length } }: the bad element is at byte 4.
    const der = Uint8Array.of(0x30, 0x06, 0x30, 0x04, 0x02, 0x80, 0x00, 0x00);
    const inner = children(readSingle(der))[0]!;
    assert.equal(inner.offset, 2);
    assert.throws(
      () => children(inner),
      (e: unknown) =>
        isLabError(e, 'der/malformed') && e.details.offset === 4 && e.message.endsWith('at byte 4'),
    );
  });
});
