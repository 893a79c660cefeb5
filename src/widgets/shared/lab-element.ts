// The base of the widgets' custom elements: the page's strings and the parts the widget's .astro file
// rendered. A missing part is a bug in the markup, not in the reader's input, so it throws.
// FormLab: the base of the widgets that work everything out again after each edit.
import type { Translate } from './strings.ts';
import type { Workspace } from './workspace-format.ts';
import { loadWorkspace, restoreFields } from './workspace-store.ts';

/** `load`, called on first use only: a module (or anything) that loads when first needed. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

/** A field the reader types into or picks from (its data-field attribute names it). */
export type FieldInput = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** `F`: the names of the widget's fields. */
export class LabElement<F extends string = string> extends HTMLElement {
  /** The page's strings (readStrings, in connectedCallback); until then each key stands for itself. */
  t: Translate = (k) => k;

  /** The widget's one element matching `selector`. */
  el<T extends Element = HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`${this.localName}: missing ${selector}`);
    return found;
  }

  /** The field named `name` (data-field). */
  field(name: F): FieldInput {
    return this.el<FieldInput>(`[data-field="${name}"]`);
  }

  /** The field named `name`, or null where this widget has none by that name. */
  findField(name: string): FieldInput | null {
    return this.querySelector<FieldInput>(`[data-field="${name}"]`);
  }

  /** All the widget's fields, in page order. */
  get fields(): FieldInput[] {
    return [...this.querySelectorAll<FieldInput>('[data-field]')];
  }

  /** The "keep" checkbox of KeepKeys.astro. */
  get keepKeysBox(): HTMLInputElement {
    return this.el<HTMLInputElement>('[data-keep-keys]');
  }

  /** Whether the reader ticked "keep" (private keys and credentials are kept for a reload). */
  get keepKeys(): boolean {
    return this.keepKeysBox.checked;
  }

  /** Calls `handler` with the data-action of the button (or its child) the reader clicks. */
  onAction(handler: (action: string, button: HTMLElement) => void) {
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLElement>('[data-action]');
      if (button?.dataset.action) handler(button.dataset.action, button);
    });
  }

  /** Calls `edited` with the target of every input and change event in the widget. */
  onEdits(edited: (target: EventTarget | null) => void) {
    this.addEventListener('input', (e) => edited(e.target));
    this.addEventListener('change', (e) => edited(e.target));
  }

  /**
   * Calls `edited` with the target of each input event, and of each change event of a select or a
   * checkbox (for those the change is the edit).
   */
  onFieldEdits(edited: (target: EventTarget | null) => void) {
    this.addEventListener('input', (e) => edited(e.target));
    this.addEventListener('change', (e) => {
      const el = e.target;
      if (el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && el.type === 'checkbox'))
        edited(el);
    });
  }

  /**
   * Puts back the reader's "keep" choice and the saved `names` fields (restoreFields' rules: what the
   * reader typed before the workspace answered stays); says whether a field changed.
   */
  restoreKept(names: readonly F[], saved: Workspace['inputs'][string]): boolean {
    this.keepKeysBox.checked = saved.keepKeys === true;
    return restoreFields(
      names.map((name) => this.field(name)),
      saved,
    );
  }

  /**
   * The workspace (undefined when the browser cannot give it) and the inputs `widget` saved in it
   * (empty when none).
   */
  async saved(widget: string): Promise<{ ws?: Workspace; saved: Workspace['inputs'][string] }> {
    const ws = await loadWorkspace().catch(() => undefined);
    return { ws, saved: ws?.inputs[widget] ?? {} };
  }
}

/**
 * A widget that works everything out again after each edit, a form in and results out: the newest
 * update wins over one still loading or working, and typing waits for a pause. `show` loads the
 * widget's update code (on first use) and fills in the results while `current()` holds.
 */
export abstract class FormLab<F extends string = string> extends LabElement<F> {
  private timer?: ReturnType<typeof setTimeout>;
  private seq = 0;
  /** How long typing must pause before the update, in milliseconds. */
  protected pause = 200;

  /** A field's value as update code reads it (by default, its text). */
  valueOf(f: FieldInput): string {
    return f.value;
  }

  /** Each field's value by its data-field name. */
  values(): Record<string, string> {
    return Object.fromEntries(this.fields.map((f) => [f.dataset.field ?? '', this.valueOf(f)]));
  }

  /** Updates once the reader has paused for `ms`. */
  schedule(ms = this.pause) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), ms);
  }

  /** Works everything out again and shows it. */
  async update(): Promise<void> {
    const seq = ++this.seq;
    await this.show(() => seq === this.seq);
  }

  /** What update does: `current()` turns false once a newer update has started. */
  protected abstract show(current: () => boolean): Promise<void>;
}
