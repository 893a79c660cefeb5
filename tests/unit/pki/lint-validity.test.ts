// CA/Browser Forum ballot SC-081: the lint's limit for publicly trusted server certificates follows
// the date it runs on (injected here), for a form about to be issued and for a certificate.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  issueRootCa,
  issueServerCertificate,
  lintCertificate,
  lintParams,
  publicServerValidityLimit,
} from '../../../src/pki/index.ts';

const at = (day: string) => new Date(`${day}T12:00:00Z`);
const server = (validityDays: number) => ({ subject: { commonName: 's' }, dnsNames: ['s'], validityDays });

describe('the public server-certificate lifetime limit (SC-081)', () => {
  const STEPS: [string, number][] = [
    ['2025-06-01', 398],
    ['2026-03-14', 398],
    ['2026-03-15', 200],
    ['2027-03-14', 200],
    ['2027-03-15', 100],
    ['2029-03-14', 100],
    ['2029-03-15', 47],
    ['2035-01-01', 47],
  ];
  for (const [day, days] of STEPS) {
    test(`is ${days} days on ${day}`, () => {
      assert.equal(publicServerValidityLimit(at(day)).days, days);
    });
  }

  test('lintParams warns above the limit of the day, not at it', () => {
    const codes = (days: number, day: string) =>
      lintParams('server', server(days), { now: at(day) }).map((w) => w.code);
    assert.deepEqual(codes(365, '2026-01-10'), []);
    assert.deepEqual(codes(365, '2026-12-06'), ['lint/server-validity-over-public-limit']);
    assert.deepEqual(codes(200, '2026-12-06'), []);
    assert.deepEqual(codes(200, '2027-03-15'), ['lint/server-validity-over-public-limit']);
    assert.deepEqual(codes(47, '2030-01-01'), []);
    assert.deepEqual(codes(48, '2030-01-01'), ['lint/server-validity-over-public-limit']);
  });

  test('the warning carries the days, the limit and its date for the translated text', () => {
    const [w] = lintParams('server', server(120), { now: at('2027-06-01') });
    assert.deepEqual(w?.values, { days: 120, limit: 100, since: '2027-03-15' });
    assert.match(w?.message ?? '', /SC-081/);
  });

  test('lintCertificate judges an issued certificate by the same clock', async () => {
    const root = await issueRootCa({ subject: { commonName: 'r' }, algorithm: 'ECDSA-P256' });
    const { certificatePem } = await issueServerCertificate(
      { ...server(150), algorithm: 'ECDSA-P256' },
      root,
    );
    const codes = (day: string) => lintCertificate(certificatePem, { now: at(day) }).map((w) => w.code);
    assert.deepEqual(codes('2026-12-06'), []);
    assert.deepEqual(codes('2027-04-01'), ['lint/server-validity-over-public-limit']);
  });
});
