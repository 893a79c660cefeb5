// decodeJwt tells the reader which part of a pasted token is wrong and how: not three parts, a part
// that is not base64url, or a part that is base64url but not a JSON object (details.reason).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLabError } from '../../../src/pki/errors.ts';
import { decodeJwt } from '../../../src/tokens/index.ts';

// btoa, not Buffer: these tests also run in Chromium (tests/e2e/unit-in-browser.spec.ts).
const std = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
const b64 = (s: string) => std(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const HEADER = b64('{"alg":"RS256","kid":"k"}');
const CLAIMS = b64('{"sub":"system:serviceaccount:lab:builder"}');

function details(token: string): Record<string, unknown> {
  try {
    decodeJwt(token);
  } catch (e) {
    assert.ok(isLabError(e));
    assert.equal(e.code, 'jwt/malformed');
    return e.details as Record<string, unknown>;
  }
  assert.fail('decoded');
}

describe('decodeJwt says what is wrong with a token that is not a JWT', () => {
  it('decodes a well-formed token', () => {
    const d = decodeJwt(`${HEADER}.${CLAIMS}.c2ln`);
    assert.deepEqual(d.header, { alg: 'RS256', kid: 'k' });
    assert.equal(d.claims.sub, 'system:serviceaccount:lab:builder');
  });
  for (const [name, token, want] of [
    ['one part', 'just-a-string', { parts: 1 }],
    ['four parts', `${HEADER}.${CLAIMS}.c2ln.x`, { parts: 4 }],
    [
      'a header with a character outside base64url',
      `${HEADER}*.${CLAIMS}.c2ln`,
      { part: 'header', reason: 'base64url' },
    ],
    [
      'padded (standard) base64 claims',
      `${HEADER}.${std('{"a":1}')}.c2ln`,
      { part: 'claims', reason: 'base64url' },
    ],
    [
      'an impossible base64url length',
      `${HEADER}.${CLAIMS}abc.c2ln`,
      { part: 'claims', reason: 'base64url' },
    ],
    ['an empty header', `.${CLAIMS}.c2ln`, { part: 'header', reason: 'base64url' }],
    ['a header that is not JSON', `${b64('not json')}.${CLAIMS}.c2ln`, { part: 'header', reason: 'json' }],
    ['claims that are not JSON', `${HEADER}.${b64('not json')}.c2ln`, { part: 'claims', reason: 'json' }],
    ['claims that are a JSON array', `${HEADER}.${b64('[1,2]')}.c2ln`, { part: 'claims', reason: 'json' }],
  ] as const) {
    it(`reports ${name}`, () => {
      const d = details(token);
      for (const [k, v] of Object.entries(want)) assert.equal(d[k], v, `${name}: ${k}`);
    });
  }
});
