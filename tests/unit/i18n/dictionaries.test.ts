import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AREAS, dictionary, langFromLocale, t } from '../../../src/i18n/index.ts';
import { ENGLISH_SENTENCE, HANGUL } from '../../support/english-text.ts';

function file(area: string, lang: string): Record<string, unknown> {
  const name = area ? `${area}.${lang}.json` : `${lang}.json`;
  return JSON.parse(readFileSync(new URL(`../../../src/i18n/${name}`, import.meta.url), 'utf8'));
}

describe('i18n dictionaries', () => {
  for (const area of AREAS) {
    const en = file(area, 'en');
    const ko = file(area, 'ko');
    const label = area || 'site';

    it(`has exactly the same keys in English and Korean (${label})`, () => {
      assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
    });

    for (const [lang, dict] of [
      ['en', en],
      ['ko', ko],
    ] as const) {
      it(`has a non-empty string for every key in ${lang} (${label})`, () => {
        for (const [key, value] of Object.entries(dict)) {
          assert.equal(typeof value, 'string', `${lang} ${key} is not a string`);
          assert.notEqual((value as string).trim(), '', `${lang} ${key} is empty`);
        }
      });

      it(`uses flat dotted keys in ${lang} (${label})`, () => {
        for (const key of Object.keys(dict)) {
          assert.match(key, /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9/-]+)+$/, key);
        }
      });
    }
  }

  it('never defines the same key in two areas', () => {
    const seen = new Map<string, string>();
    for (const area of AREAS) {
      for (const key of Object.keys(file(area, 'en'))) {
        assert.equal(
          seen.get(key),
          undefined,
          `${key} is in both ${seen.get(key) || 'site'} and ${area || 'site'}`,
        );
        seen.set(key, area);
      }
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const en = dictionary('en');
    const ko = dictionary('ko');
    for (const [key, text] of Object.entries(en)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(ko[key] ?? ''), names(text), `placeholders of ${key}`);
    }
  });

  it('has Korean, not an English sentence, for every key', () => {
    const ko = dictionary('ko');
    const english = Object.keys(ko).filter(
      (key) => !HANGUL.test(ko[key]!) && ENGLISH_SENTENCE.test(ko[key]!),
    );
    assert.deepEqual(english, [], 'Korean texts that are English sentences');
  });

  it('has a message, in both languages, for every error code the engine throws', () => {
    // Widgets show `error.<code>` and fall back to the LabError's English text: on a Korean page
    // a missing key is English on screen.
    const src = new URL('../../../src/', import.meta.url).pathname;
    const codes = new Set<string>();
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(join(src, file), 'utf8');
      for (const m of text.matchAll(/new LabError\(\s*['"`]([a-z0-9-]+\/[a-z0-9-]+)['"`]/g)) codes.add(m[1]!);
    }
    assert.ok(codes.size > 50, `only ${codes.size} codes found`);
    const en = dictionary('en');
    assert.deepEqual(
      [...codes].filter((code) => !(`error.${code}` in en)).sort(),
      [],
      'codes without an error.<code> message',
    );
  });

  it('reads Korean for ko locales and English for everything else', () => {
    assert.equal(langFromLocale('ko'), 'ko');
    assert.equal(langFromLocale('ko-KR'), 'ko');
    assert.equal(langFromLocale('en'), 'en');
    assert.equal(langFromLocale(undefined), 'en');
  });

  it('looks a key up in the language asked for', () => {
    assert.equal(t('en', 'diagram.stages.authn'), file('', 'en')['diagram.stages.authn']);
    assert.equal(t('ko', 'diagram.stages.authn'), file('', 'ko')['diagram.stages.authn']);
  });
});
