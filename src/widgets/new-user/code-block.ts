// A code block the new-user widgets fill at run time: plain text at once, Shiki colours when the
// highlighter has loaded (on first use), and a copy button that copies exactly the text shown.
import { h } from '../shared/dom.ts';
import { copyText } from '../shared/download.ts';
import type { HighlightLang } from '../shared/highlight.ts';
import type { Translate } from '../shared/strings.ts';

/**
 * Fills `host` with `code`: a plain <pre> now, highlighted soon, plus a copy button (labelled
 * `copyLabel` when the caller must say what the copy leaves out; default "Copy").
 */
export function showCode(
  host: HTMLElement,
  code: string,
  lang: HighlightLang,
  t: Translate,
  copyLabel = t('newuser.copy'),
): void {
  const block = h('div', { class: 'kal-code' }, h('pre', { class: 'kal-pre', tabindex: '0' }, code));
  const copy = h('button', { type: 'button', class: 'kal-button kal-secondary kal-copy' }, copyLabel);
  copy.addEventListener('click', async () => {
    const ok = await copyText(code);
    copy.textContent = ok ? t('newuser.copied') : t('newuser.copyFailed');
    setTimeout(() => {
      copy.textContent = copyLabel;
    }, 2000);
  });
  host.replaceChildren(block, copy);
  void import('../shared/highlight.ts')
    .then(async ({ highlight, showHighlighted }) => {
      const html = await highlight(code, lang);
      if (block.isConnected) showHighlighted(block, html);
    })
    .catch(() => undefined);
}

/** Fills `host` with one described, copyable command per step. */
export function showCommands(
  host: HTMLElement,
  steps: { description: string; command: string; step?: string; vars?: Record<string, string | number> }[],
  t: Translate,
): void {
  const items = steps.map((step) => {
    // Recipe steps carry a stable name: show their description in the page's language.
    const key = step.step ? `recipeStep.${step.step}` : '';
    const translated = key ? t(key, step.vars) : '';
    const code = h('div');
    showCode(code, step.command.endsWith('\n') ? step.command : `${step.command}\n`, 'shellscript', t);
    return h(
      'div',
      { class: 'kal-nu-command' },
      h('p', {}, key && translated !== key ? translated : step.description),
      code,
    );
  });
  host.replaceChildren(...items);
}
