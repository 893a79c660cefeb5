// The up-front half of the large-paste guard (see large-paste.ts): one listener per widget that stops
// a paste too large for a text box before the browser lays it out, then loads the code that says so.
// Fields with their own guard (guardLargePastes) have handled the paste already and are left alone.
import type { Translate } from './strings.ts';

/** Pastes longer than this (characters) are kept out of the box. */
export const LARGE_PASTE_CHARS = 256 * 1024;

/** The most text (characters) a chain check, decoder or builder field reads: some 800 certificates. */
export const MAX_FIELD_CHARS = 1024 * 1024;

/** Refuses over-large pastes into any text field inside `root`, keeping the text on offer. */
export function guardPastes(root: HTMLElement, t: () => Translate): void {
  root.addEventListener('paste', (e) => {
    const field = e.target;
    if (e.defaultPrevented || !(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement))
      return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= LARGE_PASTE_CHARS) return;
    e.preventDefault();
    void import('./large-paste.ts').then((m) => m.refuseLargePaste(field, text, t()));
  });
}
