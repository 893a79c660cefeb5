// Small DOM builders for the troubleshooting widgets: elements from text only (never HTML from the
// reader's input), and the field-message convention (text + data-code + aria-invalid).

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

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
