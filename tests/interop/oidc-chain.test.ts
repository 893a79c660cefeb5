// The whole OIDC chain on this machine: the engine makes the key, the discovery document, the JWKS
// and the tokens (src/tokens, as the browser does); real nginx serves the files over TLS with
// certificates the site makes (src/pki), started by the site's own oidc-issuer.sh --local; the Go
// stand-in for kube-apiserver (tests/interop/go/apiserver, --oidc-* flags or --authentication-config)
// fetches the discovery document over HTTPS trusting the site's CA, then the JWKS; real kubectl
// sends the ID token. For every token: kubectl auth whoami prints exactly the engine's preview, or
// kubectl's 401 message while the stand-in logs the engine's predicted cause word for word.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, importPublicKeyPem } from '../../src/pki/index.ts';
import {
  authenticateRequest,
  authenticationConfiguration,
  buildOidcIssuer,
  idTokenClaims,
  type JwtAuthenticator,
  jwtAuthenticatorFromFlags,
  KUBECTL_401,
  mintIdToken,
  type OidcAuthParams,
  type OidcFlags,
  type OidcIssuer,
  oidcFlagList,
  oidcTokenAuthenticator,
  type RequestVerdict,
  whoamiForUser,
} from '../../src/tokens/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { writeLocalhostCertificates } from '../support/lab-certs.ts';
import { freePort } from '../support/net.ts';
import { aliceEmailClaims } from '../support/oidc-claims.ts';
import { type IssuerScript, startIssuerScript } from '../support/oidc-issuer-script.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'openssl', 'kubectl', 'curl', 'nginx', 'bash'];
const missing = tools.filter((t) => !hasTool(t) && !(t === 'nginx' && hasTool('/usr/sbin/nginx')));
if (missing.length && inCI) throw new Error(`CI=true and the OIDC chain tests need ${missing.join(', ')}`);
// go-oidc prints times in the local zone; the engine prints UTC.
process.env.TZ = 'UTC';

interface Served {
  discovery: unknown;
  jwks: unknown;
}

describe('OIDC made by the engine, served by nginx, judged by the stand-in and kubectl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let port = 0;
  let issuerUrl = '';
  let script: IssuerScript | undefined;
  let issuer: OidcIssuer;
  let rsa: CryptoKeyPair;
  let ec: CryptoKeyPair;
  const servers: Standin[] = [];
  const now = () => Math.floor(Date.now() / 1000);
  /** The --oidc-* flags for this issuer, client ID kubernetes, trusting the lab CA, and `more`. */
  const labFlags = (more: Partial<OidcFlags>): OidcFlags => ({
    issuerUrl,
    clientId: 'kubernetes',
    caFile: join(dir, 'rootCA.pem'),
    ...more,
  });

  const curlJson = (url: string): unknown =>
    JSON.parse(
      execFileSync('curl', ['-sS', '--fail', '--cacert', join(dir, 'rootCA.pem'), url], { encoding: 'utf8' }),
    );
  const served = (): Served => ({
    discovery: curlJson(issuer.discoveryUrl),
    jwks: curlJson(issuer.discovery.jwks_uri),
  });
  const kubectl = (server: Standin, token: string) => {
    const r = spawnSync(
      'kubectl',
      [
        '--kubeconfig',
        join(dir, 'empty.kubeconfig'),
        `--server=${server.url}`,
        `--certificate-authority=${join(dir, 'rootCA.pem')}`,
        `--token=${token}`,
        'auth',
        'whoami',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const standin = async (flags: OidcFlags | { file: JwtAuthenticator[] }) => {
    let s: Standin;
    if ('file' in flags) {
      const path = join(dir, `authn-${servers.length}.json`);
      writeFileSync(path, JSON.stringify(authenticationConfiguration(flags.file, '1.34')));
      s = await startStandin(dir, {
        cert: join(dir, 'server.pem'),
        key: join(dir, 'server-key.pem'),
        credentialId: true,
        authenticationConfig: path,
        oidcInitRetry: '1s',
      });
    } else {
      // The stand-in takes exactly the flags the engine writes for kube-apiserver.
      const oidcFlags: Record<string, string[]> = {};
      for (const f of oidcFlagList(flags)) {
        oidcFlags[f.name] = [...(oidcFlags[f.name] ?? []), f.value];
      }
      s = await startStandin(dir, {
        cert: join(dir, 'server.pem'),
        key: join(dir, 'server-key.pem'),
        credentialId: true,
        oidcFlags,
        oidcInitRetry: '1s',
      });
    }
    servers.push(s);
    // Initialisation is asynchronous, as in kube-apiserver: wait for its first attempt.
    for (
      let i = 0;
      i < 50 && !/oidc authenticator: (initialized|initializing plugin)/.test(await s.log());
      i++
    );
    return s;
  };
  /** The engine's verdict for the request, from the files as nginx serves them now. */
  const predict = (token: string, p: Omit<OidcAuthParams, 'discovery' | 'jwks'>, files = served()) =>
    authenticateRequest({
      authorization: `Bearer ${token}`,
      authenticators: [oidcTokenAuthenticator({ ...p, ...files, version: '1.34' })],
    });

  async function judge(
    server: Standin,
    token: string,
    want: RequestVerdict,
    expect: 'authenticated' | 'unauthorized',
  ) {
    assert.equal(want.outcome, expect, `engine: ${want.error}`);
    const r = kubectl(server, token);
    if (want.outcome === 'authenticated') {
      assert.equal(r.status, 0, r.stderr);
      assert.equal(
        r.stdout,
        whoamiForUser({
          ...want.user!,
          groups: want.user!.groups.filter((g) => g !== 'system:authenticated'),
        }),
      );
    } else {
      assert.notEqual(r.status, 0);
      assert.equal(r.stderr.trim(), KUBECTL_401.whoami);
      const log = await server.log();
      assert.ok(
        log.includes(`Unable to authenticate the request: ${want.error}\n`),
        `stand-in log lacks the engine's "${want.error}":\n${log.slice(-1500)}`,
      );
    }
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-oidc-'));
    writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    await writeLocalhostCertificates(dir);
    port = await freePort();
    issuerUrl = `https://localhost:${port}`;
    rsa = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
    ec = (await generateKeyPair('ECDSA-P256')) as CryptoKeyPair;
    issuer = await buildOidcIssuer({ issuerUrl, publicKey: rsa.publicKey });
    writeFileSync(join(dir, 'openid-configuration.json'), issuer.files[0]!.text);
    writeFileSync(join(dir, 'jwks.json'), issuer.files[1]!.text);
    script = await startIssuerScript(dir, ['--port', String(port)]);
  });

  after(() => {
    for (const s of servers) s.stop();
    script?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('oidc-issuer.sh checked the files as kube-apiserver will and serves them at the discovery paths', () => {
    assert.match(
      script!.output(),
      new RegExp(`\\[PASS\\] ${issuerUrl}/.well-known/openid-configuration: issuer ${issuerUrl}\\n`),
    );
    assert.match(script!.output(), /PASS: kube-apiserver can fetch this issuer/);
    assert.deepEqual(served(), { discovery: issuer.discovery, jwks: issuer.jwks });
  });

  it('with the flags: kubectl auth whoami prints the engine’s preview, <issuer>#sub, groups prefixed, credential-id', async () => {
    const flags = labFlags({ groupsClaim: 'groups', groupsPrefix: 'oidc:' });
    const s = await standin(flags);
    const { authenticator, signingAlgs } = jwtAuthenticatorFromFlags(flags);
    const p = { authenticator, signingAlgs };
    const c = (over: Parameters<typeof idTokenClaims>[0]) =>
      idTokenClaims({ issuer: issuerUrl, audience: 'kubernetes', sub: 'alice', ...over });
    const mint = (claims: Record<string, unknown>, key = rsa.privateKey, alg?: 'PS256') =>
      mintIdToken({ claims, privateKey: key, ...(alg ? { alg } : {}) });
    const ok = await mint(c({ groups: ['dev', 'ops'], jti: 'tok-1' }));
    const v = await predict(ok, p);
    assert.equal(v.user?.username, `${issuerUrl}#alice`);
    await judge(s, ok, v, 'authenticated');
    await judge(
      s,
      await mint(c({ groups: 'solo' })),
      await predict(await mint(c({ groups: 'solo' })), p),
      'authenticated',
    );

    const refused: [string, string][] = [
      [
        'an issuer off by a trailing slash (not this authenticator’s: invalid bearer token)',
        await mint(c({ issuer: `${issuerUrl}/` })),
      ],
      [
        'an issuer off by one character',
        await mint(c({ issuer: issuerUrl.replace('localhost', 'localhosT') })),
      ],
      ['a wrong audience', await mint(c({ audience: ['kubectl'] }))],
      ['an expired token', await mint(c({ expiresAt: now() - 120 }))],
      ['PS256 where the flags allow RS256 only', await mint(c({}), rsa.privateKey, 'PS256')],
      ['groups of the wrong type', await mint(c({ groups: [1, 2] }))],
      ['groups that are an object', await mint(c({ groups: { a: 1 } }))],
      ['a kid the JWKS does not have', await mintIdToken({ claims: c({}), privateKey: ec.privateKey })],
    ];
    for (const [name, token] of refused) {
      const want = await predict(token, p);
      await judge(s, token, want, 'unauthorized').catch((e) => {
        throw new Error(`${name}: ${e.message}`);
      });
    }
  });

  it('with --oidc-username-claim=email: email_verified must be true when present; a missing required claim refuses', async () => {
    const flags = labFlags({ usernameClaim: 'email', requiredClaims: { hd: 'example.com' } });
    const s = await standin(flags);
    const p = jwtAuthenticatorFromFlags(flags);
    const c = (over: Parameters<typeof idTokenClaims>[0]) => aliceEmailClaims(issuerUrl, over);
    const cases: [Parameters<typeof idTokenClaims>[0], 'authenticated' | 'unauthorized'][] = [
      [{ emailVerified: true }, 'authenticated'],
      [{}, 'authenticated'],
      [{ emailVerified: false }, 'unauthorized'],
      [{ emailVerified: 'true' }, 'unauthorized'],
      [{ extra: {} }, 'unauthorized'],
      [{ extra: { hd: 'evil.example' } }, 'unauthorized'],
      [{ extra: { hd: 7 } }, 'unauthorized'],
    ];
    for (const [over, outcome] of cases) {
      const token = await mintIdToken({ claims: c(over), privateKey: rsa.privateKey });
      const want = await predict(token, { authenticator: p.authenticator, signingAlgs: p.signingAlgs });
      if (outcome === 'authenticated') assert.equal(want.user?.username, 'alice@example.com');
      await judge(s, token, want, outcome).catch((e) => {
        throw new Error(`${JSON.stringify(over)}: ${e.message}`);
      });
    }
  });

  it('with the file: several audiences, an explicit prefix, PS256 accepted (all nine algorithms)', async () => {
    const file: JwtAuthenticator = {
      issuer: {
        url: issuerUrl,
        audiences: ['kubernetes', 'portal'],
        audienceMatchPolicy: 'MatchAny',
        certificateAuthority: readFileSync(join(dir, 'rootCA.pem'), 'utf8'),
      },
      claimMappings: {
        username: { claim: 'sub', prefix: 'oidc:' },
        groups: { claim: 'groups', prefix: '' },
        uid: { claim: 'sub' },
      },
    };
    const s = await standin({ file: [file] });
    const c = (over: Parameters<typeof idTokenClaims>[0]) =>
      idTokenClaims({ issuer: issuerUrl, audience: ['portal'], sub: 'bob', groups: ['dev'], ...over });
    const ps = await mintIdToken({ claims: c({}), privateKey: rsa.privateKey, alg: 'PS256' });
    const want = await predict(ps, { authenticator: file });
    assert.equal(want.user?.username, 'oidc:bob');
    assert.equal(want.user?.uid, 'bob');
    await judge(s, ps, want, 'authenticated');
    const wrongAud = await mintIdToken({ claims: c({ audience: 'other' }), privateKey: rsa.privateKey });
    await judge(s, wrongAud, await predict(wrongAud, { authenticator: file }), 'unauthorized');
  });

  it('a configured issuer with a trailing slash never initialises: the discovery document names the other', async () => {
    const flags: OidcFlags = {
      issuerUrl: `${issuerUrl}/`,
      clientId: 'kubernetes',
      caFile: join(dir, 'rootCA.pem'),
    };
    const s = await standin(flags);
    const token = await mintIdToken({
      claims: idTokenClaims({ issuer: `${issuerUrl}/`, audience: 'kubernetes', sub: 'alice' }),
      privateKey: rsa.privateKey,
    });
    const p = jwtAuthenticatorFromFlags(flags);
    const want = await predict(token, p);
    assert.equal(want.error, 'oidc: authenticator not initialized');
    await judge(s, token, want, 'unauthorized');
    const v = await oidcTokenAuthenticator({ ...p, ...served() }).authenticate(token);
    assert.ok('initError' in v && v.initError);
    assert.ok(
      (await s.log()).includes(`oidc authenticator: initializing plugin: ${v.initError}`),
      await s.log(),
    );
  });

  it('a new key added to the JWKS is fetched on its first token, without a restart (unknown kid → refetch)', async () => {
    const flags: OidcFlags = {
      issuerUrl,
      clientId: 'kubernetes',
      caFile: join(dir, 'rootCA.pem'),
      signingAlgs: ['RS256', 'ES256'],
    };
    const s = await standin(flags);
    const p = jwtAuthenticatorFromFlags(flags);
    const before = await mintIdToken({
      claims: idTokenClaims({ issuer: issuerUrl, audience: 'kubernetes', sub: 'alice' }),
      privateKey: rsa.privateKey,
    });
    await judge(s, before, await predict(before, p), 'authenticated');
    const token = await mintIdToken({
      claims: idTokenClaims({ issuer: issuerUrl, audience: 'kubernetes', sub: 'carol' }),
      privateKey: ec.privateKey,
    });
    await judge(s, token, await predict(token, p), 'unauthorized');
    // Rotate: both keys in the served JWKS (the file in oidc-issuer.sh's folder).
    const both = {
      keys: [
        ...issuer.jwks.keys,
        ...(await buildOidcIssuer({ issuerUrl, publicKey: ec.publicKey })).jwks.keys,
      ],
    };
    const work = readdirSync(dir).find((f) => f.startsWith('.oidc-issuer.'))!;
    writeFileSync(join(dir, work, 'conf.d/www/openid/v1/jwks'), JSON.stringify(both));
    const want = await predict(token, p, { discovery: issuer.discovery, jwks: both });
    assert.equal(want.user?.username, `${issuerUrl}#carol`);
    await judge(s, token, want, 'authenticated');
  });

  it('the stand-in refuses to start on a file with CEL, and on the file together with --oidc-* flags', async () => {
    const path = join(dir, 'authn-cel.json');
    const cel = jwtAuthenticatorFromFlags({ issuerUrl, clientId: 'k' }).authenticator;
    cel.claimValidationRules = [{ expression: 'claims.exp - claims.nbf <= 86400', message: 'at most a day' }];
    writeFileSync(path, JSON.stringify(authenticationConfiguration([cel], '1.34')));
    const cert = { cert: join(dir, 'server.pem'), key: join(dir, 'server-key.pem') };
    await assert.rejects(
      startStandin(dir, { ...cert, authenticationConfig: path }),
      /jwt\[0\] uses CEL expressions, which this stand-in cannot evaluate/,
    );
    await assert.rejects(
      startStandin(dir, {
        ...cert,
        authenticationConfig: path,
        oidcFlags: { 'oidc-issuer-url': issuerUrl, 'oidc-client-id': 'k' },
      }),
      /authentication-config file and oidc-\* flags are mutually exclusive/,
    );
  });

  it('tokens minted by Go verify in the engine (RS256, PS256, ES256) with the JWKS of Go’s public keys', async () => {
    const goDir = mkdtempSync(join(dir, 'go-'));
    const claims = idTokenClaims({
      issuer: issuerUrl,
      audience: 'kubernetes',
      sub: 'gopher',
      groups: ['go'],
    });
    execFileSync(buildGoProgram('jwtmint'), [goDir, JSON.stringify(claims)]);
    const file: JwtAuthenticator = {
      issuer: { url: issuerUrl, audiences: ['kubernetes'] },
      claimMappings: { username: { claim: 'sub', prefix: '' }, groups: { claim: 'groups', prefix: 'go:' } },
    };
    for (const alg of ['RS256', 'PS256', 'ES256'] as const) {
      const pub = await importPublicKeyPem(readFileSync(join(goDir, `${alg}.pub`), 'utf8'));
      const i = await buildOidcIssuer({ issuerUrl, publicKey: pub, alg });
      const token = readFileSync(join(goDir, `${alg}.jwt`), 'utf8').trim();
      const v = await predict(token, { authenticator: file }, { discovery: i.discovery, jwks: i.jwks });
      assert.equal(v.outcome, 'authenticated', `${alg}: ${v.error}`);
      assert.deepEqual(v.user?.groups, ['go:go', 'system:authenticated']);
    }
  });
});
