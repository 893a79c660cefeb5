// Very large pastes stay out of the text box. Browsers take seconds to lay out megabytes of text in
// a <textarea> (Chromium: about 2 s for 5 MB), freezing the page whatever the widget does with it.
// A paste above the limit is kept in memory and handed to the widget instead; a notice under the
// field says so and offers to put it in the box anyway. Nothing the reader pasted is lost.
//
// Fields that take short text (a name, a list of groups, a message) refuse such a paste instead: the
// text stays in memory, offered by a button, and nothing goes in the box (refuseLargePaste, reached
// through paste-guard.ts, which every widget carries up front). Fields that hold certificates also
// refuse, at the field and with the text kept, input longer than a check can read in a moment
// (tooLargeText).
import { LARGE_PASTE_CHARS, MAX_FIELD_CHARS } from './paste-guard.ts';
import type { Translate } from './strings.ts';

export { LARGE_PASTE_CHARS, MAX_FIELD_CHARS };

/** The message for a field holding more than `max` characters, or '' when it holds less. */
export function tooLargeText(t: Translate, text: string, max = MAX_FIELD_CHARS): string {
  if (text.length <= max) return '';
  return t('widget.tooLarge', {
    size: (text.length / (1024 * 1024)).toFixed(1),
    max: (max / (1024 * 1024)).toFixed(0),
  });
}

/** The notice box of `field` (made on first use, under the field's message, else under the field). */
export function noticeFor(field: HTMLElement): HTMLElement {
  const mine = [...(field.parentElement?.querySelectorAll<HTMLElement>('[data-large-notice-for]') ?? [])];
  const found = mine.find((n) => n.dataset.largeNoticeFor === (field.id || field.dataset.field));
  if (found) return found;
  const message = (field.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? document.getElementById(id) : null))
    .find((el) => el?.classList.contains('kal-field-message'));
  const notice = document.createElement('div');
  notice.className = 'kal-large-paste';
  notice.dataset.largeNoticeFor = field.id || field.dataset.field || '';
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  (message ?? field).after(notice);
  return notice;
}

/**
 * Refuses `text`, pasted into a field that takes short text: the box keeps what it had, a notice at
 * the field says why, and a button puts the text in anyway. Typing in the box drops the offer.
 */
export function refuseLargePaste(
  field: HTMLInputElement | HTMLTextAreaElement,
  text: string,
  t: Translate,
): void {
  const notice = noticeFor(field);
  const p = document.createElement('p');
  p.textContent = t('widget.largePasteRefused', { size: (text.length / (1024 * 1024)).toFixed(1) });
  const show = document.createElement('button');
  show.type = 'button';
  show.className = 'kal-button kal-secondary';
  show.textContent = t('widget.largePasteShow');
  const clear = () => {
    notice.hidden = true;
    notice.replaceChildren();
    field.removeEventListener('input', clear);
  };
  show.addEventListener('click', () => {
    clear();
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.focus();
  });
  notice.replaceChildren(p, show);
  notice.hidden = false;
  field.addEventListener('input', clear);
}

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
