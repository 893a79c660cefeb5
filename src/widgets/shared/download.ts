// Saving generated text or bytes as a file, entirely in the page (a blob: URL, never a request).
import { h } from './dom.ts';

/** Offers `content` as a download named `fileName`. */
export function downloadFile(
  fileName: string,
  content: string | Uint8Array,
  type = 'application/octet-stream',
): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, rel: 'noopener' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies text to the clipboard; false when the browser refuses (the caller says so). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
