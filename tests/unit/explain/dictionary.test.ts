// The explainer's texts live in the troubleshooting dictionaries: every entry, layer, source,
// capture, lesson and section it can show must have its English and Korean text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOGUE, explainError } from '../../../src/explain/index.ts';
import en from '../../../src/i18n/troubleshooting.en.json' with { type: 'json' };
import ko from '../../../src/i18n/troubleshooting.ko.json' with { type: 'json' };

const dictionaries = { en: en as Record<string, string>, ko: ko as Record<string, string> };

describe('the explainer texts', () => {
  for (const [lang, dict] of Object.entries(dictionaries)) {
    test(`gives every catalogue entry a title, a cause and a fix in ${lang}`, () => {
      for (const entry of CATALOGUE) {
        for (const part of ['title', 'cause', 'fix']) {
          const text = dict[`explain.entry.${entry.id}.${part}`];
          assert.ok(text && text.trim().length > 3, `${lang}: explain.entry.${entry.id}.${part}`);
        }
        assert.ok(dict[`explain.layer.${entry.layer}`], `${lang}: layer ${entry.layer}`);
        assert.ok(dict[`explain.lesson.${entry.lesson.page}`], `${lang}: lesson ${entry.lesson.page}`);
        if (entry.lesson.anchor)
          assert.ok(dict[`explain.anchor.${entry.lesson.anchor}`], `${lang}: ${entry.lesson.anchor}`);
        for (const w of entry.wordings)
          assert.ok(dict[`explain.source.${w.source}`], `${lang}: source ${w.source}`);
      }
    });

    test(`names every value the explainer can capture in ${lang}`, () => {
      for (const entry of CATALOGUE) {
        for (const w of entry.wordings) {
          for (const m of explainError(w.sample).matches) {
            for (const name of Object.keys(m.captures)) {
              assert.ok(dict[`explain.capture.${name}`], `${lang}: capture ${name} (from ${entry.id})`);
            }
          }
        }
      }
    });
  }

  test('writes the Korean texts in Korean', () => {
    for (const entry of CATALOGUE) {
      assert.match(dictionaries.ko[`explain.entry.${entry.id}.cause`]!, /[가-힣]/, entry.id);
      assert.notEqual(
        dictionaries.ko[`explain.entry.${entry.id}.cause`],
        dictionaries.en[`explain.entry.${entry.id}.cause`],
      );
    }
  });
});
