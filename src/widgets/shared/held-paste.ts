// The up-front half of the guard for fields that hold certificates (see large-paste.ts): a paste
// too large to show is held in memory and handed to the widget; the notice that says so is made by
// large-paste.ts, loaded the first time one is needed.
import { h } from './dom.ts';
import { LARGE_PASTE_CHARS } from './paste-guard.ts';
import type { Translate } from './strings.ts';

/** The notice box of `field` (made on first use, under the field's message, else under the field). */
export function noticeFor(field: HTMLElement): HTMLElement {
  const mine = [...(field.parentElement?.querySelectorAll<HTMLElement>('[data-large-notice-for]') ?? [])];
  const found = mine.find((n) => n.dataset.largeNoticeFor === (field.id || field.dataset.field));
  if (found) return found;
  const message = (field.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? document.getElementById(id) : null))
    .find((el) => el?.classList.contains('kal-field-message'));
  const notice = h('div', {
    class: 'kal-large-paste',
    'data-large-notice-for': field.id || field.dataset.field || '',
    role: 'status',
    hidden: true,
  });
  (message ?? field).after(notice);
  return notice;
}

/** A text field whose content may live in memory while it is too large to show. */
export interface GuardedField {
  /** The field's text: the held paste when there is one, else the box's value. */
  text(): string;
  /** Puts `text` in the box and drops any held paste (setting .value alone fires no event). */
  set(text: string): void;
}

/**
 * Watches `field` for pastes over the limit (see large-paste.ts). `onChange` runs when the text
 * changed that way (the widget then reads `text()`); typing in the box drops the held paste.
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
    void import('./large-paste.ts').then((m) =>
      m.showHeldPaste(notice, text.length, t, () => {
        const text = held ?? '';
        clear();
        field.value = text;
        field.focus();
      }),
    );
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
