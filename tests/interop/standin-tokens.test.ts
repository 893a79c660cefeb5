// Bearer tokens made by the engine (src/tokens), judged by real kubectl and curl against the Go
// stand-in for kube-apiserver's authentication (tests/interop/go/apiserver): for every kind of
// token, `kubectl auth whoami` prints exactly the engine's preview, and every refusal the engine
// predicts is the stand-in's — 401, kubectl's message, and the cause kube-apiserver logs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair } from '../../src/pki/index.ts';
import {
  authenticateRequest,
  bootstrapTokenAuthenticator,
  boundServiceAccountClaims,
  buildBootstrapTokenSecret,
  type ClusterObject,
  clusterObjectsJson,
  generateBootstrapToken,
  KUBECTL_401,
  legacyServiceAccountClaims,
  type RequestVerdict,
  randomToken,
  readTokenFile,
  readVerificationKeysPem,
  serviceAccountAuthenticators,
  signJwt,
  tokenFileAuthenticator,
  UNAUTHORIZED_STATUS,
  whoamiForUser,
  writeTokenFile,
} from '../../src/tokens/index.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { makeApiserverCertificates } from '../support/standin-certs.ts';
import { httpStatus } from '../support/standin-client.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'openssl', 'kubectl', 'curl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI)
  throw new Error(`CI=true and the token stand-in tests need ${missing.join(', ')}`);

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const SA_UID = '5b4f0e4c-3c3a-4f0e-9d55-0d2f8a1e7c11';
const POD_UID = '9e1c2b7a-0d55-4b8e-a2f0-6f1d3c4b5a69';
const NODE_UID = 'c0a8f7e2-1b3d-4e5f-8a9b-0c1d2e3f4a5b';

interface Case {
  name: string;
  token: string;
}

describe('bearer tokens made by the engine, against the stand-in, judged by kubectl and curl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let server: Standin;
  const cases: Case[] = [];
  let predict: (token: string) => Promise<RequestVerdict>;
  const objects: ClusterObject[] = [];

  const kubectl = (...args: string[]) => {
    const r = spawnSync('kubectl', ['--kubeconfig', join(dir, 'empty.kubeconfig'), ...args], {
      encoding: 'utf8',
      stdin: 'ignore',
    } as never);
    return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const whoami = (token: string) =>
    kubectl(
      `--server=${server.url}`,
      `--certificate-authority=${join(dir, 'ca.crt')}`,
      `--token=${token}`,
      'auth',
      'whoami',
    );
  const curl = (header: string, path = '/apis/authentication.k8s.io/v1/selfsubjectreviews') => {
    const r = spawnSync(
      'curl',
      [
        '-sS',
        '-D',
        '-',
        '--cacert',
        join(dir, 'ca.crt'),
        '-H',
        header,
        '-X',
        'POST',
        '-H',
        'Content-Type: application/json',
        '-d',
        '{}',
        `${server.url}${path}`,
      ],
      { encoding: 'utf8' },
    );
    const [head, ...body] = String(r.stdout).split('\r\n\r\n');
    return {
      status: Number(/^HTTP\/\S+ (\d+)/.exec(head ?? '')?.[1]),
      head: head ?? '',
      body: body.join('\r\n\r\n'),
    };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-tokens-'));
    writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    makeApiserverCertificates(dir);
    const now = Math.floor(Date.now() / 1000);

    // Static token file.
    const alice = randomToken();
    const bob = randomToken({ encoding: 'hex' });
    writeFileSync(
      join(dir, 'tokens.csv'),
      writeTokenFile([
        { token: alice, user: 'alice', uid: '1001', groups: ['developers', 'ops'] },
        { token: bob, user: 'bob', uid: '' },
      ]),
    );
    cases.push(
      { name: 'a token-file user with groups', token: alice },
      { name: 'a token-file user without uid or groups', token: bob },
    );
    cases.push({ name: 'a token in no file (invalid bearer token)', token: randomToken() });

    // Bootstrap tokens: valid, expired, without the authentication usage, with a wrong secret.
    const good = generateBootstrapToken();
    const expired = generateBootstrapToken();
    const signingOnly = generateBootstrapToken();
    const later = new Date(Date.now() + 3600_000);
    objects.push(buildBootstrapTokenSecret({ token: good, expiration: later }).object as ClusterObject);
    objects.push(
      buildBootstrapTokenSecret({ token: expired, expiration: new Date(Date.now() - 1000) })
        .object as ClusterObject,
    );
    objects.push(
      buildBootstrapTokenSecret({ token: signingOnly, usages: ['signing'], extraGroups: [] })
        .object as ClusterObject,
    );
    cases.push(
      { name: 'a bootstrap token', token: good },
      { name: 'an expired bootstrap token', token: expired },
      { name: 'a bootstrap token without usage-bootstrap-authentication', token: signingOnly },
      { name: 'a bootstrap token with the wrong secret', token: `${good.slice(0, 7)}${'0'.repeat(16)}` },
    );

    // Service-account keys: RSA and ECDSA configured, a third one plays an unknown key.
    const rsa = await generateKeyPair('RSA-2048');
    const ec = await generateKeyPair('ECDSA-P256');
    const stranger = await generateKeyPair('RSA-2048');
    writeFileSync(join(dir, 'sa.key'), await exportPrivateKeyPem(rsa.privateKey));
    writeFileSync(join(dir, 'sa-ec.pub'), await exportPublicKeyPem(ec.publicKey));
    objects.push(
      { kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'lab', uid: SA_UID } },
      { kind: 'Pod', metadata: { name: 'web-0', namespace: 'lab', uid: POD_UID } },
      { kind: 'Node', metadata: { name: 'node-1', uid: NODE_UID } },
    );
    const sa = { issuer: ISSUER, namespace: 'lab', serviceAccount: { name: 'builder', uid: SA_UID } };
    const sign = (claims: Record<string, unknown>, key = rsa.privateKey, alg?: 'PS256') =>
      signJwt({ claims, privateKey: key, ...(alg ? { alg } : {}) });
    cases.push(
      {
        name: 'a service-account token (kubectl create token), RS256',
        token: await sign(boundServiceAccountClaims(sa)),
      },
      {
        name: 'a service-account token signed ES256',
        token: await sign(boundServiceAccountClaims(sa), ec.privateKey),
      },
      {
        name: 'a service-account token signed PS256',
        token: await sign(boundServiceAccountClaims(sa), rsa.privateKey, 'PS256'),
      },
      {
        name: 'a pod-bound service-account token with node info',
        token: await sign(
          boundServiceAccountClaims({
            ...sa,
            bound: { kind: 'Pod', name: 'web-0', uid: POD_UID },
            podNode: { name: 'node-1', uid: NODE_UID },
          }),
        ),
      },
      {
        name: 'a node-bound service-account token',
        token: await sign(
          boundServiceAccountClaims({ ...sa, bound: { kind: 'Node', name: 'node-1', uid: NODE_UID } }),
        ),
      },
      {
        name: 'a token expired 30 s ago (inside the 1-minute leeway)',
        token: await sign({ ...boundServiceAccountClaims({ ...sa, now: new Date((now - 3630) * 1000) }) }),
      },
      {
        name: 'a token expired 2 minutes ago',
        token: await sign(boundServiceAccountClaims({ ...sa, now: new Date((now - 3720) * 1000) })),
      },
      {
        name: 'a token not valid for 5 more minutes',
        token: await sign(boundServiceAccountClaims({ ...sa, now: new Date((now + 300) * 1000) })),
      },
      {
        name: 'a token for another audience',
        token: await sign(boundServiceAccountClaims({ ...sa, audiences: ['vault'] })),
      },
      {
        name: 'a token from another issuer',
        token: await sign(boundServiceAccountClaims({ ...sa, issuer: 'https://elsewhere.example' })),
      },
      {
        name: 'a token signed by a key the server does not know',
        token: await sign(boundServiceAccountClaims(sa), stranger.privateKey),
      },
      {
        name: 'a forged token: a known kid, another key',
        token: await signJwt({
          claims: boundServiceAccountClaims(sa),
          privateKey: stranger.privateKey,
          kid: (await readVerificationKeysPem(await exportPublicKeyPem(rsa.publicKey)))[0]!.kid,
        }),
      },
      {
        name: 'a token bound to a pod that is gone',
        token: await sign(
          boundServiceAccountClaims({ ...sa, bound: { kind: 'Pod', name: 'web-1', uid: POD_UID } }),
        ),
      },
      {
        name: 'a token bound to a pod with another UID',
        token: await sign(
          boundServiceAccountClaims({ ...sa, bound: { kind: 'Pod', name: 'web-0', uid: 'other' } }),
        ),
      },
      {
        name: 'a token for a service account that was recreated (another UID)',
        token: await sign(
          boundServiceAccountClaims({ ...sa, serviceAccount: { name: 'builder', uid: 'old-uid' } }),
        ),
      },
      {
        name: 'a token for a service account that does not exist',
        token: await sign(
          boundServiceAccountClaims({ ...sa, serviceAccount: { name: 'ghost', uid: SA_UID } }),
        ),
      },
    );

    // Legacy Secret-based tokens: valid, not the Secret's copy, marked invalid by the cleaner.
    const legacy = (secretName: string) =>
      sign(
        legacyServiceAccountClaims({
          namespace: 'lab',
          serviceAccount: { name: 'builder', uid: SA_UID },
          secretName,
        }),
      );
    const legacyOk = await legacy('builder-token');
    const legacyOther = await legacy('builder-token-2');
    const legacyMarked = await legacy('builder-token-3');
    const tokenSecret = (name: string, token: string, labels?: Record<string, string>): ClusterObject => ({
      kind: 'Secret',
      metadata: { name, namespace: 'lab', uid: `uid-${name}`, ...(labels ? { labels } : {}) },
      type: 'kubernetes.io/service-account-token',
      data: { token: Buffer.from(token).toString('base64') },
    });
    objects.push(
      tokenSecret('builder-token', legacyOk),
      tokenSecret('builder-token-2', legacyOk),
      tokenSecret('builder-token-3', legacyMarked, {
        'kubernetes.io/legacy-token-invalid-since': '2026-01-01',
      }),
    );
    cases.push(
      { name: 'a legacy Secret-based token', token: legacyOk },
      { name: "a legacy token that is not its Secret's copy", token: legacyOther },
      { name: 'a legacy token marked invalid by the cleaner', token: legacyMarked },
    );

    writeFileSync(join(dir, 'objects.json'), clusterObjectsJson(objects));
    const keys = [
      ...(await readVerificationKeysPem(await exportPrivateKeyPem(rsa.privateKey))),
      ...(await readVerificationKeysPem(await exportPublicKeyPem(ec.publicKey))),
    ];
    const tokenFile = readTokenFile(
      writeTokenFile([
        { token: alice, user: 'alice', uid: '1001', groups: ['developers', 'ops'] },
        { token: bob, user: 'bob', uid: '' },
      ]),
    );
    const authenticators = [
      tokenFileAuthenticator(tokenFile),
      ...serviceAccountAuthenticators({ issuers: [ISSUER], keys, objects }),
      bootstrapTokenAuthenticator({ secrets: objects }),
    ];
    predict = (token) => authenticateRequest({ authorization: `Bearer ${token}`, authenticators });

    server = await startStandin(dir, {
      cert: 'apiserver.crt',
      key: 'apiserver.key',
      tokenAuthFile: 'tokens.csv',
      bootstrapTokens: true,
      objectsFile: 'objects.json',
      serviceAccountKeyFiles: ['sa.key', 'sa-ec.pub'],
      serviceAccountIssuers: [ISSUER],
      allowGroups: ['ops'],
    });
  });

  after(() => {
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('kubectl auth whoami equals the engine for every kind of token, and every refusal is the predicted 401', async () => {
    const outcomes: string[] = [];
    for (const c of cases) {
      const expected = await predict(c.token);
      const r = whoami(c.token);
      if (expected.outcome === 'authenticated') {
        assert.equal(r.stderr, '', c.name);
        assert.equal(r.stdout, whoamiForUser(expected.user!), c.name);
      } else {
        assert.equal(expected.outcome, 'unauthorized', c.name);
        assert.notEqual(r.status, 0, c.name);
        assert.equal(r.stderr.trim(), KUBECTL_401.whoami, c.name);
        assert.ok(
          (await server.log()).includes(`Unable to authenticate the request: ${expected.error}\n`),
          `${c.name}: the stand-in did not log "${expected.error}"`,
        );
      }
      outcomes.push(`${c.name}: ${expected.outcome}${expected.error ? ` (${expected.error})` : ''}`);
    }
    // The table is what the engine predicted; it must hold both kinds of case.
    assert.ok(outcomes.filter((o) => o.includes(': authenticated')).length === 10, outcomes.join('\n'));
    assert.ok(outcomes.filter((o) => o.includes(': unauthorized')).length === 16, outcomes.join('\n'));
  });

  it('answers a refused token with the 401 Status body kube-apiserver sends', async () => {
    const r = curl(`Authorization: Bearer ${randomToken()}`);
    assert.equal(r.status, 401);
    assert.deepEqual(JSON.parse(r.body), UNAUTHORIZED_STATUS);
  });

  it('reads "Bearer" in any case, and "Bearer" with two spaces as no token at all (anonymous, a warning)', async () => {
    const token = cases[0]!.token;
    assert.equal(curl(`Authorization: bEaReR ${token}`).status, 201);
    const r = curl(`Authorization: Bearer  ${token}`);
    const expected = await authenticateRequest({ authorization: `Bearer  ${token}`, authenticators: [] });
    assert.equal(expected.outcome, 'anonymous');
    assert.equal(r.status, 403);
    assert.match(r.body, /User \\?"system:anonymous\\?" cannot create/);
    assert.ok(r.head.includes(`: 299 - "${expected.warning}"`) && /^warning:/im.test(r.head), r.head);
  });

  it('works from a kubeconfig made with kubectl config set-credentials --token', async () => {
    const kc = join(dir, 'token.kubeconfig');
    const run = (...a: string[]) =>
      execFileSync('kubectl', ['--kubeconfig', kc, ...a], { cwd: dir, stdio: 'ignore' });
    run(
      'config',
      'set-cluster',
      'lab',
      `--server=${server.url}`,
      '--certificate-authority=ca.crt',
      '--embed-certs',
    );
    run('config', 'set-credentials', 'alice', `--token=${cases[0]!.token}`);
    run('config', 'set-context', 'alice@lab', '--cluster=lab', '--user=alice');
    run('config', 'use-context', 'alice@lab');
    const r = spawnSync('kubectl', ['--kubeconfig', kc, 'auth', 'whoami'], { encoding: 'utf8' });
    assert.equal(r.stdout, whoamiForUser((await predict(cases[0]!.token)).user!));
    const pods = spawnSync('kubectl', ['--kubeconfig', kc, 'get', 'pods', '-n', 'lab'], { encoding: 'utf8' });
    assert.equal(pods.status, 0, pods.stderr);
  });

  it('kubectl get with a refused token prints one of the two 401 messages the engine knows', () => {
    const r = kubectl(
      `--server=${server.url}`,
      `--certificate-authority=${join(dir, 'ca.crt')}`,
      `--token=${randomToken()}`,
      'get',
      'pods',
    );
    assert.notEqual(r.status, 0);
    const last = r.stderr.trim().split('\n').at(-1);
    assert.ok(Object.values(KUBECTL_401).includes(last as never), r.stderr);
  });
});

describe('the token cache: a success is remembered, a failure is not', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  it('a deleted pod’s token keeps working until the cached success expires; a refused token works as soon as its pod exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-tokens-cache-'));
    let server: Standin | undefined;
    try {
      makeApiserverCertificates(dir, 'IP:127.0.0.1');
      const key = await generateKeyPair('ECDSA-P256');
      writeFileSync(join(dir, 'sa.pub'), await exportPublicKeyPem(key.publicKey));
      const sa: ClusterObject = {
        kind: 'ServiceAccount',
        metadata: { name: 'builder', namespace: 'lab', uid: SA_UID },
      };
      const pod: ClusterObject = { kind: 'Pod', metadata: { name: 'web-0', namespace: 'lab', uid: POD_UID } };
      const objectsFile = join(dir, 'objects.json');
      writeFileSync(objectsFile, clusterObjectsJson([sa, pod]));
      const token = await signJwt({
        claims: boundServiceAccountClaims({
          issuer: ISSUER,
          namespace: 'lab',
          serviceAccount: { name: 'builder', uid: SA_UID },
          bound: { kind: 'Pod', name: 'web-0', uid: POD_UID },
        }),
        privateKey: key.privateKey,
      });
      server = await startStandin(dir, {
        cert: 'apiserver.crt',
        key: 'apiserver.key',
        objectsFile,
        serviceAccountKeyFiles: ['sa.pub'],
        serviceAccountIssuers: [ISSUER],
        tokenCacheTtl: '1500ms',
      });
      const url = server.url;
      const status = () =>
        httpStatus(
          '--cacert',
          join(dir, 'ca.crt'),
          '-X',
          'POST',
          '-H',
          `Authorization: Bearer ${token}`,
          `${url}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
        );
      assert.equal(status(), 201);
      writeFileSync(objectsFile, clusterObjectsJson([sa]));
      assert.equal(status(), 201, 'still cached');
      await new Promise((r) => setTimeout(r, 1700));
      assert.equal(status(), 401, 'the cached success expired');
      assert.match(
        await server.log(),
        /Unable to authenticate the request: service account token has been invalidated/,
      );
      writeFileSync(objectsFile, clusterObjectsJson([sa, pod]));
      assert.equal(status(), 201, 'a failure is not cached');
    } finally {
      server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('two credentials on one request, as the request union decides', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  it('a valid certificate wins before the token is read; a refused certificate does not stop a valid token; anonymous off makes no credential a 401', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-tokens-two-'));
    const servers: Standin[] = [];
    try {
      makeApiserverCertificates(dir, 'IP:127.0.0.1');
      makeCa(dir, 'other-ca', 'someone-else');
      makeLeaf(dir, 'ca', 'jane', '/CN=jane/O=developers', ['extendedKeyUsage=clientAuth']);
      makeLeaf(dir, 'other-ca', 'mallory', '/CN=mallory', ['extendedKeyUsage=clientAuth']);
      const token = randomToken();
      writeFileSync(join(dir, 'tokens.csv'), writeTokenFile([{ token, user: 'alice', uid: '1' }]));
      const base = {
        cert: 'apiserver.crt',
        key: 'apiserver.key',
        clientCa: 'ca.crt',
        tokenAuthFile: 'tokens.csv',
      };
      const server = await startStandin(dir, base);
      servers.push(server);
      const closed = await startStandin(dir, { ...base, anonymous: false });
      servers.push(closed);
      const review = (url: string, ...args: string[]) => {
        const r = spawnSync(
          'curl',
          [
            '-s',
            '-w',
            '\n%{http_code}',
            '--cacert',
            join(dir, 'ca.crt'),
            ...args,
            '-X',
            'POST',
            `${url}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
          ],
          { encoding: 'utf8', cwd: dir },
        );
        const [body, code] = String(r.stdout).split(/\n(?=\d+$)/);
        return {
          code: Number(code),
          user: code === '201' ? JSON.parse(body!).status.userInfo.username : undefined,
        };
      };
      const bearer = ['-H', `Authorization: Bearer ${token}`];
      assert.deepEqual(review(server.url, '--cert', 'jane.crt', '--key', 'jane.key', ...bearer), {
        code: 201,
        user: 'jane',
      });
      assert.deepEqual(review(server.url, '--cert', 'mallory.crt', '--key', 'mallory.key', ...bearer), {
        code: 201,
        user: 'alice',
      });
      assert.deepEqual(review(server.url, '--cert', 'mallory.crt', '--key', 'mallory.key'), {
        code: 401,
        user: undefined,
      });
      assert.deepEqual(review(server.url), { code: 403, user: undefined });
      assert.deepEqual(review(closed.url), { code: 401, user: undefined });
      const expected = await authenticateRequest({ authenticators: [], anonymous: false });
      assert.equal(expected.outcome, 'unauthorized');
    } finally {
      for (const s of servers) s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
