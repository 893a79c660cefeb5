// "Use my part-N work" in the request simulator: each part's workspace entries, made with the engine
// functions its widget calls and shaped as the widget journals them, become the simulator's fields,
// and the simulator (simulateRequest) then authenticates the user that part's lesson made. No private
// key is ever carried over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  exportPublicKeyPem,
  generateKeyPair,
  issueClientCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
} from '../../../src/pki/index.ts';
import { computeImpersonation } from '../../../src/recipes/impersonation/impersonation-choices.ts';
import { builderTexts, DEFAULT_INPUTS } from '../../../src/recipes/proxy/builder.ts';
import { addWebhookUser } from '../../../src/recipes/webhook/webhook-setup.ts';
import { generateBootstrapToken } from '../../../src/tokens/bootstrap-token.ts';
import { idTokenClaims, mintIdToken } from '../../../src/tokens/oidc-id-token.ts';
import { buildOidcIssuer } from '../../../src/tokens/oidc-issuer.ts';
import { randomToken } from '../../../src/tokens/random-token.ts';
import { simulateRequest } from '../../../src/tokens/request-simulator.ts';
import { DEFAULT_REQUEST, DEFAULT_SETUP } from '../../../src/tokens/request-simulator-examples.ts';
import { simulatorInput, simulatorValues } from '../../../src/tokens/request-simulator-fields.ts';
import {
  PART5_HEADERS,
  part1Values,
  part2Values,
  part3Values,
  part4Values,
  part5Values,
  type WorkspaceInputs,
} from '../../../src/tokens/request-simulator-parts.ts';
import { boundServiceAccountClaims } from '../../../src/tokens/service-account-claims.ts';
import { signJwt } from '../../../src/tokens/sign-jwt.ts';
import { DEFAULT_VALUES, paramsFromValues } from '../../../src/widgets/workbench/form-values.ts';

/** The simulator's fields as the page first shows them, with the part's values put in (setValues). */
async function simulate(...changes: Record<string, string>[]) {
  const values = Object.assign(simulatorValues(DEFAULT_SETUP, DEFAULT_REQUEST), ...changes);
  const { setup, request } = simulatorInput(values);
  return simulateRequest(setup, request);
}

/** What the workbench stores for the reader's values (its files and the form values). */
async function workbench(clientUser: string, clientGroups: string) {
  const params = paramsFromValues({ ...DEFAULT_VALUES, algorithm: 'ECDSA-P256', clientUser, clientGroups });
  const ca = await issueRootCa(params.rootCa);
  const client = await issueClientCertificate(params.client, ca);
  return { caPem: ca.certificatePem, certificatePem: client.certificatePem };
}

const noPrivateKey = (values: Record<string, string>) =>
  assert.doesNotMatch(JSON.stringify(values), /PRIVATE KEY/, 'no private key is carried over');

describe('part 1: the workbench', () => {
  it('sends the client certificate to a --client-ca-file of the workbench CA: its CN and O values are the user', async () => {
    const values = part1Values(await workbench('dana', 'ops\nplatform team'));
    assert.equal(values.clientCaOn, 'on');
    assert.equal(values.authorization, '', 'no bearer token besides the certificate');
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'x509');
    assert.equal(r.user?.username, 'dana');
    assert.deepEqual(r.user?.groups, ['ops', 'platform team', 'system:authenticated']);
  });
});

describe('part 2: the token file, the bootstrap token and the service-account token', () => {
  it('the token file: each row with a token becomes a line, and the first row’s token authenticates its user with its groups', async () => {
    // As the token-file widget journals its rows: generated tokens (randomToken) are kept.
    const token = randomToken();
    const inputs: WorkspaceInputs = {
      'token-file': {
        rows: JSON.stringify([
          { user: 'erin', uid: 'e-1', groups: 'ops,qa', token },
          { user: 'frank', uid: 'f-1', groups: '', token: '' }, // a typed token, not kept
        ]),
      },
    };
    const values = await part2Values(inputs);
    assert.equal(values.tokenCsv, `${token},erin,e-1,"ops,qa"\n`);
    assert.equal(values.authorization, `Bearer ${token}`);
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'token-file');
    assert.equal(r.user?.username, 'erin');
    assert.equal(r.user?.uid, 'e-1');
    assert.deepEqual(r.user?.groups, ['ops', 'qa', 'system:authenticated']);
  });

  it('the bootstrap token: system:bootstrap:<id> in system:bootstrappers and the extra group, refused when it may not authenticate', async () => {
    const token = generateBootstrapToken();
    const id = token.split('.')[0];
    const entry = { token, groups: 'system:bootstrappers:lab', usageSigning: false };
    const values = await part2Values({ 'bootstrap-token': entry });
    assert.equal(values.bootstrapTokens, `${token} system:bootstrappers:lab usages=authentication\n`);
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'bootstrap-token');
    assert.equal(r.user?.username, `system:bootstrap:${id}`);
    assert.deepEqual(r.user?.groups, [
      'system:bootstrappers',
      'system:bootstrappers:lab',
      'system:authenticated',
    ]);
    // Without the authentication usage, kube-apiserver does not take it as a credential.
    const signingOnly = await part2Values({
      'bootstrap-token': { ...entry, usageAuthentication: false, usageSigning: true },
    });
    assert.equal(signingOnly.bootstrapTokens, `${token} system:bootstrappers:lab usages=signing\n`);
    assert.equal((await simulate(signingOnly)).outcome, 'unauthorized');
    // A token the reader typed and did not keep is journaled as '': nothing to bring.
    assert.deepEqual(await part2Values({ 'bootstrap-token': { ...entry, token: '' } }), {});
  });

  it('the service-account token: the public key, issuer and account the token names; the token authenticates system:serviceaccount:<ns>:<name>', async () => {
    const issuer = 'https://kubernetes.default.svc.cluster.local';
    const key = await generateKeyPair('RSA-2048');
    const claims = boundServiceAccountClaims({
      issuer,
      namespace: 'lab',
      serviceAccount: { name: 'builder', uid: '5b1d2c3e-0000-4000-8000-000000000001' },
      audiences: [issuer],
    });
    const token = await signJwt({ claims, privateKey: key.privateKey, alg: 'RS256' });
    const keys = await exportPublicKeyPem(key.publicKey);
    // As the sa-token widget keeps it: keys and issuers as typed, the token only with "keep".
    const values = await part2Values({ 'sa-token': { keys, issuers: issuer, token, keepKeys: true } });
    assert.equal(values.saKeyPem, keys);
    assert.equal(values.saIssuer, issuer);
    assert.equal(values.saAccounts, 'lab/builder 5b1d2c3e-0000-4000-8000-000000000001\n');
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'service-account');
    assert.equal(r.user?.username, 'system:serviceaccount:lab:builder');
    assert.equal(r.user?.uid, '5b1d2c3e-0000-4000-8000-000000000001');
    assert.deepEqual(r.user?.groups, [
      'system:serviceaccounts',
      'system:serviceaccounts:lab',
      'system:authenticated',
    ]);
    // A ServiceAccount that no longer exists (another uid in the objects): refused.
    const gone = await part2Values({
      'sa-token': {
        keys,
        issuers: issuer,
        token,
        objects: JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: [{ kind: 'ServiceAccount', metadata: { namespace: 'lab', name: 'builder', uid: 'other' } }],
        }),
      },
    });
    assert.equal(gone.saAccounts, 'lab/builder other\n');
    assert.equal((await simulate(gone)).outcome, 'unauthorized');
  });

  it('all three labs: each authenticator is set up, and the request carries the service-account token', async () => {
    const token = randomToken();
    const boot = generateBootstrapToken();
    const key = await generateKeyPair('ECDSA-P256');
    const issuer = 'https://kubernetes.default.svc.cluster.local';
    const claims = boundServiceAccountClaims({
      issuer,
      namespace: 'lab',
      serviceAccount: { name: 'builder', uid: 'u-1' },
      audiences: [issuer],
    });
    const saToken = await signJwt({ claims, privateKey: key.privateKey, alg: 'ES256' });
    const keys = await exportPublicKeyPem(key.publicKey);
    const all = {
      'token-file': { rows: JSON.stringify([{ user: 'erin', uid: '', groups: '', token }]) },
      'bootstrap-token': { token: boot },
      'sa-token': { keys, issuers: issuer },
    };
    // Without a kept service-account token: the token file's token.
    const values = await part2Values(all);
    assert.equal(values.authorization, `Bearer ${token}`);
    assert.equal(values.saOn, 'on');
    assert.equal(values.bootstrapOn, 'on');
    assert.equal((await simulate(values)).user?.username, 'erin');
    // The bootstrap token still authenticates in that setup.
    assert.equal(
      (await simulate(values, { authorization: `Bearer ${boot}` })).authenticatedBy,
      'bootstrap-token',
    );
    const withSa = await part2Values({ ...all, 'sa-token': { ...all['sa-token'], token: saToken } });
    assert.equal(withSa.authorization, `Bearer ${saToken}`);
    assert.equal((await simulate(withSa)).user?.username, 'system:serviceaccount:lab:builder');
  });
});

describe('part 3: the identity provider and the --oidc-* flags', () => {
  it('the issuer URL, client id, claims, JWKS (as PEM) and kept ID token authenticate the token’s email with prefixed groups', async () => {
    const issuerUrl = 'https://idp.example.test:8443';
    // The issuer widget's default algorithm, RS256, kube-apiserver's default --oidc-signing-algs.
    const key = await generateKeyPair('RSA-2048');
    const issuer = await buildOidcIssuer({ issuerUrl, publicKey: key.publicKey });
    const claims = idTokenClaims({
      issuer: issuerUrl,
      audience: 'lab-cluster',
      sub: 'u-7',
      email: 'mina@example.test',
      emailVerified: true,
      groups: ['dev', 'ops'],
    });
    const token = await mintIdToken({ claims, privateKey: key.privateKey, alg: issuer.alg });
    const inputs: WorkspaceInputs = {
      'oidc-config': {
        issuerUrl,
        audiences: 'lab-cluster',
        usernameClaim: 'email',
        groupsClaim: 'groups',
        groupsPrefix: 'oidc:',
        jwks: JSON.stringify(issuer.jwks),
        token,
        keepToken: true,
      },
      'oidc-issuer': { issuerUrl, keepKeys: false, token: '' },
    };
    const values = await part3Values(inputs);
    assert.equal(values.oidcKeyPem, await exportPublicKeyPem(key.publicKey));
    assert.equal(values.oidcClientId, 'lab-cluster');
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'oidc');
    assert.equal(r.user?.username, 'mina@example.test');
    assert.deepEqual(r.user?.groups, ['oidc:dev', 'oidc:ops', 'system:authenticated']);
  });

  it('the issuer widget’s kept token is used when the flags widget kept none', async () => {
    const issuerUrl = 'https://idp.example.test';
    const key = await generateKeyPair('RSA-2048');
    const issuer = await buildOidcIssuer({ issuerUrl, publicKey: key.publicKey });
    const claims = idTokenClaims({
      issuer: issuerUrl,
      audience: 'kubernetes',
      sub: 'u-8',
      email: 'jo@example.test',
      emailVerified: true,
    });
    const token = await mintIdToken({ claims, privateKey: key.privateKey });
    const values = await part3Values({
      'oidc-config': { jwks: JSON.stringify(issuer.jwks), usernameClaim: 'sub', usernamePrefix: 'idp:' },
      'oidc-issuer': { issuerUrl, token, keepKeys: true },
    });
    assert.equal(values.oidcIssuerUrl, issuerUrl);
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'oidc');
    assert.equal(r.user?.username, 'idp:u-8');
  });
});

describe('part 3: the signing algorithms', () => {
  const issuerUrl = 'https://idp.example.test';
  async function es256Lab() {
    const key = await generateKeyPair('ECDSA-P256');
    const issuer = await buildOidcIssuer({ issuerUrl, publicKey: key.publicKey });
    const claims = idTokenClaims({
      issuer: issuerUrl,
      audience: 'kubernetes',
      sub: 'u-9',
      email: 'es@example.test',
      emailVerified: true,
    });
    const token = await mintIdToken({ claims, privateKey: key.privateKey, alg: issuer.alg });
    assert.equal(issuer.alg, 'ES256');
    return { jwks: JSON.stringify(issuer.jwks), token };
  }

  it('the flags widget’s --oidc-signing-algs comes along: ES256 listed, the ES256 token is accepted', async () => {
    const { jwks, token } = await es256Lab();
    const values = await part3Values({
      'oidc-config': { way: 'flags', issuerUrl, jwks, signingAlgs: 'RS256, ES256', usernameClaim: 'email' },
      'oidc-issuer': { issuerUrl, alg: 'ES256', token, keepKeys: true },
    });
    assert.equal(values.oidcSigningAlgs, 'RS256, ES256');
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'oidc');
    assert.equal(r.user?.username, 'es@example.test');
  });

  it('the flags left at RS256 refuse the ES256 token, as kube-apiserver would', async () => {
    const { jwks, token } = await es256Lab();
    const values = await part3Values({
      'oidc-config': { way: 'flags', issuerUrl, jwks, signingAlgs: 'RS256', usernameClaim: 'email' },
      'oidc-issuer': { issuerUrl, alg: 'ES256', token, keepKeys: true },
    });
    const r = await simulate(values);
    assert.equal(r.status, 401);
    assert.equal(r.user, undefined);
  });

  it('with the configuration file (all nine accepted), or no flags widget yet, the issuer’s algorithm is used', async () => {
    const { jwks, token } = await es256Lab();
    for (const cfg of [
      { way: 'file', issuerUrl, jwks, signingAlgs: 'RS256', usernameClaim: 'email' },
      { jwks },
    ]) {
      const values = await part3Values({
        'oidc-config': cfg,
        'oidc-issuer': { issuerUrl, alg: 'ES256', token, keepKeys: true },
      });
      assert.equal(values.oidcSigningAlgs, 'ES256', JSON.stringify(cfg));
      assert.equal((await simulate(values)).authenticatedBy, 'oidc', JSON.stringify(cfg));
    }
  });
});

describe('part 4: the webhook', () => {
  it('the users file the webhook lab made answers for its first token', async () => {
    const token = randomToken();
    const users = addWebhookUser(
      addWebhookUser('', { username: 'dave', uid: 'd-1', groups: 'qa, ops' }, token),
      {
        username: 'eve',
      },
    );
    const values = part4Values({ 'webhook-config': { users } });
    assert.equal(values.webhookUsers, users);
    assert.equal(values.authorization, `Bearer ${token}`);
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'webhook');
    assert.equal(r.user?.username, 'dave');
    assert.equal(r.user?.uid, 'd-1');
    assert.deepEqual(r.user?.groups, ['qa', 'ops', 'system:authenticated']);
  });
});

describe('part 5: the authenticating proxy and impersonation', () => {
  it('the header names are X-Remote-*, the only ones the proxy builder’s nginx config and flags use', () => {
    // The builder cannot be told other names: its nginx config sets X-Remote-User and
    // X-Remote-Group (and no client header passes), and its flags name them and X-Remote-Extra-.
    const { conf, flags } = builderTexts(DEFAULT_INPUTS, 'en');
    const set = [...conf.matchAll(/proxy_set_header\s+(\S+)/g)].map((m) => m[1]);
    assert.deepEqual(
      set.filter((h) => /remote|impersonate/i.test(h!)),
      [PART5_HEADERS.user, PART5_HEADERS.group, PART5_HEADERS.group, PART5_HEADERS.group],
    );
    assert.match(conf, /proxy_pass_request_headers\s+off;/);
    assert.match(flags, new RegExp(`^--requestheader-username-headers=${PART5_HEADERS.user}$`, 'm'));
    assert.match(flags, new RegExp(`^--requestheader-group-headers=${PART5_HEADERS.group}$`, 'm'));
    assert.match(
      flags,
      new RegExp(`^--requestheader-extra-headers-prefix=${PART5_HEADERS.extraPrefix}$`, 'm'),
    );
  });

  it('the front-proxy CA and the kept proxy certificate: the request-header step believes the proxy’s user and groups', async () => {
    const ca = await issueFrontProxyCa();
    const client = await issueFrontProxyClientCertificate({ commonName: 'front-proxy-client' }, ca);
    // As the proxy builder keeps them with "keep keys": the keys too, which are never read.
    const certs = JSON.stringify({
      caPem: ca.certificatePem,
      caKeyPem: ca.privateKeyPem,
      clientPem: client.certificatePem,
      clientKeyPem: client.privateKeyPem,
    });
    const inputs = {
      'proxy-builder': { certs, allowedNames: 'front-proxy-client', user: 'fiona', groups: 'admins ops' },
    };
    const values = part5Values(inputs);
    noPrivateKey(values);
    assert.equal(values.headers, 'X-Remote-User: fiona\nX-Remote-Group: admins\nX-Remote-Group: ops\n');
    const r = await simulate(values);
    assert.equal(r.authenticatedBy, 'request-header');
    assert.equal(r.user?.username, 'fiona');
    assert.deepEqual(r.user?.groups, ['admins', 'ops', 'system:authenticated']);
    // Allowed names that leave out the proxy's CN: refused.
    const other = part5Values({
      'proxy-builder': { ...inputs['proxy-builder'], allowedNames: 'someone-else' },
    });
    assert.notEqual((await simulate(other)).authenticatedBy, 'request-header');
    // Without the kept certificate: the CA and settings only, the request as it was.
    const caOnly = part5Values({ 'proxy-builder': { certs: JSON.stringify({ caPem: ca.certificatePem }) } });
    assert.equal(caOnly.rhCaPem, ca.certificatePem);
    assert.equal(caOnly.certificatePem, undefined);
    assert.equal(caOnly.headers, undefined);
  });

  it('the impersonation lab: its requester (the part-1 user) may act as its target, as its generated RBAC allows', async () => {
    const bench = await workbench('jane', 'developers');
    // As the impersonation widget journals them: only the fields the reader changed.
    const impersonation = { as: 'kim', asGroups: 'qa\nreaders' };
    const lab = computeImpersonation(impersonation);
    assert.equal(lab.verdict?.outcome, 'impersonated', 'the lab itself allows it');
    const values = part5Values({
      'proxy-builder': { certs: JSON.stringify({ caPem: (await issueFrontProxyCa()).certificatePem }) },
      impersonation,
    });
    assert.equal(values.impersonationRules, 'jane: users/kim groups/qa groups/readers\n');
    // The same headers kubectl sends for the lab's flags.
    assert.equal(values.headers, lab.headers?.map(([k, v]) => `${k}: ${v}\n`).join(''));
    // Sent with the part-1 certificate (part 1's button, then part 5's).
    const r = await simulate(part1Values(bench), values);
    assert.equal(r.authenticatedBy, 'x509');
    assert.equal(r.impersonation?.outcome, 'impersonated');
    assert.equal(r.impersonation?.requester.username, 'jane');
    assert.equal(r.user?.username, 'kim');
    assert.deepEqual(r.user?.groups, ['qa', 'readers', 'system:authenticated']);
    // Through the proxy the lab's headers are not sent: its nginx config passes none of the client's.
    const proxyCa = await issueFrontProxyCa();
    const proxy = await issueFrontProxyClientCertificate({ commonName: 'front-proxy-client' }, proxyCa);
    const viaProxy = part5Values({
      'proxy-builder': {
        certs: JSON.stringify({ caPem: proxyCa.certificatePem, clientPem: proxy.certificatePem }),
      },
      impersonation,
    });
    assert.doesNotMatch(viaProxy.headers ?? '', /Impersonate-/);
    // The reader's own RBAC objects are not one rule line: no rule, no headers.
    const own = part5Values({ impersonation: { ...impersonation, rbacSource: 'edited' } });
    assert.equal(own.impersonationRules, undefined);
    assert.equal(own.headers, undefined);
  });

  it('impersonation work alone: the rule and its headers, and the request-header authenticator left as it is', async () => {
    const bench = await workbench('jane', 'developers');
    const values = part5Values({ impersonation: { as: 'kim' } });
    // The widget's other defaults (its group qa) come along, as the lab shows them.
    const lab = computeImpersonation({ as: 'kim' });
    assert.equal(values.impersonationRules, 'jane: users/kim groups/qa\n');
    assert.equal(values.headers, lab.headers?.map(([k, v]) => `${k}: ${v}\n`).join(''));
    assert.deepEqual(
      Object.keys(values).filter((k) => k.startsWith('rh')),
      [],
    );
    const r = await simulate(part1Values(bench), values);
    assert.equal(r.impersonation?.outcome, 'impersonated');
    assert.equal(r.user?.username, 'kim');
  });
});

describe('which parts the workspace holds work of (the buttons shown)', () => {
  it('none for an empty workspace, and each part for its own widgets’ entries', async () => {
    const { partsHeld } = await import('../../../src/tokens/request-simulator-held.ts');
    assert.deepEqual(partsHeld({}), []);
    assert.deepEqual(partsHeld({ 'token-file': { rows: '[]' } }), [2]);
    assert.deepEqual(partsHeld({ 'bootstrap-token': { token: '   ' } }), [], 'blank is nothing');
    assert.deepEqual(partsHeld({ 'oidc-issuer': { issuerUrl: 'https://idp.example.test' } }), [3]);
    assert.deepEqual(partsHeld({ 'webhook-config': { users: '{}' } }), [4]);
    assert.deepEqual(partsHeld({ 'proxy-builder': { certs: '{"caPem":"x"}' } }), [5]);
    assert.deepEqual(
      partsHeld({ 'proxy-builder': { certs: 'not json' } }),
      [],
      'an unreadable entry is nothing',
    );
    assert.deepEqual(partsHeld({ impersonation: { as: 'kim' } }), [5], 'impersonation work alone');
  });
});
