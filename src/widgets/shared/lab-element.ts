// The base of the widgets' custom elements: the page's strings and the parts the widget's .astro file
// rendered. A missing part is a bug in the markup, not in the reader's input, so it throws.
import type { Translate } from './strings.ts';

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
}
