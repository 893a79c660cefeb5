// The error explainer's results (matches, lesson links): loaded with the explainer itself, the first
// time there is text to explain, so that the page's up-front JavaScript is only what restores and
// journals the box (element.ts).
import type { ExplainMatch, ExplainResult, LessonLink } from '../../explain/index.ts';
import { h } from '../shared/dom.ts';
import type { ErrorExplainer } from './element.ts';

export function link(
  this: ErrorExplainer,
  lesson: LessonLink,
  href: (l: LessonLink, lang: 'en' | 'ko') => string,
): HTMLElement {
  const t = this.t;
  const name = t(`explain.lesson.${lesson.page}`);
  const section = lesson.anchor ? t(`explain.anchor.${lesson.anchor}`) : '';
  return h(
    'a',
    { href: href(lesson, this.pageLanguage), 'data-lesson': true },
    section && section !== `explain.anchor.${lesson.anchor}` ? `${name}: ${section}` : name,
  );
}

export function render(
  this: ErrorExplainer,
  result: ExplainResult,
  href: (l: LessonLink, lang: 'en' | 'ko') => string,
) {
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
                  link.call(this, c.lesson, href),
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
    ...result.matches.map((m) => renderMatch.call(this, m, href)),
  );
}

export function renderMatch(
  this: ErrorExplainer,
  m: ExplainMatch,
  href: (l: LessonLink, lang: 'en' | 'ko') => string,
): HTMLElement {
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
    h('p', {}, t('explain.readMore'), ' ', link.call(this, m.lesson, href)),
  );
}
