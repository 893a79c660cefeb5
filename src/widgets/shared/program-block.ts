// The "in your own code" recipe as a widget shows it (lesson 3's workbench tab, lesson 7's CSR
// builder): the Node program to save, copyable and downloadable, then the commands that install its
// packages and run it, each copyable. Loaded on first use with the recipe; the code is highlighted
// when it is first shown (highlightWhenShown), so a closed tab or box fetches no grammar. Strings are
// the `program.*` keys, which a widget using this lists in its <Strings> prefixes.
import type { RecipeCommand, RecipeFile } from '../../recipes/recipe-command.ts';
import { h } from './dom.ts';
import { copyText, downloadFile } from './download.ts';
import type { HighlightLang } from './highlight.ts';
import { errorText, pageLang, type Translate } from './strings.ts';

function button(text: string, label: string, onClick: (b: HTMLButtonElement) => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'kal-button kal-secondary', 'aria-label': label }, text);
  b.addEventListener('click', () => onClick(b));
  return b;
}

function step(description: string, code: string, lang: HighlightLang, t: Translate, extra: HTMLElement[]) {
  const block = h('div', { class: 'kal-code' }, h('pre', { class: 'kal-pre', tabindex: '0' }, code));
  void import('./highlight.ts').then((m) => m.highlightWhenShown(block, code, lang));
  const copy = button(t('program.copy'), t('program.copyStep', { step: description }), async (b) => {
    const ok = await copyText(code);
    b.textContent = ok ? t('program.copied') : t('program.copyFailed');
    setTimeout(() => {
      b.textContent = t('program.copy');
    }, 1500);
  });
  return h(
    'div',
    { class: 'kal-program-step' },
    h('p', {}, description),
    block,
    h('div', { class: 'kal-actions' }, copy, ...extra),
  );
}

/** The steps of a program recipe: save (copy or download) the file, then run each command. */
export function programSteps(
  recipe: { file: RecipeFile; commands: RecipeCommand[] },
  t: Translate,
): HTMLElement[] {
  const { file, commands } = recipe;
  const download = button(t('program.download'), t('program.downloadFile', { file: file.name }), () =>
    downloadFile(file.name, file.content, 'text/javascript'),
  );
  return [
    step(t('program.saveAs', { file: file.name }), file.content, 'javascript', t, [download]),
    ...commands.map((c) => {
      // Steps are named program.install, program.run…: their descriptions are keys of their own.
      const text = c.step ? t(c.step, c.vars) : c.description;
      return step(text === c.step ? c.description : text, c.command, 'shellscript', t, []);
    }),
  ];
}

/**
 * Lesson 7: the CSR builder's "in your own code" box. Once it is opened, it shows make-user-csr.mjs
 * for the user and groups of the CSR just made and the algorithm chosen (the recipes load then, not
 * before); a value the program cannot take is said there. Called again after each new CSR.
 */
export function showCsrProgram(root: HTMLElement, made: { user: string; groups: string[] }, t: Translate) {
  const box = root.querySelector<HTMLDetailsElement>('details[data-program-box]');
  const host = box?.querySelector<HTMLElement>('[data-program]');
  if (!box || !host) return;
  const fill = async () => {
    const algorithm = root.querySelector<HTMLSelectElement>('[data-field="algorithm"]')?.value;
    try {
      const { x509CsrRecipe } = await import('../../recipes/index.ts');
      const params = { user: made.user, groups: made.groups, algorithm: algorithm as never };
      const recipe = x509CsrRecipe(params, pageLang());
      host.replaceChildren(...programSteps(recipe, t));
    } catch (e) {
      host.replaceChildren(h('p', { class: 'kal-field-message' }, errorText(t, e)));
    }
  };
  host.replaceChildren();
  box.ontoggle = () => {
    if (box.open && !host.firstChild) void fill();
  };
  if (box.open) void fill();
}
