// The configuration part of the OIDC widget as HTML text: the flags, the file and the notes (the
// colon and trailing-slash traps, the file's algorithms, the 1.29 feature gate), and the inspector's
// verdict on a token. No DOM, so the page renders the default at build time with the same code the
// element runs after each edit. The kube-apiserver change is the part-2 widget's renderer.

import type { ConfigResult, TokenResult } from '../../recipes/oidc/oidc-choices.ts';
import { type CodeHtml, escapeHtml, type Tr } from '../apiserver-change/render.ts';

const note = (kind: string, text: string) =>
  `<p class="kal-asc-note kal-oidc-note" data-note="${kind}">${escapeHtml(text)}</p>`;

const copy = (t: Tr, block: string) =>
  `<div class="kal-actions"><button type="button" class="kal-button kal-secondary" data-copy="${block}" data-file>${escapeHtml(t('newuser.copy'))}</button></div>`;

/** The flags, the file and the notes. */
export async function configHtml(
  t: Tr,
  code: CodeHtml,
  r: ConfigResult,
  opts: { version: string },
): Promise<string> {
  if (r.flagsText === undefined) {
    return `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t('oidcconfig.blocked'))}</p>`;
  }
  let html = `<h4 class="kal-asc-subtitle">${escapeHtml(t('oidcconfig.flagsTitle'))}</h4>`;
  html += `<div class="kal-code" data-block="flags"><pre class="kal-pre" tabindex="0">${escapeHtml(r.flagsText)}</pre></div>${copy(t, 'flags')}`;
  if (r.fileYaml && r.apiVersion) {
    html += `<h4 class="kal-asc-subtitle">${escapeHtml(t('oidcconfig.fileTitle', { apiVersion: r.apiVersion }))}</h4>`;
    html += `<div class="kal-code" data-block="file" data-lang="yaml">${await code(r.fileYaml, 'yaml')}</div>${copy(t, 'file')}`;
    html += `<div class="kal-actions"><button type="button" class="kal-button kal-secondary" data-download="file" data-filename="authentication-config.yaml">${escapeHtml(t('apiserver.download', { file: 'authentication-config.yaml' }))}</button></div>`;
  } else {
    html += note('no-file', t('oidcconfig.fileNone', { version: opts.version }));
  }
  if (r.apiVersion?.endsWith('/v1alpha1')) html += note('feature-gate', t('oidcconfig.featureGate'));
  if (r.usernamePrefix !== undefined) {
    html += note(
      'prefix',
      r.usernamePrefix === ''
        ? t('oidcconfig.prefixNone')
        : t('oidcconfig.prefixIs', { prefix: r.usernamePrefix }),
    );
  }
  if (r.colonPrefix) html += note('colon', t('oidcconfig.colonTrap'));
  if (r.trailingSlash) html += note('slash', t('oidcconfig.slashTrap'));
  if (r.signingAlgs.length === 0) html += note('algs', t('oidcconfig.algsFile'));
  return html;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

function dateOf(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : '—';
}

/** The inspector's verdict: header and claims, accepted with the identity or refused with the log line. */
export function tokenHtml(
  t: Tr,
  r: TokenResult,
  opts: { celDifferences?: readonly CelDifference[] } = {},
): string {
  if (!r.decoded || !r.request) return '';
  const { header, claims } = r.decoded;
  let html =
    `<div class="kal-oidc-decoded"><div><h4 class="kal-asc-subtitle">${escapeHtml(t('oidcconfig.headerTitle'))}</h4>` +
    `<pre class="kal-pre" tabindex="0" data-header>${escapeHtml(json(header))}</pre></div>` +
    `<div><h4 class="kal-asc-subtitle">${escapeHtml(t('oidcconfig.claimsTitle'))}</h4>` +
    `<pre class="kal-pre" tabindex="0" data-claims>${escapeHtml(json(claims))}</pre></div></div>`;
  html += `<p class="kal-hint">${escapeHtml(t('oidcconfig.times', { iat: dateOf(claims.iat), exp: dateOf(claims.exp) }))}</p>`;
  const ok = r.request.outcome === 'authenticated';
  html += `<p class="kal-verdict" data-verdict data-ok="${ok}" data-refusal="${escapeHtml(r.verdict?.refusal ?? '')}">${escapeHtml(t(ok ? 'oidcconfig.accepted' : 'oidcconfig.refused'))}</p>`;
  if (!ok && r.verdict?.refusal) {
    html += `<p data-reason>${escapeHtml(t(`oidcconfig.refusal.${r.verdict.refusal}`))}</p>`;
  }
  if (r.issuerNearMiss) {
    html += note(
      'near',
      t(`oidcconfig.near.${r.issuerNearMiss}`, { iss: String(claims.iss), url: r.issuer ?? '' }),
    );
  }
  if (r.unknownKid) html += note('kid', t('oidcconfig.unknownKid', { kid: r.unknownKid }));
  if (r.verdict?.signatureSkipped) html += note('skipped', t('oidcconfig.signatureSkipped'));
  if (ok && r.request.user) {
    const u = r.request.user;
    const extras = Object.entries(u.extra ?? {}).map(([k, v]) => `${k}: ${v.join(', ')}`);
    const row = (label: string, value: string, name: string) =>
      `<tr><th scope="row">${escapeHtml(t(label))}</th><td><code data-user="${name}">${escapeHtml(value)}</code></td></tr>`;
    html +=
      `<h4 class="kal-asc-subtitle">${escapeHtml(t('oidcconfig.identityTitle'))}</h4><table class="kal-oidc-identity"><tbody>` +
      row('oidcconfig.username', u.username, 'username') +
      row('oidcconfig.groups', u.groups.join(', ') || t('oidcconfig.none'), 'groups') +
      row('oidcconfig.uid', u.uid || t('oidcconfig.none'), 'uid') +
      row('oidcconfig.extras', extras.join('; ') || t('oidcconfig.none'), 'extra') +
      `</tbody></table>`;
  } else if (r.request.log) {
    html += `<h4 class="kal-asc-subtitle">${escapeHtml(t('oidcconfig.logTitle'))}</h4>`;
    html += `<pre class="kal-pre" tabindex="0" data-log>${escapeHtml(r.request.log)}</pre>`;
    if (r.verdict?.kind === 'not-mine')
      html += `<p class="kal-hint">${escapeHtml(t('oidcconfig.notMineLog'))}</p>`;
  }
  html += `<h4 class="kal-asc-subtitle">${escapeHtml(t(ok ? 'oidcconfig.whoamiTitle' : 'oidcconfig.kubectlTitle'))}</h4>`;
  html += `<pre class="kal-pre" tabindex="0" data-kubectl>${escapeHtml(r.kubectl ?? '')}</pre>`;
  if (opts.celDifferences) html += celHtml(t, opts.celDifferences);
  return html;
}

/** One of CEL_DIFFERENCES (src/tokens/oidc-cel.ts, loaded with CEL). */
export type CelDifference = { id: string; text: { en: string; ko: string } };

/** Where @bufbuild/cel could differ, in the page's language. */
export function celHtml(t: Tr, differences: readonly CelDifference[]): string {
  const lang = t('oidcconfig.lang') === 'ko' ? 'ko' : 'en';
  return (
    `<details class="kal-details" data-cel-differences><summary>${escapeHtml(t('oidcconfig.celTitle'))}</summary><ul>` +
    differences.map((d) => `<li>${escapeHtml(d.text[lang])}</li>`).join('') +
    `</ul></details>`
  );
}
