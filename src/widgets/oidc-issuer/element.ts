// <kal-oidc-issuer>: the DOM side of "your own identity provider". Up front it only restores and
// journals the fields; making the key, the issuer files and the tokens (src/tokens, src/pki, jose)
// is actions.ts, loaded on first use.
//
// What is kept for a reload: the settings as typed. The signing key is a private key and a minted
// token is a credential, so both are kept only when the reader ticks "keep" (the rule of
// KeepKeys.astro, as in the service-account token widget); without it a note says that the key was
// not kept, and the issuer files are made again from a new key on the next click.
import { LabElement, once } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { editedField, journalField } from '../shared/workspace-store.ts';

type Actions = typeof import('./actions.ts');

export const WIDGET = 'oidc-issuer';
/** The fields, by their data-field names. */
export const FIELDS = [
  'alg',
  'issuerUrl',
  'sub',
  'email',
  'emailVerified',
  'groups',
  'audience',
  'lifetime',
  'notBefore',
  'extra',
  'usernameClaim',
] as const;
export type Field = (typeof FIELDS)[number];

/** The signing key, the issuer made from it and the last token, in memory. */
export interface IssuerState {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** 'RSA' or 'EC': which algorithms the key can sign with. */
  family: 'RSA' | 'EC';
  issuer?: import('../../tokens/index.ts').OidcIssuer;
  token?: string;
}

export class OidcIssuer extends LabElement<Field> {
  state?: IssuerState;
  run = 0;
  private timer?: ReturnType<typeof setTimeout>;

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.onAction((action) => void this.act(action));
    this.onEdits((target) => this.onEdit(target));
    void this.restore();
  }

  private onEdit(target: EventTarget | null) {
    const name = editedField(WIDGET, FIELDS, target, () => void this.act('keep-changed'));
    if (!name) return;
    journalField(WIDGET, name, this.field(name), this.t, { keepKeys: this.keepKeys });
    if ((name === 'issuerUrl' || name === 'alg') && this.state) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.act('rebuild'), 300);
    }
    if (name === 'usernameClaim' && this.state?.token) void this.act('preview');
  }

  private async restore() {
    const { ws, saved } = await this.saved(WIDGET);
    if (!ws?.inputs[WIDGET]) return;
    this.restoreKept(FIELDS, saved);
    if (typeof saved.signingKey === 'string' && saved.signingKey) await this.act('restore-key');
    else if (saved.keyMade === true) this.el('[data-key-not-kept]').hidden = false;
  }

  // What the reader does is in actions.ts, loaded on first use.
  private actions = once<Actions>(() => import('./actions.ts'));
  act(action: string): Promise<void> {
    return this.actions().then((a) => a.act.call(this, action));
  }
}

customElements.define('kal-oidc-issuer', OidcIssuer);
