// What the TokenReview playground does after an edit or a click, loaded on first use: run the model
// (src/tokens token-review-playground.ts) on the fields and the clock, put each problem's translated
// text at its field, and render the last request and the timeline (render.ts).
import {
  PLAYGROUND_FIELDS,
  readPlaygroundTimeline,
  runPlayground,
} from '../../tokens/token-review-playground.ts';
import { markField } from '../shared/field-fail.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import { latestHtml, timelineHtml } from './render.ts';

/** Recomputes and shows everything in `root` (the widget element) for `values`. */
export async function showPlayground(
  root: HTMLElement,
  values: Record<string, string>,
  t: Translate,
  current: () => boolean,
): Promise<void> {
  const inputs = Object.fromEntries(PLAYGROUND_FIELDS.map((f) => [f, values[f] ?? ''])) as Record<
    (typeof PLAYGROUND_FIELDS)[number],
    string
  >;
  const run = await runPlayground({ ...inputs, timeline: readPlaygroundTimeline(values.timeline ?? '') });
  if (!current()) return;
  for (const field of PLAYGROUND_FIELDS) {
    const problem = run.problems[field];
    markField(root, field, problem ? errorText(t, problem) : '');
  }
  root.querySelector<HTMLElement>('[data-output="latest"]')!.innerHTML = latestHtml(t, run);
  root.querySelector<HTMLElement>('[data-output="timeline"]')!.innerHTML = timelineHtml(t, run);
  // One short line for screen readers: when, and the verdict (the blocks above are not re-read).
  const at = root.querySelector('[data-latest-at]')?.textContent ?? '';
  const verdict = root.querySelector('[data-verdict]')?.textContent ?? '';
  const announce = root.querySelector('[data-announce]');
  if (announce) announce.textContent = `${at} ${verdict}`.trim();
}
