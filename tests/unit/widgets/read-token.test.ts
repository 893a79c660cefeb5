// The certificate inspector and bearer tokens: a pasted JWT, bootstrap token or tokens.csv lines is
// named for what it is (never "not a certificate"), a service-account JWT shows the identity
// kube-apiserver derives (src/tokens), and text holding a token is never kept for a reload.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { generateKeyPair } from '../../../src/pki/index.ts';
import {
  boundServiceAccountClaims,
  generateBootstrapToken,
  signJwt,
  writeTokenFile,
} from '../../../src/tokens/index.ts';
import { heldPrivateKey, inspectText } from '../../../src/widgets/cert-inspector/read-input.ts';
import type {
  BootstrapTokenItem,
  JwtItem,
  TokenFileItem,
} from '../../../src/widgets/cert-inspector/read-token.ts';
import { legacyBuilderToken } from '../../support/token-legacy.ts';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const SA = { name: 'builder', uid: '5b4f0e4c-3c3a-4f0e-9d55-0d2f8a1e7c11' };

describe('the inspector reads bearer tokens', () => {
  let key: CryptoKey;
  before(async () => {
    key = (await generateKeyPair('ECDSA-P256')).privateKey;
  });

  test('decodes a pod-bound service-account JWT and derives its user, groups and extras', async () => {
    const token = await signJwt({
      claims: boundServiceAccountClaims({
        issuer: ISSUER,
        namespace: 'lab',
        serviceAccount: SA,
        bound: { kind: 'Pod', name: 'web-0', uid: 'pod-uid' },
        jti: 'jti-1',
      }),
      privateKey: key,
      kid: 'k1',
    });
    for (const pasted of [token, `  ${token}\n`, `Authorization: Bearer ${token}`, `token: ${token}`]) {
      const result = await inspectText(pasted);
      assert.equal(result.readAs, 'token');
      const item = result.items[0] as JwtItem;
      assert.equal(item.kind, 'jwt');
      assert.equal(item.flavour, 'bound');
      assert.equal(item.header.kid, 'k1');
      assert.equal(item.claims.iss, ISSUER);
      assert.deepEqual(item.user, {
        username: 'system:serviceaccount:lab:builder',
        uid: SA.uid,
        groups: ['system:serviceaccounts', 'system:serviceaccounts:lab', 'system:authenticated'],
        extra: {
          'authentication.kubernetes.io/pod-name': ['web-0'],
          'authentication.kubernetes.io/pod-uid': ['pod-uid'],
          'authentication.kubernetes.io/credential-id': ['JTI=jti-1'],
        },
      });
      assert.ok(item.times.exp && item.times.iat);
      assert.equal(heldPrivateKey(result), true);
    }
  });

  test('names a legacy Secret token, which never expires', async () => {
    const token = await legacyBuilderToken(key);
    const item = (await inspectText(token)).items[0] as JwtItem;
    assert.equal(item.flavour, 'legacy');
    assert.equal(item.user?.username, 'system:serviceaccount:lab:builder');
    assert.deepEqual(item.times, {});
  });

  test('names a JWT with an https issuer, a sub and an aud an OIDC ID token, without inventing a user', async () => {
    const token = await signJwt({
      claims: { iss: 'https://idp.example.com', sub: 'jane', aud: 'kubernetes', exp: 2000000000 },
      privateKey: key,
    });
    const item = (await inspectText(token)).items[0] as JwtItem;
    assert.equal(item.flavour, 'oidc');
    assert.equal(item.user, undefined);
    assert.equal(item.times.exp, '2033-05-18T03:33:20Z');
  });

  test('keeps a JWT without an https issuer, a sub or an aud as "other"', async () => {
    for (const claims of [
      { iss: 'http://idp.example.com', sub: 'jane', aud: 'kubernetes' },
      { iss: 'https://idp.example.com', aud: 'kubernetes' },
      { iss: 'https://idp.example.com', sub: 'jane', aud: [] },
    ]) {
      const token = await signJwt({ claims, privateKey: key });
      const item = (await inspectText(token)).items[0] as JwtItem;
      assert.equal(item.flavour, 'other', JSON.stringify(claims));
    }
  });

  test('reads a bootstrap token: its id, its Secret and the user, never its secret half', async () => {
    const token = generateBootstrapToken();
    const result = await inspectText(token);
    const item = result.items[0] as BootstrapTokenItem;
    assert.equal(item.kind, 'bootstrap-token');
    assert.equal(item.id, token.slice(0, 6));
    assert.equal(item.secretName, `bootstrap-token-${token.slice(0, 6)}`);
    assert.deepEqual(item.user.groups, ['system:bootstrappers', 'system:authenticated']);
    assert.equal(item.user.username, `system:bootstrap:${token.slice(0, 6)}`);
    assert.ok(!JSON.stringify(item).includes(token.slice(7)));
    assert.equal(heldPrivateKey(result), true);
  });

  test('reads tokens.csv lines as kube-apiserver does, without repeating the tokens', async () => {
    const text = writeTokenFile([
      { token: 'aaaaaaaaaaaaaaaaaaaaaaaa', user: 'alice', uid: '1001', groups: ['developers', 'ops'] },
      { token: 'bbbbbbbbbbbbbbbbbbbbbbbb', user: 'bob', uid: '' },
    ]);
    const result = await inspectText(text);
    const item = result.items[0] as TokenFileItem;
    assert.equal(item.kind, 'token-file');
    assert.deepEqual(
      item.rows.map((r) => [r.user.username, r.user.groups]),
      [
        ['alice', ['developers', 'ops', 'system:authenticated']],
        ['bob', ['system:authenticated']],
      ],
    );
    assert.ok(!JSON.stringify(item).includes('aaaaaaaa'));
    assert.equal(heldPrivateKey(result), true);
  });

  test('refuses with kube-apiserver’s reason a token file it would not start with', async () => {
    await assert.rejects(inspectText('s3cret,alice\n'), { code: 'token-file/too-few-columns' });
  });

  test('refuses three dotted parts that are not a JWT with a JWT error, not a PEM one', async () => {
    await assert.rejects(inspectText('abc.def.ghi'), { code: 'jwt/malformed' });
  });

  test('still reads certificates and plain words as before', async () => {
    await assert.rejects(inspectText('hello world'), { code: 'pem/no-block' });
  });
});
