// What the impersonation widget does after an edit, loaded on first use: work the choices out
// (src/recipes/impersonation), put each problem's translated text at its field, render the request,
// the RBAC objects and the verdict; Shiki colours the code blocks once it has loaded.
import { computeImpersonation, FIELDS } from '../../recipes/impersonation/impersonation-choices.ts';
import { plainCode } from '../apiserver-change/render.ts';
import { colourCodeBlocks } from '../shared/colour-code.ts';
import { markField } from '../shared/field-fail.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import { rbacHtml, requestHtml, verdictHtml } from './render.ts';

/** Recomputes and shows everything in `root` (the widget element) for `values`. */
export async function showImpersonation(
  root: HTMLElement,
  values: Record<string, string>,
  t: Translate,
): Promise<void> {
  const result = computeImpersonation(values);
  for (const field of FIELDS) {
    const problem = result.problems[field];
    markField(root, field, problem ? errorText(t, problem) : '');
  }
  const out = (name: string) => root.querySelector<HTMLElement>(`[data-output="${name}"]`);
  out('request')!.innerHTML = requestHtml(t, result);
  out('rbac')!.innerHTML = await rbacHtml(t, plainCode, result);
  out('verdict')!.innerHTML = verdictHtml(t, result);
  colourCodeBlocks(root);
}
