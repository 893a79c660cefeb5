// The front-proxy pair made by the engine, judged by openssl: the CA is a self-signed CA named
// front-proxy-ca, and the client certificate is kubeadm's profile (CN front-proxy-client, no O,
// CA:FALSE, extended key usage TLS client only) and verifies for sslclient against that CA only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
  KEY_ALGORITHMS,
} from '../../src/pki/index.ts';
import { hasTool, inCI } from '../support/tools.ts';

const missing = ['openssl'].filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error('CI=true and the front-proxy PKI tests need openssl');

const openssl = (...args: string[]) => {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('the front-proxy CA and client certificate, judged by openssl', {
  skip: missing.length ? 'needs openssl' : false,
}, () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kal-front-proxy-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const algorithm of KEY_ALGORITHMS.filter((a) => a !== 'RSA-4096'))
    it(`${algorithm}: kubeadm's names and profile, valid for sslclient from the front-proxy CA only`, async () => {
      const ca = await issueFrontProxyCa({ algorithm });
      const client = await issueFrontProxyClientCertificate({ algorithm }, ca);
      const other = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm });
      const f = (n: string) => join(dir, `${algorithm}-${n}`);
      writeFileSync(f('ca.pem'), ca.certificatePem);
      writeFileSync(f('client.pem'), client.certificatePem);
      writeFileSync(f('other.pem'), other.certificatePem);
      assert.match(
        openssl('x509', '-in', f('ca.pem'), '-noout', '-subject').out,
        /^subject=CN ?= ?front-proxy-ca\n$/,
      );
      const text = openssl(
        'x509',
        '-in',
        f('client.pem'),
        '-noout',
        '-subject',
        '-ext',
        'basicConstraints,extendedKeyUsage',
      ).out;
      assert.match(text, /^subject=CN ?= ?front-proxy-client\n/);
      assert.match(text, /CA:FALSE/);
      assert.match(text, /Extended Key Usage: (critical\n)?\s*TLS Web Client Authentication\n/);
      assert.doesNotMatch(text, /Server Authentication/);
      const ok = openssl('verify', '-purpose', 'sslclient', '-CAfile', f('ca.pem'), f('client.pem'));
      assert.equal(ok.status, 0, ok.out);
      assert.notEqual(
        openssl('verify', '-purpose', 'sslserver', '-CAfile', f('ca.pem'), f('client.pem')).status,
        0,
      );
      assert.notEqual(
        openssl('verify', '-purpose', 'sslclient', '-CAfile', f('other.pem'), f('client.pem')).status,
        0,
      );
    });
});
