// What the OIDC widget does after an edit, loaded on first use: work the configuration out, put each
// problem's translated text (or kube-apiserver's own validation message) at its field, render the
// flags, the file and the kube-apiserver change, then judge the pasted token; CEL's notes load with
// CEL, and Shiki colours the code blocks once it has loaded.

import {
  type ConfigResult,
  computeConfig,
  FIELDS,
  type Field,
  judgeToken,
} from '../../recipes/oidc/oidc-choices.ts';
import { kindHtml, kubeadmHtml, plainCode } from '../apiserver-change/render.ts';
import { colourCodeBlocks } from '../shared/colour-code.ts';
import { markField } from '../shared/field-fail.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import { celHtml, configHtml, tokenHtml } from './render.ts';

function problemText(t: Translate, r: ConfigResult, field: Field): string {
  const p = r.problems[field];
  if (!p) return '';
  if ('error' in p) return errorText(t, p.error);
  return `${t('oidcconfig.validationLead')} ${p.validation.join(' · ')}`;
}

/** Recomputes and shows everything in `root` (the widget element) for `values`. */
export async function showConfig(
  root: HTMLElement,
  values: Record<string, string>,
  t: Translate,
  current: () => boolean,
): Promise<void> {
  const build = root.dataset.mode !== 'inspect';
  const result = computeConfig(values, { change: build });
  for (const field of FIELDS) {
    if (field === 'token' || field === 'jwks') continue;
    markField(root, field, problemText(t, result, field));
  }
  if (values.way === 'file') await markCelSyntax(root, values, t);
  if (!current()) return;
  const prefix = root.querySelector<HTMLElement>('[data-prefix-note]');
  if (prefix) {
    prefix.textContent =
      result.usernamePrefix === undefined
        ? ''
        : result.usernamePrefix === ''
          ? t('oidcconfig.prefixNone')
          : t('oidcconfig.prefixIs', { prefix: result.usernamePrefix });
  }
  if (build) {
    const out = (name: string) => root.querySelector<HTMLElement>(`[data-output="${name}"]`);
    let config = await configHtml(t, plainCode, result, { version: values.version ?? '' });
    if (result.cel && result.flagsText !== undefined) {
      const { CEL_DIFFERENCES } = await import('../../tokens/oidc-cel.ts');
      config += celHtml(t, CEL_DIFFERENCES);
    }
    const change = result.change;
    const blocked = `<p class="kal-asc-blocked" data-blocked>${t('oidcconfig.blocked')}</p>`;
    const [kubeadm, kind] = change
      ? await Promise.all([kubeadmHtml(t, plainCode, change), kindHtml(t, plainCode, change)])
      : [blocked, blocked];
    if (!current()) return;
    if (change) {
      markField(root, 'manifest', change.errors.manifest ? errorText(t, change.errors.manifest) : '');
      markField(root, 'kubeadmApi', change.errors.kubeadmApi ? errorText(t, change.errors.kubeadmApi) : '');
    }
    out('config')!.innerHTML = config;
    out('kubeadm')!.innerHTML = kubeadm;
    out('kind')!.innerHTML = kind;
    colourCodeBlocks(root);
  }
  const token = await judgeToken(result, values);
  if (!current()) return;
  markField(root, 'token', token.problems.token ? errorText(t, token.problems.token) : '');
  markField(root, 'jwks', token.problems.jwks ? errorText(t, token.problems.jwks) : '');
  const celDifferences = result.cel ? (await import('../../tokens/oidc-cel.ts')).CEL_DIFFERENCES : undefined;
  if (!current()) return;
  const out = root.querySelector<HTMLElement>('[data-output="token"]');
  if (out) out.innerHTML = tokenHtml(t, token, celDifferences ? { celDifferences } : {});
}

/** Puts CEL's syntax error at each expression field that has one (CEL loads only for a file with expressions). */
async function markCelSyntax(root: HTMLElement, values: Record<string, string>, t: Translate) {
  const fields: [Field, (line: string) => string][] = [
    ['usernameExpression', (l) => l],
    ['groupsExpression', (l) => l],
    ['uidExpression', (l) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(l) ? '' : l)],
    ['extra', (l) => (l.includes('=') ? l.slice(l.indexOf('=') + 1).trim() : '')],
    ['claimRules', (l) => l.split(' # ')[0]!.trim()],
    ['userRules', (l) => l.split(' # ')[0]!.trim()],
  ];
  const present = fields.filter(([f]) => (values[f] ?? '').trim());
  if (!present.length) return;
  const { celSyntaxError } = await import('../../tokens/oidc-cel.ts');
  for (const [field, expressionOf] of present) {
    const message = root.querySelector<HTMLElement>(`[data-message="${field}"]`);
    if (message?.textContent) continue;
    const lines = (values[field] ?? '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const expression = expressionOf(lines[i]!.trim());
      const error = expression ? celSyntaxError(expression) : undefined;
      if (error) {
        markField(root, field, t('oidcconfig.celSyntax', { line: i + 1, error }));
        break;
      }
    }
  }
}
