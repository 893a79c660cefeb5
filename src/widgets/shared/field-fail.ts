// The field-message convention (text + data-code + aria-invalid), and stopping at a field: show the
// message under the field that caused it, then throw FieldError so that the action stops there (its
// caller catches FieldError and shows nothing more).

/** Shows `text` (with its error `code`) under `field`, or clears it when text is empty. */
export function fieldMessage(field: HTMLElement, message: HTMLElement, text: string, code = ''): void {
  message.textContent = text;
  if (code) message.dataset.code = code;
  else delete message.dataset.code;
  if (text) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}

/** The LabError code of `e`, or "unexpected". */
export function errorCode(e: unknown): string {
  return e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : 'unexpected';
}
/** Thrown to stop at a field whose message is already shown. */
export class FieldError extends Error {}

/** A widget whose fields and their `[data-message]` boxes are named. */
export interface NamedFields<F extends string> {
  field(name: F): HTMLElement;
  el<T extends Element = HTMLElement>(selector: string): T;
}

/** Shows `text` (with its LabError `code`) under the field `name`; empty text clears it. */
export function showAtField<F extends string>(w: NamedFields<F>, name: F, text: string, code = ''): void {
  fieldMessage(w.field(name), w.el(`[data-message="${name}"]`), text, code);
}

/** Shows `text` under the field `name` and stops the action. */
export function failAtField<F extends string>(w: NamedFields<F>, name: F, text: string, code: string): never {
  showAtField(w, name, text, code);
  throw new FieldError(code);
}

/** The field a LabError names in its details, if any. */
export function errorField(e: unknown): string | undefined {
  return (e as { details?: { field?: string } } | undefined)?.details?.field;
}

/** The words of a list typed with spaces or commas between them. */
export function listOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * Shows `text` in the message box of the field `[data-field=name]` inside `root` and marks the field
 * invalid (empty text clears both); a field inside a closed <details> opens it, so the message is seen.
 */
export function markField(root: HTMLElement, field: string, text: string): void {
  const message = root.querySelector<HTMLElement>(`[data-message="${field}"]`);
  const input = root.querySelector<HTMLElement>(`[data-field="${field}"]`);
  if (message) message.textContent = text;
  if (text) input?.setAttribute('aria-invalid', 'true');
  else input?.removeAttribute('aria-invalid');
  const details = input?.closest('details');
  if (text && details && !details.open) details.open = true;
}
