// <kal-bootstrap-token>: the DOM side of the bootstrap-token maker. It restores and journals the
// fields (synchronously, so a reload a moment later loses nothing) and hands everything else to
// actions.ts, loaded on first use: checking the fields with src/tokens, building the Secret, the
// commands and the identity, and the CA hash with src/pki.
//
// A token is a secret. The rule is the one the site applies to private keys: what the page made is
// kept in this browser's workspace (as the workbench keeps the keys it made); a token the reader
// typed or pasted may be a real cluster's, so it stays in the page's memory only, unless the reader
// ticks "keep". The note under the field says which.
import { LabElement, once } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { journal, journalField, loadWorkspace } from '../shared/workspace-store.ts';

type Actions = typeof import('./actions.ts');

export const WIDGET = 'bootstrap-token';
/** The text fields, in the order of the form. */
export const TEXT_FIELDS = ['token', 'description', 'ttl', 'groups', 'ca', 'endpoint'] as const;
export const CHECKBOXES = ['usageAuthentication', 'usageSigning', 'keepToken'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type Checkbox = (typeof CHECKBOXES)[number];

export class BootstrapToken extends LabElement {
  /** Where the token in the field came from: made here (kept) or typed by the reader. */
  origin: 'generated' | 'typed' = 'typed';
  /** The workspace's root CA (the workbench's rootCA.pem), when there is one. */
  workspaceCa = '';
  /** Fields the reader changed before the stored values arrived: those win. */
  touched = new Set<string>();
  timer?: ReturnType<typeof setTimeout>;

  field(name: TextField): HTMLInputElement | HTMLTextAreaElement {
    return this.el(`[data-field="${name}"]`);
  }

  box(name: Checkbox): HTMLInputElement {
    return this.el(`[data-field="${name}"]`);
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.onAction((action) => void this.act(action));
    for (const name of TEXT_FIELDS) {
      this.field(name).addEventListener('input', () => {
        this.touched.add(name);
        if (name === 'token') this.origin = 'typed';
        this.save(name);
        this.later();
      });
    }
    for (const name of CHECKBOXES) {
      this.box(name).addEventListener('change', () => {
        this.touched.add(name);
        this.save(name);
        if (name === 'keepToken') this.save('token');
        else this.later();
      });
    }
    void this.restore();
  }

  /** Checks and renders a moment after the last edit. */
  later() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 250);
  }

  /** Keeps one field for a reload, at once; the token only when the rule above allows it. */
  save(name: TextField | Checkbox | 'origin') {
    if (name === 'origin') {
      journal(WIDGET, { origin: this.origin });
    } else if (name === 'token') {
      const keep = this.origin === 'generated' || this.box('keepToken').checked;
      journal(WIDGET, { token: keep ? this.field('token').value : '', origin: this.origin });
      this.showTokenKept(keep);
    } else if ((CHECKBOXES as readonly string[]).includes(name)) {
      journal(WIDGET, { [name]: this.box(name as Checkbox).checked });
    } else {
      journalField(WIDGET, name, this.field(name as TextField), this.t);
    }
  }

  /** The note under the token that says whether it is kept for a reload. */
  showTokenKept(keep: boolean) {
    const note = this.el('[data-token-kept]');
    const token = this.field('token').value;
    note.dataset.kept = String(keep);
    note.textContent =
      token === ''
        ? ''
        : this.t(
            keep
              ? this.origin === 'generated'
                ? 'bootstrap.tokenKeptMade'
                : 'bootstrap.tokenKeptTicked'
              : 'bootstrap.tokenNotKept',
          );
  }

  async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    if (!ws) return;
    this.workspaceCa = ws.files['rootCA.pem'] ?? '';
    this.el('[data-workspace]').hidden = this.workspaceCa === '';
    const saved = ws.inputs[WIDGET];
    if (!saved) return;
    if (!this.touched.has('token') && (saved.origin === 'generated' || saved.origin === 'typed')) {
      this.origin = saved.origin;
    }
    for (const name of TEXT_FIELDS) {
      const value = saved[name];
      if (typeof value === 'string' && !this.touched.has(name)) this.field(name).value = value;
    }
    for (const name of CHECKBOXES) {
      const value = saved[name];
      if (typeof value === 'boolean' && !this.touched.has(name)) this.box(name).checked = value;
    }
    this.showTokenKept(this.origin === 'generated' || this.box('keepToken').checked);
    await this.update();
  }

  // What the reader does is in actions.ts, loaded on first use.
  private actions$ = once<Actions>(() => import('./actions.ts'));
  act(...args: Parameters<Actions['act']>): ReturnType<Actions['act']> {
    return this.actions$().then((a) => a.act.apply(this, args)) as ReturnType<Actions['act']>;
  }
  update(...args: Parameters<Actions['update']>): ReturnType<Actions['update']> {
    return this.actions$().then((a) => a.update.apply(this, args)) as ReturnType<Actions['update']>;
  }
}

customElements.define('kal-bootstrap-token', BootstrapToken);
