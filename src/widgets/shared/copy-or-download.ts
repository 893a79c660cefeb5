// The copy and download buttons of a widget's code blocks (`[data-block=name]`), for the widgets
// that have them; the download code itself loads on the first click.
import type { LabElement } from './lab-element.ts';

/** `text` to copy: as a whole file (`file`), it ends with one newline; else without the last one. */
export const asCopied = (text: string, file: boolean): string =>
  file ? `${text.replace(/\n*$/, '')}\n` : text.replace(/\n$/, '');

/** The text of the code block `[data-block=name]` as shown, as asCopied gives it. */
export function blockText(w: HTMLElement, name: string, file: boolean): string {
  return asCopied(w.querySelector(`[data-block="${name}"] pre`)?.textContent ?? '', file);
}

/**
 * A block's button: `data-download` saves that block as `data-filename`; `data-copy` copies it
 * (`data-file`: as a whole file) and says for two seconds whether the copy worked. `text` gives a
 * block's text where it is not the shown one (blockText), `type` a download's media type where it
 * is not YAML.
 */
export async function copyOrDownload(
  w: LabElement,
  button: HTMLButtonElement,
  text: (name: string, file: boolean) => string = (name, file) => blockText(w, name, file),
  type: (name: string) => string = () => 'application/yaml',
): Promise<void> {
  const d = await import('./download.ts');
  const name = button.dataset.download;
  if (name) {
    d.downloadFile(button.dataset.filename ?? 'file.txt', text(name, true), type(name));
    return;
  }
  const label = w.t('newuser.copy');
  const ok = await d.copyText(text(button.dataset.copy ?? '', button.hasAttribute('data-file')));
  button.textContent = ok ? w.t('newuser.copied') : w.t('newuser.copyFailed');
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
}
