// Part 5's authenticating proxy, judged by real tools: nginx runs the site's config
// (src/recipes/proxy) with certificates made by the engine, in front of the kube-apiserver
// stand-in (tests/interop/go/apiserver, with its request-header authenticator), and kubectl and
// curl go through it. The user nginx verified is what `kubectl auth whoami` prints; a client's own
// X-Remote-* and Impersonate-* headers are dropped by the site's config and believed with the
// pitfall switched on; a proxy certificate with a CN outside the allowed names, or from the
// client CA, gets no header believed; empty allowed names accept any CN of the front-proxy CA.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type IssuedCertificate,
  issueClientCertificate,
  issueFrontProxyClientCertificate,
} from '../../src/pki/index.ts';
import { type ProxyConfigParams, proxyConfig, writeHtpasswd } from '../../src/recipes/proxy/index.ts';
import { KUBECTL_401, whoamiForUser } from '../../src/tokens/index.ts';
import {
  authenticateFullRequest,
  x509RequestAuthenticator,
} from '../../src/tokens/request-header-authenticate.ts';
import { requestHeaderAuthenticator } from '../../src/tokens/request-header-authenticator.ts';
import { OVERLAPPING_CA_ERROR } from '../../src/tokens/request-header-config.ts';
import { freePort } from '../support/net.ts';
import {
  issueProxyLabCertificates,
  KUBEADM_REQUESTHEADER_FLAGS as KUBEADM_FLAGS,
  nginxPrefix,
  runNginx,
  writeFiles,
} from '../support/proxy-nginx.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { httpStatus } from '../support/standin-client.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'nginx', 'kubectl', 'curl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the proxy tests need ${missing.join(', ')}`);

/** Runs nginx in the foreground, in its own prefix, with this default.conf. */
async function startNginx(dir: string, conf: string): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const prefix = nginxPrefix(dir, conf.replace('listen 8443 ssl;', `listen 127.0.0.1:${port} ssl;`));
  const { stop } = await runNginx(prefix, port);
  return { port, stop };
}

describe('nginx as an authenticating proxy in front of the stand-in, judged by kubectl and curl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let files = '';
  let standin: Standin;
  const stops: (() => void)[] = [];
  let userCa: IssuedCertificate;
  let proxyCa: IssuedCertificate;
  let certFiles: Record<string, string> = {};

  const write = (name: string, text: string) => writeFileSync(join(files, name), text);
  const kubectl = (port: number, ...args: string[]) => {
    const r = spawnSync(
      'kubectl',
      [
        '--kubeconfig',
        join(dir, 'empty.kubeconfig'),
        `--server=https://localhost:${port}`,
        `--certificate-authority=${join(files, 'rootCA.pem')}`,
        ...args,
      ],
      { encoding: 'utf8', stdin: 'ignore' } as never,
    );
    return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const jane = ['--client-certificate', '', '--client-key', ''];
  const curl = (port: number, ...args: string[]) => {
    const r = spawnSync(
      'curl',
      [
        '-sS',
        '--cacert',
        join(files, 'rootCA.pem'),
        '-X',
        'POST',
        '-H',
        'Content-Type: application/json',
        '--data',
        '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}',
        ...args,
        `https://localhost:${port}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
      ],
      { encoding: 'utf8' },
    );
    return JSON.parse(String(r.stdout) || '{}');
  };
  /** curl's SelfSubjectReview with jane's certificate and these headers of her own. */
  const janeSends = (port: number, headers: string[]) =>
    curl(
      port,
      '--cert',
      join(files, 'client.pem'),
      '--key',
      join(files, 'client-key.pem'),
      ...headers.flatMap((h) => ['-H', h]),
    );
  const proxy = async (
    p: Omit<ProxyConfigParams, 'certDir' | 'apiServer' | 'apiServerName' | 'errorLog'>,
    certDir = files,
  ) => {
    const n = await startNginx(
      dir,
      proxyConfig({
        ...p,
        certDir,
        apiServer: standin.url,
        apiServerName: 'localhost',
        errorLog: 'error.log',
      }),
    );
    stops.push(n.stop);
    return n.port;
  };
  /** The site's certificate-mode proxy, but with `cert` as its client certificate to the API server (in a folder `name`). */
  const proxyAs = (name: string, cert: IssuedCertificate) => {
    const sub = join(files, name);
    mkdirSync(sub);
    writeFiles(sub, {
      'rootCA.pem': certFiles['rootCA.pem']!,
      'server.pem': certFiles['server.pem']!,
      'server-key.pem': certFiles['server-key.pem']!,
      'cluster-ca.pem': certFiles['cluster-ca.pem']!,
      'front-proxy-client.pem': cert.certificatePem,
      'front-proxy-client-key.pem': cert.privateKeyPem,
    });
    return proxy({ mode: 'certificate' }, sub);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-proxy-'));
    files = join(dir, 'files');
    mkdirSync(files);
    writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    const certs = await issueProxyLabCertificates({
      algorithm: 'ECDSA-P256',
      clientSubject: { commonName: 'jane', organizations: ['devs', 'ops'] },
    });
    ({ userCa, proxyCa } = certs);
    certFiles = certs.files;
    writeFiles(files, certFiles);
    write('htpasswd', await writeHtpasswd([{ name: 'amy', password: 's3cret pass', groups: ['viewers'] }]));
    jane.splice(
      0,
      4,
      '--client-certificate',
      join(files, 'client.pem'),
      '--client-key',
      join(files, 'client-key.pem'),
    );
    standin = await startStandin(dir, {
      cert: join(files, 'apiserver.pem'),
      key: join(files, 'apiserver-key.pem'),
      clientCa: join(files, 'rootCA.pem'),
      requestHeaderFlags: {
        'requestheader-client-ca-file': join(files, 'front-proxy-ca.pem'),
        ...KUBEADM_FLAGS,
      },
    });
  });
  after(() => {
    for (const stop of stops) stop();
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the certificate's user and groups that nginx verified, as the engine predicts", async () => {
    const port = await proxy({ mode: 'certificate' });
    const r = kubectl(port, ...jane, 'auth', 'whoami');
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      whoamiForUser({
        username: 'jane',
        uid: '',
        groups: ['devs', 'ops', 'system:authenticated'],
        extra: {},
      }),
    );
  });

  it('drops the X-Remote-* and Impersonate-* headers a client sends, so jane stays jane', async () => {
    const port = await proxy({ mode: 'certificate' });
    const review = janeSends(port, [
      'X-Remote-User: admin',
      'X-Remote-Group: system:masters',
      'X-Remote-Extra-Scopes: everything',
      'Impersonate-User: admin',
    ]);
    assert.deepEqual(review.status?.userInfo, {
      username: 'jane',
      groups: ['devs', 'ops', 'system:authenticated'],
    });
  });

  it("with the pitfall on, believes the client's own X-Remote-User and extras", async () => {
    const port = await proxy({ mode: 'certificate', trustClientIdentity: true });
    const review = janeSends(port, ['X-Remote-User: admin', 'X-Remote-Extra-Scopes: everything']);
    assert.equal(review.status?.userInfo?.username, 'admin');
    assert.deepEqual(review.status?.userInfo?.extra, { scopes: ['everything'] });
  });

  it('authenticates a basic-auth user from the {SSHA} file the site writes, with its groups', async () => {
    const port = await proxy({
      mode: 'basic',
      users: [{ name: 'amy', password: 's3cret pass', groups: ['viewers'] }],
    });
    const r = kubectl(port, '--username=amy', '--password=s3cret pass', 'auth', 'whoami');
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      whoamiForUser({ username: 'amy', uid: '', groups: ['viewers', 'system:authenticated'], extra: {} }),
    );
    const wrong = httpStatus(
      '--cacert',
      join(files, 'rootCA.pem'),
      '-u',
      'amy:wrong',
      `https://localhost:${port}/api`,
    );
    assert.equal(wrong, 401);
  });

  it('believes no header from a proxy certificate whose CN is not allowed (401, the CN logged)', async () => {
    const other = await issueFrontProxyClientCertificate(
      { commonName: 'not-the-proxy', algorithm: 'ECDSA-P256' },
      proxyCa,
    );
    const port = await proxyAs('other', other);
    const r = kubectl(port, ...jane, 'auth', 'whoami');
    assert.equal(r.stderr.trim(), KUBECTL_401.whoami);
    assert.match(await standin.log(), /x509: subject with cn=not-the-proxy is not in the allowed list/);
  });

  it("takes a client-CA certificate named front-proxy-client as that user, not as a proxy: jane's headers are ignored", async () => {
    const impostor = await issueClientCertificate(
      { subject: { commonName: 'front-proxy-client' }, algorithm: 'ECDSA-P256' },
      userCa,
    );
    const port = await proxyAs('impostor', impostor);
    const r = kubectl(port, ...jane, 'auth', 'whoami');
    assert.equal(
      r.stdout,
      whoamiForUser({ username: 'front-proxy-client', uid: '', groups: ['system:authenticated'], extra: {} }),
    );
    // The request-header error is remembered, the x509 authenticator then accepts the same
    // certificate: nothing is logged, and the engine's chain says the same.
    const predicted = await authenticateFullRequest({
      request: { headers: [['X-Remote-User', 'jane']], peerCertificatesPem: impostor.certificatePem },
      requestAuthenticators: [
        requestHeaderAuthenticator({ clientCaPem: proxyCa.certificatePem }),
        x509RequestAuthenticator({ clientCaPem: userCa.certificatePem }),
      ],
    });
    assert.equal(predicted.authenticatedBy, 'x509');
    assert.equal(r.stdout, whoamiForUser(predicted.user!));
    assert.match(
      predicted.requestTrace[0]?.verdict.kind === 'error' ? predicted.requestTrace[0].verdict.error : '',
      /failed: x509: certificate signed by unknown authority/,
    );
  });

  it('with empty allowed names, believes any certificate of the front-proxy CA', async () => {
    const open = await startStandin(dir, {
      cert: join(files, 'apiserver.pem'),
      key: join(files, 'apiserver-key.pem'),
      requestHeaderFlags: {
        'requestheader-client-ca-file': join(files, 'front-proxy-ca.pem'),
        ...KUBEADM_FLAGS,
        'requestheader-allowed-names': '',
      },
    });
    stops.push(open.stop);
    const other = await issueFrontProxyClientCertificate(
      { commonName: 'anything', algorithm: 'ECDSA-P256' },
      proxyCa,
    );
    writeFileSync(join(dir, 'any.pem'), other.certificatePem);
    writeFileSync(join(dir, 'any-key.pem'), other.privateKeyPem);
    const review = spawnSync(
      'curl',
      [
        '-sS',
        '--cacert',
        join(files, 'cluster-ca.pem'),
        '--cert',
        join(dir, 'any.pem'),
        '--key',
        join(dir, 'any-key.pem'),
        '-H',
        'X-Remote-User: someone',
        '-H',
        'X-Remote-Group: system:masters',
        '-X',
        'POST',
        `${open.url}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
      ],
      { encoding: 'utf8' },
    );
    assert.deepEqual(JSON.parse(review.stdout).status.userInfo, {
      username: 'someone',
      groups: ['system:masters', 'system:authenticated'],
    });
  });

  it('refuses to start, as kube-apiserver 1.35 does, with the client CA as request-header CA and no allowed names', async () => {
    await assert.rejects(
      startStandin(dir, {
        cert: join(files, 'apiserver.pem'),
        key: join(files, 'apiserver-key.pem'),
        clientCa: join(files, 'rootCA.pem'),
        requestHeaderFlags: {
          'requestheader-client-ca-file': join(files, 'rootCA.pem'),
          'requestheader-allowed-names': '',
          'requestheader-username-headers': 'X-Remote-User',
        },
      }),
      (e: Error) => e.message.includes(OVERLAPPING_CA_ERROR),
    );
  });
});
