import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hiddenKind, visibleName } from '../../../src/pki/index.ts';

describe('visibleName: what the reader sees is what Kubernetes compares', () => {
  test('a right-to-left override is written out, so "jane\\u202Enimda" no longer reads "janeadmin"', () => {
    const v = visibleName('jane\u202Enimda');
    assert.equal(v.text, 'jane⟨U+202E⟩nimda');
    assert.equal(v.suspicious, true);
    assert.deepEqual(v.kinds, ['bidi']);
    assert.deepEqual(
      v.parts.map((p) => p.kind),
      ['text', 'bidi', 'text'],
    );
  });

  test('every bidi mark, embedding, override and isolate is written out', () => {
    for (const cp of [
      0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ]) {
      assert.equal(hiddenKind(cp), 'bidi', cp.toString(16));
    }
  });

  test('a zero-width space makes "ad\\u200Bmin" show as different from "admin"', () => {
    const v = visibleName('ad\u200Bmin');
    assert.equal(v.text, 'ad⟨U+200B⟩min');
    assert.notEqual(v.text, 'admin');
    assert.deepEqual(v.kinds, ['invisible']);
  });

  test('a newline in a CN cannot start a forged row: C0 controls, DEL and C1 controls are written out', () => {
    const v = visibleName('jane\nGroups [system:masters]');
    assert.equal(v.text, 'jane⟨U+000A⟩Groups [system:masters]');
    assert.ok(!v.text.includes('\n'));
    for (let cp = 0; cp < 0x20; cp++) assert.equal(hiddenKind(cp), 'control', cp.toString(16));
    assert.equal(hiddenKind(0x7f), 'control');
    for (let cp = 0x80; cp <= 0x9f; cp++) assert.equal(hiddenKind(cp), 'control', cp.toString(16));
    assert.equal(visibleName('a\u0085b').text, 'a⟨U+0085⟩b');
    assert.equal(visibleName('a\u0000b').text, 'a⟨U+0000⟩b');
  });

  test('invisible format characters, fillers, tags and look-alike spaces are written out', () => {
    const cases: [string, string][] = [
      ['\u00ad', 'U+00AD'],
      ['\u2060', 'U+2060'],
      ['\ufeff', 'U+FEFF'],
      ['\u3164', 'U+3164'],
      ['\ufe0f', 'U+FE0F'],
      ['\u{e0041}', 'U+E0041'],
      ['\u00a0', 'U+00A0'],
      ['\u3000', 'U+3000'],
      ['\u2028', 'U+2028'],
    ];
    for (const [ch, label] of cases) {
      const v = visibleName(`x${ch}y`);
      assert.equal(v.text, `x⟨${label}⟩y`, label);
      assert.equal(v.suspicious, true, label);
    }
  });

  test('a space at either end is written out, a space inside is not', () => {
    assert.equal(visibleName(' admin ').text, '⟨U+0020⟩admin⟨U+0020⟩');
    assert.equal(visibleName('Jane Doe').text, 'Jane Doe');
    assert.equal(visibleName('Jane Doe').suspicious, false);
  });

  test('an unpaired surrogate is written out; a paired one (an emoji) and real scripts are shown as they are', () => {
    assert.equal(visibleName('a\ud800b').text, 'a⟨U+D800⟩b');
    assert.deepEqual(visibleName('a\ud800b').kinds, ['unpaired']);
    for (const name of ['jane', '김지은', 'שלום', 'مرحبا', 'dev😀ops', 'system:masters', 'Ünïcødé']) {
      const v = visibleName(name);
      assert.equal(v.text, name, name);
      assert.equal(v.suspicious, false, name);
    }
  });

  test('the written-out text holds no character that reorders or hides anything', () => {
    const hostile = 'a\u202Eb\u2067c\u200Bd\ne\u0085f\u00a0g\ud83dh';
    const v = visibleName(hostile);
    for (const ch of v.text)
      assert.equal(hiddenKind(ch.codePointAt(0)!), undefined, `U+${ch.codePointAt(0)!.toString(16)}`);
    assert.equal(
      v.parts.map((p) => p.text).join(''),
      hostile,
      'the parts put back together give the name itself',
    );
  });
});
