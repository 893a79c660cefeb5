// The base of the widgets' custom elements: the page's strings and the parts the widget's .astro file
// rendered. A missing part is a bug in the markup, not in the reader's input, so it throws.
import type { Translate } from './strings.ts';

export class LabElement extends HTMLElement {
  /** The page's strings (readStrings, in connectedCallback); until then each key stands for itself. */
  t: Translate = (k) => k;

  /** The widget's one element matching `selector`. */
  el<T extends Element = HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`${this.localName}: missing ${selector}`);
    return found;
  }
}
