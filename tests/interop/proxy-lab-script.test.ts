// proxy-lab.sh, the generated text itself: shellcheck passes it in both languages, and run with
// --local (this host's nginx) in a folder of engine-made files, in front of the stand-in, it
// reports the reader as the API server sees them and exits 0 when the site's config drops a
// client's X-Remote-User, 1 when the pitfall config lets the API server believe it, and 2 with a
// clear message when a file is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { proxyConfig, proxyLabScript, SPOOFED_USER, writeHtpasswd } from '../../src/recipes/proxy/index.ts';
import { freePort } from '../support/net.ts';
import { issueProxyLabCertificates, writeFiles } from '../support/proxy-nginx.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'nginx', 'curl', 'shellcheck'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI)
  throw new Error(`CI=true and the proxy lab script tests need ${missing.join(', ')}`);

describe('proxy-lab.sh, checked by shellcheck and run with --local against the stand-in', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let standin: Standin;
  const run = async (folder: string, ...args: string[]) => {
    const port = await freePort();
    const r = spawnSync('bash', [join(dir, 'proxy-lab.sh'), '--local', '--port', String(port), ...args], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const folder = (name: string, conf: string, files: Record<string, string>) => {
    const f = join(dir, name);
    spawnSync('mkdir', ['-p', f]);
    for (const [n, text] of Object.entries({ ...files, 'default.conf': conf }))
      writeFileSync(join(f, n), text);
    return f;
  };
  let files: Record<string, string> = {};
  const conf = (p: Partial<Parameters<typeof proxyConfig>[0]> = {}) =>
    proxyConfig({ mode: 'certificate', apiServer: standin.url, apiServerName: 'localhost', ...p });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-proxy-lab-'));
    writeFileSync(join(dir, 'proxy-lab.sh'), proxyLabScript());
    writeFileSync(join(dir, 'proxy-lab.ko.sh'), proxyLabScript('ko'));
    const certs = await issueProxyLabCertificates({
      algorithm: 'ECDSA-P256',
      clientSubject: { commonName: 'jane', organizations: ['devs'] },
    });
    const {
      'apiserver.pem': apiserver,
      'apiserver-key.pem': apiserverKey,
      'front-proxy-ca.pem': proxyCa,
      'front-proxy-ca-key.pem': _,
      ...lab
    } = certs.files;
    writeFiles(dir, {
      'apiserver.pem': apiserver!,
      'apiserver-key.pem': apiserverKey!,
      'front-proxy-ca.pem': proxyCa!,
    });
    files = {
      ...lab,
      htpasswd: await writeHtpasswd([{ name: 'amy', password: 'pw 1', groups: ['viewers'] }]),
    };
    standin = await startStandin(dir, {
      cert: join(dir, 'apiserver.pem'),
      key: join(dir, 'apiserver-key.pem'),
      requestHeaderFlags: {
        'requestheader-client-ca-file': join(dir, 'front-proxy-ca.pem'),
        'requestheader-allowed-names': 'front-proxy-client',
        'requestheader-username-headers': 'X-Remote-User',
        'requestheader-group-headers': 'X-Remote-Group',
      },
    });
  });
  after(() => {
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes shellcheck in both languages', () => {
    const r = spawnSync('shellcheck', [join(dir, 'proxy-lab.sh'), join(dir, 'proxy-lab.ko.sh')], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout);
  });
  it('with the site’s config: reports jane and exits 0, the spoofed user dropped', async () => {
    const r = await run(folder('safe', conf(), files));
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /"username":"jane","groups":\["devs","system:authenticated"\]/);
    assert.match(r.out, /The proxy dropped the client’s X-Remote-User/);
  });
  it('with the pitfall: exits 1, the API server believed the spoofed user', async () => {
    const r = await run(folder('pitfall', conf({ trustClientIdentity: true }), files));
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, new RegExp(`"username":"${SPOOFED_USER}"`));
    assert.match(r.out, /believed the client’s own X-Remote-User/);
  });
  it('in basic mode logs in with --user and --password', async () => {
    const users = [{ name: 'amy', password: 'pw 1', groups: ['viewers'] }];
    const r = await run(
      folder('basic', conf({ mode: 'basic', users }), files),
      '--user',
      'amy',
      '--password',
      'pw 1',
    );
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /"username":"amy","groups":\["viewers","system:authenticated"\]/);
  });
  it('stops with exit 2 and names the missing files', async () => {
    const { 'front-proxy-client.pem': _, ...rest } = files;
    const r = await run(folder('missing', conf(), rest));
    assert.equal(r.status, 2);
    assert.match(r.out, /proxy-lab\.sh: missing in .*: front-proxy-client\.pem/);
  });
});
