// <kal-webhook-config>: the DOM side of lesson 4.2's webhook builder. Up front it only restores and
// journals the fields and wires copy and download; adding a user (WebCrypto), working out the files,
// the change and the checks (src/recipes/webhook) is update.ts, loaded on first use, or at once
// when the workspace brings back users or the part-1 files.
//
// What is kept for a reload: every field as typed, the users file included (its field is named
// `users`, and the TokenReview playground of lesson 4.3 reads it from this widget's workspace entry).
// The tokens in it are lab credentials the reader made here to hand to their own webhook.
import { asCopied, blockText, copyOrDownload } from '../shared/copy-or-download.ts';
import { type FieldInput, FormLab } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { journalField, onWorkspaceChange, restoreFields } from '../shared/workspace-store.ts';

/** The workspace entry: the playground helper reads `users` from it. */
export const WIDGET = 'webhook-config';
/** The part-1 files the webhook kubeconfig is made of. */
export const PART1_FILES = ['rootCA.pem', 'client.pem', 'client-key.pem'] as const;

export class WebhookConfig extends FormLab {
  files: Record<string, string> = {};

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    const edited = (target: EventTarget | null) => {
      const f = target as FieldInput;
      const name = f?.dataset?.field;
      if (!name) return;
      journalField(WIDGET, name, f, this.t);
      this.schedule();
    };
    this.onFieldEdits(edited);
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>(
        'button[data-copy], button[data-download], button[data-action]',
      );
      if (!button) return;
      if (button.dataset.action === 'add-user') void this.addUser();
      else void this.act(button);
    });
    onWorkspaceChange(() => void this.restore());
    void this.restore();
  }

  private async restore() {
    const { ws, saved } = await this.saved(WIDGET);
    if (!ws) return;
    this.files = Object.fromEntries(PART1_FILES.filter((f) => ws.files[f]).map((f) => [f, ws.files[f]!]));
    // A field the reader typed into before the workspace answered keeps what they typed.
    const restored = restoreFields(this.fields, saved);
    const changed = restored || Object.keys(this.files).length > 0;
    if (typeof saved.manifest === 'string' && saved.manifest.trim())
      this.querySelector('[data-manifest-details]')?.setAttribute('open', '');
    if (changed) await this.update();
  }

  /** The files, the change and the checks (the code that works them out loads on first use). */
  protected async show(current: () => boolean) {
    const { showSetup } = await import('./update.ts');
    if (current()) await showSetup(this, current);
  }

  private async addUser() {
    const { addUser } = await import('./update.ts');
    if (addUser(this)) {
      journalField(WIDGET, 'users', this.field('users'), this.t);
      await this.update();
    }
  }

  /** The text of a code block as shown (the users file: as in its field). */
  blockText(name: string, file: boolean): string {
    return name === 'users' ? asCopied(this.field('users').value, file) : blockText(this, name, file);
  }

  private act(button: HTMLButtonElement) {
    return copyOrDownload(
      this,
      button,
      (name, file) => this.blockText(name, file),
      (name) => (name === 'users' ? 'application/json' : 'application/yaml'),
    );
  }
}

customElements.define('kal-webhook-config', WebhookConfig);
