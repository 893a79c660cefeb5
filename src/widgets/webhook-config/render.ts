// The outputs of the webhook-config widget as HTML text, from what src/recipes/webhook's
// webhookSetup worked out: the run command, the webhook kubeconfig (or which part-1 files are
// missing), the kube-apiserver change (the part-2 renderer), and the checks with what each prints.
// No DOM, so the page renders the defaults at build time with the code the element runs after an
// edit.
import type { RecipeCommand } from '../../recipes/recipe-command.ts';
import { WEBHOOK_FILES, type WebhookSetup } from '../../recipes/webhook/webhook-setup.ts';
import { type CodeHtml, escapeHtml, kindHtml, kubeadmHtml, type Tr } from '../apiserver-change/render.ts';
import { errorText } from '../shared/strings.ts';

/** The inner HTML of each [data-output] of the widget. */
export type WebhookOutputs = Record<'run' | 'kubeconfig' | 'kubeadm' | 'kind' | 'check', string>;

let blocks = 0;

function command(t: Tr, c: RecipeCommand, output?: string): string {
  const name = `wh-${blocks++}`;
  const key = c.step ? `recipeStep.${c.step}` : '';
  const text = key && t(key, c.vars) !== key ? t(key, c.vars) : c.description;
  return (
    `<li class="kal-asc-command"><p>${escapeHtml(text)}</p>` +
    `<div class="kal-code" data-block="${name}"><pre class="kal-pre" tabindex="0">${escapeHtml(c.command)}</pre></div>` +
    `<button type="button" class="kal-button kal-secondary kal-copy" data-copy="${name}">${escapeHtml(t('newuser.copy'))}</button>` +
    (output === undefined
      ? ''
      : `<p class="kal-hint">${escapeHtml(t('webhook.prints'))}</p><pre class="kal-pre" data-printed tabindex="0">${escapeHtml(output.replace(/\n$/, ''))}</pre>`) +
    '</li>'
  );
}

const list = (items: string[]) => `<ol class="kal-asc-steps">${items.join('')}</ol>`;
const note = (text: string) => `<p class="kal-asc-note">${escapeHtml(text)}</p>`;

/** Every output of the widget for `s`. */
export async function webhookOutputs(t: Tr, code: CodeHtml, s: WebhookSetup): Promise<WebhookOutputs> {
  blocks = 0;
  const blocked = (key: string) => `<p class="kal-asc-blocked" data-blocked>${escapeHtml(t(key))}</p>`;
  const run = s.run ? list([command(t, s.run)]) : blocked('webhook.fixServer');

  let kubeconfig: string;
  if (s.kubeconfig) {
    kubeconfig =
      `<div class="kal-code" data-block="kubeconfig" data-lang="yaml">${await code(s.kubeconfig, 'yaml')}</div>` +
      `<div class="kal-actions"><button type="button" class="kal-button" data-download="kubeconfig" data-filename="${WEBHOOK_FILES.kubeconfig}">${escapeHtml(t('webhook.downloadKubeconfig'))}</button></div>`;
  } else if (s.kubeconfigError) {
    kubeconfig = `<p class="kal-field-message" data-kubeconfig-error>${escapeHtml(errorText(t, s.kubeconfigError))}</p>`;
  } else if (s.missingFiles.length && s.run) {
    kubeconfig = `<p class="kal-asc-blocked" data-missing>${escapeHtml(t('webhook.missingFiles', { files: s.missingFiles.join(', ') }))}</p>`;
  } else {
    kubeconfig = blocked('webhook.fixServer');
  }

  const change = s.change;
  const kubeadm = change ? await kubeadmHtml(t, code, change) : blocked('webhook.fixFlags');
  const kind = change ? await kindHtml(t, code, change) : blocked('webhook.fixFlags');

  let check: string;
  if (!s.users.length) {
    check = blocked('webhook.addFirst');
  } else {
    const items: string[] = [];
    if (s.review) items.push(command(t, s.review.command, s.review.output));
    if (s.whoami) {
      const last = s.whoami.commands.length - 1;
      s.whoami.commands.forEach((c, i) => {
        items.push(command(t, c, i === last ? s.whoami?.output : undefined));
      });
    }
    if (s.unknown) {
      items.push(command(t, s.unknown.kubectl, s.unknown.kubectlOutput));
      items.push(command(t, s.unknown.curl, s.unknown.curlOutput));
    }
    check = items.length ? list(items) : blocked('webhook.fixCheck');
    if (s.users.length > 1) check += note(t('webhook.firstUserOnly', { user: s.users[0]?.username ?? '' }));
  }
  return { run, kubeconfig, kubeadm, kind, check };
}
