// The request simulator (src/tokens simulateRequest) against the Go stand-in on a table of cases
// (tests/fixtures/request-simulator/table.json):
// ten stand-ins, each with the authenticators of one setup switched on (all of them with anonymous
// on, off, or limited to /livez by the structured configuration; each authenticator alone; none),
// and, for each, the same requests (every authenticator's example credential, two credentials on one
// request, a refused certificate with a good token, an unknown token, a proxy certificate without a
// user header, Bearer with two spaces, Basic, nothing at all) sent by curl to kubectl auth whoami's
// endpoint and to /livez. The engine's status, user and logged cause must be the stand-in's; on the
// full setup kubectl auth whoami itself must print what the engine says it prints.
// Bootstrap tokens (a good one, an expired one, one whose Secret lacks usage-bootstrap-authentication,
// a wrong secret) are Secrets in the stand-in's -objects-file, made by the engine from the field's
// lines; who may impersonate whom is the engine's RBAC objects, the stand-in's -rbac-file; the
// impersonation requests (allowed, refused, a group without a user, anonymous impersonating, a
// certificate user impersonating a service account with a uid and an extra) go through both, and
// kubectl --as/--as-group/--as-uid/--as-user-extra must print what the engine says.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  importPublicKeyPem,
  issueClientCertificate,
  issueRootCa,
  issueServerCertificate,
} from '../../src/pki/index.ts';
import { webhookKubeconfig } from '../../src/recipes/webhook/index.ts';
import {
  buildOidcIssuer,
  clusterObjectsJson,
  EXAMPLE_REQUESTS,
  type ExampleRequest,
  exampleRequest,
  makeExamples,
  rbacListJson,
  readAccounts,
  readBootstrapTokens,
  readImpersonationRules,
  readWebhookUsers,
  type SimulatorExamples,
  type SimulatorRequest,
  type SimulatorSetup,
  simulateRequest,
  WHOAMI_PATH,
  webhookScriptAnswer,
} from '../../src/tokens/index.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI, runAsync } from '../support/tools.ts';

const tools = ['go', 'curl', 'kubectl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the simulator table needs ${missing.join(', ')}`);

type Switch =
  | 'requestHeader'
  | 'clientCa'
  | 'tokenFile'
  | 'serviceAccount'
  | 'bootstrap'
  | 'oidc'
  | 'webhook';
const ALL: Switch[] = [
  'requestHeader',
  'clientCa',
  'tokenFile',
  'serviceAccount',
  'bootstrap',
  'oidc',
  'webhook',
];
type CertificateName = 'client' | 'proxy' | 'foreign';
/** One request of the table's JSON: an engine example, or a request made from its fields. */
interface TableRequest {
  name: string;
  example?: ExampleRequest;
  from?: ExampleRequest;
  certificate?: CertificateName;
  authorization?: string;
  authorizationOf?: ExampleRequest;
  lowercaseScheme?: boolean;
  headers?: string[];
}
interface Config {
  name: string;
  on: Switch[] | 'all';
  anonymous: SimulatorSetup['anonymous']['mode'];
  /** --oidc-signing-algs. Default: the examples' (RS256). */
  oidcSigningAlgs?: string;
}
/** The table: tests/fixtures/request-simulator/table.json. */
const TABLE = JSON.parse(
  readFileSync(new URL('../fixtures/request-simulator/table.json', import.meta.url), 'utf8'),
) as {
  bootstrapTokens: string[];
  impersonationRules: string[];
  anonymousPaths: string[];
  endpoints: SimulatorRequest['endpoint'][];
  setups: Config[];
  requests: TableRequest[];
};
const lines = (l: string[]) => l.map((x) => `${x}\n`).join('');
const BOOTSTRAP_TOKENS = lines(TABLE.bootstrapTokens);
const IMPERSONATION_RULES = lines(TABLE.impersonationRules);
const CONFIGS = TABLE.setups;
const switchedOn = (c: Config): Switch[] => (c.on === 'all' ? ALL : c.on);

/** The table's requests, each on every endpoint, with the key of the certificate it presents. */
function requests(ex: SimulatorExamples): { name: string; request: SimulatorRequest; key?: string }[] {
  const pems: Record<CertificateName, string> = {
    client: ex.clientCertificatePem,
    proxy: ex.proxyCertificatePem,
    foreign: ex.foreignCertificatePem,
  };
  const key = (pem: string) =>
    pem === ex.clientCertificatePem
      ? ex.keys.client
      : pem === ex.proxyCertificatePem
        ? ex.keys.proxy
        : pem === ex.foreignCertificatePem
          ? ex.keys.foreign
          : undefined;
  const base: SimulatorRequest = { endpoint: 'whoami', certificatePem: '', authorization: '', headers: '' };
  const list = TABLE.requests.map((t) => {
    if (t.example) return { name: t.name, request: exampleRequest(t.example, ex) };
    const r: SimulatorRequest = { ...(t.from ? exampleRequest(t.from, ex) : base) };
    if (t.certificate) r.certificatePem = pems[t.certificate];
    if (t.authorization !== undefined) r.authorization = t.authorization;
    if (t.authorizationOf) r.authorization = exampleRequest(t.authorizationOf, ex).authorization;
    if (t.lowercaseScheme) r.authorization = r.authorization.replace(/^Bearer /, 'bearer ');
    if (t.headers) r.headers = lines(t.headers);
    return { name: t.name, request: r };
  });
  return list.flatMap((r) =>
    TABLE.endpoints.map((endpoint) => {
      const k = key(r.request.certificatePem);
      return {
        name: `${r.name} → ${endpoint}`,
        request: { ...r.request, endpoint },
        ...(k ? { key: k } : {}),
      };
    }),
  );
}

/** A kubeconfig user with only the impersonation of these kubectl flags (the server and credentials come as flags). */
function impersonatingKubeconfig(flags: string[]): string {
  const user: Record<string, unknown> = {};
  const extra: Record<string, string[]> = {};
  for (const f of flags) {
    const [name, ...rest] = f.slice(2).split('=');
    const value = rest.join('=');
    if (name === 'as') user.as = value;
    else if (name === 'as-uid') user['as-uid'] = value;
    else if (name === 'as-group') user['as-groups'] = [...((user['as-groups'] as string[]) ?? []), value];
    else if (name === 'as-user-extra') {
      const [k, ...v] = value.split('=');
      extra[k!] = [...(extra[k!] ?? []), v.join('=')];
    }
  }
  if (Object.keys(extra).length) user['as-user-extra'] = extra;
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
  });
}

/** kubectl's flags for a request's Impersonate-* headers. */
function impersonationFlags(headers: string): string[] {
  const flags: string[] = [];
  for (const line of headers.split('\n').filter(Boolean)) {
    const [name, value] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()];
    if (name === 'Impersonate-User') flags.push(`--as=${value}`);
    else if (name === 'Impersonate-Group') flags.push(`--as-group=${value}`);
    else if (name === 'Impersonate-Uid') flags.push(`--as-uid=${value}`);
    else if (name.startsWith('Impersonate-Extra-'))
      flags.push(`--as-user-extra=${name.slice('Impersonate-Extra-'.length).toLowerCase()}=${value}`);
  }
  return flags;
}

describe('the request simulator and the stand-in agree on a table of cases', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let ex: SimulatorExamples;
  let issuerServer: Server;
  let webhookServer: Server;
  const standins = new Map<string, Standin>();
  const files = (n: string) => join(dir, n);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-simulator-'));
    const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
    const serving = await issueServerCertificate(
      { subject: { commonName: 'kube-apiserver' }, ipAddresses: ['127.0.0.1'], algorithm: 'ECDSA-P256' },
      ca,
    );
    const webhookClient = await issueClientCertificate(
      { subject: { commonName: 'kube-apiserver' }, algorithm: 'ECDSA-P256' },
      ca,
    );
    let served: Record<string, string> = {};
    issuerServer = createServer({ cert: serving.certificatePem, key: serving.privateKeyPem }, (req, res) => {
      const body = served[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(body ?? '{}');
    });
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', () => r()));
    const issuerUrl = `https://127.0.0.1:${(issuerServer.address() as { port: number }).port}`;
    ex = await makeExamples({ oidcIssuerUrl: issuerUrl });
    const issuer = await buildOidcIssuer({
      issuerUrl,
      publicKey: await importPublicKeyPem(ex.setup.oidc.keyPem),
    });
    served = Object.fromEntries(issuer.files.map((f) => [new URL(f.url).pathname, f.text]));

    const users = readWebhookUsers(ex.setup.webhook.users);
    webhookServer = createServer({ cert: serving.certificatePem, key: serving.privateKeyPem }, (req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        const a = webhookScriptAnswer(users, body);
        res.writeHead(a.status, { 'Content-Type': a.contentType });
        res.end(a.body);
      });
    });
    await new Promise<void>((r) => webhookServer.listen(0, '127.0.0.1', () => r()));
    const webhookPort = (webhookServer.address() as { port: number }).port;
    const s = ex.setup;
    const write: Record<string, string> = {
      'ca.pem': ca.certificatePem,
      'server.pem': serving.certificatePem,
      'server-key.pem': serving.privateKeyPem,
      'client-ca.pem': s.clientCa.caPem,
      'front-proxy-ca.pem': s.requestHeader.caPem,
      'tokens.csv': s.tokenFile.csv,
      'sa.pub': s.serviceAccount.keyPem,
      'objects.json': clusterObjectsJson([
        ...readAccounts(s.serviceAccount.accounts),
        ...readBootstrapTokens(BOOTSTRAP_TOKENS),
      ]),
      'rbac.json': rbacListJson(readImpersonationRules(IMPERSONATION_RULES)),
      'client.pem': ex.clientCertificatePem,
      'client-key.pem': ex.keys.client,
      'proxy.pem': ex.proxyCertificatePem,
      'proxy-key.pem': ex.keys.proxy,
      'foreign.pem': ex.foreignCertificatePem,
      'foreign-key.pem': ex.keys.foreign,
      'webhook.kubeconfig': webhookKubeconfig({
        server: `https://127.0.0.1:${webhookPort}/authenticate`,
        caPem: ca.certificatePem,
        clientCertificatePem: webhookClient.certificatePem,
        clientKeyPem: webhookClient.privateKeyPem,
      }),
      'anonymous-livez.json': JSON.stringify({
        apiVersion: 'apiserver.config.k8s.io/v1',
        kind: 'AuthenticationConfiguration',
        jwt: [
          {
            issuer: { url: issuerUrl, audiences: [s.oidc.clientId], certificateAuthority: ca.certificatePem },
            claimMappings: {
              username: { claim: s.oidc.usernameClaim, prefix: '' },
              groups: { claim: s.oidc.groupsClaim, prefix: s.oidc.groupsPrefix },
            },
          },
        ],
        anonymous: {
          enabled: true,
          conditions: s.anonymous.paths
            .split('\n')
            .filter(Boolean)
            .slice(0, 1)
            .map((path) => ({ path })),
        },
      }),
    };
    for (const [n, t] of Object.entries(write)) writeFileSync(files(n), t);
    const json = await runAsync('kubectl', [
      '--kubeconfig',
      files('webhook.kubeconfig'),
      'config',
      'view',
      '--raw',
      '-o',
      'json',
    ]);
    assert.equal(json.status, 0, json.stderr);
    writeFileSync(files('webhook.kubeconfig.json'), json.stdout);

    for (const c of CONFIGS) {
      const on = (x: Switch) => switchedOn(c).includes(x);
      const oidcByFlags = on('oidc') && c.anonymous !== 'conditions';
      const standin = await startStandin(dir, {
        cert: files('server.pem'),
        key: files('server-key.pem'),
        ...(on('clientCa') ? { clientCa: files('client-ca.pem') } : {}),
        rbacFile: files('rbac.json'),
        ...(on('bootstrap') ? { bootstrapTokens: true, objectsFile: files('objects.json') } : {}),
        ...(on('tokenFile') ? { tokenAuthFile: files('tokens.csv') } : {}),
        ...(on('serviceAccount')
          ? {
              serviceAccountKeyFiles: [files('sa.pub')],
              serviceAccountIssuers: [s.serviceAccount.issuer],
              objectsFile: files('objects.json'),
            }
          : {}),
        ...(oidcByFlags
          ? {
              oidcFlags: {
                'oidc-issuer-url': issuerUrl,
                'oidc-client-id': s.oidc.clientId,
                'oidc-username-claim': s.oidc.usernameClaim,
                'oidc-groups-claim': s.oidc.groupsClaim,
                'oidc-groups-prefix': s.oidc.groupsPrefix,
                'oidc-signing-algs': (c.oidcSigningAlgs ?? s.oidc.signingAlgs).split(/[\s,]+/).join(','),
                'oidc-ca-file': files('ca.pem'),
              },
            }
          : {}),
        ...(c.anonymous === 'conditions' ? { authenticationConfig: files('anonymous-livez.json') } : {}),
        ...(c.anonymous === 'off' ? { anonymous: false } : {}),
        ...(on('webhook')
          ? { webhookConfigFile: files('webhook.kubeconfig.json'), webhookVersion: 'v1' as const }
          : {}),
        ...(on('requestHeader')
          ? {
              requestHeaderFlags: {
                'requestheader-client-ca-file': files('front-proxy-ca.pem'),
                'requestheader-allowed-names': s.requestHeader.allowedNames,
                'requestheader-username-headers': s.requestHeader.usernameHeaders,
                'requestheader-group-headers': s.requestHeader.groupHeaders,
                'requestheader-extra-headers-prefix': s.requestHeader.extraPrefixes,
              },
            }
          : {}),
      });
      // The OIDC authenticator initialises in the background (discovery over HTTPS); until then its
      // tokens get "authenticator not initialized", which the engine does not model.
      if (on('oidc')) await standin.logged(/oidc authenticator: initialized/);
      standins.set(c.name, standin);
    }
  });

  after(() => {
    for (const s of standins.values()) s.stop();
    issuerServer?.close();
    webhookServer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const setupFor = (c: Config): SimulatorSetup => {
    const s = ex.setup;
    const on = (x: Switch) => switchedOn(c).includes(x);
    return {
      requestHeader: { ...s.requestHeader, on: on('requestHeader') },
      clientCa: { ...s.clientCa, on: on('clientCa') },
      tokenFile: { ...s.tokenFile, on: on('tokenFile') },
      serviceAccount: { ...s.serviceAccount, on: on('serviceAccount') },
      oidc: { ...s.oidc, on: on('oidc'), signingAlgs: c.oidcSigningAlgs ?? s.oidc.signingAlgs },
      bootstrap: { on: on('bootstrap'), tokens: BOOTSTRAP_TOKENS },
      webhook: { ...s.webhook, on: on('webhook') },
      anonymous: { mode: c.anonymous, paths: lines(TABLE.anonymousPaths) },
      impersonation: { rules: IMPERSONATION_RULES },
    };
  };

  let cases = 0;
  // Each setup has its own stand-in and reads only its own log, so the setups run three at a time;
  // the tests after this block share the first stand-in and run once it has ended.
  describe('each setup', { concurrency: 3 }, () => {
    for (const c of CONFIGS) {
      describe(c.name, () => {
        it('every request: the same status, user and logged cause', async () => {
          const standin = standins.get(c.name)!;
          const setup = setupFor(c);
          for (const r of requests(ex)) {
            cases++;
            // The previous case's read waited for its lines, so this one need not.
            const before = (await standin.log(0)).length;
            const predicted = await simulateRequest(setup, r.request);
            const certFile = r.request.certificatePem
              ? r.request.certificatePem === ex.clientCertificatePem
                ? 'client'
                : r.request.certificatePem === ex.proxyCertificatePem
                  ? 'proxy'
                  : 'foreign'
              : '';
            const headerArgs = r.request.headers
              .split('\n')
              .filter(Boolean)
              .flatMap((h) => ['-H', h]);
            const path = r.request.endpoint === 'whoami' ? WHOAMI_PATH : r.request.endpoint;
            const out = await runAsync('curl', [
              '-sS',
              '-w',
              '\n%{http_code}',
              '--cacert',
              files('ca.pem'),
              ...(certFile
                ? ['--cert', files(`${certFile}.pem`), '--key', files(`${certFile}-key.pem`)]
                : []),
              ...(r.request.authorization ? ['-H', `Authorization: ${r.request.authorization}`] : []),
              ...headerArgs,
              ...(r.request.endpoint === 'whoami'
                ? ['-X', 'POST', '-H', 'Content-Type: application/json', '-d', '{}']
                : []),
              `${standin.url}${path}`,
            ]);
            const body = out.stdout.slice(0, out.stdout.lastIndexOf('\n'));
            const code = Number(out.stdout.slice(out.stdout.lastIndexOf('\n') + 1));
            const label = `${c.name} / ${r.name}`;
            const log = (await standin.log()).slice(before);
            assert.equal(code, predicted.status, `${label}: ${body}\n${log}`);
            if (code === 201)
              assert.deepEqual(
                JSON.parse(body).status.userInfo,
                JSON.parse(predicted.body).status.userInfo,
                label,
              );
            else if (predicted.contentType?.startsWith('text/plain'))
              assert.equal(body, predicted.body, label);
            else if (code !== 200) assert.deepEqual(JSON.parse(body), JSON.parse(predicted.body), label);
            const logged = /Unable to authenticate the request: (.*)\n/.exec(log)?.[1];
            const engine = predicted.log
              ? /err="(.*)"$/.exec(predicted.log)?.[1]?.replace(/\\"/g, '"')
              : undefined;
            assert.equal(logged, engine, `${label}: the logged cause`);
          }
        });
      });
    }
  });

  it('kubectl auth whoami prints what the engine says it prints, on the full setup', async () => {
    const c = CONFIGS[0]!;
    const standin = standins.get(c.name)!;
    const setup = setupFor(c);
    const kubectlCan = (headers: string) =>
      headers === '' || (/^Impersonate-User: /.test(headers) && !/X-Remote-/.test(headers));
    let impersonating = 0;
    for (const r of requests(ex).filter(
      (x) => x.request.endpoint === 'whoami' && kubectlCan(x.request.headers),
    )) {
      const predicted = await simulateRequest(setup, r.request);
      const pem = r.request.certificatePem;
      const certFile = !pem
        ? ''
        : pem === ex.clientCertificatePem
          ? 'client'
          : pem === ex.proxyCertificatePem
            ? 'proxy'
            : 'foreign';
      const token = /^Bearer (\S+)$/.exec(r.request.authorization)?.[1];
      if (r.request.authorization && !token) continue; // kubectl sends only Bearer tokens
      if (!token && !certFile) continue; // with no credential at all kubectl asks for a user name instead
      // The engine's flags; kubectl 1.32 has no --as-user-extra, so an extra goes in a kubeconfig.
      const flags = predicted.kubectlFlags ?? [];
      assert.deepEqual(flags, impersonationFlags(r.request.headers), r.name);
      const extra = flags.some((f) => f.startsWith('--as-user-extra='));
      const kubeconfig = files('impersonating.kubeconfig');
      if (extra) writeFileSync(kubeconfig, impersonatingKubeconfig(flags));
      const out = await runAsync('kubectl', [
        `--kubeconfig=${extra ? kubeconfig : '/dev/null'}`,
        `--server=${standin.url}`,
        `--certificate-authority=${files('ca.pem')}`,
        ...(certFile
          ? [
              `--client-certificate=${files(`${certFile}.pem`)}`,
              `--client-key=${files(`${certFile}-key.pem`)}`,
            ]
          : []),
        ...(token ? [`--token=${token}`] : []),
        ...(extra ? [] : flags),
        'auth',
        'whoami',
      ]);
      if (r.request.headers) impersonating++;
      if (predicted.status === 201) {
        assert.equal(out.status, 0, `${r.name}: ${out.stderr}`);
        assert.equal(out.stdout, predicted.kubectl, r.name);
      } else {
        assert.equal(out.status, 1, `${r.name}: ${out.stdout}`);
        assert.equal(out.stderr.trim(), predicted.kubectl, r.name);
      }
    }
    assert.ok(impersonating >= 5, `${impersonating} impersonating requests through kubectl`);
  });

  it('a group without a user: the stand-in’s 500, and kubectl refuses --as-group without --as as the engine says', async () => {
    const c = CONFIGS[0]!;
    const standin = standins.get(c.name)!;
    const r = exampleRequest('impersonation-without-user', ex);
    const predicted = await simulateRequest(setupFor(c), r);
    assert.equal(predicted.status, 500);
    assert.deepEqual(predicted.kubectlFlags, ['--as-group=qa']);
    const out = await runAsync('kubectl', [
      '--kubeconfig=/dev/null',
      `--server=${standin.url}`,
      `--certificate-authority=${files('ca.pem')}`,
      `--token=${/^Bearer (\S+)$/.exec(r.authorization)![1]}`,
      ...predicted.kubectlFlags!,
      'auth',
      'whoami',
    ]);
    assert.equal(out.status, 1, out.stdout);
    assert.equal(out.stderr.trim(), predicted.kubectl);
  });

  it('the table names every example the engine has', () => {
    const named = new Set(TABLE.requests.map((r) => r.example).filter(Boolean));
    assert.deepEqual(
      EXAMPLE_REQUESTS.filter((n) => !named.has(n)),
      [],
    );
  });

  it('the table has at least 150 cases', () => {
    assert.ok(cases >= 150, `${cases} cases`);
  });
});
