// <kal-sa-token>: the DOM side of the service-account token inspector and the forgery demo. Up
// front it only restores and journals the fields; reading, verifying and minting tokens (src/tokens,
// jose) is actions.ts, loaded on first use.
//
// What is kept for a reload: the settings and public keys as typed; a token, pasted or minted, is a
// credential like a private key, so it and the demo's private key are kept only when the reader
// ticks "keep" (the rule of KeepKeys.astro), and a note under the field says when they are not.
import { LabElement, once } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { editedField, journal, journalField } from '../shared/workspace-store.ts';

type Actions = typeof import('./actions.ts');

export const WIDGET = 'sa-token';
/** The fields, by their data-field names. */
export const FIELDS = [
  'token',
  'keys',
  'issuers',
  'audiences',
  'objects',
  'alg',
  'namespace',
  'serviceAccount',
  'uid',
  'audience',
  'expiration',
] as const;
export type Field = (typeof FIELDS)[number];

export class ServiceAccountToken extends LabElement<Field> {
  /** The demo's key pair and token, in memory (kept for a reload only with "keep"). */
  forged?: { privateKey: CryptoKey; publicKey: CryptoKey; token: string; pub: string; alg: string };
  run = 0;
  private timer?: ReturnType<typeof setTimeout>;

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.onAction((action) => {
      if (action === 'clear') this.clear();
      else void this.act(action);
    });
    this.onEdits((target) => this.onEdit(target));
    void this.restore();
  }

  private onEdit(target: EventTarget | null) {
    const name = editedField(WIDGET, FIELDS, target, () => {
      this.save('token');
      void this.act('keep-changed');
    });
    if (!name) return;
    this.save(name);
    if (['token', 'keys', 'issuers', 'audiences', 'objects'].includes(name)) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.act('inspect-quiet'), 400);
    }
  }

  /** Journals one field now; the token only with "keep" (it is a credential). */
  save(name: Field) {
    const field = this.field(name);
    if (name === 'token') {
      const secret = !this.keepKeys && field.value.trim() !== '';
      const why = journal(WIDGET, { token: secret ? '' : field.value })[name];
      const note = this.el('[data-token-not-kept]');
      note.hidden = !secret && !why;
      note.textContent = secret ? this.t('satoken.tokenNotKept') : why ? this.t(`widget.notKept.${why}`) : '';
    } else journalField(WIDGET, name, field, this.t, { keepKeys: this.keepKeys });
  }

  private async restore() {
    const { ws, saved } = await this.saved(WIDGET);
    if (!ws?.inputs[WIDGET]) return;
    this.restoreKept(FIELDS, saved);
    if (typeof saved.forgedKey === 'string' && saved.forgedKey) await this.act('restore-forged');
    if (this.field('token').value.trim()) await this.act('inspect-quiet');
  }

  private clear() {
    this.run++;
    clearTimeout(this.timer);
    this.field('token').value = '';
    this.save('token');
    for (const f of ['token', 'keys'] as const) {
      const msg = this.el(`[data-message="${f}"]`);
      msg.textContent = '';
      this.field(f).removeAttribute('aria-invalid');
    }
    this.el('[data-result]').hidden = true;
    const verdict = this.el('[data-verdict]');
    verdict.replaceChildren();
    delete verdict.dataset.ok;
  }

  // What the reader does is in actions.ts, loaded on first use.
  private actions = once<Actions>(() => import('./actions.ts'));
  act(action: string): Promise<void> {
    return this.actions().then((a) => a.act.call(this, action));
  }
}

customElements.define('kal-sa-token', ServiceAccountToken);
