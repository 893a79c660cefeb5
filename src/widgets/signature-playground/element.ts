// <kal-signature-playground>: the DOM side of the playground. The crypto (key pairs, signing,
// verifying) is src/pki's, loaded on first use; the state (keys, message, signature) is kept in the
// workspace so a reload loses nothing.
import { LabElement } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { errorText, readStrings } from '../shared/strings.ts';
import {
  followOtherTabs,
  journal,
  journalField,
  loadWorkspace,
  updateWorkspace,
} from '../shared/workspace-store.ts';

type Pki = typeof import('../../pki/index.ts');

interface State {
  privateKeyPem: string;
  publicKeyPem: string;
  /** The message as it was when it was last signed. */
  signedMessage: string;
  /** Whether this key pair signed anything yet (default false: a pasted signature was not made here). */
  signed?: boolean;
}

const WIDGET = 'signature-playground';

class SignaturePlayground extends LabElement {
  private pki?: Promise<Pki>;
  private state?: State;
  private keys?: { privateKey: CryptoKey; publicKey: CryptoKey };
  private timer?: ReturnType<typeof setTimeout>;
  /** The reader typed since the page loaded. */
  private touched = false;

  private get message() {
    return this.el<HTMLTextAreaElement>('[data-message]');
  }

  private get signature() {
    return this.el<HTMLTextAreaElement>('[data-signature]');
  }

  private loadPki(): Promise<Pki> {
    this.pki ??= import('../../pki/index.ts');
    return this.pki;
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action) void this.run(action);
    });
    for (const [name, field] of [
      ['message', this.message],
      ['signature', this.signature],
    ] as const) {
      field.addEventListener('input', () => {
        // Kept at once, keys or not: a reload a moment later loses nothing.
        this.touched = true;
        journalField(WIDGET, name, field, this.t);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.afterEdit(), 200);
      });
    }
    // Another tab typed a message or a signature: show it here, and verify it again.
    followOtherTabs(
      WIDGET,
      (name) => (name === 'message' ? this.message : name === 'signature' ? this.signature : null),
      () => void this.afterEdit(),
    );
    void this.restore();
  }

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    const saved = ws?.inputs[WIDGET];
    // What the reader typed comes back even when no key was made yet.
    // (unless the reader typed already: a restore never overwrites what was typed since the load).
    if (!this.touched) {
      if (typeof saved?.message === 'string' && saved.message !== '') this.message.value = saved.message;
      if (typeof saved?.signature === 'string') this.signature.value = saved.signature;
    }
    if (!saved || typeof saved.privateKeyPem !== 'string') return;
    try {
      const pki = await this.loadPki();
      const imported = await pki.importPrivateKeyPem(saved.privateKeyPem);
      const publicKey = await pki.importPublicKeyPem(String(saved.publicKeyPem));
      this.keys = { privateKey: imported.privateKey, publicKey };
      this.state = {
        privateKeyPem: saved.privateKeyPem,
        publicKeyPem: String(saved.publicKeyPem),
        signedMessage: String(saved.signedMessage ?? ''),
        signed: saved.signed === true || String(saved.signedMessage ?? '') !== '',
      };
      this.showKeys(this.t('playground.keysRestored'));
      if (this.signature.value) await this.verify();
    } catch (e) {
      this.status(errorText(this.t, e));
    }
  }

  private async run(action: string) {
    try {
      if (action === 'generate') await this.generate();
      else if (action === 'sign') await this.sign();
      else if (action === 'verify') await this.verify();
      else if (action === 'tamper-message') await this.tamper(this.message);
      else if (action === 'tamper-signature') await this.tamper(this.signature);
    } catch (e) {
      this.status(errorText(this.t, e));
    }
  }

  private status(text: string) {
    this.el('[data-key-status]').textContent = text;
  }

  private showKeys(text: string) {
    this.status(text);
    this.el('[data-public-key-pem]').textContent = this.state?.publicKeyPem ?? '';
    this.el('[data-public-key]').hidden = false;
    for (const b of this.querySelectorAll<HTMLButtonElement>('[data-action]')) b.disabled = false;
  }

  private async generate() {
    this.status(this.t('playground.generating'));
    const pki = await this.loadPki();
    const pair = await pki.generateKeyPair('ECDSA-P256');
    this.keys = { privateKey: pair.privateKey, publicKey: pair.publicKey };
    this.state = {
      privateKeyPem: await pki.exportPrivateKeyPem(pair.privateKey),
      publicKeyPem: await pki.exportPublicKeyPem(pair.publicKey),
      signedMessage: '',
    };
    this.signature.value = '';
    this.el('[data-verdict]').textContent = '';
    this.showKeys(this.t('playground.generated'));
    await this.save();
  }

  private async sign() {
    if (!this.keys || !this.state) return;
    const pki = await this.loadPki();
    this.signature.value = await pki.signMessage(this.keys.privateKey, this.message.value);
    this.state.signedMessage = this.message.value;
    this.state.signed = true;
    // Kept before the verdict shows: what the reader sees survives an immediate reload.
    await this.save();
    await this.verify();
  }

  /** Changes one character in the middle of the field, visibly, and verifies again. */
  private async tamper(field: HTMLTextAreaElement) {
    // By code point, so that an emoji (two UTF-16 units) is replaced whole, never split in half.
    const chars = Array.from(field.value);
    if (chars.length === 0) return;
    const i = Math.floor(chars.length / 2);
    const c = chars[i] ?? 'a';
    chars[i] = field === this.signature ? (c === 'A' ? 'B' : 'A') : c === 'x' ? 'y' : 'x';
    const start = chars.slice(0, i).join('').length;
    field.value = chars.join('');
    field.focus();
    field.setSelectionRange(start, start + 1);
    await this.save();
    await this.verify();
  }

  private async afterEdit() {
    if (this.keys && this.signature.value.trim()) await this.verify();
  }

  private async verify() {
    if (!this.keys || !this.state) return;
    const verdict = this.el('[data-verdict]');
    if (!this.signature.value.trim()) {
      verdict.dataset.ok = 'false';
      verdict.textContent = this.t('playground.signFirst');
      return;
    }
    const pki = await this.loadPki();
    const fieldMessage = this.el('[data-signature-message]');
    fieldMessage.textContent = '';
    this.signature.removeAttribute('aria-invalid');
    let ok = false;
    let unreadable = false;
    try {
      ok = await pki.verifyMessage(this.keys.publicKey, this.message.value, this.signature.value.trim());
    } catch (e) {
      fieldMessage.textContent = errorText(this.t, e);
      this.signature.setAttribute('aria-invalid', 'true');
      unreadable = true;
    }
    verdict.dataset.ok = String(ok);
    if (ok) verdict.textContent = this.t('playground.valid');
    else if (unreadable) verdict.textContent = this.t('playground.unreadableSignature');
    else if (!this.state.signed) verdict.textContent = this.t('playground.notSignedHere');
    else {
      const changedAt = firstDifference(this.state.signedMessage, this.message.value);
      verdict.textContent =
        changedAt >= 0
          ? this.t('playground.invalidMessage', { position: changedAt + 1 })
          : this.t('playground.invalidSignature');
    }
  }

  private async save() {
    journal(WIDGET, { message: this.message.value, signature: this.signature.value });
    const state = { ...(this.state ?? {}) };
    await updateWorkspace((ws) => {
      ws.inputs[WIDGET] = { ...(ws.inputs[WIDGET] ?? {}), ...state };
    }).catch(() => undefined); // Signing and verifying work without storage.
  }
}

/** Index of the first character (code point, as a reader counts them) where a and b differ, or -1. */
function firstDifference(a: string, b: string): number {
  if (a === b) return -1;
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return n;
}

customElements.define('kal-signature-playground', SignaturePlayground);
