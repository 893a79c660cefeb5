// <kal-proxy-builder>: the DOM side of the proxy builder. Up front it only restores and journals
// the fields; the certificates, the nginx config, the flags and the preview (src/pki,
// src/recipes/proxy, src/tokens) are actions.ts, loaded on first use.
//
// What is kept for a reload: the settings as typed, except the basic-auth password, which is a
// credential. The front-proxy CA's key and the proxy's key are private keys (whoever holds the
// proxy's key may tell the API server anyone is anyone): they, and the password, are kept only when
// the reader ticks "keep" (KeepKeys.astro); without it a note says that the certificates were not
// kept, and the next click makes new ones.
import { LabElement, once } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { editedField, journal, journalField } from '../shared/workspace-store.ts';

type Actions = typeof import('./actions.ts');

export const WIDGET = 'proxy-builder';
/** The fields, by their data-field names. */
export const FIELDS = [
  'proxyCn',
  'mode',
  'user',
  'groups',
  'password',
  'apiServer',
  'apiServerName',
  'trust',
  'allowedNames',
  'spoofUser',
  'spoofGroup',
] as const;
export type Field = (typeof FIELDS)[number];

/** The certificates made in the page. */
export interface ProxyCerts {
  caPem: string;
  caKeyPem: string;
  clientPem: string;
  clientKeyPem: string;
}

export class ProxyBuilder extends LabElement<Field> {
  certs?: ProxyCerts;
  /** The texts offered for download, by file name. */
  files = new Map<string, string>();
  run = 0;
  private timer?: ReturnType<typeof setTimeout>;

  field(name: Field) {
    return this.el<HTMLInputElement | HTMLSelectElement>(`[data-field="${name}"]`);
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.onAction((action, button) => void this.act(action, button.dataset.file));
    this.onEdits((target) => this.onEdit(target));
    void this.restore();
  }

  private onEdit(target: EventTarget | null) {
    const name = editedField(WIDGET, FIELDS, target, () => void this.act('keep-changed'));
    if (!name) return;
    if (name === 'password' && !this.keepKeys) journal(WIDGET, { password: '' });
    else journalField(WIDGET, name, this.field(name), this.t, { keepKeys: this.keepKeys });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.act(name === 'proxyCn' ? 'reissue' : 'render'), 250);
  }

  private async restore() {
    const { saved } = await this.saved(WIDGET);
    this.restoreKept(FIELDS, saved);
    const certs = saved.certs;
    if (typeof certs === 'string' && certs) {
      try {
        this.certs = JSON.parse(certs) as ProxyCerts;
      } catch {
        // A damaged saved pair: the reader makes a new one.
      }
    } else if (saved.certsMade === true) this.el('[data-key-not-kept]').hidden = false;
    // The defaults are rendered at build time: the engine loads only for saved work.
    if (this.certs || FIELDS.some((f) => typeof saved[f] === 'string')) await this.act('render');
  }

  // What the reader does is in actions.ts, loaded on first use.
  private actions = once<Actions>(() => import('./actions.ts'));
  act(action: string, file?: string): Promise<void> {
    return this.actions().then((a) => a.act.call(this, action, file));
  }
}

customElements.define('kal-proxy-builder', ProxyBuilder);
