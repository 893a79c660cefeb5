// nginx itself (`nginx -t`) judges every default.conf the lessons hand out, in both languages:
// lesson 4's and 5's as written into the docker container, and lesson 6's with the cluster's
// certificates. Only the folder, port and log differ from the lessons' values, so that the check
// runs as an ordinary user; every directive is the lessons'.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Lang } from '../../src/i18n/index.ts';
import { apiserverNginxConfig } from '../../src/recipes/cluster/index.ts';
import { NGINX_LAB_STEPS, nginxConfig } from '../../src/recipes/nginx/index.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { hasTool, inCI } from '../support/tools.ts';

const missing = ['nginx', 'openssl'].filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and nginx -t needs ${missing.join(', ')}`);
const nginxBin = hasTool('nginx') ? 'nginx' : '/usr/sbin/nginx';

/** nginx -t over `conf` as the server block of a minimal nginx.conf in its own prefix. */
function nginxTest(dir: string, conf: string): { status: number | null; output: string } {
  const prefix = mkdtempSync(join(dir, 'prefix-'));
  mkdirSync(join(prefix, 'conf.d'));
  writeFileSync(join(prefix, 'conf.d', 'default.conf'), conf);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'pid nginx.pid;',
      'error_log error.log;',
      'events {}',
      'http {',
      '  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;',
      '  access_log off;',
      '  include conf.d/default.conf;',
      '}',
      '',
    ].join('\n'),
  );
  const r = spawnSync(nginxBin, ['-t', '-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf')], {
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('nginx -t accepts every default.conf of the lessons', {
  skip: missing.length && !inCI ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kal-nginx-t-'));
    makeCa(dir, 'ca');
    makeLeaf(dir, 'ca', 'apiserver', '/CN=kube-apiserver', ['subjectAltName=DNS:localhost']);
    // Lesson 4 and 5's names for the same kind of files.
    copyFileSync(join(dir, 'ca.crt'), join(dir, 'rootCA.pem'));
    copyFileSync(join(dir, 'apiserver.crt'), join(dir, 'server.pem'));
    copyFileSync(join(dir, 'apiserver.key'), join(dir, 'server-key.pem'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a config with a misspelled directive (so the check does read default.conf)', () => {
    const broken = nginxConfig({ step: 'mtls', ...where() }).replace('ssl_verify_client', 'ssl_verify_clent');
    const r = nginxTest(dir, broken);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /unknown directive "ssl_verify_clent"/);
  });

  const where = () => ({ certDir: dir, listen: '127.0.0.1:18443', errorLog: join(dir, 'site-error.log') });
  for (const lang of ['en', 'ko'] as Lang[]) {
    for (const step of NGINX_LAB_STEPS) {
      it(`lesson ${step === 'https' ? 4 : 5} (${lang})`, () => {
        const r = nginxTest(dir, nginxConfig({ step, lang, ...where() }));
        assert.equal(r.status, 0, r.output);
        assert.match(r.output, /syntax is ok/);
      });
    }
    it(`lesson 6, the API server's certificate (${lang})`, () => {
      const r = nginxTest(dir, apiserverNginxConfig({ lang, ...where() }));
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /syntax is ok/);
    });
  }
});
