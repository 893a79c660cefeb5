// The AuthenticationConfiguration's CEL, evaluated with @bufbuild/cel, judged by the examples of the
// Kubernetes documentation (reference/access-authn-authz/authentication.md, "Structured
// Authentication Configuration", the three example tabs) and their documented results: the valid
// token's UserInfo, the failed claim validation and the failed user validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type JwtAuthenticator, mapClaims } from '../../../src/tokens/index.ts';
import {
  CEL_DIFFERENCES,
  evaluateClaimsExpression,
  evaluateUserExpression,
} from '../../../src/tokens/oidc-cel.ts';

// The documented payloads (the first and second tabs share one, the third adds hd).
const payload = {
  aud: 'kubernetes',
  exp: 1703232949,
  iat: 1701107233,
  iss: 'https://example.com',
  jti: '7c337942807e73caa2c30c868ac0ce910bce02ddcbfebe8c23b8b5f27ad62873',
  nbf: 1701107233,
  roles: 'user,admin',
  sub: 'auth',
  tenant: '72f988bf-86f1-41af-91ab-2d7cd011db4a',
  username: 'foo',
};
const payloadWithHd = {
  ...payload,
  hd: 'example.com',
  iat: 1701113101,
  nbf: 1701113101,
  jti: 'b5b0652372cd20e345b6fdffcdc2181f4afd6f259aab4b7e35881237d29220bc',
};
const mappings: JwtAuthenticator['claimMappings'] = {
  username: { expression: 'claims.username + ":external-user"' },
  groups: { expression: 'claims.roles.split(",")' },
  uid: { expression: 'claims.sub' },
  extra: [{ key: 'example.com/tenant', valueExpression: 'claims.tenant' }],
};
const userRule = {
  expression: "!user.username.startsWith('system:')",
  message: 'username cannot used reserved system: prefix',
};
const issuer = { url: 'https://example.com', audiences: ['my-app'] };
// credential-id is left out (version 1.31) so that the documented UserInfo compares whole.
const params = (authenticator: JwtAuthenticator) => ({ authenticator, version: '1.31' });

describe('the Kubernetes documentation’s CEL examples', () => {
  it('valid token: the documented UserInfo', async () => {
    const v = await mapClaims(
      payload,
      params({ issuer, claimMappings: mappings, userValidationRules: [userRule] }),
    );
    assert.equal(v.kind, 'ok');
    assert.deepEqual(v.kind === 'ok' && v.user, {
      username: 'foo:external-user',
      uid: 'auth',
      groups: ['user', 'admin'],
      extra: { 'example.com/tenant': ['72f988bf-86f1-41af-91ab-2d7cd011db4a'] },
    });
  });
  it('claim validation fails: the token has no hd claim', async () => {
    const v = await mapClaims(
      payload,
      params({
        issuer,
        claimValidationRules: [
          { expression: 'claims.hd == "example.com"', message: 'the hd claim must be set to example.com' },
        ],
        claimMappings: mappings,
        userValidationRules: [userRule],
      }),
    );
    assert.equal(v.kind, 'error');
    assert.equal(v.refusal, 'claim-rule');
    assert.match(
      v.kind === 'error' ? v.error : '',
      /^oidc: error evaluating claim validation expression: expression 'claims.hd == "example.com"' resulted in error: /,
    );
  });
  it('user validation fails: the username starts with system:', async () => {
    const v = await mapClaims(
      payloadWithHd,
      params({
        issuer,
        claimValidationRules: [
          { expression: 'claims.hd == "example.com"', message: 'the hd claim must be set to example.com' },
        ],
        claimMappings: { ...mappings, username: { expression: '"system:" + claims.username' } },
        userValidationRules: [userRule],
      }),
    );
    assert.equal(v.refusal, 'user-rule');
    assert.equal(
      v.kind === 'error' && v.error,
      "oidc: error evaluating user info validation rule: validation expression '!user.username.startsWith('system:')' failed: username cannot used reserved system: prefix",
    );
  });
  it("the lifetime rule: exp - nbf of the documented token is over 24 hours, so 'claims.exp - claims.nbf <= 86400' is false", () => {
    // Whole numbers reach CEL as ints, as kube-apiserver's unstructured conversion makes them.
    assert.deepEqual(evaluateClaimsExpression('claims.exp - claims.nbf <= 86400', payload), { value: false });
    assert.deepEqual(evaluateClaimsExpression('claims.exp - claims.nbf', payload), { value: 2125716 });
  });
  it("the documentation's group rule: user.groups.all(group, !group.startsWith('system:'))", () => {
    const user = { username: 'foo', uid: '', groups: ['user', 'system:masters'], extra: {} };
    assert.deepEqual(evaluateUserExpression("user.groups.all(group, !group.startsWith('system:'))", user), {
      value: false,
    });
  });
  it('an empty username from an expression is refused', async () => {
    const v = await mapClaims(
      { username: '' },
      params({ issuer, claimMappings: { username: { expression: 'claims.username' } } }),
    );
    assert.equal(v.kind === 'error' && v.error, 'oidc: empty username via CEL expression is not allowed');
  });
  it('a username expression that is not a string is refused', async () => {
    const v = await mapClaims(
      payload,
      params({ issuer, claimMappings: { username: { expression: 'claims.exp' } } }),
    );
    assert.equal(
      v.kind === 'error' && v.error,
      'oidc: error evaluating username claim expression: username claim expression must return a string',
    );
  });
  it('says where @bufbuild/cel differs, in both languages; the optional syntax is one of them', () => {
    assert.ok(CEL_DIFFERENCES.length >= 4);
    for (const d of CEL_DIFFERENCES) assert.ok(d.text.en && d.text.ko, d.id);
    assert.ok('error' in evaluateClaimsExpression('claims.?email_verified.orValue(true) == true', payload));
  });
});
