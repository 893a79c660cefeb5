// The CSR API's expirationSeconds rule, as the CSR builder checks the field and
// buildCertificateSigningRequest refuses a value: one rule for both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildCertificateSigningRequest,
  type ExpirationSecondsVerdict,
  expirationSecondsVerdict,
} from '../../../src/kube/index.ts';
import { thrownCode } from '../../support/lab-error.ts';

const cases: [number | string, ExpirationSecondsVerdict][] = [
  ['86400', 'ok'],
  [' 600 ', 'ok'],
  ['599', 'too-short'],
  ['0', 'too-short'],
  [-1, 'too-short'],
  ['31536000', 'ok'],
  ['31536001', 'capped'],
  ['2147483647', 'capped'],
  ['2147483648', 'not-a-number'],
  ['1e5', 'not-a-number'],
  ['-600', 'not-a-number'],
  ['', 'not-a-number'],
  [86400.5, 'not-a-number'],
];
for (const [value, verdict] of cases) {
  test(`calls expirationSeconds ${JSON.stringify(value)} ${verdict}`, () => {
    assert.equal(expirationSecondsVerdict(value), verdict);
  });
}

const CSR =
  '-----BEGIN CERTIFICATE REQUEST-----\nMIIBWTCCAQACAQAwDzENMAsGA1UEAxMEamFuZTBZ\n-----END CERTIFICATE REQUEST-----\n';
test('buildCertificateSigningRequest refuses what the field check calls an error, with the same rule', () => {
  const make = (expirationSeconds: number) => () =>
    buildCertificateSigningRequest({ name: 'jane', csrPem: CSR, expirationSeconds });
  assert.equal(thrownCode(make(599)), 'csr-object/expiration-too-short');
  assert.equal(thrownCode(make(2_147_483_648)), 'csr-object/bad-expiration');
  assert.equal(
    buildCertificateSigningRequest({ name: 'jane', csrPem: CSR, expirationSeconds: 600 }).object.spec
      .expirationSeconds,
    600,
  );
});
