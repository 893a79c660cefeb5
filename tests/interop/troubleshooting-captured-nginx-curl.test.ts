// The explainer's nginx, curl and OpenSSL samples are what those tools really print: nginx 1.22
// requiring client certificates (the pages and error-log lines of lessons 4 and 5), and curl 7.88
// against nginx and openssl s_server (untrusted, self-signed, expired and not-yet-valid servers, a
// refused port, a certificate without its key, a plain-HTTP port, a server that wants a certificate).
// openssl s_client on broken chains. Each captured line must hold its catalogue sample (numbers aside)
// and be named as its entry; every wording whose source mark names these runs must be produced here.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueRootCa, issueServerCertificate } from '../../src/pki/index.ts';
import { judgeCaptured, markedCaptured } from '../support/explain-capture.ts';
import { freePort } from '../support/net.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { hasTool, inCI } from '../support/tools.ts';

const TOOLS = ['nginx', 'curl', 'openssl'];
const missing = TOOLS.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and these tests need ${missing.join(', ')}`);

const compared = new Set<string>();
const judge = (key: string, said: string) => judgeCaptured(key, said, compared);

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]).status === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

describe('the explainer knows what nginx, curl and OpenSSL really print', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let nginx: ChildProcess | undefined;
  const servers: ChildProcess[] = [];
  let tls = 0;
  let plain = 0;
  const curl = (...args: string[]) => {
    const r = spawnSync('curl', ['-sS', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    return `${r.stdout}${r.stderr}`;
  };
  const errorLog = () => readFileSync(join(dir, 'logs/error.log'), 'utf8');
  /** An openssl s_server on a free port. */
  const sServer = async (...args: string[]) => {
    const port = await freePort();
    const child = spawn('openssl', ['s_server', '-quiet', '-accept', `127.0.0.1:${port}`, ...args, '-www'], {
      cwd: dir,
      stdio: 'ignore',
    });
    servers.push(child);
    await waitForPort(port);
    return port;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-captured-nginx-'));
    makeCa(dir, 'ca');
    makeCa(dir, 'other');
    makeLeaf(dir, 'ca', 'server', '/CN=localhost', [
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'extendedKeyUsage=serverAuth',
    ]);
    makeLeaf(dir, 'ca', 'client', '/CN=jane/O=developers', ['extendedKeyUsage=clientAuth']);
    // Lesson 5's name for the client certificate without its key.
    writeFileSync(join(dir, 'client.pem'), readFileSync(join(dir, 'client.crt')));
    makeLeaf(dir, 'other', 'stranger', '/CN=jane', ['extendedKeyUsage=clientAuth']);
    mkdirSync(join(dir, 'logs'));
    mkdirSync(join(dir, 'tmp'));
    tls = await freePort();
    plain = await freePort();
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (t) => `${t}_temp_path ${dir}/tmp;`,
    );
    // Lesson 5's server: TLS with client certificates required (info level logs the reasons).
    writeFileSync(
      join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log info;
events {}
http {
  access_log off;
  ${temp.join(' ')}
  server {
    listen 127.0.0.1:${tls} ssl;
    ssl_certificate ${dir}/server.crt;
    ssl_certificate_key ${dir}/server.key;
    ssl_client_certificate ${dir}/ca.crt;
    ssl_verify_client on;
    location / { return 200 "hello $ssl_client_s_dn\\n"; }
  }
  server {
    listen 127.0.0.1:${plain};
    location / { return 200 "plain\\n"; }
  }
}
`,
    );
    nginx = spawn(
      'nginx',
      ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs/error.log'), '-g', 'daemon off;'],
      {
        stdio: 'ignore',
      },
    );
    await waitForPort(tls);
    await waitForPort(plain);
  });
  after(() => {
    nginx?.kill();
    for (const s of servers) s.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("captures nginx's answers and log lines when a client certificate is required", async () => {
    const url = `https://localhost:${tls}/`;
    const http = curl(`http://127.0.0.1:${tls}/`);
    judge('plain-http-to-https#0', http);
    const none = curl('--cacert', 'ca.crt', url);
    judge('nginx-no-certificate#0', none);
    const stranger = curl('--cacert', 'ca.crt', '--cert', 'stranger.crt', '--key', 'stranger.key', url);
    judge('nginx-certificate-error#0', stranger);
    judge('nginx-certificate-error#1', stranger);
    // Lesson 5, experiment 5: the server certificate offered as a client certificate.
    curl('--cacert', 'ca.crt', '--cert', 'server.crt', '--key', 'server.key', url);
    // A client that does not trust nginx's certificate ends the handshake with an alert.
    const untrusted = curl(url);
    judge('unknown-authority#1', untrusted);
    judge('curl-60#1', untrusted);
    // A --cert file that is not there.
    mkdirSync(join(dir, 'elsewhere'));
    const elsewhere = spawnSync('curl', ['-sS', '--cacert', '../ca.crt', '--cert', 'client.pem', url], {
      cwd: join(dir, 'elsewhere'),
      encoding: 'utf8',
      timeout: 30_000,
    });
    judge('curl-key#1', `${elsewhere.stdout}${elsewhere.stderr}`);
    assert.match(
      curl('--cacert', 'ca.crt', '--cert', 'client.crt', '--key', 'client.key', url),
      /hello \S*CN=jane/,
    );
    await new Promise((r) => setTimeout(r, 300));
    const log = errorLog();
    judge('plain-http-to-https#1', log);
    judge('nginx-no-certificate#1', log);
    judge('nginx-certificate-error#2', log);
    judge(
      'unknown-authority#2',
      log
        .split('\n')
        .filter((l) => l.includes('(21:'))
        .join('\n'),
    );
    judge('incompatible-usage#1', log);
    judge('peer-rejected-certificate#0', log);
  });

  it("captures curl's TLS errors against openssl s_server", async () => {
    const selfSigned = await sServer('-cert', 'ca.crt', '-key', 'ca.key');
    judge('self-signed#0', curl(`https://localhost:${selfSigned}/`));
    const withRoot = await sServer('-cert', 'server.crt', '-key', 'server.key', '-cert_chain', 'ca.crt');
    judge('self-signed-in-chain#0', curl(`https://localhost:${withRoot}/`));
    const ca = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
    const day = 86_400_000;
    for (const [name, notBefore, key] of [
      ['expired', new Date(Date.now() - 10 * day), 'expired#2'],
      ['future', new Date(Date.now() + 10 * day), 'not-yet-valid#1'],
    ] as const) {
      const cert = await issueServerCertificate(
        {
          subject: { commonName: 'localhost' },
          dnsNames: ['localhost'],
          algorithm: 'ECDSA-P256',
          notBefore,
          validityDays: 7,
        },
        ca,
      );
      writeFileSync(join(dir, `${name}.crt`), cert.certificatePem);
      writeFileSync(join(dir, `${name}.key`), cert.privateKeyPem);
      writeFileSync(join(dir, 'lab-root.crt'), ca.certificatePem);
      const port = await sServer('-cert', `${name}.crt`, '-key', `${name}.key`);
      judge(key, curl('--cacert', 'lab-root.crt', `https://localhost:${port}/`));
    }
    const wantsCert = await sServer(
      '-cert',
      'server.crt',
      '-key',
      'server.key',
      '-Verify',
      '1',
      '-CAfile',
      'ca.crt',
    );
    judge('certificate-required#0', curl('--cacert', 'ca.crt', `https://localhost:${wantsCert}/`));
    judge('curl-35#0', curl('--tls-max', '1.2', '--cacert', 'ca.crt', `https://localhost:${wantsCert}/`));
    // Lesson 5, experiment 3: --cert without --key.
    judge(
      'curl-key#0',
      curl('--cacert', 'ca.crt', '--cert', 'client.pem', `https://localhost:${wantsCert}/`),
    );
  });

  it("captures openssl s_client's verdicts on broken chains, and a key that is not the certificate's", async () => {
    const run = (args: string[]) => spawnSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    const sign = (signer: string, name: string, ext: string) =>
      makeLeaf(dir, signer, name, `/CN=${name}`, ext.trimEnd().split('\n'), { days: 5 });
    run([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'root0.key',
      '-out',
      'root0.crt',
      '-subj',
      '/CN=Root0',
      '-days',
      '5',
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ]);
    const leafExt = 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n';
    const caExt = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n';
    sign('ca', 'notca', 'basicConstraints=critical,CA:FALSE\n');
    sign('notca', 'leaf-notca', leafExt);
    sign('root0', 'int0', caExt);
    sign('int0', 'leaf-deep', leafExt);
    sign('ca', 'leaf-critical', `${leafExt}1.2.3.4=critical,ASN1:NULL\n`);
    const verdict = async (leaf: string, chain: string | undefined, trust: string) => {
      const port = await sServer(
        '-cert',
        `${leaf}.crt`,
        '-key',
        `${leaf}.key`,
        ...(chain ? ['-cert_chain', chain] : []),
      );
      const r = spawnSync(
        'openssl',
        ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', trust, '-verify_return_error'],
        {
          cwd: dir,
          input: '',
          encoding: 'utf8',
          timeout: 20_000,
        },
      );
      return `${r.stdout}${r.stderr}`;
    };
    judge('not-a-ca#2', await verdict('leaf-notca', 'notca.crt', 'ca.crt'));
    judge('path-length#1', await verdict('leaf-deep', 'int0.crt', 'root0.crt'));
    judge('unhandled-critical-extension#1', await verdict('leaf-critical', undefined, 'ca.crt'));
    // openssl s_server refuses a key that is not the certificate's.
    const mismatch = spawnSync(
      'openssl',
      ['s_server', '-accept', `127.0.0.1:${await freePort()}`, '-cert', 'server.crt', '-key', 'client.key'],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    judge('key-mismatch#1', `${mismatch.stdout}${mismatch.stderr}`);
  });

  it("captures curl's refused connection and HTTPS to a plain-HTTP port", async () => {
    const closed = await freePort();
    judge('connection-refused#2', curl(`https://localhost:${closed}/`));
    judge('https-to-plain-port#0', curl(`https://localhost:${plain}/`));
  });

  it('produces every sample marked as captured from nginx or curl', () => {
    const marked = markedCaptured(/^(nginx|curl 7\.88\.1 \(|OpenSSL 3\.0 s_(client|server) \()/);
    assert.deepEqual(
      marked.filter((k) => !compared.has(k)),
      [],
    );
    assert.deepEqual(
      [...compared].filter((k) => !marked.includes(k)),
      [],
    );
  });
});
