// The explainer and bearer tokens: every refusal src/tokens predicts (with kube-apiserver's own log
// text, taken from the Kubernetes sources there) is recognised with its cause, whatever the token
// kind; a 401 is a token's 401 when the paste shows a token was sent; Go's x509 errors that issue 18
// found missing are known too.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { explainError, lessonHref } from '../../../src/explain/index.ts';
import { exportPublicKeyPem, generateKeyPair, type LabError } from '../../../src/pki/index.ts';
import {
  authenticateBootstrapToken,
  authenticateRequest,
  boundServiceAccountClaims,
  buildBootstrapTokenSecret,
  type ClusterObject,
  EXTRA_SPACE_WARNING,
  generateBootstrapToken,
  KUBECTL_401,
  readTokenFile,
  readVerificationKeysPem,
  serviceAccountAuthenticators,
  signJwt,
  tokenFileAuthenticator,
  UNAUTHORIZED_STATUS,
  type VerificationKey,
} from '../../../src/tokens/index.ts';
import { legacyBuilderClaims, legacyBuilderToken } from '../../support/token-legacy.ts';

const ids = (text: string) => explainError(text).matches.map((m) => m.id);
/** How kube-apiserver's klog prints a line (the prefix the explainer must read past). */
const klog = (line: string) => `E1206 21:50:00.000000       1 authentication.go:73] ${line}`;

describe('the explainer reads the bootstrap authenticator’s -v=3 lines', () => {
  const token = generateBootstrapToken();
  const id = token.slice(0, 6);
  const secret = (p: Partial<Parameters<typeof buildBootstrapTokenSecret>[0]> = {}) =>
    buildBootstrapTokenSecret({ token, expiration: new Date(Date.now() + 3600_000), ...p })
      .object as ClusterObject;
  const cases: [string, ClusterObject[], string, string][] = [
    ['no Secret', [], 'no-secret', 'bootstrap-token-not-found'],
    [
      'an expired Secret',
      [secret({ expiration: new Date(Date.now() - 1000) })],
      'expired',
      'bootstrap-token-expired',
    ],
    [
      'an unparseable expiration',
      [
        {
          ...secret(),
          stringData: { ...(secret().stringData ?? {}), expiration: 'tomorrow' },
        } as ClusterObject,
      ],
      'unparseable-expiration',
      'bootstrap-token-expired',
    ],
    [
      'a Secret for signing only',
      [secret({ usages: ['signing'] })],
      'no-authentication-usage',
      'bootstrap-token-usage',
    ],
    [
      'a Secret of another type',
      [{ ...secret(), type: 'Opaque' } as ClusterObject],
      'wrong-type',
      'bootstrap-token-secret-unusable',
    ],
    [
      'a Secret being deleted',
      [
        {
          ...secret(),
          metadata: { ...secret().metadata, deletionTimestamp: '2026-12-06T00:00:00Z' },
        } as ClusterObject,
      ],
      'secret-deleted',
      'bootstrap-token-secret-unusable',
    ],
    [
      'a bad extra group',
      [
        {
          ...secret(),
          stringData: { ...secret().stringData, 'auth-extra-groups': 'developers' },
        } as ClusterObject,
      ],
      'bad-extra-group',
      'bootstrap-token-extra-groups',
    ],
  ];
  for (const [label, secrets, refusal, entry] of cases) {
    test(`names the cause of ${label}`, () => {
      const verdict = authenticateBootstrapToken(token, { secrets });
      assert.equal(verdict.refusal, refusal);
      const line = `I1206 21:50:00.000000       1 bootstrap.go:101] ${verdict.log}`;
      const { matches } = explainError(line);
      assert.deepEqual(
        matches.map((m) => m.id),
        [entry],
        line,
      );
      assert.deepEqual(
        [matches[0]!.lesson.part, matches[0]!.lesson.page],
        ['bearer-tokens', '03-bootstrap-tokens'],
      );
      if (refusal !== 'unparseable-expiration')
        assert.equal(matches[0]!.captures.secret, `bootstrap-token-${id}`);
    });
  }

  test('names the cause of a wrong secret half, and reads which Secret', () => {
    const wrong = `${id}.${'0'.repeat(16)}`;
    const verdict = authenticateBootstrapToken(wrong, { secrets: [secret()] });
    assert.equal(verdict.refusal, 'wrong-secret');
    const { matches } = explainError(String(verdict.log));
    assert.deepEqual(
      matches.map((m) => [m.id, m.captures.secret]),
      [['bootstrap-token-wrong-secret', `bootstrap-token-${id}`]],
    );
  });
});

describe('the explainer reads kube-apiserver’s service-account refusals', () => {
  const ISSUER = 'https://kubernetes.default.svc.cluster.local';
  const SA = { name: 'builder', uid: '5b4f0e4c-3c3a-4f0e-9d55-0d2f8a1e7c11' };
  const sa = { issuer: ISSUER, namespace: 'lab', serviceAccount: SA };
  let key: CryptoKey;
  let stranger: CryptoKey;
  let keys: VerificationKey[];
  const objects: ClusterObject[] = [
    { kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'lab', uid: SA.uid } },
    { kind: 'Pod', metadata: { name: 'web-0', namespace: 'lab', uid: 'pod-now' } },
  ];
  before(async () => {
    const pair = await generateKeyPair('ECDSA-P256');
    key = pair.privateKey;
    stranger = (await generateKeyPair('ECDSA-P256')).privateKey;
    keys = await readVerificationKeysPem(await exportPublicKeyPem(pair.publicKey));
  });
  /** kube-apiserver's log line for `token`, as the engine predicts it. */
  const logFor = async (token: string, extra: ClusterObject[] = []) => {
    const verdict = await authenticateRequest({
      authorization: `Bearer ${token}`,
      authenticators: serviceAccountAuthenticators({
        issuers: [ISSUER],
        keys,
        objects: [...objects, ...extra],
      }),
    });
    assert.equal(verdict.outcome, 'unauthorized');
    return klog(String(verdict.log));
  };
  const now = Date.now();
  const cases: [string, () => Promise<string>, string][] = [
    [
      'a token signed by another key',
      async () => signJwt({ claims: boundServiceAccountClaims(sa), privateKey: stranger }),
      'sa-token-signature',
    ],
    [
      'a token for another audience',
      async () =>
        signJwt({ claims: boundServiceAccountClaims({ ...sa, audiences: ['vault'] }), privateKey: key }),
      'sa-token-audience',
    ],
    [
      'an expired token',
      async () =>
        signJwt({
          claims: boundServiceAccountClaims({ ...sa, now: new Date(now - 2 * 3600_000) }),
          privateKey: key,
        }),
      'sa-token-expired',
    ],
    [
      'a token from the future',
      async () =>
        signJwt({
          claims: boundServiceAccountClaims({ ...sa, now: new Date(now + 600_000) }),
          privateKey: key,
        }),
      'sa-token-not-yet-valid',
    ],
    [
      'a token of a recreated ServiceAccount',
      async () =>
        signJwt({
          claims: boundServiceAccountClaims({ ...sa, serviceAccount: { name: 'builder', uid: 'old-uid' } }),
          privateKey: key,
        }),
      'sa-token-service-account',
    ],
    [
      'a token of a deleted ServiceAccount',
      async () =>
        signJwt({
          claims: boundServiceAccountClaims({ ...sa, serviceAccount: { name: 'gone', uid: 'x' } }),
          privateKey: key,
        }),
      'sa-token-service-account',
    ],
    [
      'a token bound to a deleted pod',
      async () =>
        signJwt({
          claims: boundServiceAccountClaims({ ...sa, bound: { kind: 'Pod', name: 'web-1', uid: 'u' } }),
          privateKey: key,
        }),
      'sa-token-invalidated',
    ],
    [
      'a token bound to a recreated pod',
      async () =>
        signJwt({
          claims: boundServiceAccountClaims({
            ...sa,
            bound: { kind: 'Pod', name: 'web-0', uid: 'pod-before' },
          }),
          privateKey: key,
        }),
      'sa-token-invalidated',
    ],
    ['a legacy token whose Secret is gone', async () => legacyBuilderToken(key), 'sa-token-invalidated'],
    [
      'a legacy token without its namespace claim',
      async () => {
        const claims = legacyBuilderClaims();
        delete claims['kubernetes.io/serviceaccount/namespace'];
        return signJwt({ claims, privateKey: key });
      },
      'sa-token-claims',
    ],
  ];
  for (const [label, make, entry] of cases) {
    test(`names the cause of ${label}, and calls the 401 a token's`, async () => {
      const line = await logFor(await make());
      const { matches } = explainError(line);
      assert.deepEqual(
        matches.map((m) => m.id),
        ['token-unauthorized', entry],
        line,
      );
      assert.deepEqual(
        [matches[1]!.lesson.part, matches[1]!.lesson.page],
        ['bearer-tokens', '04-service-account-tokens'],
      );
    });
  }

  test('names a legacy token the Secret no longer holds', async () => {
    const token = await legacyBuilderToken(key);
    const secret = (labels?: Record<string, string>, value = 'another token') =>
      ({
        kind: 'Secret',
        metadata: { name: 'builder-token', namespace: 'lab', ...(labels ? { labels } : {}) },
        type: 'kubernetes.io/service-account-token',
        stringData: { token: value },
      }) as ClusterObject;
    assert.deepEqual(ids(await logFor(token, [secret()])), ['token-unauthorized', 'sa-legacy-token']);
    const marked = await logFor(token, [
      secret({ 'kubernetes.io/legacy-token-invalid-since': '2026-01-01' }, token),
    ]);
    assert.deepEqual(ids(marked), ['token-unauthorized', 'sa-legacy-token']);
  });

  test('reads the two audience lists of an audience refusal', async () => {
    const line = await logFor(
      await signJwt({ claims: boundServiceAccountClaims({ ...sa, audiences: ['vault'] }), privateKey: key }),
    );
    const m = explainError(line).matches[1]!;
    assert.deepEqual(m.captures, {
      audiences: '[\\"vault\\"]',
      apiAudiences: `[\\"${ISSUER}\\"]`,
    });
  });

  test('knows both go-jose wordings of a bad signature (v4 and square/go-jose.v2)', () => {
    for (const prefix of ['go-jose/go-jose', 'square/go-jose'])
      assert.deepEqual(
        ids(
          klog(
            `"Unable to authenticate the request" err="[invalid bearer token, ${prefix}: error in cryptographic primitive]"`,
          ),
        ),
        ['token-unauthorized', 'sa-token-signature'],
      );
  });
});

describe('the explainer and a 401 with a token', () => {
  test('says "invalid bearer token" when no authenticator knew the token', async () => {
    const file = readTokenFile('s3cret,alice,1001\n');
    const verdict = await authenticateRequest({
      authorization: 'Bearer wrong',
      authenticators: [tokenFileAuthenticator(file)],
    });
    const { matches } = explainError(klog(String(verdict.log)));
    assert.deepEqual(
      matches.map((m) => m.id),
      ['token-unauthorized', 'invalid-bearer-token'],
    );
    assert.equal(
      lessonHref(matches[1]!.lesson),
      '/bearer-tokens/05-check-it-and-limits/#what-each-error-means',
    );
    assert.equal(
      lessonHref(matches[1]!.lesson, 'ko'),
      '/ko/bearer-tokens/05-check-it-and-limits/#오류-각각의-의미',
    );
  });

  test('explains kubectl’s 401 as a token’s when the command sent one, and as a certificate’s otherwise', () => {
    for (const said of Object.values(KUBECTL_401)) {
      assert.deepEqual(ids(said), ['unauthorized']);
      assert.deepEqual(ids(`$ kubectl --token=abc get pods\n${said}`), ['token-unauthorized']);
      assert.deepEqual(ids(`$ kubectl get pods --token abc\n${said}`), ['token-unauthorized']);
    }
    const kubeconfig = 'users:\n- name: alice\n  user:\n    token: 0123456789abcdef\n';
    assert.deepEqual(ids(`${kubeconfig}${KUBECTL_401.whoami}`), ['token-unauthorized']);
  });

  test('explains the 401 Status body as a token’s when curl sent an Authorization header', () => {
    const body = JSON.stringify(UNAUTHORIZED_STATUS);
    assert.deepEqual(ids(body), ['unauthorized']);
    const transcript = `$ curl -sS --cacert ca.crt -H "Authorization: Bearer $TOKEN" https://192.0.2.10:6443/api\n${body}`;
    assert.deepEqual(ids(transcript), ['token-unauthorized']);
    assert.deepEqual(ids(JSON.stringify(UNAUTHORIZED_STATUS, null, 2)), ['unauthorized']);
  });

  test('names the double space of an Authorization header from the warning kube-apiserver sends', async () => {
    const verdict = await authenticateRequest({ authorization: 'Bearer  abc', authenticators: [] });
    assert.equal(verdict.warning, EXTRA_SPACE_WARNING);
    for (const line of [`Warning: ${verdict.warning}`, `< Warning: 299 - "${verdict.warning}"`]) {
      const { matches } = explainError(line);
      assert.deepEqual(
        matches.map((m) => m.id),
        ['bearer-extra-space'],
      );
      assert.deepEqual(
        [matches[0]!.lesson.part, matches[0]!.lesson.page],
        ['bearer-tokens', '01-what-a-bearer-token-is'],
      );
    }
  });

  test('names a token file kube-apiserver refuses at startup', () => {
    for (const [text, entry] of [
      ['s3cret,alice\n', 'token-file-columns'],
      ['s3cret,alice,1001,dev"ops\n', 'token-file-csv'],
      ['s3cret,alice,1001,"dev\n', 'token-file-csv'],
    ] as const) {
      let said = '';
      try {
        readTokenFile(text);
      } catch (e) {
        said = String((e as LabError).details.apiserverError);
      }
      assert.ok(said, text);
      assert.deepEqual(
        ids(`E1206 21:50:00.000000       1 run.go:72] "command failed" err="${said}"`),
        [entry],
        said,
      );
    }
  });
});

describe('the explainer and Go’s x509 errors issue 18 found missing', () => {
  test('tells "no IP SANs at all" from "valid for other addresses"', () => {
    assert.deepEqual(
      explainError(
        "x509: cannot validate certificate for 203.0.113.9 because it doesn't contain any IP SANs",
      ).matches.map((m) => [m.id, m.captures.host]),
      [['no-ip-sans', '203.0.113.9']],
    );
    assert.deepEqual(
      explainError('x509: certificate is valid for 10.96.0.1, 192.0.2.10, not 203.0.113.9').matches.map(
        (m) => [m.id, m.captures.host],
      ),
      [['hostname-mismatch', '203.0.113.9']],
    );
  });

  test('reads a name-constraint refusal: the kind of name, the name and the constraint', () => {
    const m = explainError(
      'x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "x.bad.example.com" is excluded by constraint "bad.example.com"',
    ).matches;
    assert.deepEqual(
      m.map((x) => [x.id, x.captures]),
      [
        [
          'name-constraints',
          { nameType: 'DNS name', name: 'x.bad.example.com', constraint: 'bad.example.com' },
        ],
      ],
    );
  });

  test('finds the host at the end of a 2,000-name list', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `host-${i}.example.com`).join(', ');
    const line = `Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for ${names}, not kube.example.org`;
    assert.ok(line.length > 30_000);
    const { matches } = explainError(`$ kubectl get pods\n${line}\n`);
    assert.deepEqual(
      matches.map((m) => [m.id, m.captures.host, m.lineNumber]),
      [['hostname-mismatch', 'kube.example.org', 2]],
    );
    assert.ok(matches[0]!.line.length <= 500);
    assert.ok(matches[0]!.line.endsWith('not kube.example.org'), matches[0]!.line);
  });
});
