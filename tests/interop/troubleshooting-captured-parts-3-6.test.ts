// The explainer's samples for parts 3 to 6 are what the Go stand-in for kube-apiserver
// (tests/interop/go/apiserver, which follows kube-apiserver's source) logs and answers, and what
// real kubectl and curl print against it: OIDC ID tokens refused (audience, expiry, signature,
// email_verified, a required claim, an algorithm, an issuer whose discovery document names
// another), a token webhook that is down, untrusted, failing or answering another apiVersion, a
// front proxy's certificate refused, impersonation refused (403) or malformed (500), and anonymous
// requests turned off. Each captured line must hold its catalogue sample (numbers aside) and be
// recognised as that entry. Every wording whose source mark starts with "stand-in" is produced here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainError } from '../../src/explain/index.ts';
import { generateKeyPair, issueClientCertificate, issueRootCa } from '../../src/pki/index.ts';
import { webhookKubeconfig } from '../../src/recipes/webhook/index.ts';
import { buildOidcIssuer, idTokenClaims, mintIdToken } from '../../src/tokens/index.ts';
import { judgeCaptured, markedCaptured } from '../support/explain-capture.ts';
import { freePort } from '../support/net.ts';
import { aliceEmailClaims } from '../support/oidc-claims.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { issueLocalhostServerCertificate } from '../support/standin-certs.ts';
import { curlTls } from '../support/standin-client.ts';
import { hasTool, inCI, runAsync } from '../support/tools.ts';

const TOOLS = ['go', 'kubectl', 'curl'];
const missing = TOOLS.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and these tests need ${missing.join(', ')}`);
// go-oidc prints times in the local zone.
process.env.TZ = 'UTC';

const compared = new Set<string>();
const judge = (key: string, said: string) => judgeCaptured(key, said, compared);

describe('the explainer knows what the stand-in, kubectl and curl print for parts 3 to 6', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  const servers: Server[] = [];
  const standins: Standin[] = [];
  const at = (s: Standin) => [
    '--kubeconfig=/dev/null',
    `--server=${s.url}`,
    `--certificate-authority=${join(dir, 'ca.pem')}`,
  ];
  /** kubectl, not blocking this event loop (the issuer and the webhook below run on it). */
  const kubectl = async (...args: string[]) => {
    const r = await runAsync('kubectl', args);
    return `${r.stdout}${r.stderr}`;
  };
  const curl = async (...args: string[]) => {
    const r = await runAsync('curl', ['-sS', ...args]);
    return `${r.stdout}${r.stderr}`;
  };
  /** The log lines the stand-in wrote while `run` ran. */
  const logOf = async (s: Standin, run: () => Promise<unknown>) => {
    const before = (await s.log()).length;
    await run();
    return (await s.log()).slice(before);
  };
  const standin = async (opts: Omit<Parameters<typeof startStandin>[1], 'cert' | 'key'>) => {
    const s = await startStandin(dir, {
      cert: join(dir, 'server.pem'),
      key: join(dir, 'server-key.pem'),
      tokenCacheTtl: '0s',
      ...opts,
    });
    standins.push(s);
    return s;
  };
  /** An HTTPS server on this event loop: `answer` gives status, content type and body per request. */
  const serve = async (answer: (path: string) => [number, string, string]) => {
    const server = createServer(
      {
        cert: (await import('node:fs')).readFileSync(join(dir, 'server.pem')),
        key: (await import('node:fs')).readFileSync(join(dir, 'server-key.pem')),
      },
      (req, res) => {
        req.resume();
        req.on('end', () => {
          const [status, type, body] = answer(req.url ?? '/');
          res.writeHead(status, { 'Content-Type': type });
          res.end(body);
        });
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    servers.push(server);
    return (server.address() as { port: number }).port;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-captured-36-'));
    const ca = await issueRootCa({ subject: { commonName: 'Lab CA' }, algorithm: 'ECDSA-P256' });
    const server = await issueLocalhostServerCertificate(ca);
    const other = await issueRootCa({ subject: { commonName: 'Other CA' }, algorithm: 'ECDSA-P256' });
    const frontProxyCa = await issueRootCa({
      subject: { commonName: 'front-proxy-ca' },
      algorithm: 'ECDSA-P256',
    });
    const client = async (cn: string, signer: typeof ca, name: string) => {
      const c = await issueClientCertificate(
        { subject: { commonName: cn }, algorithm: 'ECDSA-P256' },
        signer,
      );
      writeFileSync(join(dir, `${name}.pem`), c.certificatePem);
      writeFileSync(join(dir, `${name}-key.pem`), c.privateKeyPem);
      return c;
    };
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
    writeFileSync(join(dir, 'other-ca.pem'), other.certificatePem);
    writeFileSync(join(dir, 'front-proxy-ca.pem'), frontProxyCa.certificatePem);
    writeFileSync(join(dir, 'server.pem'), server.certificatePem);
    writeFileSync(join(dir, 'server-key.pem'), server.privateKeyPem);
    await client('front-proxy-client', frontProxyCa, 'proxy');
    await client('nginx', frontProxyCa, 'wrong-cn');
    await client('front-proxy-client', other, 'stranger');
    await client('bob', ca, 'bob');
    await client('kube-apiserver', ca, 'apiserver-client');
  });
  after(() => {
    for (const s of standins) s.stop();
    for (const s of servers) s.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('captures the OIDC refusals the stand-in logs for kubectl --token', async () => {
    const rsa = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
    const stranger = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
    let files: Record<string, string> = {};
    const port = await serve((path) =>
      files[path] ? [200, 'application/json', files[path]!] : [404, 'text/plain', 'not found'],
    );
    const issuerUrl = `https://localhost:${port}`;
    const issuer = await buildOidcIssuer({ issuerUrl, publicKey: rsa.publicKey });
    files = Object.fromEntries(issuer.files.map((f) => [new URL(f.url).pathname, f.text]));
    const start = async (flags: Record<string, string | string[]>) => {
      const s = await standin({
        oidcFlags: { 'oidc-client-id': 'kubernetes', 'oidc-ca-file': join(dir, 'ca.pem'), ...flags },
        oidcInitRetry: '1s',
      });
      for (
        let i = 0;
        i < 50 && !/oidc authenticator: (initialized|initializing plugin)/.test(await s.log());
        i++
      );
      return s;
    };
    const s = await start({
      'oidc-issuer-url': issuerUrl,
      'oidc-username-claim': 'email',
      'oidc-required-claim': 'hd=example.com',
      'oidc-groups-claim': 'groups',
    });
    const claims = (over: Parameters<typeof idTokenClaims>[0]) => aliceEmailClaims(issuerUrl, over);
    const mint = (over: Parameters<typeof idTokenClaims>[0], key = rsa.privateKey, alg?: 'PS256') =>
      mintIdToken({ claims: claims(over), privateKey: key, ...(alg ? { alg } : {}) });
    const refused = async (token: string) => {
      let said = '';
      const log = await logOf(s, async () => {
        said = await kubectl(...at(s), `--token=${token}`, 'auth', 'whoami');
      });
      return `${said}${log}`;
    };
    const now = Math.floor(Date.now() / 1000);
    judge('oidc-audience#1', await refused(await mint({ audience: ['kubectl'] })));
    judge('oidc-expired#0', await refused(await mint({ issuedAt: now - 7200, expiresAt: now - 3600 })));
    judge('oidc-email-not-verified#0', await refused(await mint({ emailVerified: false })));
    judge('oidc-claim#0', await refused(await mint({ extra: {} })));
    judge('oidc-claim#1', await refused(await mint({ extra: { hd: 'evil.example' } })));
    judge('oidc-claim#2', await refused(await mint({ groups: [1, 2] })));
    judge('oidc-signing-alg#0', await refused(await mint({}, rsa.privateKey, 'PS256')));
    judge('oidc-signature#0', await refused(await mint({}, stranger.privateKey)));
    // kubectl's own line for each of them is the 401, which the token explains.
    const said = await refused(await mint({ audience: ['kubectl'] }));
    assert.deepEqual(
      [...new Set(explainError(said).matches.map((m) => m.id))],
      ['token-unauthorized', 'oidc-audience'],
    );
    const slash = await start({ 'oidc-issuer-url': `${issuerUrl}/` });
    const token = await mintIdToken({
      claims: idTokenClaims({ issuer: `${issuerUrl}/`, audience: 'kubernetes', sub: 'alice' }),
      privateKey: rsa.privateKey,
    });
    judge('oidc-issuer-mismatch#0', await slash.log());
    judge(
      'oidc-not-initialized#0',
      await logOf(slash, () => kubectl(...at(slash), `--token=${token}`, 'auth', 'whoami')),
    );
    const { matches } = explainError(await slash.log());
    const mismatch = matches.find((m) => m.id === 'oidc-issuer-mismatch');
    assert.deepEqual(mismatch?.captures, { issuer: `${issuerUrl}/`, discovered: issuerUrl });
  });

  it('captures the webhook failures the stand-in logs', async () => {
    let answer: [number, string, string] = [500, 'text/plain', 'database down'];
    const port = await serve(() => answer);
    const closed = await freePort();
    const { readFileSync } = await import('node:fs');
    const kubeconfig = async (name: string, server: string, caPem: string) => {
      const yaml = join(dir, `${name}.kubeconfig`);
      writeFileSync(
        yaml,
        webhookKubeconfig({
          server,
          caPem,
          clientCertificatePem: readFileSync(join(dir, 'apiserver-client.pem'), 'utf8'),
          clientKeyPem: readFileSync(join(dir, 'apiserver-client-key.pem'), 'utf8'),
        }),
      );
      const r = await runAsync('kubectl', ['--kubeconfig', yaml, 'config', 'view', '--raw', '-o', 'json']);
      assert.equal(r.status, 0, r.stderr);
      writeFileSync(`${yaml}.json`, r.stdout);
      return `${yaml}.json`;
    };
    const ca = readFileSync(join(dir, 'ca.pem'), 'utf8');
    const other = readFileSync(join(dir, 'other-ca.pem'), 'utf8');
    const webhook = async (config: string, version: 'v1' | 'v1beta1' = 'v1') => {
      const s = await standin({
        webhookConfigFile: config,
        webhookVersion: version,
        webhookCacheTtl: '0s',
        webhookRetryBackoff: '5ms',
      });
      return async () => {
        let said = '';
        const log = await logOf(s, async () => {
          said = await kubectl(...at(s), `--token=tok-${Math.random()}`, 'auth', 'whoami');
        });
        return `${said}${log}`;
      };
    };
    const good = await webhook(await kubeconfig('good', `https://127.0.0.1:${port}/authenticate`, ca));
    const refused = await webhook(
      await kubeconfig('refused', `https://127.0.0.1:${closed}/authenticate`, ca),
    );
    judge('webhook-unreachable#0', await refused());
    const untrusted = await webhook(
      await kubeconfig('untrusted', `https://127.0.0.1:${port}/authenticate`, other),
    );
    judge('webhook-tls#0', await untrusted());
    judge('webhook-http-error#0', await good());
    answer = [503, 'text/plain', 'busy'];
    judge('webhook-http-error#1', await good());
    answer = [404, 'text/plain', 'not found'];
    judge('webhook-http-error#2', await good());
    const review = (apiVersion: string, status: unknown) =>
      [200, 'application/json', JSON.stringify({ apiVersion, kind: 'TokenReview', status })] as [
        number,
        string,
        string,
      ];
    answer = review('authentication.k8s.io/v1beta1', { authenticated: true, user: { username: 'x' } });
    judge('webhook-version#0', await good());
    answer = review('example.com/v1', { authenticated: true, user: { username: 'x' } });
    judge('webhook-version#1', await good());
    // An empty 200: only the catch-all knows it.
    answer = [200, 'text/plain', ''];
    const empty = (await good()).split('\n').find((l) => l.includes('Failed to make webhook'));
    assert.deepEqual(
      explainError(empty ?? '').matches.map((m) => m.id),
      ['webhook-failed'],
    );
    // authenticated: false with an error: kube-apiserver logs the webhook's own words, unknowable.
    answer = review('authentication.k8s.io/v1', { authenticated: false, error: 'token revoked by the IdP' });
    assert.match(await good(), /Unable to authenticate the request: token revoked by the IdP\n/);
  });

  it('captures the front proxy refusals, impersonation 403 and 500, anonymous off and limited', async () => {
    const rbac = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          kind: 'ClusterRole',
          metadata: { name: 'impersonate-jane' },
          rules: [
            {
              verbs: ['impersonate'],
              apiGroups: [''],
              resources: ['users'],
              resourceNames: ['jane', 'system:anonymous'],
            },
          ],
        },
        {
          kind: 'ClusterRoleBinding',
          metadata: { name: 'bob-impersonates-jane' },
          roleRef: { kind: 'ClusterRole', name: 'impersonate-jane' },
          subjects: [{ kind: 'User', name: 'bob' }],
        },
      ],
    };
    writeFileSync(join(dir, 'rbac.json'), JSON.stringify(rbac));

    const s = await standin({
      clientCa: join(dir, 'ca.pem'),
      allowGroups: ['system:authenticated'],
      rbacFile: join(dir, 'rbac.json'),
      requestHeaderFlags: {
        'requestheader-client-ca-file': join(dir, 'front-proxy-ca.pem'),
        'requestheader-allowed-names': 'front-proxy-client',
        'requestheader-username-headers': 'X-Remote-User',
        'requestheader-group-headers': 'X-Remote-Group',
        'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
      },
    });
    const viaProxy = (cert: string) =>
      logOf(s, () =>
        curl(
          '--cacert',
          join(dir, 'ca.pem'),
          '--cert',
          join(dir, `${cert}.pem`),
          '--key',
          join(dir, `${cert}-key.pem`),
          '-H',
          'X-Remote-User: alice',
          `${s.url}/api`,
        ),
      );
    const bob = [
      ...at(s),
      `--client-certificate=${join(dir, 'bob.pem')}`,
      `--client-key=${join(dir, 'bob-key.pem')}`,
    ];
    judge('front-proxy-name-not-allowed#0', await viaProxy('wrong-cn'));
    // A proxy certificate from neither CA: the log line of any refused client certificate.
    const stranger = await viaProxy('stranger');
    assert.match(
      stranger,
      /verifying certificate SN=\d+, .* failed: x509: certificate signed by unknown authority/,
    );
    // Alone the line is any refused client certificate; with the request's X-Remote-User beside it,
    // the explainer reads it as a proxy certificate from a CA other than the front-proxy CA.
    const ofLine = (text: string) => [...new Set(explainError(text).matches.map((m) => m.id))];
    assert.ok(ofLine(stranger).includes('apiserver-verify-failed'), ofLine(stranger).join());
    const shown = ofLine(
      `$ curl --cert stranger.pem --key stranger-key.pem -H 'X-Remote-User: alice' ${s.url}/api\n${stranger}`,
    );
    assert.ok(
      shown.includes('front-proxy-unknown-ca') && !shown.includes('apiserver-verify-failed'),
      shown.join(),
    );
    judge('impersonation-forbidden#0', await kubectl(...bob, '--as=admin', 'get', '--raw', '/api'));
    const asBob = curlTls(dir, 'ca', 'bob');
    judge(
      'impersonation-forbidden#1',
      await curl(
        ...asBob,
        '-H',
        'Impersonate-User: jane',
        '-H',
        'Impersonate-Group: system:masters',
        `${s.url}/api`,
      ),
    );
    judge(
      'impersonation-without-user#0',
      await curl(...asBob, '-H', 'Impersonate-Group: devs', `${s.url}/api`),
    );
    judge('impersonation-without-user#1', await kubectl(...bob, '--as-group=devs', 'get', 'pods'));
    // kubectl auth whoami prints one sentence for every 403: a refused impersonation, system:anonymous.
    judge('whoami-forbidden#0', await kubectl(...bob, '--as=admin', 'auth', 'whoami'));
    const anonymous = await kubectl(...bob, '--as=system:anonymous', 'auth', 'whoami');
    assert.deepEqual(
      explainError(anonymous).matches.map((m) => m.id),
      ['whoami-forbidden'],
    );
    // Anonymous off, and anonymous kept for /livez only: curl without a credential gets 401.
    const off = await standin({ anonymous: false });
    writeFileSync(
      join(dir, 'anon.json'),
      JSON.stringify({
        apiVersion: 'apiserver.config.k8s.io/v1',
        kind: 'AuthenticationConfiguration',
        anonymous: { enabled: true, conditions: [{ path: '/livez' }] },
      }),
    );
    const limited = await standin({ authenticationConfig: join(dir, 'anon.json') });
    assert.equal(await curl('--cacert', join(dir, 'ca.pem'), `${limited.url}/livez`), 'ok');
    for (const url of [`${off.url}/api`, `${limited.url}/readyz`]) {
      const command = `curl -sS --cacert ca.pem ${url}`;
      const said = await curl('--cacert', join(dir, 'ca.pem'), url);
      assert.match(said, /"code":401/);
      assert.deepEqual(
        explainError(`$ ${command}\n${said}`).matches.map((m) => m.id),
        ['anonymous-disabled'],
      );
      // With a certificate on the command line, the same 401 is the certificate's.
      assert.deepEqual(
        explainError(`$ ${command} --cert bob.pem --key bob-key.pem\n${said}`).matches.map((m) => m.id),
        ['unauthorized'],
      );
    }
  });

  it('produces every sample marked as captured from the stand-in', () => {
    const marked = markedCaptured(/^stand-in\b/);
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
