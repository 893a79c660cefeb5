import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportPublicKeyPem, generateKeyPair, isLabError } from '../../../src/pki/index.ts';
import {
  authenticateRequest,
  boundServiceAccountClaims,
  buildJwks,
  type ClusterObject,
  decodeJwt,
  keyIdFromPublicKey,
  legacyServiceAccountClaims,
  readVerificationKeysJwks,
  readVerificationKeysPem,
  serviceAccountAuthenticators,
  signJwt,
  unverifiedIssuer,
  verifyJwtSignature,
  whoamiForUser,
} from '../../../src/tokens/index.ts';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const sa = { issuer: ISSUER, namespace: 'lab', serviceAccount: { name: 'builder', uid: 'sa-uid' } };
const objects: ClusterObject[] = [
  { kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'lab', uid: 'sa-uid' } },
  { kind: 'Pod', metadata: { name: 'web-0', namespace: 'lab', uid: 'pod-uid' } },
  {
    kind: 'Pod',
    metadata: { name: 'old-0', namespace: 'lab', uid: 'old-uid', deletionTimestamp: '2028-12-31T23:58:00Z' },
  },
  {
    kind: 'Pod',
    metadata: {
      name: 'ending-0',
      namespace: 'lab',
      uid: 'end-uid',
      deletionTimestamp: '2028-12-31T23:59:30Z',
    },
  },
  { kind: 'Secret', metadata: { name: 'holder', namespace: 'lab', uid: 'sec-uid' } },
  { kind: 'Node', metadata: { name: 'n2', uid: 'n2-uid' } },
];
const rsa = await generateKeyPair('RSA-2048');
const ec = await generateKeyPair('ECDSA-P256');
const keys = [
  ...(await readVerificationKeysPem(await exportPublicKeyPem(rsa.publicKey))),
  ...(await readVerificationKeysPem(await exportPublicKeyPem(ec.publicKey))),
];
const t0 = new Date('2029-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const run = (token: string, now = at(10)) =>
  authenticateRequest({
    authorization: `Bearer ${token}`,
    authenticators: serviceAccountAuthenticators({ issuers: [ISSUER], keys, objects, now }),
  });

describe('service-account tokens', () => {
  it('signs with the kid Kubernetes derives (base64url SHA-256 of the SPKI) and RS256 for RSA, ES256 for P-256', async () => {
    const token = await signJwt({
      claims: boundServiceAccountClaims({ ...sa, now: t0, jti: 'j1' }),
      privateKey: rsa.privateKey,
    });
    const { header, claims } = decodeJwt(token);
    assert.deepEqual(header, { alg: 'RS256', kid: await keyIdFromPublicKey(rsa.publicKey) });
    assert.deepEqual(claims, {
      aud: [ISSUER],
      exp: 1861920000 + 3600,
      iat: 1861920000,
      iss: ISSUER,
      jti: 'j1',
      'kubernetes.io': { namespace: 'lab', serviceaccount: { name: 'builder', uid: 'sa-uid' } },
      nbf: 1861920000,
      sub: 'system:serviceaccount:lab:builder',
    });
    const es = await signJwt({ claims: {}, privateKey: ec.privateKey });
    assert.equal(decodeJwt(es).header.alg, 'ES256');
    assert.equal((await verifyJwtSignature(es, keys)).valid, true);
  });

  it('derives the user, groups and extras of a pod-bound token', async () => {
    const token = await signJwt({
      claims: boundServiceAccountClaims({
        ...sa,
        now: t0,
        jti: 'j2',
        bound: { kind: 'Pod', name: 'web-0', uid: 'pod-uid' },
        podNode: { name: 'n1', uid: 'n-uid' },
      }),
      privateKey: rsa.privateKey,
    });
    const v = await run(token);
    assert.equal(v.authenticatedBy, 'service-account');
    const lines = whoamiForUser(v.user!).split('\n');
    assert.deepEqual(
      lines.map((l) => l.replace(/ {3,}/, ' | ')),
      [
        'ATTRIBUTE | VALUE',
        'Username | system:serviceaccount:lab:builder',
        'UID | sa-uid',
        'Groups | [system:serviceaccounts system:serviceaccounts:lab system:authenticated]',
        'Extra: authentication.kubernetes.io/credential-id | [JTI=j2]',
        'Extra: authentication.kubernetes.io/node-name | [n1]',
        'Extra: authentication.kubernetes.io/node-uid | [n-uid]',
        'Extra: authentication.kubernetes.io/pod-name | [web-0]',
        'Extra: authentication.kubernetes.io/pod-uid | [pod-uid]',
        '',
      ],
    );
    assert.deepEqual(v.user!.extra, {
      'authentication.kubernetes.io/credential-id': ['JTI=j2'],
      'authentication.kubernetes.io/node-name': ['n1'],
      'authentication.kubernetes.io/node-uid': ['n-uid'],
      'authentication.kubernetes.io/pod-name': ['web-0'],
      'authentication.kubernetes.io/pod-uid': ['pod-uid'],
    });
  });

  const refusals: [string, (s: typeof sa) => Record<string, unknown>, Date, string][] = [
    [
      'is expired past the 1-minute leeway',
      (s) => boundServiceAccountClaims({ ...s, now: t0 }),
      at(3661),
      'service account token has expired',
    ],
    [
      'is not valid yet',
      (s) => boundServiceAccountClaims({ ...s, now: at(120) }),
      at(0),
      'service account token is not valid yet',
    ],
    [
      'is for another audience',
      (s) => boundServiceAccountClaims({ ...s, now: t0, audiences: ['vault', 'x'] }),
      at(1),
      `token audiences ["vault" "x"] is invalid for the target audiences ["${ISSUER}"]`,
    ],
    [
      'names a recreated service account',
      (s) => boundServiceAccountClaims({ ...s, now: t0, serviceAccount: { name: 'builder', uid: 'old' } }),
      at(1),
      'service account UID (sa-uid) does not match claim (old)',
    ],
    [
      'names a missing service account',
      (s) => boundServiceAccountClaims({ ...s, now: t0, serviceAccount: { name: 'ghost', uid: 'x' } }),
      at(1),
      'serviceaccounts "ghost" not found',
    ],
    [
      'is bound to a deleted pod',
      (s) => boundServiceAccountClaims({ ...s, now: t0, bound: { kind: 'Pod', name: 'gone', uid: 'u' } }),
      at(1),
      'service account token has been invalidated',
    ],
    [
      'is bound to a pod of another UID',
      (s) => boundServiceAccountClaims({ ...s, now: t0, bound: { kind: 'Pod', name: 'web-0', uid: 'u' } }),
      at(1),
      'pod UID (pod-uid) does not match service account pod ref claim (u)',
    ],
    [
      'is bound to a pod deleted more than the leeway ago',
      (s) =>
        boundServiceAccountClaims({ ...s, now: t0, bound: { kind: 'Pod', name: 'old-0', uid: 'old-uid' } }),
      at(1),
      'service account token has been invalidated',
    ],
    [
      'is bound to a secret of another UID',
      (s) =>
        boundServiceAccountClaims({ ...s, now: t0, bound: { kind: 'Secret', name: 'holder', uid: 'u' } }),
      at(1),
      'secret UID (sec-uid) does not match service account secret ref claim (u)',
    ],
    [
      'is bound to a missing secret',
      (s) => boundServiceAccountClaims({ ...s, now: t0, bound: { kind: 'Secret', name: 'gone', uid: 'u' } }),
      at(1),
      'service account token has been invalidated',
    ],
    [
      'is bound to a node of another UID',
      (s) => boundServiceAccountClaims({ ...s, now: t0, bound: { kind: 'Node', name: 'n2', uid: 'u' } }),
      at(1),
      'node UID (n2-uid) does not match service account node ref claim (u)',
    ],
    [
      'is bound to a missing node',
      (s) => boundServiceAccountClaims({ ...s, now: t0, bound: { kind: 'Node', name: 'gone', uid: 'u' } }),
      at(1),
      'service account token has been invalidated',
    ],
  ];
  for (const [name, claims, now, error] of refusals) {
    it(`refuses a token that ${name}, with kube-apiserver's error`, async () => {
      const v = await run(await signJwt({ claims: claims(sa), privateKey: rsa.privateKey }), now);
      assert.deepEqual([v.outcome, v.error], ['unauthorized', error]);
    });
  }

  it('accepts tokens bound to a secret and a node that hold, and a pod deleted within the leeway', async () => {
    const bound = [
      { kind: 'Secret', name: 'holder', uid: 'sec-uid' },
      { kind: 'Node', name: 'n2', uid: 'n2-uid' },
      { kind: 'Pod', name: 'ending-0', uid: 'end-uid' },
    ] as const;
    for (const b of bound) {
      const claims = boundServiceAccountClaims({ ...sa, now: t0, bound: b });
      const v = await run(await signJwt({ claims, privateKey: rsa.privateKey }), at(1));
      assert.equal(v.outcome, 'authenticated', b.kind);
    }
  });

  it('accepts a token expired less than a minute ago (go-jose leeway)', async () => {
    const v = await run(
      await signJwt({ claims: boundServiceAccountClaims({ ...sa, now: t0 }), privateKey: rsa.privateKey }),
      at(3659),
    );
    assert.equal(v.outcome, 'authenticated');
  });

  it('refuses a token of an unknown key and a forged one with go-jose’s texts', async () => {
    const other = await generateKeyPair('RSA-2048');
    const claims = boundServiceAccountClaims({ ...sa, now: t0 });
    assert.equal(
      (await run(await signJwt({ claims, privateKey: other.privateKey }))).error,
      'invalid signature, no keys found',
    );
    const forged = await signJwt({ claims, privateKey: other.privateKey, kid: keys[0]!.kid });
    assert.equal((await run(forged)).error, 'go-jose/go-jose: error in cryptographic primitive');
    const noKid = await signJwt({ claims, privateKey: other.privateKey, kid: '' });
    assert.equal((await run(noKid)).error, 'go-jose/go-jose: error in cryptographic primitive');
  });

  it('leaves a token of another issuer to the next authenticator: invalid bearer token', async () => {
    const token = await signJwt({
      claims: boundServiceAccountClaims({ ...sa, issuer: 'https://other', now: t0 }),
      privateKey: rsa.privateKey,
    });
    assert.equal(unverifiedIssuer(token), 'https://other');
    assert.equal((await run(token)).error, 'invalid bearer token');
    assert.equal((await run('not.a.jwt')).error, 'invalid bearer token');
  });

  it('checks legacy tokens against their Secret and never expires them', async () => {
    const claims = legacyServiceAccountClaims({
      namespace: 'lab',
      serviceAccount: { name: 'builder', uid: 'sa-uid' },
      secretName: 'builder-token',
    });
    assert.equal(claims.exp, undefined);
    const token = await signJwt({ claims, privateKey: rsa.privateKey });
    const secret: ClusterObject = {
      kind: 'Secret',
      metadata: { name: 'builder-token', namespace: 'lab' },
      stringData: { token },
    };
    const auth = (objs: ClusterObject[], lookup = true) =>
      authenticateRequest({
        authorization: `Bearer ${token}`,
        authenticators: serviceAccountAuthenticators({
          issuers: [ISSUER],
          keys,
          objects: objs,
          lookup,
          now: at(1e8),
        }),
      });
    const ok = await auth([...objects, secret]);
    assert.equal(ok.authenticatedBy, 'legacy-service-account');
    assert.deepEqual(ok.user!.extra, {});
    assert.equal((await auth(objects)).error, 'Token has been invalidated');
    assert.equal((await auth(objects, false)).outcome, 'authenticated');
    assert.equal(
      (await auth([...objects, { ...secret, stringData: { token: 'x' } }])).error,
      "Token does not match server's copy",
    );
  });

  it('refuses bad claim parameters with codes', () => {
    assert.throws(
      () => boundServiceAccountClaims({ ...sa, expirationSeconds: 599 }),
      (e) => isLabError(e, 'sa-token/expiration-too-short'),
    );
    assert.throws(
      () => boundServiceAccountClaims({ ...sa, namespace: 'Lab' }),
      (e) => isLabError(e, 'sa-token/bad-name'),
    );
    assert.throws(
      () => boundServiceAccountClaims({ ...sa, issuer: '' }),
      (e) => isLabError(e, 'sa-token/no-issuer'),
    );
  });

  it('publishes a JWKS with use, kid and alg that verifies the tokens, as /openid/v1/jwks does', async () => {
    const jwks = await buildJwks([rsa.publicKey, ec.publicKey]);
    assert.deepEqual(
      jwks.keys.map((k) => [k.kty, k.alg, k.use, k.kid]),
      [
        ['RSA', 'RS256', 'sig', keys[0]!.kid],
        ['EC', 'ES256', 'sig', keys[1]!.kid],
      ],
    );
    const fromJwks = await readVerificationKeysJwks(JSON.stringify(jwks));
    const token = await signJwt({
      claims: boundServiceAccountClaims({ ...sa, now: t0 }),
      privateKey: ec.privateKey,
    });
    assert.equal((await verifyJwtSignature(token, fromJwks)).valid, true);
  });
});
