// kubectl against the Go stand-in for kube-apiserver's x509 authenticator
// (tests/interop/go/apiserver): real kubectl, real Go crypto/x509 verification, real TLS.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CREDENTIAL_ID_EXTRA_KEY, whoamiPreview, x509CredentialId } from '../../src/kube/index.ts';
import { inspectCertificate } from '../../src/pki/index.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { startClientCertificateStandin } from '../support/standin-certs.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'openssl', 'kubectl', 'curl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the stand-in tests need ${missing.join(', ')}`);

function kubectl(kubeconfig: string, ...args: string[]) {
  const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig, ...args], {
    encoding: 'utf8',
    stdin: 'ignore',
  } as never);
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A kubeconfig made with kubectl's own commands, certificates embedded. */
function kubeconfigFor(dir: string, url: string, user: string, cert: string, key: string): string {
  const file = join(dir, `${user}.kubeconfig`);
  const run = (...a: string[]) =>
    execFileSync('kubectl', ['--kubeconfig', file, ...a], { cwd: dir, stdio: 'ignore' });
  run('config', 'set-cluster', 'lab', `--server=${url}`, '--certificate-authority=ca.crt', '--embed-certs');
  run(
    'config',
    'set-credentials',
    user,
    `--client-certificate=${cert}`,
    `--client-key=${key}`,
    '--embed-certs',
  );
  run('config', 'set-context', `${user}@lab`, '--cluster=lab', `--user=${user}`);
  run('config', 'use-context', `${user}@lab`);
  return file;
}

describe('the kube-apiserver stand-in, driven by kubectl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let server: Standin;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-standin-'));
    server = await startClientCertificateStandin(dir);
    makeCa(dir, 'other-ca', 'someone-else');
    makeLeaf(dir, 'ca', 'jane', '/CN=jane/O=developers/O=ops', ['extendedKeyUsage=clientAuth']);
    makeLeaf(dir, 'ca', 'bob', '/CN=bob/O=developers', ['extendedKeyUsage=clientAuth']);
    makeLeaf(dir, 'other-ca', 'mallory', '/CN=mallory/O=ops', ['extendedKeyUsage=clientAuth']);
    makeLeaf(dir, 'ca', 'nocn', '/O=ops', ['extendedKeyUsage=clientAuth']);
  });

  /** kubectl as `user`, with `user`.crt and .key from the folder. */
  const kubectlAs = (user: string, ...args: string[]) =>
    kubectl(kubeconfigFor(dir, server.url, user, `${user}.crt`, `${user}.key`), ...args);

  after(() => {
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('kubectl auth whoami prints the CN as the user and every O plus system:authenticated as groups', () => {
    const r = kubectlAs('jane', 'auth', 'whoami');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [developers ops system:authenticated]\n',
    );
  });

  it('like kube-apiserver 1.32+, it can report the credential ID; kubectl then prints what the kubeconfig builder previews', async () => {
    const modern = await startStandin(dir, {
      cert: 'apiserver.crt',
      key: 'apiserver.key',
      clientCa: 'ca.crt',
      credentialId: true,
    });
    try {
      const kc = kubeconfigFor(dir, modern.url, 'jane', 'jane.crt', 'jane.key');
      const r = kubectl(kc, 'auth', 'whoami');
      assert.equal(r.status, 0, r.stderr);
      const { fingerprints } = await inspectCertificate(readFileSync(join(dir, 'jane.crt'), 'utf8'));
      assert.equal(
        r.stdout,
        whoamiPreview({
          user: 'jane',
          groups: ['developers', 'ops'],
          extra: { [CREDENTIAL_ID_EXTRA_KEY]: [x509CredentialId(fingerprints.sha256)] },
        }),
      );
      assert.match(
        r.stdout,
        /^Extra: authentication\.kubernetes\.io\/credential-id {3}\[X509SHA256=[0-9a-f]{64}\]$/m,
      );
    } finally {
      modern.stop();
    }
  });

  it('kubectl get --raw /api answers for an authenticated user', () => {
    const r = kubectlAs('jane', 'get', '--raw', '/api');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).kind, 'APIVersions');
  });

  it('authorization follows the groups: ops may list pods, developers may not', () => {
    const allowed = kubectlAs('jane', 'get', 'pods', '-n', 'kube-system');
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stderr + allowed.stdout, /No resources found in kube-system namespace\./);
    const denied = kubectlAs('bob', 'get', 'pods', '-n', 'kube-system');
    assert.equal(denied.status, 1);
    assert.match(
      denied.stderr,
      /Error from server \(Forbidden\): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "kube-system"/,
    );
  });

  /** kubectl get --raw /api with `user`.crt and .key is Unauthorized, and the stand-in logs `reason`. */
  const unauthorized = async (user: string, reason: RegExp) => {
    const r = kubectlAs(user, 'get', '--raw', '/api');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error: You must be logged in to the server \(Unauthorized\)/);
    assert.match(await server.log(), reason);
  };

  it('a certificate from another CA is Unauthorized, not anonymous', async () => {
    await unauthorized('mallory', /x509: certificate signed by unknown authority/);
  });

  it('a server certificate used as a client certificate is Unauthorized (incompatible key usage)', async () => {
    await unauthorized('apiserver', /x509: certificate specifies an incompatible key usage/);
  });

  it('no client certificate, or one with an empty CN, is system:anonymous and forbidden', () => {
    for (const extra of [[], ['--cert', 'nocn.crt', '--key', 'nocn.key']]) {
      const r = spawnSync('curl', ['-sS', '--cacert', 'ca.crt', ...extra, `${server.url}/api`], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      const status = JSON.parse(r.stdout);
      assert.equal(status.code, 403);
      assert.equal(status.message, 'forbidden: User "system:anonymous" cannot get path "/api"');
    }
  });
});
