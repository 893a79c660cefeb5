// <kal-new-user-csr>: the DOM side of lesson 7's CSR builder. Checks the user name and groups as
// they are typed (refusing system:masters), makes the key and CSR with src/pki (loaded on first
// use), builds the CertificateSigningRequest with src/kube and the commands with src/recipes, and
// keeps everything in the workspace: the inputs as typed, and jane-key.pem, jane.csr, jane-csr.yaml.
import { LabElement } from '../shared/lab-element.ts';

import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { followOtherTabs, journal, loadWorkspace } from '../shared/workspace-store.ts';
import { type CsrField, FIELDS } from './csr-fields.ts';
import { NEW_USER, readNewUser } from './state.ts';

type Actions = typeof import('./csr-actions.ts');

type Pki = typeof import('../../pki/index.ts');
type KeyPair = import('../../pki/index.ts').GeneratedKeyPair;
type Kube = typeof import('../../kube/index.ts');
type Cluster = typeof import('../../recipes/cluster/index.ts');

export class NewUserCsr extends LabElement<CsrField> {
  libs?: Promise<[Pki, Kube, Cluster]>;
  ed25519 = true;
  timer?: ReturnType<typeof setTimeout>;
  /** A key made in the background once the reader starts on the form, so Make only signs. */
  spare?: { algorithm: string; key: Promise<KeyPair | undefined> };
  made?: {
    base: string;
    csrPem: string;
    keyPem: string;
    yaml: string;
    user: string;
    groups: string[];
  };

  /** The engine, loaded once, on first use (csr-actions.ts loads it). */
  load(): Promise<[Pki, Kube, Cluster]> {
    this.libs ??= this.actions$().then((a) => a.loadLibs.call(this));
    return this.libs;
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.onAction((action) => void this.act(action));
    for (const name of FIELDS) {
      this.field(name).addEventListener(name === 'algorithm' ? 'change' : 'input', () => {
        // Kept at once (a reload a moment later loses nothing); checks wait a little.
        journal(NEW_USER, { [name]: this.field(name).value });
        this.prepareKey();
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.check(), 250);
      });
    }
    this.addEventListener('focusin', () => this.prepareKey());
    // Another tab of this lesson changed a field: show it here and check it again.
    followOtherTabs(
      NEW_USER,
      (name) => ((FIELDS as readonly string[]).includes(name) ? this.field(name as CsrField) : null),
      () => void this.check(),
    );
    void this.restore();
  }

  /** Starts making the key for the chosen algorithm, unless it is being made already. */
  prepareKey() {
    const algorithm = this.field('algorithm').value;
    if (this.spare?.algorithm === algorithm) return;
    const key = this.load().then(([pki]) => pki.generateKeyPair(algorithm as never).catch(() => undefined));
    this.spare = { algorithm, key };
  }

  values() {
    return {
      user: this.field('user').value,
      groups: this.field('groups').value,
      expirationSeconds: this.field('expirationSeconds').value,
      algorithm: this.field('algorithm').value,
    };
  }

  async restore() {
    const state = await readNewUser();
    for (const name of FIELDS) {
      const value = state[name];
      if (typeof value === 'string') this.field(name).value = value;
    }
    const ws = await loadWorkspace().catch(() => undefined);
    const base = state.base;
    if (base && ws) {
      // Loaded only when there is a saved user (not on a first visit).
      const { userFiles } = await import('../../recipes/cluster/user-names.ts');
      const files = userFiles(base);
      const csrPem = ws.files[files.csr];
      const keyPem = ws.files[files.key];
      const yaml = ws.files[files.manifest];
      if (csrPem && keyPem && yaml) {
        this.made = {
          base,
          csrPem,
          keyPem,
          yaml,
          user: state.csrUser ?? '',
          groups: state.csrGroups ?? [],
        };
        await this.actions$().then((a) => a.renderRestored.call(this, files));
      }
    }
    // A first visit loads no library: checks start with the first edit.
    if (state.saved) await this.check();
  }

  // What the reader does is in csr-actions.ts, loaded on first use.
  private actions?: Promise<Actions>;
  actions$(): Promise<Actions> {
    this.actions ??= import('./csr-actions.ts');
    return this.actions;
  }
  act(...args: Parameters<Actions['act']>): ReturnType<Actions['act']> {
    return this.actions$().then((a) => a.act.apply(this, args)) as ReturnType<Actions['act']>;
  }
  check(...args: Parameters<Actions['check']>): ReturnType<Actions['check']> {
    return this.actions$().then((a) => a.check.apply(this, args)) as ReturnType<Actions['check']>;
  }
  render(...args: Parameters<Actions['render']>): ReturnType<Actions['render']> {
    return this.actions$().then((a) => a.render.apply(this, args)) as ReturnType<Actions['render']>;
  }
}

customElements.define('kal-new-user-csr', NewUserCsr);
