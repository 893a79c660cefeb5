// Small DOM helpers for the troubleshooting widgets: h() (shared/dom.ts, re-exported for them) and
// the field-message convention (text + data-code + aria-invalid).

export { h } from '../shared/dom.ts';

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

/** Reads a picked or dropped file as bytes. */
export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}
