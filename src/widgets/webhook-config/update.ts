// What the webhook-config widget does after an edit, loaded on first use: ask src/recipes/webhook
// for everything (webhookSetup), put each error's translated text at its field, render the outputs
// (render.ts), and colour the code blocks once Shiki has loaded. Adding a user asks the engine for
// the users file with one more user and a new WebCrypto token.
import { isLabError } from '../../pki/errors.ts';
import {
  addWebhookUser,
  WEBHOOK_SETUP_FIELDS,
  type WebhookSetupInputs,
  webhookSetup,
} from '../../recipes/webhook/webhook-setup.ts';
import { plainCode } from '../apiserver-change/render.ts';
import { colourCodeBlocks } from '../shared/colour-code.ts';
import { markField } from '../shared/field-fail.ts';
import { errorText } from '../shared/strings.ts';
import type { WebhookConfig } from './element.ts';
import { webhookOutputs } from './render.ts';

/** Adds the user of the "new user" fields to the users file; false (with the message at its field) when it cannot. */
export function addUser(w: WebhookConfig): boolean {
  const v = w.values();
  for (const f of ['users', 'newUsername', 'newUid', 'newGroups']) markField(w, f, '');
  try {
    w.field('users').value = addWebhookUser(v.users ?? '', {
      username: v.newUsername ?? '',
      uid: v.newUid ?? '',
      groups: v.newGroups ?? '',
    });
    w.querySelector('[data-status]')!.textContent = w.t('webhook.added', {
      user: (v.newUsername ?? '').trim(),
    });
    return true;
  } catch (e) {
    if (!isLabError(e)) throw e;
    const field =
      typeof e.details.field === 'string' && e.details.field.startsWith('new') ? e.details.field : 'users';
    markField(w, field, errorText(w.t, e));
    return false;
  }
}

/** Recomputes and shows everything in the widget. */
export async function showSetup(w: WebhookConfig, current: () => boolean): Promise<void> {
  const values = w.values() as WebhookSetupInputs;
  const setup = await webhookSetup(values, w.files);
  const outputs = await webhookOutputs(w.t, plainCode, setup);
  if (!current()) return;
  for (const field of WEBHOOK_SETUP_FIELDS) {
    if (field.startsWith('new')) continue;
    const e = setup.errors[field];
    markField(w, field, e ? errorText(w.t, e) : '');
  }
  if (setup.errors.manifest) w.querySelector('[data-manifest-details]')?.setAttribute('open', '');
  w.querySelector<HTMLButtonElement>('[data-download="users"]')!.disabled = !setup.usersFile;
  for (const [name, html] of Object.entries(outputs)) {
    const out = w.querySelector<HTMLElement>(`[data-output="${name}"]`);
    if (out) out.innerHTML = html;
  }
  colourCodeBlocks(w);
}
