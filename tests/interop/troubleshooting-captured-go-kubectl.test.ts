// The explainer's Go and kubectl samples are what those tools really print. Go 1.19's crypto/x509
// (tests/interop/go/verify) judges certificates made for each error (by the engine, openssl and the
// byte-level corpus), and kubectl talks to an openssl s_server (TLS errors) and to the stand-in
// (401s, its warning) and reads kubeconfigs with missing files. Each captured line must hold its
// catalogue sample (numbers aside: ports, addresses, times) and be recognised as that entry. Every
// wording whose source mark says "captured: Go 1.19" or "captured: kubectl" must be produced here.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainError } from '../../src/explain/index.ts';
import { issueClientCertificate, issueRootCa, issueServerCertificate } from '../../src/pki/index.ts';
import { randomToken, writeTokenFile } from '../../src/tokens/index.ts';
import { judgeCaptured, markedCaptured } from '../support/explain-capture.ts';
import { buildGoProgram } from '../support/go.ts';
import { freePort } from '../support/net.ts';
import { makeCa, makeLeaf, type OpensslKey } from '../support/openssl.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { fidelityCorpus } from './pki-go-corpus.ts';

const TOOLS = ['go', 'openssl', 'kubectl'];
const missing = TOOLS.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and these tests need ${missing.join(', ')}`);

/** Which wordings this file captured, for the check that every "captured" mark is honoured. */
const compared = new Set<string>();
const judge = (key: string, said: string) => judgeCaptured(key, said, compared);

interface GoCase {
  name: string;
  leaf: string;
  roots: string;
  intermediates?: string;
  purpose?: 'client' | 'server';
  hostname?: string;
  at?: string;
}

function goVerify(cases: GoCase[]): string[] {
  const run = spawnSync(buildGoProgram('verify'), [], {
    input: JSON.stringify(
      cases.map((c) => ({
        intermediates: '',
        purpose: 'client',
        hostname: '',
        at: '',
        ...c,
      })),
    ),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { error: string; parseError: string }[]).map(
    (v) => v.parseError || v.error,
  );
}

/** Chains made with openssl for Go's chain errors: SHA-1, a same-named CA, a critical extension, pathlen, a non-CA issuer. */
async function moreChains(): Promise<[string, GoCase][]> {
  const { readFileSync } = await import('node:fs');
  const d = mkdtempSync(join(tmpdir(), 'kal-captured-chains-'));
  const read = (f: string) => readFileSync(join(d, f), 'utf8');
  const ca = (name: string, key: OpensslKey, extra = '') =>
    makeCa(d, name, {
      key,
      days: 5,
      basicConstraints: `critical,CA:TRUE${extra}`,
      keyUsage: 'critical,keyCertSign,digitalSignature',
    });
  const sign = (signer: string, name: string, ext: string, digest?: string) =>
    makeLeaf(d, signer, name, `/CN=${name}`, ext.trimEnd().split('\n'), {
      days: 5,
      ...(digest ? { digest } : {}),
    });
  ca('root', 'rsa');
  ca('twin', 'rsa');
  ca('ecroot', 'p256');
  ca('ectwin', 'p256');
  ca('root0', 'rsa', ',pathlen:0');
  const leafExt = 'extendedKeyUsage=clientAuth\n';
  const caExt = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n';
  sign('root', 'sha1', leafExt, '-sha1');
  sign('root', 'rsaleaf', leafExt);
  sign('ecroot', 'ecleaf', leafExt);
  sign('root', 'critical', `${leafExt}1.2.3.4=critical,ASN1:NULL\n`);
  sign('root0', 'int0', caExt);
  sign('int0', 'deep', leafExt);
  sign('root', 'notca', 'basicConstraints=critical,CA:FALSE\n');
  sign('notca', 'under', leafExt);
  const out: [string, GoCase][] = [
    ['insecure-algorithm#0', { name: 'sha1', leaf: read('sha1.crt'), roots: read('root.crt') }],
    ['bad-signature#1', { name: 'twin', leaf: read('rsaleaf.crt'), roots: read('twin.crt') }],
    ['bad-signature#2', { name: 'ectwin', leaf: read('ecleaf.crt'), roots: read('ectwin.crt') }],
    ['unhandled-critical-extension#0', { name: 'crit', leaf: read('critical.crt'), roots: read('root.crt') }],
    [
      'path-length#0',
      { name: 'pathlen', leaf: read('deep.crt'), intermediates: read('int0.crt'), roots: read('root0.crt') },
    ],
    [
      'not-a-ca#0',
      { name: 'notca', leaf: read('under.crt'), intermediates: read('notca.crt'), roots: read('root.crt') },
    ],
  ];
  rmSync(d, { recursive: true, force: true });
  return out;
}

describe('the explainer knows what Go 1.19 and kubectl really print', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  const servers: ChildProcess[] = [];
  let standin: Standin | undefined;
  const kubectl = (...args: string[]) => {
    // A token, so that kubectl never stops to ask for a user name; it fails before sending it.
    const r = spawnSync(
      'kubectl',
      ['--kubeconfig', join(dir, 'empty.kubeconfig'), '--token=unused', ...args],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      },
    );
    return `${r.stdout}${r.stderr}`;
  };
  /** An openssl s_server with cert/key, on a free port. */
  const serve = async (cert: string, key: string, ...more: string[]) => {
    const port = await freePort();
    const child = spawn(
      'openssl',
      ['s_server', '-quiet', '-accept', `127.0.0.1:${port}`, '-cert', cert, '-key', key, ...more, '-www'],
      { cwd: dir, stdio: 'ignore' },
    );
    servers.push(child);
    for (let i = 0; i < 50; i++) {
      if (spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]).status === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return port;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kal-captured-go-'));
    writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    makeCa(dir, 'ca');
    makeCa(dir, 'other');
    // kubeadm's apiserver.crt names.
    makeLeaf(dir, 'ca', 'apiserver', '/CN=kube-apiserver', [
      'subjectAltName=DNS:cp1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1,IP:192.0.2.10',
      'extendedKeyUsage=serverAuth',
    ]);
    makeLeaf(dir, 'other', 'stranger', '/CN=jane', ['extendedKeyUsage=clientAuth']);
    makeLeaf(dir, 'ca', 'localhost', '/CN=localhost', [
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'extendedKeyUsage=serverAuth',
    ]);
  });
  after(() => {
    for (const s of servers) s.kill();
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("captures Go's verdicts on names, dates, usages and what its parser refuses", async () => {
    const ca = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
    const server = (dnsNames: string[], ipAddresses: string[] = [], cn = 'kube-apiserver') =>
      issueServerCertificate(
        { subject: { commonName: cn }, dnsNames, ipAddresses, algorithm: 'ECDSA-P256' },
        ca,
      );
    const dnsOnly = await server(['kubernetes']);
    const client = await issueClientCertificate(
      { subject: { commonName: 'jane' }, algorithm: 'ECDSA-P256', validityDays: 30 },
      ca,
    );
    const day = 86_400_000;
    const old = await issueClientCertificate(
      {
        subject: { commonName: 'old' },
        algorithm: 'ECDSA-P256',
        notBefore: new Date(Date.now() - 10 * day),
        validityDays: 7,
      },
      ca,
    );
    const future = await issueClientCertificate(
      {
        subject: { commonName: 'soon' },
        algorithm: 'ECDSA-P256',
        notBefore: new Date(Date.now() + 10 * day),
        validityDays: 7,
      },
      ca,
    );
    const two000 = await server(Array.from({ length: 2000 }, (_, i) => `host-${i}.example.com`));
    const corpus = new Map((await fidelityCorpus()).map((c) => [c.name, c]));
    const pick = (name: string) => {
      const c = corpus.get(name);
      assert.ok(c, name);
      return c;
    };
    const roots = ca.certificatePem;
    const cases: [string, GoCase][] = [
      [
        'no-ip-sans#0',
        { name: 'ip', leaf: dnsOnly.certificatePem, roots, purpose: 'server', hostname: '203.0.113.9' },
      ],
      [
        'hostname-mismatch#5',
        { name: 'none', leaf: client.certificatePem, roots, purpose: 'server', hostname: 'kube.example.org' },
      ],
      ['expired#0', { name: 'expired', leaf: old.certificatePem, roots }],
      ['not-yet-valid#0', { name: 'future', leaf: future.certificatePem, roots }],
      ['incompatible-usage#0', { name: 'usage', leaf: client.certificatePem, roots, purpose: 'server' }],
      ['name-constraints#0', pick('NC dns not permitted')],
      ['too-many-constraints#0', pick('NC more than 250000 comparisons')],
      ['duplicate-extensions#0', pick('duplicate extensions')],
      ['unsupported-curve#0', pick('leaf on secp256k1')],
      ...(await moreChains()),
    ];
    const said = goVerify([
      ...cases.map(([, c]) => c),
      { name: '2000', leaf: two000.certificatePem, roots, purpose: 'server', hostname: 'kube.example.org' },
    ]);
    for (const [i, [key]] of cases.entries()) judge(key, said[i]!);
    // Go lists all 2,000 names before the host; the explainer still finds the host at the end.
    const long = said[cases.length]!;
    assert.ok(long.length > 30_000 && long.endsWith(', not kube.example.org'), long.slice(-80));
    const { matches } = explainError(long);
    assert.deepEqual(
      matches.map((m) => [m.id, m.captures.host]),
      [['hostname-mismatch', 'kube.example.org']],
    );
  });

  it('captures the legacy Common Name error from Go', async () => {
    makeLeaf(dir, 'ca', 'cn-only', '/CN=kube.example.org', ['extendedKeyUsage=serverAuth']);
    const { readFileSync } = await import('node:fs');
    const [said] = goVerify([
      {
        name: 'cn',
        leaf: readFileSync(join(dir, 'cn-only.crt'), 'utf8'),
        roots: readFileSync(join(dir, 'ca.crt'), 'utf8'),
        purpose: 'server',
        hostname: 'kube.example.org',
      },
    ]);
    judge('legacy-common-name#0', said!);
  });

  it("captures kubectl's TLS errors: an unknown CA, and a name or address not in kubeadm's apiserver.crt", async () => {
    // Go checks the name before the chain: the unknown CA needs a server whose SANs hold 127.0.0.1.
    const local = await serve('localhost.crt', 'localhost.key');
    judge(
      'unknown-authority#0',
      kubectl(
        `--server=https://127.0.0.1:${local}`,
        `--certificate-authority=${join(dir, 'other.crt')}`,
        'get',
        '--raw',
        '/version',
      ),
    );
    const port = await serve('apiserver.crt', 'apiserver.key');
    const server = `--server=https://127.0.0.1:${port}`;
    const ca = `--certificate-authority=${join(dir, 'ca.crt')}`;
    const byName = kubectl(server, ca, '--tls-server-name=kube.example.org', 'get', '--raw', '/version');
    judge('hostname-mismatch#4', byName);
    const byAddress = kubectl(server, ca, '--tls-server-name=203.0.113.9', 'get', '--raw', '/version');
    judge('hostname-mismatch#8', byAddress);
  });

  it("captures Go's alerts from a server that requires a client certificate (kubectl against openssl s_server)", async () => {
    const port = await serve(
      'localhost.crt',
      'localhost.key',
      '-Verify',
      '1',
      '-verify_return_error',
      '-CAfile',
      'ca.crt',
    );
    const at = [`--server=https://127.0.0.1:${port}`, `--certificate-authority=${join(dir, 'ca.crt')}`];
    judge('certificate-required#1', kubectl(...at, 'get', '--raw', '/version'));
    judge(
      'peer-rejected-certificate#1',
      kubectl(
        ...at,
        `--client-certificate=${join(dir, 'stranger.crt')}`,
        `--client-key=${join(dir, 'stranger.key')}`,
        'get',
        '--raw',
        '/version',
      ),
    );
  });

  it("captures kubectl's refused connection and its missing kubeconfig files", async () => {
    const closed = await freePort();
    const refused = kubectl(`--server=https://127.0.0.1:${closed}`, 'get', 'pods');
    judge('connection-refused#0', refused);
    judge('connection-refused#1', refused);
    writeFileSync(
      join(dir, 'missing-files.kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: kubernetes, cluster: {server: "https://127.0.0.1:6443", certificate-authority: /home/jane/ca.crt}}]',
        'users: [{name: jane, user: {client-certificate: /home/jane/certs/jane.crt, client-key: /home/jane/certs/jane.key}}]',
        'contexts: [{name: jane, context: {cluster: kubernetes, user: jane}}]',
        'current-context: jane',
        '',
      ].join('\n'),
    );
    const run = (...args: string[]) => {
      const r = spawnSync('kubectl', ['--kubeconfig', join(dir, 'missing-files.kubeconfig'), ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      });
      return `${r.stdout}${r.stderr}`;
    };
    // kubectl lists every file it cannot read under "Error in configuration:".
    const said = run('get', 'pods');
    judge('kubeconfig-file-missing#0', said);
    judge('kubeconfig-file-missing#1', said);
  });

  it("captures kubectl's refusals of a kubeconfig whose embedded key or certificate is wrong", async () => {
    const { readFileSync } = await import('node:fs');
    const b64 = (f: string) => readFileSync(join(dir, f)).toString('base64');
    const says = (cert: string, key: string) => {
      writeFileSync(
        join(dir, 'embedded.kubeconfig'),
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters: [{name: k, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
          `users: [{name: j, user: {client-certificate-data: ${cert}, client-key-data: ${key}}}]`,
          'contexts: [{name: j, context: {cluster: k, user: j}}]',
          'current-context: j',
          '',
        ].join('\n'),
      );
      const r = spawnSync('kubectl', ['--kubeconfig', join(dir, 'embedded.kubeconfig'), 'get', 'pods'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      });
      return `${r.stdout}${r.stderr}`;
    };
    makeLeaf(dir, 'ca', 'jane', '/CN=jane', ['extendedKeyUsage=clientAuth']);
    // Lesson 8: client-key-data that belongs to another certificate.
    judge('key-mismatch#0', says(b64('jane.crt'), b64('localhost.key')));
    judge('no-pem-data#0', says(Buffer.from('not a certificate\n').toString('base64'), b64('jane.key')));
    judge('no-pem-data#1', says(b64('jane.crt'), b64('jane.crt')));
  });

  it("captures kubectl's 401 with a refused token, both forms, and the double-space warning", async () => {
    const token = randomToken();
    writeFileSync(join(dir, 'tokens.csv'), writeTokenFile([{ token, user: 'alice', uid: '1001' }]));
    standin = await startStandin(dir, {
      cert: join(dir, 'localhost.crt'),
      key: join(dir, 'localhost.key'),
      tokenAuthFile: join(dir, 'tokens.csv'),
      allowGroups: ['system:authenticated'],
    });
    const at = [`--server=${standin.url}`, `--certificate-authority=${join(dir, 'ca.crt')}`];
    judge('unauthorized#0', kubectl(...at, `--token=${randomToken()}`, 'auth', 'whoami'));
    const get = kubectl(...at, `--token=${randomToken()}`, 'get', 'pods');
    judge('unauthorized#1', get);
    assert.deepEqual(
      [...new Set(explainError(`$ kubectl --token=… get pods\n${get}`).matches.map((m) => m.id))],
      ['token-unauthorized'],
    );
    judge('bearer-extra-space#0', kubectl(...at, `--token= ${token}`, 'get', '--raw', '/api'));
    // Plain HTTP to the stand-in's port: Go's net/http answers it.
    const plain = spawnSync('curl', ['-sS', standin.url.replace('https:', 'http:')], { encoding: 'utf8' });
    judge('plain-http-to-https#2', `${plain.stdout}${plain.stderr}`);
  });

  it('produces every sample marked as captured from Go or kubectl', () => {
    const marked = markedCaptured(/^(Go|kubectl)\b/);
    assert.deepEqual(
      marked.filter((k) => !compared.has(k)),
      [],
    );
    // …and every sample compared here says so in its mark.
    assert.deepEqual(
      [...compared].filter((k) => !marked.includes(k)),
      [],
    );
  });
});
