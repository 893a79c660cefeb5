// The TokenReview playground's results as HTML text, from what the model (src/tokens
// token-review-playground.ts) worked out: for the last request, the TokenReview kube-apiserver POSTs,
// what the webhook answers (or that the cache answered), and what kube-apiserver then believes or
// the 401 kubectl prints; then every request on the simulated clock with where its answer came from.
// No DOM, so the page renders the default at build time with the code the element runs after an edit.
import type { PlaygroundRequest, PlaygroundRun } from '../../tokens/token-review-playground.ts';
import { escapeHtml, type Tr } from '../apiserver-change/render.ts';

/** "m:ss" for a number of seconds. */
export function clockText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

const pre = (attr: string, text: string) =>
  `<pre class="kal-pre kal-tr-pre" tabindex="0" ${attr}>${escapeHtml(text)}</pre>`;
const sub = (t: Tr, key: string, vars?: Record<string, string | number>) =>
  `<h4 class="kal-asc-subtitle">${escapeHtml(t(key, vars))}</h4>`;
const p = (key: string, text: string) => `<p data-${key}>${escapeHtml(text)}</p>`;

function answerHtml(t: Tr, r: PlaygroundRequest): string {
  if (r.cached)
    return p(
      'answer-note',
      t('tokenreview.fromCache', { until: r.expiresAt === undefined ? '' : clockText(r.expiresAt) }),
    );
  const a = r.answer;
  if (!a) return '';
  if ('error' in a) return p('answer-note', t('tokenreview.noAnswer')) + pre('data-answer', a.error);
  let html = p('answer-note', t('tokenreview.httpStatus', { status: a.status }));
  html += pre('data-answer', a.body);
  if (r.attempts > 1) html += p('attempts', t('tokenreview.attempts', { count: r.attempts }));
  return html;
}

function believesHtml(t: Tr, r: PlaygroundRequest): string {
  const u = r.user;
  if (!u) {
    return (
      `<p class="kal-verdict" data-verdict data-ok="false">${escapeHtml(t('tokenreview.refused'))}</p>` +
      `<p data-reason>${escapeHtml(t('tokenreview.reason', { reason: '' }))}<code>${escapeHtml(r.decision.error ?? '')}</code></p>` +
      `<p>${escapeHtml(t('tokenreview.kubectlPrints'))}</p>` +
      pre('data-kubectl', r.kubectl)
    );
  }
  const list = (v: string[]) => (v.length ? v.join(', ') : t('tokenreview.none'));
  const extra = Object.entries(u.extra ?? {});
  const audiences = r.verdict.kind === 'ok' ? r.verdict.audiences : undefined;
  const rows: [string, string][] = [
    ['username', u.username],
    ['uid', u.uid || t('tokenreview.none')],
    ['groups', list(u.groups)],
    ['extra', extra.length ? extra.map(([k, v]) => `${k}=${v.join(',')}`).join('; ') : t('tokenreview.none')],
    ['audiences', audiences ? list(audiences) : t('tokenreview.noAudiences')],
  ];
  return (
    `<p class="kal-verdict" data-verdict data-ok="true">${escapeHtml(t('tokenreview.believed', { user: u.username }))}</p>` +
    `<dl class="kal-tr-facts" data-believes>${rows
      .map(([k, v]) => `<dt><code>${escapeHtml(k)}</code></dt><dd data-fact="${k}">${escapeHtml(v)}</dd>`)
      .join('')}</dl>` +
    `<p>${escapeHtml(t('tokenreview.kubectlPrints'))}</p>` +
    pre('data-kubectl', r.kubectl)
  );
}

/** The last request in full. */
export function latestHtml(t: Tr, run: PlaygroundRun): string {
  if (Object.keys(run.problems).length)
    return `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t('tokenreview.fixFirst'))}</p>`;
  const r = run.requests.at(-1);
  if (!r) return `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t('tokenreview.sendFirst'))}</p>`;
  return (
    `<p data-latest-at>${escapeHtml(t('tokenreview.latestAt', { at: clockText(r.at) }))}${r.inFile ? '' : ` ${escapeHtml(t('tokenreview.notInFile'))}`}</p>` +
    sub(t, 'tokenreview.sentTitle') +
    (r.cached ? p('sent-note', t('tokenreview.notSent')) : '') +
    pre('data-sent', r.requestJson) +
    sub(t, 'tokenreview.answerTitle') +
    answerHtml(t, r) +
    sub(t, 'tokenreview.believesTitle') +
    believesHtml(t, r)
  );
}

/** Every request on the clock, oldest first. */
export function timelineHtml(t: Tr, run: PlaygroundRun): string {
  if (!run.requests.length) return '';
  const head = ['at', 'inFile', 'from', 'status', 'result', 'until']
    .map((c) => `<th scope="col">${escapeHtml(t(`tokenreview.col.${c}`))}</th>`)
    .join('');
  const rows = run.requests
    .map((r, i) => {
      const from = r.cached
        ? t('tokenreview.from.cache')
        : r.verdict.kind === 'error'
          ? t('tokenreview.from.error')
          : t('tokenreview.from.webhook');
      const result = r.user ? r.user.username : (r.decision.error ?? '');
      const cells = [
        clockText(r.at),
        t(r.inFile ? 'tokenreview.yes' : 'tokenreview.no'),
        from,
        String(r.httpStatus),
        result,
        r.expiresAt === undefined ? '—' : clockText(r.expiresAt),
      ];
      const td = (c: string, j: number) =>
        j === 4 ? `<td><code>${escapeHtml(c)}</code></td>` : `<td>${escapeHtml(c)}</td>`;
      return `<tr data-row="${i}" data-cached="${r.cached}" data-http="${r.httpStatus}">${cells.map(td).join('')}</tr>`;
    })
    .join('');
  return `<div class="kal-tr-scroll"><table class="kal-tr-timeline" data-timeline><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
