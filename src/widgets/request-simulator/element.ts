// <kal-request-simulator>: the DOM side of the request simulator. Up front it only restores and
// journals the fields and wires the buttons; running the chain (src/tokens simulateRequest, with
// WebCrypto and jose) is update.ts, loaded on the first edit, or at once when a reload brings back
// fields that differ from the defaults; making the examples' keys and credentials loads with the
// first "Load an example".
//
// What is kept for a reload: every field as typed, except the credentials a reader may paste from a
// real cluster (the Authorization header, the token file, the webhook's users): those are kept when
// they are the page's own (its default or an example it made) or when the reader ticks "keep".
// Private keys are never kept (the journal's rule).
//
// "Use what you made in part N": part 1's CA and certificate come from the workbench's files; parts
// 2 to 5 from what their widgets journal (src/tokens/request-simulator-parts.ts, loaded on the click,
// says which fields); each button shows only when the workspace holds that part's work.

import { partsHeld } from '../../tokens/request-simulator-held.ts';
import { type FieldInput, FormLab } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { errorText, readStrings } from '../shared/strings.ts';
import { journal, journalField, restoreFields } from '../shared/workspace-store.ts';

export const WIDGET = 'request-simulator';
/** The part-1 workbench's files: the CA and the client certificate. */
const PART1 = { ca: 'rootCA.pem', cert: 'client.pem' } as const;
/** Fields whose text may be a real cluster's credential. */
const CREDENTIALS = ['authorization', 'tokenCsv', 'bootstrapTokens', 'webhookUsers'];

type Inputs = Record<string, Record<string, unknown>>;

export class RequestSimulator extends FormLab {
  /** The values the page itself made, per credential field (its default and its examples'). */
  readonly made = new Map<string, Set<string>>();
  /** The part-1 CA and certificate, when the workspace holds them. */
  part1: { caPem: string; certificatePem: string } | undefined;
  /** What the other parts' widgets keep in the workspace. */
  inputs: Inputs = {};

  get keep(): boolean {
    return this.querySelector<HTMLInputElement>('[data-keep-keys]')?.checked === true;
  }

  /** A checkbox as 'on' or 'off'. */
  valueOf(f: FieldInput): string {
    return f instanceof HTMLInputElement && f.type === 'checkbox' ? (f.checked ? 'on' : 'off') : f.value;
  }

  connectedCallback() {
    this.t = readStrings(this);
    for (const name of CREDENTIALS)
      this.made.set(name, new Set([this.findField(name)?.dataset.default ?? '']));
    guardPastes(this, () => this.t);
    this.onFieldEdits((target) => this.onEdit(target));
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (button?.dataset.action === 'example') void this.loadExample();
      else if (/^part[1-5]$/.test(button?.dataset.action ?? ''))
        void this.usePart(Number(button!.dataset.action!.slice(4)));
    });
    void this.restore();
  }

  private onEdit(target: EventTarget | null) {
    const el = target as HTMLElement | null;
    if (el instanceof HTMLInputElement && el.matches('[data-keep-keys]')) {
      journal(WIDGET, { keep: el.checked });
      for (const name of CREDENTIALS) this.save(name);
      return;
    }
    const name = el?.dataset?.field;
    if (!name) return;
    this.save(name);
    this.schedule();
  }

  /** Journals one field (a credential only when it is the page's own or "keep" is ticked). */
  save(name: string) {
    const f = this.findField(name);
    if (!f) return;
    if (f instanceof HTMLInputElement && f.type === 'checkbox') {
      journal(WIDGET, { [name]: this.valueOf(f) });
      return;
    }
    if (!CREDENTIALS.includes(name)) {
      journalField(WIDGET, name, f, this.t);
      return;
    }
    const own = this.keep || this.made.get(name)?.has(f.value) === true;
    journal(WIDGET, { [name]: own ? f.value : '' }, this.keep);
    const left = CREDENTIALS.filter((n) => {
      const v = this.findField(n)?.value ?? '';
      return v.trim() !== '' && !this.keep && !this.made.get(n)?.has(v);
    });
    const note = this.querySelector<HTMLElement>('[data-credential-not-kept]');
    if (note) {
      note.hidden = left.length === 0;
      note.textContent = left.length
        ? this.t('simulator.notKept', { fields: left.map((n) => this.t(`simulator.${n}`)).join(', ') })
        : '';
    }
  }

  /** Sets fields from an example (all of them made by the page, so kept) and runs the chain. */
  setValues(values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) {
      const f = this.findField(name);
      if (!f) continue;
      if (f instanceof HTMLInputElement && f.type === 'checkbox') f.checked = value === 'on';
      else f.value = value;
      this.made.get(name)?.add(value);
      this.save(name);
    }
    void this.update();
  }

  private async restore() {
    const { ws, saved } = await this.saved(WIDGET);
    const ca = ws?.files[PART1.ca];
    const cert = ws?.files[PART1.cert];
    if (ca && cert) {
      this.part1 = { caPem: ca, certificatePem: cert };
      const use = this.querySelector<HTMLButtonElement>('[data-action="part1"]');
      if (use) use.hidden = false;
    }
    this.inputs = (ws?.inputs ?? {}) as Inputs;
    for (const n of partsHeld(this.inputs)) {
      const use = this.querySelector<HTMLButtonElement>(`[data-action="part${n}"]`);
      if (use) use.hidden = false;
    }
    const keep = this.querySelector<HTMLInputElement>('[data-keep-keys]');
    if (keep && saved.keep === true) keep.checked = true;
    const changed = restoreFields(this.fields, saved, {
      // A credential that was not kept comes back as the default, not as ''.
      take: (name, v) => !(CREDENTIALS.includes(name) && v === ''),
      // What was kept was the page's own, or kept on purpose.
      restored: (name, v) => this.made.get(name)?.add(v),
    });
    if (changed) await this.update();
  }

  /** Runs the chain again and shows it (the code that does so loads on first use). */
  protected async show(current: () => boolean) {
    const { showResult } = await import('./update.ts');
    if (current()) await showResult(this, this.values(), this.t, current);
  }

  status(text: string) {
    const el = this.querySelector<HTMLElement>('[data-status]');
    if (el) el.textContent = text;
  }

  private async loadExample() {
    const name = this.querySelector<HTMLSelectElement>('[data-example]')?.value ?? '';
    const { exampleValues } = await import('./examples.ts');
    await exampleValues(this, name);
  }

  /** Fills the fields with what part `n` (1 to 5) left in the workspace. */
  private async usePart(n: number) {
    try {
      const parts = await import('../../tokens/request-simulator-parts.ts');
      if (n === 1 && !this.part1) return;
      const get = [
        () => parts.part1Values(this.part1!),
        parts.part2Values,
        parts.part3Values,
        parts.part4Values,
        parts.part5Values,
      ][n - 1];
      if (!get) return;
      this.setValues(await get(this.inputs));
      this.status(this.t(`simulator.part${n}Used`));
    } catch (e) {
      // A workspace value this page cannot read (or the code failing to load) is said, not thrown.
      this.status(errorText(this.t, e));
    }
  }
}

customElements.define('kal-request-simulator', RequestSimulator);
