// The OIDC engine: an issuer made from a browser key, ID tokens, kube-apiserver's JWT
// authenticator step by step with its logged texts, the flags and their conversion to the file,
// and the file's validation messages (k8s.io/apiserver validation.go).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeyPair, isLabError } from '../../../src/pki/index.ts';
import {
  authenticateOidcToken,
  authenticateRequest,
  authenticationConfiguration,
  buildOidcIssuer,
  decodeJwt,
  EXTRA,
  idTokenClaims,
  type JwtAuthenticator,
  jwtAuthenticatorFromFlags,
  mintIdToken,
  type OidcAuthParams,
  oidcFlagList,
  oidcTokenAuthenticator,
  oidcVersionSupport,
  validateJwtAuthenticator,
} from '../../../src/tokens/index.ts';

const ISSUER = 'https://localhost:8443';
const t0 = new Date('2029-01-01T00:00:00Z');
const now = Math.floor(t0.getTime() / 1000);
const rsa = await generateKeyPair('RSA-2048');
const ec = await generateKeyPair('ECDSA-P256');
const issuer = await buildOidcIssuer({ issuerUrl: ISSUER, publicKey: rsa.publicKey });
const flags = jwtAuthenticatorFromFlags({ issuerUrl: ISSUER, clientId: 'kubernetes' });
const base: OidcAuthParams = {
  authenticator: flags.authenticator,
  signingAlgs: flags.signingAlgs,
  discovery: issuer.discovery,
  jwks: issuer.jwks,
  now: t0,
};
const claims = (over: Parameters<typeof idTokenClaims>[0] = {}) =>
  idTokenClaims({ issuer: ISSUER, audience: 'kubernetes', sub: 'alice', now: t0, ...over });
const mint = (c: Record<string, unknown>, key = rsa.privateKey, alg?: 'RS256' | 'PS256' | 'ES256') =>
  mintIdToken({ claims: c, privateKey: key, ...(alg ? { alg } : {}) });

describe('the issuer files', () => {
  it('publishes a discovery document whose issuer is the URL as typed, and a JWKS with the kid tokens carry', async () => {
    assert.equal(issuer.discovery.issuer, ISSUER);
    assert.equal(issuer.discovery.jwks_uri, `${ISSUER}/openid/v1/jwks`);
    assert.deepEqual(issuer.discovery.id_token_signing_alg_values_supported, ['RS256']);
    assert.equal(issuer.discoveryUrl, `${ISSUER}/.well-known/openid-configuration`);
    assert.deepEqual(
      issuer.files.map((f) => f.path),
      ['.well-known/openid-configuration', 'openid/v1/jwks'],
    );
    const token = await mint(claims());
    assert.equal(decodeJwt(token).header.kid, issuer.kid);
    assert.equal(issuer.jwks.keys[0]!.alg, 'RS256');
  });
  it('keeps a trailing slash in the issuer and finds the discovery document under it', async () => {
    const i = await buildOidcIssuer({ issuerUrl: 'https://idp.example/tenant/', publicKey: ec.publicKey });
    assert.equal(i.discovery.issuer, 'https://idp.example/tenant/');
    assert.equal(i.discoveryUrl, 'https://idp.example/tenant/.well-known/openid-configuration');
    assert.equal(i.files[0]!.path, 'tenant/.well-known/openid-configuration');
    assert.equal(i.alg, 'ES256');
    assert.equal(i.jwks.keys[0]!.alg, 'ES256');
  });
  it('publishes PS256 for an RSA key when asked', async () => {
    const i = await buildOidcIssuer({ issuerUrl: ISSUER, publicKey: rsa.publicKey, alg: 'PS256' });
    assert.equal(i.jwks.keys[0]!.alg, 'PS256');
  });
  for (const [url, code] of [
    ['http://localhost:8443', 'oidc-issuer/not-https'],
    ['localhost:8443', 'oidc-issuer/not-https'],
    ['https://localhost:8443/?a=b', 'oidc-issuer/bad-url'],
    ['https://user@localhost', 'oidc-issuer/bad-url'],
    ['https://local host', 'oidc-issuer/bad-url'],
    ['not a url', 'oidc-issuer/bad-url'],
  ] as const) {
    it(`refuses the issuer URL ${JSON.stringify(url)} with ${code}`, async () => {
      await assert.rejects(buildOidcIssuer({ issuerUrl: url, publicKey: rsa.publicKey }), (e) =>
        isLabError(e, code),
      );
    });
  }
  it('refuses ES256 for an RSA key', async () => {
    await assert.rejects(
      buildOidcIssuer({ issuerUrl: ISSUER, publicKey: rsa.publicKey, alg: 'ES256' }),
      (e) => isLabError(e, 'jwt-sign/wrong-algorithm'),
    );
  });
});

describe("kube-apiserver's JWT authenticator with the flags", () => {
  it('names the user <issuer>#sub by default and adds system:authenticated in the request', async () => {
    const token = await mint(claims({ jti: 'j-1' }));
    const v = await authenticateRequest({
      authorization: `Bearer ${token}`,
      authenticators: [oidcTokenAuthenticator(base)],
    });
    assert.equal(v.outcome, 'authenticated');
    assert.equal(v.authenticatedBy, 'oidc');
    assert.equal(v.user?.username, 'https://localhost:8443#alice');
    assert.deepEqual(v.user?.groups, ['system:authenticated']);
    assert.deepEqual(v.user?.extra[EXTRA.credentialId], ['JTI=j-1']);
  });
  it('has no credential-id before 1.32', async () => {
    const v = await authenticateOidcToken(await mint(claims({ jti: 'j-1' })), { ...base, version: '1.31' });
    assert.equal(v.kind, 'ok');
    assert.deepEqual(v.kind === 'ok' && v.user.extra, {});
  });
  it('uses the bare email with --oidc-username-claim=email, and prefix - disables issuer#', async () => {
    const e = jwtAuthenticatorFromFlags({
      issuerUrl: ISSUER,
      clientId: 'kubernetes',
      usernameClaim: 'email',
    });
    const v = await authenticateOidcToken(
      await mint(claims({ email: 'a@example.com', emailVerified: true })),
      {
        ...base,
        authenticator: e.authenticator,
      },
    );
    assert.equal(v.kind === 'ok' && v.user.username, 'a@example.com');
    const d = jwtAuthenticatorFromFlags({ issuerUrl: ISSUER, clientId: 'kubernetes', usernamePrefix: '-' });
    const w = await authenticateOidcToken(await mint(claims()), { ...base, authenticator: d.authenticator });
    assert.equal(w.kind === 'ok' && w.user.username, 'alice');
  });
  it('prefixes each group, from a list or a single string', async () => {
    const g = jwtAuthenticatorFromFlags({
      issuerUrl: ISSUER,
      clientId: 'kubernetes',
      groupsClaim: 'groups',
      groupsPrefix: 'oidc:',
    });
    for (const [groups, want] of [
      [
        ['dev', 'ops'],
        ['oidc:dev', 'oidc:ops'],
      ],
      ['dev', ['oidc:dev']],
    ] as const) {
      const v = await authenticateOidcToken(await mint(claims({ groups })), {
        ...base,
        authenticator: g.authenticator,
      });
      assert.deepEqual(v.kind === 'ok' && v.user.groups, want);
    }
  });

  const refusals: [
    string,
    () => Promise<{ token: string; params?: Partial<OidcAuthParams> }>,
    string,
    string,
  ][] = [
    [
      'an issuer off by a trailing slash is not this authenticator’s',
      async () => ({ token: await mint(claims({ issuer: `${ISSUER}/` })) }),
      'other-issuer',
      '',
    ],
    [
      'a discovery document naming another issuer leaves the authenticator uninitialised',
      async () => ({
        token: await mint(claims()),
        params: { discovery: { ...issuer.discovery, issuer: `${ISSUER}/` } },
      }),
      'not-initialized',
      'oidc: authenticator not initialized',
    ],
    [
      'a wrong audience',
      async () => ({ token: await mint(claims({ audience: ['other'] })) }),
      'audience',
      'oidc: verify token: oidc: expected audience "kubernetes" got ["other"]',
    ],
    [
      'an expired token',
      async () => ({ token: await mint(claims({ expiresAt: now - 1 })) }),
      'expired',
      'oidc: verify token: oidc: token is expired (Token Expiry: 2028-12-31 23:59:59 +0000 UTC)',
    ],
    [
      'a token without exp',
      async () => ({ token: await mint(claims({ expiresAt: null })) }),
      'expired',
      'oidc: verify token: oidc: token is expired (Token Expiry: 0001-01-01 00:00:00 +0000 UTC)',
    ],
    [
      'a PS256 token when the flags allow only RS256',
      async () => ({ token: await mint(claims(), rsa.privateKey, 'PS256') }),
      'algorithm',
      'oidc: verify token: oidc: id token signed with unsupported algorithm, expected ["RS256"] got "PS256"',
    ],
    [
      'an unknown kid',
      async () => ({
        token: await mintIdToken({ claims: claims(), privateKey: rsa.privateKey, kid: 'other' }),
      }),
      'signature',
      'oidc: verify token: failed to verify signature: failed to verify id token signature',
    ],
    [
      'a token signed by another key with the published kid',
      async () => {
        const other = await generateKeyPair('RSA-2048');
        return {
          token: await mintIdToken({ claims: claims(), privateKey: other.privateKey, kid: issuer.kid }),
        };
      },
      'signature',
      'oidc: verify token: failed to verify signature: failed to verify id token signature',
    ],
    [
      'a sub that is a number',
      async () => ({ token: await mint(claims({ extra: { sub: 42 } })) }),
      'malformed',
      'oidc: verify token: oidc: failed to unmarshal claims: json: cannot unmarshal number into Go struct field idToken.sub of type string',
    ],
  ];
  for (const [name, make, refusal, error] of refusals) {
    it(`refuses ${name}`, async () => {
      const { token, params } = await make();
      const v = await authenticateOidcToken(token, { ...base, ...params });
      assert.equal(v.refusal, refusal);
      if (error) assert.equal(v.kind === 'error' && v.error, error);
      else assert.equal(v.kind, 'not-mine');
    });
  }
  it('ends a token no authenticator claims as invalid bearer token', async () => {
    const v = await authenticateRequest({
      authorization: `Bearer ${await mint(claims({ issuer: `${ISSUER}/` }))}`,
      authenticators: [oidcTokenAuthenticator(base)],
    });
    assert.equal(v.outcome, 'unauthorized');
    assert.equal(v.error, 'invalid bearer token');
  });
  it('accepts nbf within the minute of leeway and refuses it beyond', async () => {
    const ok = await authenticateOidcToken(await mint(claims({ notBefore: now + 59 })), base);
    assert.equal(ok.kind, 'ok');
    const no = await authenticateOidcToken(await mint(claims({ notBefore: now + 61 })), base);
    assert.equal(no.refusal, 'not-yet-valid');
    assert.match(
      no.kind === 'error' ? no.error : '',
      /^oidc: verify token: oidc: current time 2029-01-01 00:00:00 \+0000 UTC before the nbf \(not before\) time: 2029-01-01 00:01:01 \+0000 UTC$/,
    );
  });
  it('finds the key after a refetch when the cached JWKS lacks it', async () => {
    const old = await buildOidcIssuer({ issuerUrl: ISSUER, publicKey: ec.publicKey });
    const v = await authenticateOidcToken(await mint(claims()), { ...base, cachedJwks: old.jwks });
    assert.equal(v.kind, 'ok');
  });
});

describe('a token from an identity provider the page has no files for (the inspector)', () => {
  it('checks everything but the discovery document and the signature, and says it skipped them', async () => {
    const other = await generateKeyPair('RSA-2048');
    const token = await mint(claims({ email: 'a@example.com' }), other.privateKey);
    const v = await authenticateOidcToken(token, {
      authenticator: flags.authenticator,
      signingAlgs: flags.signingAlgs,
      signature: 'skip',
      now: t0,
    });
    assert.equal(v.kind, 'ok');
    assert.equal(v.signatureSkipped, true);
    const expired = await authenticateOidcToken(
      await mint(claims({ expiresAt: now - 5 }), other.privateKey),
      {
        authenticator: flags.authenticator,
        signature: 'skip',
        now: t0,
      },
    );
    assert.equal(expired.refusal, 'expired');
    const es = await authenticateOidcToken(await mint(claims(), ec.privateKey), {
      authenticator: flags.authenticator,
      signingAlgs: flags.signingAlgs,
      signature: 'skip',
      now: t0,
    });
    assert.equal(es.refusal, 'algorithm');
  });
});

describe('email_verified with the email claim', () => {
  const e = jwtAuthenticatorFromFlags({ issuerUrl: ISSUER, clientId: 'kubernetes', usernameClaim: 'email' });
  const p = { ...base, authenticator: e.authenticator };
  for (const [value, refusal, error] of [
    [true, undefined, undefined],
    [undefined, undefined, undefined],
    [false, 'email-not-verified', 'oidc: email not verified'],
    [
      'true',
      'email-verified',
      "oidc: parse 'email_verified' claim: json: cannot unmarshal string into Go value of type bool",
    ],
  ] as const) {
    it(`email_verified ${JSON.stringify(value) ?? 'absent'}: ${refusal ?? 'accepted'}`, async () => {
      const v = await authenticateOidcToken(
        await mint(
          claims({ email: 'a@example.com', ...(value === undefined ? {} : { emailVerified: value }) }),
        ),
        p,
      );
      assert.equal(v.refusal, refusal);
      if (error) assert.equal(v.kind === 'error' && v.error, error);
    });
  }
});

describe('groups and required claims', () => {
  const g = jwtAuthenticatorFromFlags({
    issuerUrl: ISSUER,
    clientId: 'kubernetes',
    groupsClaim: 'groups',
    requiredClaims: { hd: 'example.com' },
  });
  const p = { ...base, authenticator: g.authenticator };
  it('refuses groups of the wrong type', async () => {
    const v = await authenticateOidcToken(
      await mint(claims({ groups: [1, 2], extra: { hd: 'example.com' } })),
      p,
    );
    assert.equal(v.refusal, 'groups-claim');
    assert.equal(
      v.kind === 'error' && v.error,
      'oidc: parse groups claim "groups": json: cannot unmarshal array into Go value of type string',
    );
  });
  it('refuses a missing or different required claim', async () => {
    const missing = await authenticateOidcToken(await mint(claims()), p);
    assert.equal(
      missing.kind === 'error' && missing.error,
      'oidc: required claim hd not present in ID token',
    );
    const other = await authenticateOidcToken(await mint(claims({ extra: { hd: 'evil.com' } })), p);
    assert.equal(
      other.kind === 'error' && other.error,
      'oidc: required claim hd value does not match. Got = evil.com, want = example.com',
    );
  });
});

describe('several audiences (the file)', () => {
  const a: JwtAuthenticator = {
    issuer: { url: ISSUER, audiences: ['kubernetes', 'portal'], audienceMatchPolicy: 'MatchAny' },
    claimMappings: { username: { claim: 'sub', prefix: 'oidc:' } },
  };
  it('accepts any one of them and refuses none, after the signature', async () => {
    const ok = await authenticateOidcToken(await mint(claims({ audience: ['x', 'portal'] })), {
      ...base,
      authenticator: a,
      signingAlgs: undefined,
    });
    assert.equal(ok.kind === 'ok' && ok.user.username, 'oidc:alice');
    const no = await authenticateOidcToken(await mint(claims({ audience: 'x' })), {
      ...base,
      authenticator: a,
      signingAlgs: undefined,
    });
    assert.equal(
      no.kind === 'error' && no.error,
      'oidc: verify token: oidc: expected audience in ["kubernetes" "portal"] got ["x"]',
    );
  });
  it('accepts PS256 and ES256 tokens, since the file allows all nine algorithms', async () => {
    const ps = await authenticateOidcToken(await mint(claims(), rsa.privateKey, 'PS256'), {
      ...base,
      authenticator: a,
      signingAlgs: undefined,
    });
    assert.equal(ps.kind, 'ok');
    const es = await buildOidcIssuer({ issuerUrl: ISSUER, publicKey: ec.publicKey });
    const v = await authenticateOidcToken(await mint(claims(), ec.privateKey), {
      ...base,
      authenticator: a,
      signingAlgs: undefined,
      jwks: es.jwks,
    });
    assert.equal(v.kind, 'ok');
  });
});

describe('the flags and the file made from the same choices', () => {
  it('writes the flags in kube-apiserver order with only what differs from the defaults', () => {
    assert.deepEqual(
      oidcFlagList({
        issuerUrl: ISSUER,
        clientId: 'kubernetes',
        caFile: '/etc/kubernetes/oidc/ca.crt',
        usernameClaim: 'email',
        groupsClaim: 'groups',
        groupsPrefix: 'oidc:',
        signingAlgs: ['RS256', 'ES256'],
        requiredClaims: { hd: 'example.com' },
      }).map((f) => `--${f.name}=${f.value}`),
      [
        '--oidc-ca-file=/etc/kubernetes/oidc/ca.crt',
        '--oidc-client-id=kubernetes',
        '--oidc-groups-claim=groups',
        '--oidc-groups-prefix=oidc:',
        `--oidc-issuer-url=${ISSUER}`,
        '--oidc-required-claim=hd=example.com',
        '--oidc-signing-algs=RS256,ES256',
        '--oidc-username-claim=email',
      ],
    );
  });
  it('converts the flags as ToAuthenticationConfig does: issuer# written out, required claims as rules', () => {
    const { authenticator } = jwtAuthenticatorFromFlags({
      issuerUrl: ISSUER,
      clientId: 'kubernetes',
      groupsClaim: 'groups',
      requiredClaims: { hd: 'example.com' },
    });
    assert.deepEqual(authenticator, {
      issuer: { url: ISSUER, audiences: ['kubernetes'] },
      claimMappings: {
        username: { claim: 'sub', prefix: `${ISSUER}#` },
        groups: { claim: 'groups', prefix: '' },
      },
      claimValidationRules: [{ claim: 'hd', requiredValue: 'example.com' }],
    });
    assert.deepEqual(validateJwtAuthenticator(authenticator), []);
  });
  it('names the file version by release: v1alpha1 1.29 (gate off), v1beta1 1.30-1.33, v1 from 1.34', () => {
    assert.equal(oidcVersionSupport('1.28').apiVersion, undefined);
    assert.equal(oidcVersionSupport('1.29').apiVersion, 'apiserver.config.k8s.io/v1alpha1');
    assert.equal(oidcVersionSupport('1.29').needsFeatureGate, true);
    assert.equal(oidcVersionSupport('1.30').apiVersion, 'apiserver.config.k8s.io/v1beta1');
    assert.equal(oidcVersionSupport('1.33').apiVersion, 'apiserver.config.k8s.io/v1beta1');
    assert.equal(oidcVersionSupport('v1.34.1').apiVersion, 'apiserver.config.k8s.io/v1');
    assert.throws(
      () => oidcVersionSupport('2.0'),
      (e) => isLabError(e, 'oidc-config/bad-version'),
    );
  });
  it('refuses the file before 1.29 and fields their release does not have', () => {
    const a = jwtAuthenticatorFromFlags({ issuerUrl: ISSUER, clientId: 'k' }).authenticator;
    assert.throws(
      () => authenticationConfiguration([a], '1.28'),
      (e) => isLabError(e, 'oidc-config/unsupported-version'),
    );
    const d = {
      ...a,
      issuer: { ...a.issuer, discoveryURL: 'https://idp.internal/.well-known/openid-configuration' },
    };
    assert.throws(
      () => authenticationConfiguration([d], '1.29'),
      (e) => isLabError(e, 'oidc-config/field-needs-version'),
    );
    assert.equal(authenticationConfiguration([d], '1.30').apiVersion, 'apiserver.config.k8s.io/v1beta1');
  });
  for (const [name, flagsIn, code] of [
    ['a client ID without issuer', { issuerUrl: '', clientId: 'k' }, 'oidc-flags/issuer-and-client-id'],
    ['an http issuer', { issuerUrl: 'http://x', clientId: 'k' }, 'oidc-flags/not-https'],
    ['HS256', { issuerUrl: ISSUER, clientId: 'k', signingAlgs: ['HS256'] }, 'oidc-flags/bad-signing-alg'],
    [
      'a prefix with a space',
      { issuerUrl: ISSUER, clientId: 'k', usernamePrefix: 'a b' },
      'oidc-flags/bad-value',
    ],
  ] as const) {
    it(`refuses ${name} with ${code}`, () => {
      assert.throws(
        () => oidcFlagList(flagsIn as never),
        (e) => isLabError(e, code),
      );
    });
  }
});

describe("the file's validation, with kube-apiserver's messages", () => {
  const ok: JwtAuthenticator = {
    issuer: { url: ISSUER, audiences: ['kubernetes'] },
    claimMappings: { username: { claim: 'sub', prefix: '' } },
  };
  const cases: [string, JwtAuthenticator, string][] = [
    [
      'a claim without prefix',
      { ...ok, claimMappings: { username: { claim: 'sub' } } },
      'jwt[0].claimMappings.username.prefix: Required value: prefix is required when claim is set. It can be set to an empty string to disable prefixing',
    ],
    [
      'two audiences without MatchAny',
      { ...ok, issuer: { url: ISSUER, audiences: ['a', 'b'] } },
      'jwt[0].issuer.audienceMatchPolicy: Invalid value: "": audienceMatchPolicy must be MatchAny for multiple audiences',
    ],
    [
      'an http issuer',
      { ...ok, issuer: { url: 'http://x', audiences: ['a'] } },
      'jwt[0].issuer.url: Invalid value: "http://x": URL scheme must be https',
    ],
    [
      'claim and expression',
      { ...ok, claimMappings: { username: { claim: 'sub', prefix: '', expression: 'claims.sub' } } },
      'jwt[0].claimMappings.username: Invalid value: "": claim and expression can\'t both be set',
    ],
    [
      'a kubernetes.io extra key',
      {
        ...ok,
        claimMappings: {
          ...ok.claimMappings,
          extra: [{ key: 'kubernetes.io/x', valueExpression: 'claims.x' }],
        },
      },
      'jwt[0].claimMappings.extra[0].key: Invalid value: "kubernetes.io/x": k8s.io, kubernetes.io and their subdomains are reserved for Kubernetes use',
    ],
    [
      'claims.email without claims.email_verified',
      { ...ok, claimMappings: { username: { expression: 'claims.email' } } },
      'jwt[0].claimMappings.username.expression: Invalid value: "claims.email": claims.email_verified must be used in claimMappings.username.expression or claimMappings.extra[*].valueExpression or claimValidationRules[*].expression when claims.email is used in claimMappings.username.expression',
    ],
  ];
  for (const [name, a, message] of cases) {
    it(`reports ${name}`, () => {
      assert.ok(
        validateJwtAuthenticator(a).some((e) => e.message === message),
        JSON.stringify(validateJwtAuthenticator(a)),
      );
    });
  }
  it('accepts claims.email with an email_verified rule', () => {
    assert.deepEqual(
      validateJwtAuthenticator({
        ...ok,
        claimValidationRules: [{ expression: 'claims.?email_verified.orValue(true) == true' }],
        claimMappings: { username: { expression: 'claims.email' } },
      }),
      [],
    );
  });
});
