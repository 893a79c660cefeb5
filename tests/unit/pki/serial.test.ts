// Serial numbers as Go reads them: the sign kept (Go's big.Int), shown in decimal as kube-apiserver
// logs it, and a negative one flagged: Go 1.19 accepts it, Go 1.23 and later refuse it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspectCertificate, lintCertificate, readCertificate } from '../../../src/pki/index.ts';
import { serialDecimal } from '../../../src/pki/serial-decimal.ts';
import { rawCertificate } from './raw-certificates.ts';

describe('serial numbers', () => {
  const cases: [string, number[], string][] = [
    ['a positive serial', [0x01, 0x23, 0x45], '74565'],
    ['a serial with a leading 00 (positive)', [0x00, 0xff, 0x12], '65298'],
    ['a negative serial', [0xff, 0x12], '-238'],
    ['serial zero', [0x00], '0'],
  ];
  for (const [what, bytes, decimal] of cases) {
    test(`shows ${what} in decimal as Go prints it (${decimal})`, async () => {
      const pem = await rawCertificate({ serial: Uint8Array.from(bytes) });
      assert.equal(serialDecimal(readCertificate(pem)), decimal);
      assert.equal((await inspectCertificate(pem)).serialDecimal, decimal);
    });
  }

  test('flags a negative serial: accepted by Go 1.19, refused by Go 1.23 and later', async () => {
    const pem = await rawCertificate({ serial: Uint8Array.of(0xff, 0x12) });
    const info = await inspectCertificate(pem);
    assert.equal(info.negativeSerial, true);
    assert.equal(info.goParseError, undefined);
    const [warning, ...more] = lintCertificate(pem).filter((w) => w.field === 'serialNumber');
    assert.deepEqual(more, []);
    assert.equal(warning?.code, 'lint/negative-serial');
    assert.match(
      warning.message,
      /Go 1\.19.*accepts it.*Go 1\.23 and later refuse it \("x509: negative serial number"\)/,
    );
  });

  test('gives a positive serial no serial warning', async () => {
    const pem = await rawCertificate({ serial: Uint8Array.of(0x00, 0xff, 0x12) });
    assert.deepEqual(
      lintCertificate(pem).filter((w) => w.field === 'serialNumber'),
      [],
    );
  });
});
