// Every LabError code the engine and the widgets throw has a reader-facing message in both
// languages. The type checker holds this too (LabErrorCode comes from the dictionaries' keys); this
// test holds it where types are stripped, and for codes reached through a variable.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { dictionary } from '../../src/i18n/index.ts';
import { errorKey } from '../../src/pki/error-codes.ts';
import { LabError } from '../../src/pki/errors.ts';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** The code literals passed to `new LabError(`, `wrapErrors(` and `wrapErrorsAsync(`. */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /\b(?:new LabError|wrapErrors(?:Async)?)\(\s*'([a-z0-9-]+\/[a-z0-9-]+)'/g,
    )) {
      found.set(m[1]!, file.slice(SRC.length));
    }
  }
  return found;
}

describe('LabError codes', () => {
  const codes = thrownCodes();

  it('finds the codes the engine throws (the scan is not empty)', () => {
    assert.ok(codes.size > 100, `only ${codes.size} codes found`);
    assert.ok(codes.has('pem/no-block'));
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`has a ${lang} message for every code thrown in src`, () => {
      const dict = dictionary(lang);
      const missing = [...codes]
        .filter(([code]) => !(`error.${code}` in dict))
        .map(([c, f]) => `${c} (${f})`);
      assert.deepEqual(missing, []);
    });
  }

  it('names the dictionary key of a code', () => {
    assert.equal(errorKey(new LabError('pem/no-block', 'x').code), 'error.pem/no-block');
  });
});
