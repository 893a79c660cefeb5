// The OIDC builder's reading of its fields (src/recipes/oidc/oidc-choices.ts): the flags and the
// file come from the engine for the same choices, every kube-apiserver validation message and engine
// error lands at the field that caused it, the change carries the file and its mount both ways, and a
// pasted token is judged with the signature checked only when the JWKS is there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { generateKeyPair } from '../../../src/pki/index.ts';
import { computeConfig, type Field, judgeToken } from '../../../src/recipes/oidc/oidc-choices.ts';
import {
  buildOidcIssuer,
  idTokenClaims,
  jwtAuthenticatorFromFlags,
  mintIdToken,
} from '../../../src/tokens/index.ts';

const ISSUER = 'https://localhost:8443';

describe('the OIDC builder', () => {
  it('writes the flags and converts them to the file as kube-apiserver does (issuer# prefix explicit)', () => {
    const r = computeConfig({});
    assert.deepEqual(r.problems, {});
    assert.equal(
      r.flagsText,
      [
        '--oidc-client-id=kubernetes',
        '--oidc-groups-claim=groups',
        '--oidc-groups-prefix=oidc:',
        `--oidc-issuer-url=${ISSUER}`,
      ].join('\n'),
    );
    const file = parse(r.fileYaml!);
    assert.equal(file.apiVersion, 'apiserver.config.k8s.io/v1');
    assert.deepEqual(
      file.jwt[0],
      jwtAuthenticatorFromFlags({
        issuerUrl: ISSUER,
        clientId: 'kubernetes',
        groupsClaim: 'groups',
        groupsPrefix: 'oidc:',
      }).authenticator,
    );
    assert.equal(r.usernamePrefix, `${ISSUER}#`);
    assert.equal(r.colonPrefix, true);
    assert.deepEqual(r.signingAlgs, ['RS256']);
    assert.equal(computeConfig({ usernamePrefix: '-' }).usernamePrefix, '');
    assert.equal(computeConfig({ usernameClaim: 'email' }).usernamePrefix, '');
  });

  it('chooses the apiVersion by release and has no file before 1.29', () => {
    assert.equal(computeConfig({ version: '1.29' }).apiVersion, 'apiserver.config.k8s.io/v1alpha1');
    assert.equal(computeConfig({ version: '1.33' }).apiVersion, 'apiserver.config.k8s.io/v1beta1');
    const old = computeConfig({ version: '1.28' });
    assert.equal(old.fileYaml, undefined);
    assert.deepEqual(old.problems, {});
    const oldFile = computeConfig({ version: '1.28', way: 'file' });
    const p = oldFile.problems.version;
    assert.ok(p && 'error' in p && p.error.code === 'oidc-config/unsupported-version');
  });

  const at: [string, Record<string, string>, Field, string][] = [
    ['a bad version', { version: 'v2' }, 'version', 'oidc-config/bad-version'],
    ['an http issuer', { issuerUrl: 'http://a.example' }, 'issuerUrl', 'oidc-flags/not-https'],
    ['no client ID', { audiences: '' }, 'audiences', 'oidc-flags/issuer-and-client-id'],
    ['two client IDs in the flags', { audiences: 'a\nb' }, 'audiences', 'oidc-widget/one-client-id'],
    [
      'a key as the CA',
      { caPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' },
      'caPem',
      'oidc-widget/not-a-certificate',
    ],
    ['no PEM as the CA', { caPem: 'hello' }, 'caPem', 'pem/no-block'],
    ['a space in the claim', { usernameClaim: 'a b' }, 'usernameClaim', 'oidc-flags/bad-value'],
    ['a quote in the groups prefix', { groupsPrefix: 'a"' }, 'groupsPrefix', 'oidc-flags/bad-value'],
    [
      'a required claim without =',
      { requiredClaims: 'hd' },
      'requiredClaims',
      'oidc-flags/bad-required-claim',
    ],
    ['HS256', { signingAlgs: 'HS256' }, 'signingAlgs', 'oidc-flags/bad-signing-alg'],
    ['CEL with the flags', { userRules: 'true' }, 'userRules', 'oidc-widget/file-only'],
  ];
  for (const [name, inputs, field, code] of at) {
    it(`puts ${name} at ${field} with ${code}`, () => {
      const p = computeConfig(inputs).problems[field];
      assert.ok(p && 'error' in p, JSON.stringify(computeConfig(inputs).problems));
      assert.equal(p.error.code, code);
    });
  }

  const validation: [string, Record<string, string>, Field, RegExp][] = [
    ['an upper-case extra key', { extra: 'Example.com/t = claims.t' }, 'extra', /must be lowercase/],
    ['a reserved extra key', { extra: 'kubernetes.io/t = claims.t' }, 'extra', /reserved for Kubernetes use/],
    [
      'claims.email without email_verified',
      { usernameExpression: 'claims.email' },
      'usernameExpression',
      /email_verified must be used/,
    ],
    ['two equal user rules', { userRules: 'true\ntrue' }, 'userRules', /Duplicate value/],
    ['a query in the issuer', { issuerUrl: 'https://a.example/?x=1' }, 'issuerUrl', /./],
  ];
  for (const [name, inputs, field, want] of validation) {
    it(`puts kube-apiserver's validation of ${name} at ${field}`, () => {
      const r = computeConfig({ way: 'file', ...inputs });
      const p = r.problems[field];
      assert.ok(p, JSON.stringify(r.problems));
      const text = 'validation' in p ? p.validation.join(' ') : p.error.message;
      assert.match(text, want);
      assert.equal(r.change, undefined);
    });
  }

  it('changes the manifest with --authentication-config, its mount and a step to put the file there; kind mounts it', () => {
    const r = computeConfig({ way: 'file', version: '1.29' });
    assert.deepEqual(r.problems, {});
    const k = r.change!.kubeadm!;
    assert.match(k.diff, /\+ {4}- --authentication-config=\/etc\/kubernetes\/authentication-config\.yaml\n/);
    assert.match(k.diff, /\+ {4}- --feature-gates=StructuredAuthenticationConfiguration=true\n/);
    assert.doesNotMatch(k.diff, /--oidc-/);
    assert.deepEqual(
      k.mounts.map((m) => m.path),
      ['/etc/kubernetes/authentication-config.yaml'],
    );
    assert.equal(
      k.steps[0]!.command,
      'sudo install -D -m 600 authentication-config.yaml /etc/kubernetes/authentication-config.yaml',
    );
    const kind = parse(r.change!.kind!.config);
    assert.deepEqual(kind.nodes[0].extraMounts, [
      {
        hostPath: './authentication-config.yaml',
        containerPath: '/etc/kubernetes/authentication-config.yaml',
        readOnly: true,
      },
    ]);
    assert.match(r.change!.kind!.steps[0]!.command, /^ls -l authentication-config\.yaml kind-config\.yaml$/);
  });

  it('judges a token: signature checked with the JWKS, skipped without; an unknown kid and a trailing slash are named', async () => {
    const key = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
    const other = (await generateKeyPair('RSA-2048')) as CryptoKeyPair;
    const jwks = (await buildOidcIssuer({ issuerUrl: ISSUER, publicKey: key.publicKey })).files[1]!.text;
    const mint = (k: CryptoKey, over: Parameters<typeof idTokenClaims>[0] = {}) =>
      mintIdToken({
        claims: idTokenClaims({
          issuer: ISSUER,
          audience: 'kubernetes',
          sub: 'alice',
          groups: ['dev'],
          ...over,
        }),
        privateKey: k,
      });
    const r = computeConfig({});
    const ok = await judgeToken(r, { token: await mint(key.privateKey), jwks });
    assert.equal(ok.request?.outcome, 'authenticated');
    assert.equal(ok.request?.user?.username, `${ISSUER}#alice`);
    assert.deepEqual(ok.request?.user?.groups, ['oidc:dev', 'system:authenticated']);
    assert.equal(ok.verdict?.signatureSkipped, undefined);
    const forged = await mint(other.privateKey);
    const refused = await judgeToken(r, { token: forged, jwks });
    assert.equal(refused.verdict?.refusal, 'signature');
    assert.ok(refused.unknownKid);
    const skipped = await judgeToken(r, { token: forged });
    assert.equal(skipped.request?.outcome, 'authenticated');
    assert.equal(skipped.verdict?.signatureSkipped, true);
    const slash = await judgeToken(r, { token: await mint(key.privateKey, { issuer: `${ISSUER}/` }) });
    assert.equal(slash.issuerNearMiss, 'slash');
    assert.equal(slash.request?.error, 'invalid bearer token');
    const junk = await judgeToken(r, { token: 'a.b' });
    assert.equal(junk.problems.token?.code, 'jwt/malformed');
    const badJwks = await judgeToken(r, { token: forged, jwks: '{' });
    assert.equal(badJwks.problems.jwks?.code, 'jwks/bad-json');
  });
});
