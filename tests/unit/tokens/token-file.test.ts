import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLabError } from '../../../src/pki/index.ts';
import {
  authenticateRequest,
  randomToken,
  readTokenFile,
  tokenFileAuthenticator,
  whoamiForUser,
  writeTokenFile,
} from '../../../src/tokens/index.ts';

describe('static token files, read as kube-apiserver reads them', () => {
  it('reads a quoted 4th column as several groups and an unquoted list as only the first', () => {
    const f = readTokenFile('t1,alice,1001,"dev,ops"\nt2,bob,1002,dev,ops\n');
    assert.deepEqual(f.tokens.get('t1')?.groups, ['dev', 'ops']);
    assert.deepEqual(f.tokens.get('t2')?.groups, ['dev']);
    assert.deepEqual(f.tokens.get('t2')?.ignoredColumns, ['ops']);
  });

  it('keeps spaces, makes an empty 4th column one empty group, and lets the last duplicate win with a warning', () => {
    const f = readTokenFile('t, alice, 1001\r\n\nt2,bob,1,\nt,carol,3\n', { path: '/x.csv' });
    assert.equal(f.tokens.get('t')?.user, 'carol');
    assert.deepEqual(f.tokens.get('t2')?.groups, ['']);
    assert.deepEqual(
      f.warnings.map((w) => w.text),
      ["duplicate token has been found in token file '/x.csv', record number '3'"],
    );
  });

  it('refuses a # comment line with kube-apiserver’s startup error', () => {
    assert.throws(
      () => readTokenFile('# tokens\nt,alice,1\n', { path: '/etc/kubernetes/tokens.csv' }),
      (e) =>
        isLabError(e, 'token-file/too-few-columns') &&
        e.details.apiserverError ===
          "token file '/etc/kubernetes/tokens.csv' must have at least 3 columns (token, user name, user uid), found 1",
    );
  });

  it('refuses a quote after a space with Go’s bare-quote error', () => {
    assert.throws(
      () => readTokenFile('tok, alice, 1001, "dev,ops"\n'),
      (e) =>
        isLabError(e, 'token-file/csv-syntax') &&
        e.details.apiserverError === 'parse error on line 1, column 19: bare " in non-quoted-field',
    );
  });

  it('skips an empty token with a warning', () => {
    const f = readTokenFile(',alice,1\n');
    assert.equal(f.tokens.size, 0);
    assert.match(f.warnings[0]!.text, /^empty token has been found/);
  });

  it('writes a file that reads back to the same users, groups quoted', async () => {
    const token = randomToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const text = writeTokenFile([
      { token, user: 'alice', uid: '1001', groups: ['dev', 'ops'] },
      { token: 'b', user: 'bob "b"', uid: '' },
    ]);
    assert.equal(text, `${token},alice,1001,"dev,ops"\nb,"bob ""b""",\n`);
    const file = readTokenFile(text);
    const v = await authenticateRequest({
      authorization: `Bearer ${token}`,
      authenticators: [tokenFileAuthenticator(file)],
    });
    assert.equal(v.outcome, 'authenticated');
    assert.equal(
      whoamiForUser(v.user!),
      'ATTRIBUTE   VALUE\nUsername    alice\nUID         1001\nGroups      [dev ops system:authenticated]\n',
    );
  });

  for (const [name, users, code] of [
    ['a token with a space', [{ token: 'a b', user: 'x' }], 'token-file/bad-token'],
    [
      'two users with one token',
      [
        { token: 'a', user: 'x' },
        { token: 'a', user: 'y' },
      ],
      'token-file/duplicate-token',
    ],
    ['an empty user', [{ token: 'a', user: '' }], 'token-file/empty-user'],
    ['a group with a comma', [{ token: 'a', user: 'x', groups: ['a,b'] }], 'token-file/comma-in-group'],
    ['a user with a leading space', [{ token: 'a', user: ' x' }], 'token-file/space-around-value'],
    ['a line break in a uid', [{ token: 'a', user: 'x', uid: '1\n2' }], 'token-file/control-character'],
  ] as const) {
    it(`refuses to write ${name} (${code})`, () => {
      assert.throws(
        () => writeTokenFile(users as never),
        (e) => isLabError(e, code),
      );
    });
  }
});

describe('the Authorization header', () => {
  const file = readTokenFile('abc,alice,1\n');
  const auth = [tokenFileAuthenticator(file)];
  it('accepts any case of "Bearer" and ignores a third part', async () => {
    for (const h of ['bearer abc', 'BEARER abc', ' Bearer abc extra ']) {
      assert.equal(
        (await authenticateRequest({ authorization: h, authenticators: auth })).outcome,
        'authenticated',
        h,
      );
    }
  });
  it('treats a double space as no token at all: anonymous, with the warning', async () => {
    const v = await authenticateRequest({ authorization: 'Bearer  abc', authenticators: auth });
    assert.equal(v.outcome, 'anonymous');
    assert.match(v.warning ?? '', /extra space before the bearer token/);
  });
  it('answers an unknown token with 401 and "invalid bearer token"', async () => {
    const v = await authenticateRequest({ authorization: 'Bearer nope', authenticators: auth });
    assert.equal(v.outcome, 'unauthorized');
    assert.equal(v.error, 'invalid bearer token');
  });
});
