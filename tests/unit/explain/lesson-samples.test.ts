// Lesson 8 shows the errors it explains in untitled ```text blocks. Each such line must be one of
// the explainer's catalogue samples, so that it carries a source mark and, where the tool runs on the
// test machines, is compared with a real run (tests/interop/troubleshooting-captured*.test.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CATALOGUE } from '../../../src/explain/index.ts';

const root = join(import.meta.dirname, '../../..');
const samples = new Set(CATALOGUE.flatMap((e) => e.wordings.map((w) => w.sample.trim())));

/** The lines of the untitled ```text blocks (titled ones are a command's whole output). */
function errorLines(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const lines: string[] = [];
  for (const m of text.matchAll(/^```text\n([\s\S]*?)^```$/gm))
    lines.push(...m[1]!.split('\n').filter((l) => l.trim()));
  return lines;
}

describe("lesson 8's error samples", () => {
  for (const file of [
    'content/client-certificates/08-troubleshooting.mdx',
    'content/ko/client-certificates/08-troubleshooting.mdx',
  ]) {
    test(`are the explainer's samples, with their source marks (${file})`, () => {
      const lines = errorLines(file);
      assert.ok(lines.length >= 10, `${lines.length} lines`);
      assert.deepEqual(
        lines.filter((l) => !samples.has(l.trim())),
        [],
      );
    });
  }
});
