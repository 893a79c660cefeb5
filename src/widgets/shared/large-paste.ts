// Very large pastes stay out of the text box. Browsers take seconds to lay out megabytes of text in
// a <textarea> (Chromium: about 2 s for 5 MB), freezing the page whatever the widget does with it.
// A paste above the limit is kept in memory and handed to the widget instead; a notice under the
// field says so and offers to put it in the box anyway. Nothing the reader pasted is lost.
import type { Translate } from './strings.ts';

/** Pastes longer than this (characters) are kept out of the box. */
export const LARGE_PASTE_CHARS = 256 * 1024;

/** A text field whose content may live in memory while it is too large to show. */
export interface GuardedField {
  /** The field's text: the held paste when there is one, else the box's value. */
  text(): string;
  /** Puts `text` in the box and drops any held paste (setting .value alone fires no event). */
  set(text: string): void;
}

/**
 * Watches `field` for pastes over the limit. `onChange` runs when the text changed that way (the
 * widget then reads `text()`); typing in the box drops the held paste.
 */
export function guardLargePastes(
  field: HTMLTextAreaElement,
  notice: HTMLElement,
  t: Translate,
  onChange: () => void,
): GuardedField {
  let held: string | undefined;
  const clear = () => {
    held = undefined;
    notice.hidden = true;
    notice.replaceChildren();
  };
  field.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= LARGE_PASTE_CHARS) return;
    e.preventDefault();
    held = text;
    field.value = '';
    const p = document.createElement('p');
    p.textContent = t('widget.largePaste', { size: (text.length / (1024 * 1024)).toFixed(1) });
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'kal-button kal-secondary';
    show.textContent = t('widget.largePasteShow');
    show.addEventListener('click', () => {
      const text = held ?? '';
      clear();
      field.value = text;
      field.focus();
    });
    notice.replaceChildren(p, show);
    notice.hidden = false;
    onChange();
  });
  field.addEventListener('input', () => {
    if (held !== undefined && field.value !== '') clear();
  });
  return {
    text: () => held ?? field.value,
    set: (text) => {
      clear();
      field.value = text;
    },
  };
}
