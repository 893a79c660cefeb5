// The CertificateSigningRequest object src/kube builds carries a request openssl accepts: the
// `request` field decodes to the very PEM given, and `openssl req -verify` checks its signature.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { buildCertificateSigningRequest } from '../../src/kube/index.ts';
import { genpkeyArguments } from '../../src/recipes/index.ts';
import { openssl } from '../support/openssl-text.ts';
import { requireTools } from '../support/tools.ts';

const ALGORITHMS = ['RSA-2048', 'ECDSA-P256', 'Ed25519'] as const;

for (const algorithm of ALGORITHMS) {
  test(`the CSR object's request for an ${algorithm} key passes openssl req -verify`, (t) => {
    if (!requireTools(t, 'openssl', 'bash')) return;
    const dir = mkdtempSync(join(tmpdir(), 'kube-csr-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const make = `openssl genpkey ${genpkeyArguments(algorithm)} -out jane-key.pem && openssl req -new -key jane-key.pem -subj /CN=jane/O=developers -out jane.csr`;
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', make], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const csrPem = readFileSync(join(dir, 'jane.csr'), 'utf8');
    const { yaml } = buildCertificateSigningRequest({ name: 'jane', csrPem, expirationSeconds: 3600 });
    const doc = parse(yaml);
    assert.deepEqual(Object.keys(doc.spec), ['request', 'signerName', 'expirationSeconds', 'usages']);
    assert.equal(doc.spec.signerName, 'kubernetes.io/kube-apiserver-client');
    // The same text as `cat jane.csr | base64 | tr -d "\n"`.
    const shell = spawnSync('bash', ['-c', 'base64 < jane.csr | tr -d "\\n"'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(doc.spec.request, shell.stdout);
    writeFileSync(join(dir, 'back.csr'), Buffer.from(doc.spec.request, 'base64'));
    const verify = openssl(dir, [
      'req',
      '-in',
      'back.csr',
      '-verify',
      '-noout',
      '-subject',
      '-nameopt',
      'RFC2253',
    ]);
    assert.equal(verify.status, 0, verify.out);
    assert.match(verify.out, /subject=O=developers,CN=jane/);
  });
}
