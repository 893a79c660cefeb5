// What the kube-apiserver change widget does after an edit, loaded on first use: work the change
// out, put each error's translated text at its field, render both parts, and colour the code blocks
// once Shiki has loaded.
import { isLabError } from '../../pki/errors.ts';
import { computeChange, fieldsOf, type Inputs, type Preset } from '../../recipes/tokens/apiserver-change.ts';
import { colourCodeBlocks } from '../shared/colour-code.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import { kindHtml, kubeadmHtml, plainCode } from './render.ts';

/** Recomputes and shows the change in `root` (the widget element) for `values`. */
export function showChange(root: HTMLElement, values: Inputs, t: Translate): void {
  const preset = (root.dataset.preset ?? 'token-file') as Preset;
  const result = computeChange(preset, values);
  for (const field of fieldsOf(preset)) {
    const message = root.querySelector<HTMLElement>(`[data-message="${field}"]`);
    const input = root.querySelector<HTMLElement>(`[data-field="${field}"]`);
    const e = result.errors[field];
    const text = !e
      ? ''
      : isLabError(e, 'apiserver-flags/nothing-to-change')
        ? t(`apiserver.nothing.${preset}`)
        : errorText(t, e);
    if (message) message.textContent = text;
    if (text) input?.setAttribute('aria-invalid', 'true');
    else input?.removeAttribute('aria-invalid');
    if (field === 'manifest' && text) {
      root.querySelector<HTMLDetailsElement>('[data-manifest-details]')?.setAttribute('open', '');
    }
  }
  const kubeadm = root.querySelector<HTMLElement>('[data-output="kubeadm"]');
  const kind = root.querySelector<HTMLElement>('[data-output="kind"]');
  void Promise.all([kubeadmHtml(t, plainCode, result), kindHtml(t, plainCode, result)]).then(([a, b]) => {
    if (kubeadm) kubeadm.innerHTML = a;
    if (kind) kind.innerHTML = b;
    colourCodeBlocks(root);
  });
}
