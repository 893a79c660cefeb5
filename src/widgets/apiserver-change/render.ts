// The output of the kube-apiserver change widget as HTML text: the kubeadm part (the diff of the
// manifest, the whole changed file, the steps on the node) and the kind part (the cluster config and
// its steps). No DOM, so the page renders the default at build time with the same code the element
// runs after each edit. Code blocks come from `code` (Shiki at build time, a plain <pre> in the
// browser until the highlighter has loaded).
import type { RecipeCommand } from '../../recipes/recipe-command.ts';
import type { ChangeResult } from '../../recipes/tokens/apiserver-change.ts';

/** Looks up a string, filling `{name}` placeholders. */
export type Tr = (key: string, vars?: Record<string, string | number>) => string;

/** The inner HTML of a code block of `lang`. */
export type CodeHtml = (text: string, lang: 'yaml' | 'shellscript') => string | Promise<string>;

/** File names the widget offers for download. */
export const FILES = {
  diff: 'kube-apiserver.yaml.diff',
  manifest: 'kube-apiserver.yaml',
  kind: 'kind-config.yaml',
} as const;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain code block: what the browser shows until Shiki has coloured it. */
export const plainCode: CodeHtml = (text) => `<pre class="kal-pre" tabindex="0">${escapeHtml(text)}</pre>`;

function diffHtml(diff: string): string {
  const rows = diff
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      const kind =
        line.startsWith('+++') || line.startsWith('---')
          ? 'file'
          : line.startsWith('@@')
            ? 'hunk'
            : line.startsWith('+')
              ? 'add'
              : line.startsWith('-')
                ? 'del'
                : 'ctx';
      return `<span class="kal-asc-line" data-kind="${kind}">${escapeHtml(line)}</span>\n`;
    });
  return `<pre class="kal-pre kal-asc-diff" tabindex="0">${rows.join('')}</pre>`;
}

function stepText(t: Tr, step: RecipeCommand): string {
  const key = step.step ? `recipeStep.${step.step}` : '';
  const translated = key ? t(key, step.vars) : '';
  return key && translated !== key ? translated : step.description;
}

async function stepsHtml(t: Tr, code: CodeHtml, steps: RecipeCommand[], prefix: string): Promise<string> {
  const items = await Promise.all(
    steps.map(
      async (s, i) =>
        `<li class="kal-asc-command"><p>${escapeHtml(stepText(t, s))}</p>` +
        `<div class="kal-code" data-block="${prefix}-${i}" data-lang="shellscript">${await code(s.command, 'shellscript')}</div>` +
        `<button type="button" class="kal-button kal-secondary kal-copy" data-copy="${prefix}-${i}">${escapeHtml(t('newuser.copy'))}</button></li>`,
    ),
  );
  return `<ol class="kal-asc-steps">${items.join('')}</ol>`;
}

function fileActions(t: Tr, block: keyof typeof FILES): string {
  return (
    `<div class="kal-actions">` +
    `<button type="button" class="kal-button kal-secondary" data-copy="${block}" data-file>${escapeHtml(t('newuser.copy'))}</button>` +
    `<button type="button" class="kal-button kal-secondary" data-download="${block}" data-filename="${FILES[block]}">${escapeHtml(t('apiserver.download', { file: FILES[block] }))}</button>` +
    `</div>`
  );
}

/** The kubeadm part. */
export async function kubeadmHtml(t: Tr, code: CodeHtml, r: ChangeResult): Promise<string> {
  const k = r.kubeadm;
  if (!k) return `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t('apiserver.kubeadmBlocked'))}</p>`;
  const mounts = k.mounts.length
    ? t('apiserver.mounts', { list: k.mounts.map((m) => `${m.name} (${m.path})`).join(', ') })
    : k.files.length
      ? t('apiserver.noMounts')
      : '';
  let html = `<p>${escapeHtml(t(r.ownManifest ? 'apiserver.diffOwn' : 'apiserver.diffKubeadm'))}</p>`;
  if (k.diff === '') {
    html += `<p class="kal-verdict" data-ok="true" data-unchanged>${escapeHtml(t('apiserver.unchanged'))}</p>`;
  } else {
    html += `<div class="kal-code" data-block="diff">${diffHtml(k.diff)}</div>${fileActions(t, 'diff')}`;
  }
  if (mounts) html += `<p class="kal-asc-note" data-mounts>${escapeHtml(mounts)}</p>`;
  html +=
    `<details class="kal-details"><summary>${escapeHtml(t('apiserver.fullTitle'))}</summary>` +
    (r.ownManifest ? '' : `<p class="kal-asc-warn">${escapeHtml(t('apiserver.fullWarn'))}</p>`) +
    `<div class="kal-code" data-block="manifest" data-lang="yaml">${await code(k.manifest, 'yaml')}</div>` +
    `${fileActions(t, 'manifest')}</details>`;
  html += `<h4 class="kal-asc-subtitle">${escapeHtml(t('apiserver.stepsTitle'))}</h4>`;
  html += await stepsHtml(t, code, k.steps, 'kubeadm-step');
  return html;
}

/** The kind part. */
export async function kindHtml(t: Tr, code: CodeHtml, r: ChangeResult): Promise<string> {
  const k = r.kind;
  if (!k) return `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t('apiserver.kindBlocked'))}</p>`;
  return (
    `<div class="kal-code" data-block="kind" data-lang="yaml">${await code(k.config, 'yaml')}</div>` +
    fileActions(t, 'kind') +
    `<h4 class="kal-asc-subtitle">${escapeHtml(t('apiserver.kindStepsTitle'))}</h4>` +
    (await stepsHtml(t, code, k.steps, 'kind-step')) +
    `<p class="kal-asc-note">${escapeHtml(t('apiserver.kindNotTested'))}</p>`
  );
}
