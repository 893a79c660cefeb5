// The "in your own code" recipe as a widget shows it (lesson 3's workbench tab, lesson 7's CSR
// builder): the Node program to save, copyable and downloadable, then the commands that install its
// packages and run it, each copyable. Loaded on first use with the recipe; the code is highlighted
// when it is first shown (highlightWhenShown), so a closed tab or box fetches no grammar. Strings are
// the `program.*` keys, which a widget using this lists in its <Strings> prefixes.
import type { RecipeCommand, RecipeFile } from '../../recipes/recipe-command.ts';
import { copyText, downloadFile } from './download.ts';
import type { HighlightLang } from './highlight.ts';
import { errorText, pageLang, type Translate } from './strings.ts';

function button(text: string, label: string, onClick: (b: HTMLButtonElement) => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'kal-button kal-secondary';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => onClick(b));
  return b;
}

function step(description: string, code: string, lang: HighlightLang, t: Translate, extra: HTMLElement[]) {
  const item = document.createElement('div');
  item.className = 'kal-program-step';
  const p = document.createElement('p');
  p.textContent = description;
  const block = document.createElement('div');
  block.className = 'kal-code';
  const pre = document.createElement('pre');
  pre.className = 'kal-pre';
  pre.tabIndex = 0;
  pre.textContent = code;
  block.append(pre);
  void import('./highlight.ts').then((h) => h.highlightWhenShown(block, code, lang));
  const copy = button(t('program.copy'), t('program.copyStep', { step: description }), async (b) => {
    const ok = await copyText(code);
    b.textContent = ok ? t('program.copied') : t('program.copyFailed');
    setTimeout(() => {
      b.textContent = t('program.copy');
    }, 1500);
  });
  const actions = document.createElement('div');
  actions.className = 'kal-actions';
  actions.append(copy, ...extra);
  item.append(p, block, actions);
  return item;
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
      const p = document.createElement('p');
      p.className = 'kal-field-message';
      p.textContent = errorText(t, e);
      host.replaceChildren(p);
    }
  };
  host.replaceChildren();
  box.ontoggle = () => {
    if (box.open && !host.firstChild) void fill();
  };
  if (box.open) void fill();
}
