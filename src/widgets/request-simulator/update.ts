// What the request simulator does after an edit, loaded on first use: read the fields, run the
// request through the chain (src/tokens simulateRequest), and show the result — or put the
// translated message of the LabError at the field it names, keeping the last result on screen.
import { isLabError } from '../../pki/errors.ts';
import { simulateRequest } from '../../tokens/request-simulator.ts';
import { SIMULATOR_FIELDS, simulatorInput } from '../../tokens/request-simulator-fields.ts';
import { markField } from '../shared/field-fail.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import { resultHtml } from './render.ts';

/** Runs the chain for `values` and shows the result in `root` (the widget element). */
export async function showResult(
  root: HTMLElement & { status(text: string): void },
  values: Record<string, string>,
  t: Translate,
  current: () => boolean,
): Promise<void> {
  const { setup, request } = simulatorInput(values);
  let html: string;
  try {
    html = resultHtml(t, await simulateRequest(setup, request));
  } catch (e) {
    if (!current()) return;
    for (const f of SIMULATOR_FIELDS) markField(root, f, '');
    const field = isLabError(e) ? String(e.details.field ?? '') : '';
    const at = field && root.querySelector(`[data-message="${field}"]`) ? field : '';
    if (at) markField(root, at, errorText(t, e));
    root.status(at ? t('simulator.fixField') : errorText(t, e));
    root.dataset.problem = 'true';
    root.querySelector('[data-output="result"]')?.setAttribute('data-stale', 'true');
    return;
  }
  if (!current()) return;
  for (const f of SIMULATOR_FIELDS) markField(root, f, '');
  // Only the problem's own line goes: a status another action wrote ("Loaded: …") stays.
  if (root.dataset.problem) {
    root.status('');
    delete root.dataset.problem;
  }
  const out = root.querySelector<HTMLElement>('[data-output="result"]');
  if (out) {
    out.innerHTML = html;
    out.removeAttribute('data-stale');
  }
}
