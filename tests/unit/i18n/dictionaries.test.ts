import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { langFromLocale, t } from '../../../src/i18n/index.ts';

function dictionary(lang: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../src/i18n/${lang}.json`, import.meta.url), 'utf8'));
}

describe('i18n dictionaries', () => {
  const en = dictionary('en');
  const ko = dictionary('ko');

  it('has exactly the same keys in English and Korean', () => {
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  });

  for (const [lang, dict] of [
    ['en', en],
    ['ko', ko],
  ] as const) {
    it(`has a non-empty string for every key in ${lang}`, () => {
      for (const [key, value] of Object.entries(dict)) {
        assert.equal(typeof value, 'string', `${lang} ${key} is not a string`);
        assert.notEqual((value as string).trim(), '', `${lang} ${key} is empty`);
      }
    });

    it(`uses flat dotted keys in ${lang}`, () => {
      for (const key of Object.keys(dict)) assert.match(key, /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/, key);
    });
  }

  it('reads Korean for ko locales and English for everything else', () => {
    assert.equal(langFromLocale('ko'), 'ko');
    assert.equal(langFromLocale('ko-KR'), 'ko');
    assert.equal(langFromLocale('en'), 'en');
    assert.equal(langFromLocale(undefined), 'en');
  });

  it('looks a key up in the language asked for', () => {
    assert.equal(t('en', 'diagram.stages.authn'), en['diagram.stages.authn']);
    assert.equal(t('ko', 'diagram.stages.authn'), ko['diagram.stages.authn']);
  });
});
