// For the explainer's captured-samples tests (tests/interop/troubleshooting-captured*.test.ts): a
// catalogue sample must be what a real tool printed, numbers aside (ports, addresses, times, pids,
// versions and their padding), and the explainer must name that line as the sample's entry.
import assert from 'node:assert/strict';
import { CATALOGUE, explainError } from '../../src/explain/index.ts';

/** A sample and a real line compare equal once numbers and runs of spaces are folded. */
export const normalise = (s: string): string => s.trim().replace(/\d+/g, '#').replace(/\s+/g, ' ');

/** The catalogue wording `id#index`. */
export function catalogueWording(key: string) {
  const [id, index] = key.split('#');
  const w = CATALOGUE.find((e) => e.id === id)?.wordings[Number(index)];
  assert.ok(w, `no wording ${key}`);
  return w;
}

/** The wordings whose source mark says they are captured by `tool` (a prefix of the mark). */
export function markedCaptured(tool: RegExp): string[] {
  return CATALOGUE.flatMap((e) =>
    e.wordings.flatMap((w, i) => (tool.test(w.captured ?? '') ? [`${e.id}#${i}`] : [])),
  );
}

/**
 * Asserts that one line of `said` holds the sample of wording `key` and that the explainer names it
 * with that entry and source; records `key` in `compared`.
 */
export function judgeCaptured(key: string, said: string, compared: Set<string>): void {
  const w = catalogueWording(key);
  const id = key.split('#')[0]!;
  const first = w.all[0]!;
  const lines = said.split('\n').filter((l) => l.toLowerCase().includes(first));
  // The line that holds the sample, or else the first with the wording, to show in the failure.
  const line = lines.find((l) => normalise(l).includes(normalise(w.sample))) ?? lines[0];
  assert.ok(line, `${key}: the tool printed no line with "${first}":\n${said}`);
  assert.ok(
    normalise(line).includes(normalise(w.sample)),
    `${key}: the sample is not what the tool printed\n  sample: ${w.sample}\n  tool:   ${line}`,
  );
  const { matches } = explainError(line);
  assert.ok(
    matches.some((m) => m.id === id && m.source === w.source),
    `${key}: ${line} gave ${matches.map((m) => m.id).join(', ') || 'nothing'}`,
  );
  compared.add(key);
}
