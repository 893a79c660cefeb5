// <kal-error-explainer>: the DOM side of the error explainer. Matching is src/explain's, loaded on
// first use; the cause, fix and section names are the dictionary's (explain.entry.<id>.*).
import type { ExplainMatch, ExplainResult, LessonLink } from '../../explain/index.ts';
import { h } from '../cert-inspector/dom.ts';
import { type GuardedField, guardLargePastes } from '../shared/large-paste.ts';
import { readStrings, type Translate } from '../shared/strings.ts';
import { journalField, loadWorkspace } from '../shared/workspace-store.ts';

type Explain = typeof import('../../explain/index.ts');

const WIDGET = 'error-explainer';

class ErrorExplainer extends HTMLElement {
  private t: Translate = (k) => k;
  private explain?: Promise<Explain>;
  private timer?: ReturnType<typeof setTimeout>;

  private get input() {
    const el = this.querySelector<HTMLTextAreaElement>('[data-input]');
    if (!el) throw new Error('error explainer: missing [data-input]');
    return el;
  }

  private get results() {
    const el = this.querySelector<HTMLElement>('[data-results]');
    if (!el) throw new Error('error explainer: missing [data-results]');
    return el;
  }

  private get pageLanguage(): 'en' | 'ko' {
    return this.dataset.lang === 'ko' ? 'ko' : 'en';
  }

  connectedCallback() {
    this.t = readStrings(this);
    const notice = this.querySelector<HTMLElement>('[data-large-notice]');
    if (notice) this.field = guardLargePastes(this.input, notice, this.t, () => void this.run(true));
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

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    const saved = ws?.inputs[WIDGET]?.text;
    if (typeof saved === 'string' && saved && !this.input.value) {
      this.input.value = saved;
      await this.run(false);
    }
  }

  private field?: GuardedField;

  private async run(save: boolean, explicit = false) {
    const text = this.field?.text() ?? this.input.value;
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
      this.render(explainError(text), lessonHref);
    }
    if (save) this.save(text);
  }

  /** Keeps the text for a reload at once (never a private key or a huge paste; see journal()). */
  private save(text: string) {
    journalField(WIDGET, 'text', this.input, this.t, { value: text });
  }

  private link(lesson: LessonLink, href: (l: LessonLink, lang: 'en' | 'ko') => string): HTMLElement {
    const t = this.t;
    const name = t(`explain.lesson.${lesson.page}`);
    const section = lesson.anchor ? t(`explain.anchor.${lesson.anchor}`) : '';
    return h(
      'a',
      { href: href(lesson, this.pageLanguage), 'data-lesson': true },
      section && section !== `explain.anchor.${lesson.anchor}` ? `${name}: ${section}` : name,
    );
  }

  private render(result: ExplainResult, href: (l: LessonLink, lang: 'en' | 'ko') => string) {
    const t = this.t;
    if (result.matches.length === 0) {
      this.results.dataset.recognised = 'false';
      this.results.replaceChildren(
        h('p', { class: 'kal-explain-unknown' }, t('explain.notRecognised')),
        result.candidates.length
          ? h(
              'div',
              {},
              h('p', {}, t('explain.candidates')),
              h(
                'ul',
                { 'data-candidates': true },
                ...result.candidates.map((c) =>
                  h(
                    'li',
                    { 'data-id': c.id },
                    h('strong', {}, t(`explain.entry.${c.id}.title`)),
                    ' — ',
                    this.link(c.lesson, href),
                  ),
                ),
              ),
            )
          : h('p', {}, t('explain.noCandidates')),
      );
      return;
    }
    this.results.dataset.recognised = 'true';
    this.results.replaceChildren(
      h('p', {}, t('explain.found', { count: result.matches.length })),
      ...result.matches.map((m) => this.renderMatch(m, href)),
    );
  }

  private renderMatch(m: ExplainMatch, href: (l: LessonLink, lang: 'en' | 'ko') => string): HTMLElement {
    const t = this.t;
    const captures = Object.entries(m.captures);
    return h(
      'section',
      { class: 'kal-inspect-item', 'data-id': m.id, 'data-layer': m.layer },
      h('h4', { class: 'kal-inspect-title' }, t(`explain.entry.${m.id}.title`)),
      h(
        'p',
        { class: 'kal-hint' },
        t('explain.where', {
          line: m.lineNumber,
          layer: t(`explain.layer.${m.layer}`),
          source: t(`explain.source.${m.source}`),
        }),
      ),
      h('pre', { class: 'kal-pre' }, m.line),
      captures.length
        ? h(
            'dl',
            { class: 'kal-inspect-rows', 'data-captures': true },
            ...captures.flatMap(([name, value]) => [
              h('dt', {}, t(`explain.capture.${name}`)),
              h('dd', { 'data-capture': name }, h('code', {}, value === '' ? '""' : value)),
            ]),
          )
        : null,
      h('p', {}, h('strong', {}, t('explain.cause')), ' ', t(`explain.entry.${m.id}.cause`)),
      h('p', {}, h('strong', {}, t('explain.fix')), ' ', t(`explain.entry.${m.id}.fix`)),
      h('p', {}, t('explain.readMore'), ' ', this.link(m.lesson, href)),
    );
  }
}

customElements.define('kal-error-explainer', ErrorExplainer);
