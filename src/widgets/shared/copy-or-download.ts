// The copy and download buttons of a widget's code blocks (`[data-block=name]`), for the widgets
// that have them; the download code itself loads on the first click.
import type { LabElement } from './lab-element.ts';

/** The text of the code block `[data-block=name]` as shown; a whole file ends with one newline. */
export function blockText(w: HTMLElement, name: string, file: boolean): string {
  const text = w.querySelector(`[data-block="${name}"] pre`)?.textContent ?? '';
  return file ? `${text.replace(/\n*$/, '')}\n` : text.replace(/\n$/, '');
}

/**
 * A block's button: `data-download` saves that block as `data-filename`; `data-copy` copies it
 * (`data-file`: as a whole file) and says for two seconds whether the copy worked.
 */
export async function copyOrDownload(w: LabElement, button: HTMLButtonElement): Promise<void> {
  const d = await import('./download.ts');
  if (button.dataset.download) {
    const text = blockText(w, button.dataset.download, true);
    d.downloadFile(button.dataset.filename ?? 'file.txt', text, 'application/yaml');
    return;
  }
  const label = w.t('newuser.copy');
  const ok = await d.copyText(blockText(w, button.dataset.copy ?? '', button.hasAttribute('data-file')));
  button.textContent = ok ? w.t('newuser.copied') : w.t('newuser.copyFailed');
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
}
