// Token files against Go's encoding/csv as kube-apiserver's tokenfile.NewCSV applies it
// (tests/interop/go/tokencsv): the files the engine writes read back to the same users in Go, and
// for hand-written and random files the engine's reader agrees with Go on every user or on the
// exact error kube-apiserver would stop with.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { isLabError } from '../../src/pki/index.ts';
import { randomToken, readTokenFile, writeTokenFile } from '../../src/tokens/index.ts';
import { prng } from '../support/fuzz.ts';
import { buildGoProgram } from '../support/go.ts';
import { hasTool, inCI } from '../support/tools.ts';

if (!hasTool('go') && inCI) throw new Error('CI=true and the token-file tests need go');

type GoResult = {
  error?: string;
  users?: Record<string, { user: string; uid: string; groups: string[] | null }>;
};

function goRead(files: string[]): GoResult[] {
  const out = execFileSync(buildGoProgram('tokencsv'), { input: JSON.stringify(files), encoding: 'utf8' });
  return JSON.parse(out) as GoResult[];
}

function engineRead(text: string): GoResult {
  try {
    const f = readTokenFile(text);
    if (f.tokens.size === 0) return {}; // Go's omitempty
    return {
      users: Object.fromEntries(
        [...f.tokens].map(([t, e]) => [t, { user: e.user, uid: e.uid, groups: e.groups ?? null }]),
      ),
    };
  } catch (e) {
    if (isLabError(e)) return { error: String(e.details.apiserverError) };
    throw e;
  }
}

describe('token files, the engine against Go encoding/csv', {
  skip: hasTool('go') ? false : 'needs go',
}, () => {
  it('reads every file the engine writes back to the same users in Go', () => {
    const files = [
      writeTokenFile([
        { token: randomToken(), user: 'alice', uid: '1001', groups: ['developers', 'ops'] },
        { token: randomToken({ encoding: 'hex' }), user: 'bob' },
        { token: 'x"y', user: 'carol, the "admin"', uid: 'ü-7', groups: ['system:masters'] },
        { token: '\\.', user: '김철수', uid: '#1', groups: ['개발'] },
      ]),
    ];
    const go = goRead(files);
    assert.deepEqual(engineRead(files[0]!), go[0]);
    assert.equal(Object.keys(go[0]!.users ?? {}).length, 4);
  });

  const handWritten = [
    'tok,alice,1001,"dev,ops"\n',
    'tok,alice,1001,dev,ops\n',
    'tok, alice, 1001\n',
    'tok, alice, 1001, "dev,ops"\n',
    'tok,alice,1001,"dev, ops"\n',
    '# tokens\ntok,alice,1001\n',
    'token,user,uid\ntok,alice,1001\n',
    '\n\r\ntok,alice,1001\r\n\r\n',
    '\ufefftok,alice,1001\n',
    'tok,alice,1001,\n',
    'tok,alice\n',
    'a,b,c\na,d,e\n',
    ',b,c\n',
    'a,"b\nc",d\n',
    'a,"b""c",d\n',
    'a,"b"c,d\n',
    'a,"b,c\n',
    'a,b,c\nx"y,z,w\n',
    'a,b,c\rd,e,f\n',
    'a,b,"c"\r',
    '"a\n\n",b,c',
  ];
  it('agrees with Go on hand-written files, users or the exact startup error', () => {
    const go = goRead(handWritten);
    for (const [i, text] of handWritten.entries())
      assert.deepEqual(engineRead(text), go[i], JSON.stringify(text));
    assert.ok(go.filter((r) => r.error).length >= 6);
  });

  it('agrees with Go on 400 random files made of the characters that matter', () => {
    const rnd = prng(20261206);
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\r', ' ', '#', 'é', '\r\n'];
    const files = Array.from({ length: 400 }, () =>
      Array.from(
        { length: 1 + Math.floor(rnd() * 40) },
        () => alphabet[Math.floor(rnd() * alphabet.length)],
      ).join(''),
    );
    const go = goRead(files);
    for (const [i, text] of files.entries()) assert.deepEqual(engineRead(text), go[i], JSON.stringify(text));
  });
});
