// <kal-webhook-config>: the DOM side of lesson 4.2's webhook builder. Up front it only restores and
// journals the fields and wires copy and download; adding a user (WebCrypto), working out the files,
// the change and the checks (src/recipes/webhook) is update.ts, loaded on first use, or at once
// when the workspace brings back users or the part-1 files.
//
// What is kept for a reload: every field as typed, the users file included (its field is named
// `users`, and the TokenReview playground of lesson 4.3 reads it from this widget's workspace entry).
// The tokens in it are lab credentials the reader made here to hand to their own webhook.
import { LabElement } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { journalField, loadWorkspace, onWorkspaceChange, restoreFields } from '../shared/workspace-store.ts';

/** The workspace entry: the playground helper reads `users` from it. */
export const WIDGET = 'webhook-config';
/** The part-1 files the webhook kubeconfig is made of. */
export const PART1_FILES = ['rootCA.pem', 'client.pem', 'client-key.pem'] as const;

type Input = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export class WebhookConfig extends LabElement {
  files: Record<string, string> = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  seq = 0;

  get fields(): Input[] {
    return [...this.querySelectorAll<Input>('[data-field]')];
  }

  field(name: string): Input {
    const f = this.querySelector<Input>(`[data-field="${name}"]`);
    if (!f) throw new Error(`webhook-config: no field ${name}`);
    return f;
  }

  values(): Record<string, string> {
    return Object.fromEntries(this.fields.map((f) => [f.dataset.field ?? '', f.value]));
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    const edited = (e: Event) => {
      const f = e.target as Input;
      const name = f?.dataset?.field;
      if (!name) return;
      journalField(WIDGET, name, f, this.t);
      this.schedule();
    };
    this.addEventListener('input', edited);
    this.addEventListener('change', (e) => {
      if (e.target instanceof HTMLSelectElement) edited(e);
    });
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
    const ws = await loadWorkspace().catch(() => undefined);
    if (!ws) return;
    const saved = ws.inputs[WIDGET] ?? {};
    this.files = Object.fromEntries(PART1_FILES.filter((f) => ws.files[f]).map((f) => [f, ws.files[f]!]));
    // A field the reader typed into before the workspace answered keeps what they typed.
    const restored = restoreFields(this.fields, saved);
    const changed = restored || Object.keys(this.files).length > 0;
    if (typeof saved.manifest === 'string' && saved.manifest.trim())
      this.querySelector('[data-manifest-details]')?.setAttribute('open', '');
    if (changed) await this.update();
  }

  private schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 200);
  }

  /** Works everything out again and shows it (the code that does so loads on first use). */
  async update() {
    const seq = ++this.seq;
    const { showSetup } = await import('./update.ts');
    if (seq === this.seq) await showSetup(this, () => seq === this.seq);
  }

  private async addUser() {
    const { addUser } = await import('./update.ts');
    if (addUser(this)) {
      journalField(WIDGET, 'users', this.field('users'), this.t);
      await this.update();
    }
  }

  /** The text of a code block as shown; a whole file ends with one newline. */
  blockText(name: string, file: boolean): string {
    const text =
      name === 'users'
        ? this.field('users').value
        : (this.querySelector(`[data-block="${name}"] pre`)?.textContent ?? '');
    return file ? `${text.replace(/\n*$/, '')}\n` : text.replace(/\n$/, '');
  }

  private async act(button: HTMLButtonElement) {
    const d = await import('../shared/download.ts');
    const name = button.dataset.download;
    if (name) {
      const file = button.dataset.filename ?? '';
      d.downloadFile(
        file,
        this.blockText(name, true),
        name === 'users' ? 'application/json' : 'application/yaml',
      );
      return;
    }
    const ok = await d.copyText(this.blockText(button.dataset.copy ?? '', button.hasAttribute('data-file')));
    button.textContent = this.t(ok ? 'newuser.copied' : 'newuser.copyFailed');
    setTimeout(() => {
      button.textContent = this.t('newuser.copy');
    }, 2000);
  }
}

customElements.define('kal-webhook-config', WebhookConfig);
