// nginx itself (`nginx -t`) judges every proxy default.conf the site hands out: both ways of
// authenticating the reader, the pitfall on and off, in both languages; and it refuses a broken
// one, so the check can fail.
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
  issueServerCertificate,
} from '../../src/pki/index.ts';
import { PROXY_AUTH_MODES, proxyConfig, writeHtpasswd } from '../../src/recipes/proxy/index.ts';
import { hasTool, inCI } from '../support/tools.ts';

const missing = ['nginx'].filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and nginx -t needs ${missing.join(', ')}`);
const nginxBin = hasTool('nginx') ? 'nginx' : '/usr/sbin/nginx';

describe('nginx -t accepts every proxy config the site hands out', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  const test = (conf: string) => {
    const prefix = mkdtempSync(join(dir, 'prefix-'));
    writeFileSync(join(prefix, 'default.conf'), conf);
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `pid nginx.pid;\nerror_log error.log;\nevents {}\nhttp {\n  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;\n  access_log off;\n  include default.conf;\n}\n`,
    );
    const r = spawnSync(nginxBin, ['-t', '-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf')], {
      encoding: 'utf8',
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };
  const where = () => ({ certDir: dir, errorLog: join(dir, 'error.log') });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-proxy-t-'));
    const ca = await issueRootCa({ subject: { commonName: 'ca' }, algorithm: 'ECDSA-P256' });
    const server = await issueServerCertificate(
      { subject: { commonName: 'localhost' }, dnsNames: ['localhost'], algorithm: 'ECDSA-P256' },
      ca,
    );
    const proxyCa = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    const client = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, proxyCa);
    const files: Record<string, string> = {
      'server.pem': server.certificatePem,
      'server-key.pem': server.privateKeyPem,
      'rootCA.pem': ca.certificatePem,
      'cluster-ca.pem': ca.certificatePem,
      'front-proxy-client.pem': client.certificatePem,
      'front-proxy-client-key.pem': client.privateKeyPem,
      htpasswd: await writeHtpasswd([{ name: 'amy', password: 'pw' }]),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a broken config (the check can fail)', () => {
    const r = test(
      proxyConfig({ mode: 'certificate', ...where() }).replace('proxy_ssl_verify ', 'proxy_ssl_verfy '),
    );
    assert.notEqual(r.status, 0);
    assert.match(r.output, /unknown directive "proxy_ssl_verfy"/);
  });
  for (const mode of PROXY_AUTH_MODES)
    for (const trustClientIdentity of [false, true])
      for (const lang of ['en', 'ko'] as const)
        it(`${mode} auth, pitfall ${trustClientIdentity ? 'on' : 'off'}, ${lang}`, () => {
          const users = [
            { name: 'amy', password: 'pw', groups: ['viewers', 'devs'] },
            { name: 'bo', password: 'pw', groups: ['ops'] },
          ];
          const r = test(proxyConfig({ mode, trustClientIdentity, lang, users, ...where() }));
          assert.equal(r.status, 0, r.output);
          assert.match(r.output, /syntax is ok/);
        });
});
