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
import { h } from './dom.ts';
import { noticeFor } from './held-paste.ts';
import { LARGE_PASTE_CHARS, MAX_FIELD_CHARS } from './paste-guard.ts';
import type { Translate } from './strings.ts';

export { LARGE_PASTE_CHARS, MAX_FIELD_CHARS, noticeFor };

/** The message for a field holding more than `max` characters, or '' when it holds less. */
export function tooLargeText(t: Translate, text: string, max = MAX_FIELD_CHARS): string {
  if (text.length <= max) return '';
  return t('widget.tooLarge', {
    size: (text.length / (1024 * 1024)).toFixed(1),
    max: (max / (1024 * 1024)).toFixed(0),
  });
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
  const p = h('p', {}, t('widget.largePasteRefused', { size: (text.length / (1024 * 1024)).toFixed(1) }));
  const show = h('button', { type: 'button', class: 'kal-button kal-secondary' }, t('widget.largePasteShow'));
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

/**
 * Fills the notice of a field that holds a large paste out of its box (paste-guard.ts's
 * guardLargePastes): what happened, and a button (`show`) that puts the text in the box.
 */
export function showHeldPaste(notice: HTMLElement, size: number, t: Translate, show: () => void): void {
  const p = h('p', {}, t('widget.largePaste', { size: (size / (1024 * 1024)).toFixed(1) }));
  const button = h(
    'button',
    { type: 'button', class: 'kal-button kal-secondary' },
    t('widget.largePasteShow'),
  );
  button.addEventListener('click', show);
  notice.replaceChildren(p, button);
  notice.hidden = false;
}
