import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeadmTokenCreateCommand } from '../../../src/recipes/tokens/index.ts';
import { parseGoDuration } from '../../../src/tokens/index.ts';
import { thrownCode } from '../../support/lab-error.ts';

test('reads kubeadm --ttl values as Go time.ParseDuration does', () => {
  for (const [text, ms] of [
    ['24h0m0s', 86_400_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['90m', 5_400_000],
    ['0', 0],
    ['0s', 0],
    ['+10s', 10_000],
    ['500ms', 500],
    ['1m30.5s', 90_500],
    ['.5s', 500],
    ['1000000us', 1000],
    ['1000000µs', 1000],
  ] as const) {
    assert.equal(parseGoDuration(text), ms, text);
  }
});

test('refuses what Go refuses, and a negative TTL, with kubeadm-token/bad-ttl', () => {
  for (const text of ['', '24', '1d', '1h 30m', 'h', '1.h.', '-1h', '0x10s', ' 1h']) {
    assert.equal(
      thrownCode(() => parseGoDuration(text)),
      'kubeadm-token/bad-ttl',
      text,
    );
  }
});

test('kubeadm token create takes --ttl 0 (never expires) and 1.5h as kubeadm does', () => {
  const token = 'abcdef.0123456789abcdef';
  assert.match(kubeadmTokenCreateCommand({ token, ttl: '0' }).command, / --ttl 0 /);
  assert.match(kubeadmTokenCreateCommand({ token, ttl: '1.5h' }).command, / --ttl 1\.5h /);
  assert.equal(
    thrownCode(() => kubeadmTokenCreateCommand({ token, ttl: '' })),
    'kubeadm-token/bad-ttl',
  );
});
