// The page says the truth about what it keeps: when a field's text is not kept for a reload (a
// private key, or too long; see journal() in workspace-store.ts), a note under the field says so.
import { h } from './dom.ts';
import type { Translate } from './strings.ts';
import type { NotKept } from './workspace-store.ts';

/** Shows (or, with `why` undefined, removes) the "not kept" note right after `field`. */
export function showNotKept(field: HTMLElement, why: NotKept | undefined, t: Translate): void {
  let note = field.nextElementSibling as HTMLElement | null;
  if (!note?.hasAttribute('data-not-kept')) {
    if (!why) return;
    note = h('p', {
      class: 'kal-hint',
      'data-not-kept': true,
      id: `${field.id || field.dataset.field || 'field'}-not-kept`,
    });
    field.after(note);
  }
  note.hidden = !why;
  note.textContent = why ? t(`widget.notKept.${why}`) : '';
}
