// JWTs minted by Go's standard library as kube-apiserver's signer mints them
// (tests/interop/go/jwtmint) read correctly in the engine: the claims, the kid Kubernetes derives,
// and a valid signature against the PEM public key and against a JWKS of it; a changed claim fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  decodeJwt,
  GO_JOSE_CRYPTO_FAILURE,
  readVerificationKeysJwks,
  readVerificationKeysPem,
  verifyJwtSignature,
} from '../../src/tokens/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { hasTool, inCI } from '../support/tools.ts';

if (!hasTool('go') && inCI) throw new Error('CI=true and the JWT tests need go');

describe('JWTs minted by Go, read by the engine', { skip: hasTool('go') ? false : 'needs go' }, () => {
  const claims = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: 2000000000,
    iss: 'https://kubernetes.default.svc.cluster.local',
    sub: 'system:serviceaccount:lab:builder',
  };
  for (const alg of ['RS256', 'PS256', 'ES256'] as const) {
    it(`reads and verifies a Go ${alg} token, with Go's kid, from PEM and from a JWKS`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kal-jwt-'));
      try {
        execFileSync(buildGoProgram('jwtmint'), [dir, JSON.stringify(claims)]);
        const token = readFileSync(join(dir, `${alg}.jwt`), 'utf8');
        const pem = readFileSync(join(dir, `${alg}.pub`), 'utf8');
        const decoded = decodeJwt(token);
        assert.deepEqual(decoded.claims, claims);
        const [key] = await readVerificationKeysPem(pem);
        assert.equal(decoded.header.kid, key!.kid, 'the kid the engine derives is the one Go wrote');
        const verdict = await verifyJwtSignature(token, [key!]);
        assert.equal(verdict.valid, true);
        const { exportJWK, importSPKI } = await import('jose');
        const jwk = await exportJWK(await importSPKI(pem, alg, { extractable: true }));
        const fromJwks = await readVerificationKeysJwks(
          JSON.stringify({ keys: [{ ...jwk, kid: key!.kid, use: 'sig', alg }] }),
        );
        assert.equal((await verifyJwtSignature(token, fromJwks)).valid, true);
        const [h, , s] = token.split('.');
        const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'system:admin' })).toString('base64url')}.${s}`;
        assert.deepEqual(await verifyJwtSignature(tampered, [key!]), {
          valid: false,
          error: GO_JOSE_CRYPTO_FAILURE,
          reason: 'bad-signature',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
