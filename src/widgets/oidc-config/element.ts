// <kal-oidc-config>: the DOM side of the OIDC configuration builder and token inspector. Up front it
// only restores and journals the fields and wires copy, download and clear; working out the
// configuration, the change and the token's verdict (src/tokens with jose, src/recipes, CEL when an
// expression is used, Shiki) is update.ts, loaded on the first edit, or at once when a reload brings
// back fields that differ from the defaults.
//
// What is kept for a reload: every choice as typed (one workspace entry for both lessons, so the
// inspector judges by the configuration built in lesson 3) and the JWKS (public keys); the token is
// a credential, kept only when the reader ticks "keep" (the rule of KeepKeys.astro), and a note under
// the field says when it is not.
import { copyOrDownload } from '../shared/copy-or-download.ts';
import { FormLab } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { journal, journalField, restoreFields } from '../shared/workspace-store.ts';

export const WIDGET = 'oidc-config';
/** The issuer widget of lesson 2 (src/widgets/oidc-issuer), whose minted token the reader may have kept. */
const ISSUER_WIDGET = 'oidc-issuer';

class OidcConfig extends FormLab {
  /** The token the issuer widget of lesson 2 minted, when the reader kept it in the workspace. */
  private minted = '';

  get keepToken(): boolean {
    return this.querySelector<HTMLInputElement>('[data-keep-keys]')?.checked === true;
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.onFieldEdits((target) => this.onEdit(target));
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>(
        'button[data-copy], button[data-download], button[data-action]',
      );
      if (!button) return;
      if (button.dataset.action === 'clear') this.clear();
      else if (button.dataset.action === 'use-minted') this.useMinted();
      else void copyOrDownload(this, button);
    });
    void this.restore();
  }

  private onEdit(target: EventTarget | null) {
    const el = target as HTMLElement | null;
    if (el instanceof HTMLInputElement && el.matches('[data-keep-keys]')) {
      journal(WIDGET, { keepToken: el.checked });
      this.saveToken();
      return;
    }
    const name = el?.dataset?.field;
    if (
      !name ||
      !(
        el instanceof HTMLInputElement ||
        el instanceof HTMLTextAreaElement ||
        el instanceof HTMLSelectElement
      )
    )
      return;
    if (name === 'token') this.saveToken();
    else journalField(WIDGET, name, el, this.t);
    this.schedule();
  }

  /** Journals the token only with "keep" (it is a credential); the note says when it is not kept. */
  saveToken() {
    const field = this.querySelector<HTMLTextAreaElement>('[data-field="token"]');
    const note = this.querySelector<HTMLElement>('[data-token-not-kept]');
    if (!field || !note) return;
    const secret = !this.keepToken && field.value.trim() !== '';
    const why = journal(WIDGET, { token: secret ? '' : field.value }, this.keepToken).token;
    note.hidden = !secret && !why;
    note.textContent = secret
      ? this.t('oidcconfig.tokenNotKept')
      : why
        ? this.t(`widget.notKept.${why}`)
        : '';
  }

  private async restore() {
    const { ws, saved } = await this.saved(WIDGET);
    const minted = ws?.inputs[ISSUER_WIDGET]?.token;
    if (typeof minted === 'string' && minted.trim()) {
      this.minted = minted.trim();
      const use = this.querySelector<HTMLButtonElement>('[data-action="use-minted"]');
      if (use) use.hidden = false;
    }
    const keep = this.querySelector<HTMLInputElement>('[data-keep-keys]');
    if (keep && saved.keepToken === true) keep.checked = true;
    // A field the reader typed into before the workspace answered keeps what they typed.
    const changed = restoreFields(this.fields, saved);
    if (typeof saved.manifest === 'string' && saved.manifest.trim())
      this.querySelector('[data-manifest-details]')?.setAttribute('open', '');
    const celFields = [
      'usernameExpression',
      'groupsExpression',
      'uidExpression',
      'extra',
      'claimRules',
      'userRules',
    ];
    if (celFields.some((n) => typeof saved[n] === 'string' && (saved[n] as string).trim()))
      this.querySelector('[data-cel-details]')?.setAttribute('open', '');
    if (changed) await this.update();
  }

  /** The configuration, the change and the verdict (the code that works them out loads on first use). */
  protected async show(current: () => boolean) {
    const { showConfig } = await import('./update.ts');
    if (current()) await showConfig(this, this.values(), this.t, current);
  }

  private useMinted() {
    const field = this.querySelector<HTMLTextAreaElement>('[data-field="token"]');
    if (!field || !this.minted) return;
    field.value = this.minted;
    this.saveToken();
    this.schedule();
  }

  private clear() {
    const field = this.querySelector<HTMLTextAreaElement>('[data-field="token"]');
    if (!field) return;
    field.value = '';
    this.saveToken();
    this.schedule();
  }
}

customElements.define('kal-oidc-config', OidcConfig);
