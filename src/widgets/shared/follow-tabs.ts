// Another tab of the same workspace typed in a field: show it here too (the storage event of the
// journal, see workspace-store.ts), as the workbench does. A field the reader is in is left alone, and
// an empty value is not copied: the journal writes '' for what it may not keep (a pasted private
// key), which must not wipe the text this tab still holds.
import { onJournal } from './workspace-store.ts';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Copies `widget`'s fields from other tabs into `fields` (by journal name); `changed` runs after each. */
export function followOtherTabs(
  widget: string,
  fields: (name: string) => Field | null | undefined,
  changed: (name: string) => void,
): () => void {
  return onJournal(widget, (name, value) => {
    const field = fields(name);
    if (!field || field === document.activeElement || typeof value !== 'string' || value === '') return;
    if (field.value === value) return;
    field.value = value;
    changed(name);
  });
}
