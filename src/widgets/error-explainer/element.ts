// <kal-error-explainer>: the DOM side of the error explainer. Matching is src/explain's, loaded on
// first use; the cause, fix and section names are the dictionary's (explain.entry.<id>.*).
import { h } from '../shared/dom.ts';
import { type GuardedField, guardLargePastes } from '../shared/held-paste.ts';
import { LabElement, once } from '../shared/lab-element.ts';
import { readStrings } from '../shared/strings.ts';
import { journalField, loadWorkspace } from '../shared/workspace-store.ts';

type Actions = typeof import('./render.ts');

type Explain = typeof import('../../explain/index.ts');

const WIDGET = 'error-explainer';

export class ErrorExplainer extends LabElement {
  explain?: Promise<Explain>;
  timer?: ReturnType<typeof setTimeout>;

  get input() {
    const el = this.querySelector<HTMLTextAreaElement>('[data-input]');
    if (!el) throw new Error('error explainer: missing [data-input]');
    return el;
  }

  get results() {
    const el = this.querySelector<HTMLElement>('[data-results]');
    if (!el) throw new Error('error explainer: missing [data-results]');
    return el;
  }

  get pageLanguage(): 'en' | 'ko' {
    return this.dataset.lang === 'ko' ? 'ko' : 'en';
  }

  connectedCallback() {
    this.t = readStrings(this);
    const notice = this.querySelector<HTMLElement>('[data-large-notice]');
    if (notice) this.guard = guardLargePastes(this.input, notice, this.t, () => void this.run(true));
    this.input.addEventListener('input', () => {
      this.save(this.input.value);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.run(true), 200);
    });
    this.addEventListener('click', (e) => {
      if ((e.target as Element).closest('[data-action="explain"]')) void this.run(true, true);
    });
    void this.restore();
  }

  async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    const saved = ws?.inputs[WIDGET]?.text;
    if (typeof saved === 'string' && saved && !this.input.value) {
      this.input.value = saved;
      await this.run(false);
    }
  }

  guard?: GuardedField;

  async run(save: boolean, explicit = false) {
    const text = this.guard?.text() ?? this.input.value;
    if (!text.trim()) {
      // An explicit Explain of an empty box says what to paste instead of doing nothing.
      this.results.replaceChildren(
        ...(explicit
          ? [h('p', { class: 'kal-explain-unknown', 'data-empty': true }, this.t('explain.empty'))]
          : []),
      );
    } else {
      this.explain ??= import('../../explain/index.ts');
      const { explainError, lessonHref } = await this.explain;
      await this.render(explainError(text), lessonHref);
    }
    if (save) this.save(text);
  }

  /** Keeps the text for a reload at once (never a private key or a huge paste; see journal()). */
  save(text: string) {
    journalField(WIDGET, 'text', this.input, this.t, { value: text });
  }

  // The results are drawn by render.ts, loaded with the explainer on first use.
  private actions$ = once<Actions>(() => import('./render.ts'));
  render(...args: Parameters<Actions['render']>): Promise<void> {
    return this.actions$().then((a) => a.render.apply(this, args));
  }
}

customElements.define('kal-error-explainer', ErrorExplainer);
