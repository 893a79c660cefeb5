// The discovery-token CA cert hash: the engine's value equals what the openssl pipeline the lesson
// hands out prints (over the CA's SubjectPublicKeyInfo), for RSA and ECDSA CAs, and differs from a
// hash of the whole certificate.
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discoveryTokenCaCertHash } from '../../src/pki/index.ts';
import { makeCa } from '../support/openssl.ts';
import { hasTool, inCI } from '../support/tools.ts';

if (!hasTool('openssl') && inCI) throw new Error('CI=true and the discovery-hash tests need openssl');

const PIPELINE =
  "openssl x509 -pubkey -in ca.crt | openssl pkey -pubin -outform der | openssl dgst -sha256 -hex | sed 's/^.* //'";

describe('the discovery-token CA cert hash', { skip: hasTool('openssl') ? false : 'needs openssl' }, () => {
  for (const [name, key] of [
    ['RSA', 'rsa'],
    ['ECDSA P-256', 'p256'],
    ['ECDSA P-384', 'p384'],
  ] as const) {
    it(`equals the openssl pipeline's output for an ${name} CA`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kal-hash-'));
      try {
        makeCa(dir, 'ca', { key, days: 10, basicConstraints: null, keyUsage: null });
        const expected = execSync(PIPELINE, { cwd: dir, encoding: 'utf8', shell: '/bin/bash' }).trim();
        assert.match(expected, /^[0-9a-f]{64}$/);
        const pem = readFileSync(join(dir, 'ca.crt'), 'utf8');
        assert.equal(await discoveryTokenCaCertHash(pem), `sha256:${expected}`);
        const whole = execSync('openssl x509 -in ca.crt -outform der | openssl dgst -sha256 -hex', {
          cwd: dir,
          encoding: 'utf8',
        });
        assert.ok(!whole.includes(expected), 'a hash of the whole certificate is a different value');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
