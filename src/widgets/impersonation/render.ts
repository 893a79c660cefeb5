// The impersonation widget's results as HTML text: the kubectl command, the headers it sends, what
// kube-apiserver authorizes, the RBAC objects (copy, download) and the verdict. No DOM, so the page
// renders the default at build time with the same code the element runs after each edit.
import type { ImpersonationResult } from '../../recipes/impersonation/impersonation-choices.ts';
import { type CodeHtml, escapeHtml, type Tr } from '../apiserver-change/render.ts';

export const RBAC_FILE = 'impersonation-rbac.yaml';

const block = (name: string, text: string, lang?: 'yaml' | 'shellscript') =>
  `<div class="kal-code" data-block="${name}"${lang ? ` data-lang="${lang}"` : ''}><pre class="kal-pre" tabindex="0">${escapeHtml(text)}</pre></div>`;

const copy = (t: Tr, name: string, file = false) =>
  `<button type="button" class="kal-button kal-secondary" data-copy="${name}"${file ? ' data-file' : ''}>${escapeHtml(t('newuser.copy'))}</button>`;

const sub = (t: Tr, key: string) => `<h4 class="kal-asc-subtitle">${escapeHtml(t(key))}</h4>`;

/** The command, the headers and what is authorized. */
export function requestHtml(t: Tr, r: ImpersonationResult): string {
  if (!r.whoamiCommand || !r.headers)
    return `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t('impersonation.blocked'))}</p>`;
  let html = sub(t, 'impersonation.commandTitle');
  html += block('command', r.whoamiCommand, 'shellscript');
  html += `<div class="kal-actions">${copy(t, 'command')}</div>`;
  if (r.flags?.some((f) => f.startsWith('--as-user-extra=')))
    html += `<p class="kal-asc-note" data-note="extra-flag">${escapeHtml(t('impersonation.extraFlagNote'))}</p>`;
  html += sub(t, 'impersonation.headersTitle');
  html += block('headers', r.headers.map(([k, v]) => `${k}: ${v}`).join('\n'));
  html += sub(t, 'impersonation.checksTitle');
  html += `<div class="kal-imp-scroll"><table class="kal-imp-checks" data-checks><thead><tr><th scope="col">${escapeHtml(t('impersonation.col.resource'))}</th><th scope="col">${escapeHtml(t('impersonation.col.apiGroup'))}</th><th scope="col">${escapeHtml(t('impersonation.col.name'))}</th><th scope="col">${escapeHtml(t('impersonation.col.namespace'))}</th></tr></thead><tbody>`;
  for (const a of r.attributes ?? []) {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    html += `<tr><td><code>${escapeHtml(resource)}</code></td><td><code>${escapeHtml(a.apiGroup === '' ? '""' : a.apiGroup)}</code></td><td><code>${escapeHtml(a.name)}</code></td><td>${a.namespace ? `<code>${escapeHtml(a.namespace)}</code>` : escapeHtml(t('impersonation.clusterScope'))}</td></tr>`;
  }
  return `${html}</tbody></table></div>`;
}

/** The generated RBAC objects with copy and download. */
export async function rbacHtml(t: Tr, code: CodeHtml, r: ImpersonationResult): Promise<string> {
  if (!r.rbacYaml)
    return `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t('impersonation.blocked'))}</p>`;
  return (
    `<div class="kal-code" data-block="rbac" data-lang="yaml">${await code(r.rbacYaml, 'yaml')}</div>` +
    `<div class="kal-actions">${copy(t, 'rbac', true)}<button type="button" class="kal-button kal-secondary" data-download="rbac" data-filename="${RBAC_FILE}">${escapeHtml(t('apiserver.download', { file: RBAC_FILE }))}</button></div>`
  );
}

/** The verdict: the whoami table when allowed, the 403 and what whoami says when refused. */
export function verdictHtml(t: Tr, r: ImpersonationResult): string {
  const v = r.verdict;
  if (!v || !r.whoamiCommand) return '';
  if (v.outcome === 'impersonated') {
    return (
      `<p class="kal-verdict" data-verdict data-ok="true">${escapeHtml(t('impersonation.allowed', { user: v.user.username }))}</p>` +
      `<p>${escapeHtml(t('impersonation.whoamiLead'))}</p>` +
      `<pre class="kal-pre" tabindex="0" data-whoami>${escapeHtml(r.whoami ?? '')}</pre>`
    );
  }
  if (v.outcome !== 'forbidden') return '';
  const d = v.denied;
  const resource = d.subresource ? `${d.resource}/${d.subresource}` : d.resource;
  return (
    `<p class="kal-verdict" data-verdict data-ok="false">${escapeHtml(t('impersonation.refused', { resource, name: d.name }))}</p>` +
    `<p>${escapeHtml(t('impersonation.whoamiRefused'))}</p>` +
    `<pre class="kal-pre" tabindex="0" data-whoami>${escapeHtml(r.whoami ?? '')}</pre>` +
    `<p>${escapeHtml(t('impersonation.rawLead'))}</p>` +
    block('raw', r.rawCommand ?? '', 'shellscript') +
    `<div class="kal-actions">${copy(t, 'raw')}</div>` +
    `<pre class="kal-pre" tabindex="0" data-raw-error>${escapeHtml(r.rawError ?? '')}</pre>`
  );
}
