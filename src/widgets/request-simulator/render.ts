// The request simulator's result as HTML text: each authenticator's verdict in kube-apiserver's
// order, the user info, the HTTP status and body, and what `kubectl auth whoami` prints (or its
// error). No DOM, so the page renders the default example at build time with the code the element
// runs after each edit.
import type { SimulatorResult, SimulatorStep } from '../../tokens/request-simulator.ts';
import { escapeHtml, type Tr } from '../apiserver-change/render.ts';

const code = (text: string, attr = '') =>
  `<code lang="en"${attr ? ` ${attr}` : ''}>${escapeHtml(text)}</code>`;

function stepHtml(t: Tr, s: SimulatorStep, winner: string | undefined): string {
  const v = s.verdict;
  const kind = s.name === winner ? 'wins' : v.kind;
  let detail = '';
  if (v.kind === 'not-mine') detail = code(v.why, 'data-why');
  else if (v.kind === 'error') detail = code(v.error, 'data-error');
  else if (v.kind === 'ok') detail = code(v.user.username, 'data-username');
  return (
    `<li data-step="${s.name}" data-verdict="${kind}"><span class="kal-sim-name">${code(s.name)}</span> ` +
    `<span class="kal-sim-verdict">${escapeHtml(t(`simulator.verdict.${kind}`))}</span>` +
    `${detail ? ` <span class="kal-sim-detail">${detail}</span>` : ''}</li>`
  );
}

/** A word as bash takes it: as is when safe, else in single quotes. */
const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** The kubectl command the result's kubectl output is for (with the impersonation flags, if any). */
export function kubectlLine(r: SimulatorResult): string {
  return ['$ kubectl auth whoami', ...(r.kubectlFlags ?? []).map(shellWord)].join(' ');
}

/** Everything the simulator shows for one result. */
export function resultHtml(t: Tr, r: SimulatorResult): string {
  let html = `<h4 class="kal-sim-subtitle">${escapeHtml(t('simulator.chainTitle'))}</h4>`;
  html += `<ol class="kal-sim-steps" data-steps>${r.steps.map((s) => stepHtml(t, s, r.authenticatedBy)).join('')}</ol>`;
  html += `<p class="kal-verdict" data-outcome="${r.outcome}" data-ok="${r.outcome !== 'unauthorized'}">${escapeHtml(
    t(`simulator.outcome.${r.outcome}`, { by: r.authenticatedBy ?? '' }),
  )}</p>`;
  if (r.impersonation) {
    const i = r.impersonation;
    html += `<h4 class="kal-sim-subtitle">${escapeHtml(t('simulator.impersonationTitle'))}</h4>`;
    html += `<p data-impersonation="${i.outcome}">${escapeHtml(t(`simulator.impersonation.${i.outcome}`, { requester: i.requester.username }))}</p>`;
    if (i.message)
      html += `<pre class="kal-pre" tabindex="0" data-impersonation-message>${escapeHtml(i.message)}</pre>`;
  }
  if (r.user) {
    const u = r.user;
    const extras = Object.entries(u.extra).map(([k, v]) => `${k}: ${v.join(', ')}`);
    const row = (label: string, value: string, name: string) =>
      `<tr><th scope="row">${escapeHtml(t(label))}</th><td>${value ? code(value, `data-user="${name}"`) : `<span data-user="${name}">${escapeHtml(t('simulator.none'))}</span>`}</td></tr>`;
    html +=
      `<h4 class="kal-sim-subtitle">${escapeHtml(t('simulator.userTitle'))}</h4><table class="kal-sim-user"><tbody>` +
      row('simulator.username', u.username, 'username') +
      row('simulator.uid', u.uid, 'uid') +
      row('simulator.groups', u.groups.join(', '), 'groups') +
      row('simulator.extra', extras.join('; '), 'extra') +
      `</tbody></table>`;
  }
  html += `<h4 class="kal-sim-subtitle">${escapeHtml(t('simulator.responseTitle'))}</h4>`;
  html += `<p>${escapeHtml(t('simulator.status'))} ${code(String(r.status), 'data-status-code')}</p>`;
  html += `<pre class="kal-pre" tabindex="0" data-body>${escapeHtml(r.body)}</pre>`;
  if (r.warning) html += `<p>${escapeHtml(t('simulator.warning'))} ${code(r.warning, 'data-warning')}</p>`;
  if (r.log) {
    html += `<h4 class="kal-sim-subtitle">${escapeHtml(t('simulator.logTitle'))}</h4>`;
    html += `<pre class="kal-pre" tabindex="0" data-log>${escapeHtml(r.log)}</pre>`;
  }
  if (r.kubectl !== undefined) {
    html += `<h4 class="kal-sim-subtitle">${escapeHtml(t('simulator.kubectlTitle'))}</h4>`;
    html += `<pre class="kal-pre" tabindex="0" data-kubectl>${escapeHtml(`${kubectlLine(r)}\n${r.kubectl}`)}</pre>`;
  }
  return html;
}
