// The base of the widgets' custom elements: the page's strings and the parts the widget's .astro file
// rendered. A missing part is a bug in the markup, not in the reader's input, so it throws.
import type { Translate } from './strings.ts';

export class LabElement extends HTMLElement {
  /** The page's strings (readStrings, in connectedCallback); until then each key stands for itself. */
  t: Translate = (k) => k;

  /** The widget's one element matching `selector`. */
  el<T extends Element = HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`${this.localName}: missing ${selector}`);
    return found;
  }

  /** The text of the code block `[data-block=name]` as shown; a whole file ends with one newline. */
  blockText(name: string, file: boolean): string {
    const text = this.querySelector(`[data-block="${name}"] pre`)?.textContent ?? '';
    return file ? `${text.replace(/\n*$/, '')}\n` : text.replace(/\n$/, '');
  }

  /**
   * A block's button: `data-download` saves that block as `data-filename`; `data-copy` copies it
   * (`data-file`: as a whole file) and says for two seconds whether the copy worked.
   */
  async copyOrDownload(button: HTMLButtonElement): Promise<void> {
    const d = await import('./download.ts');
    if (button.dataset.download) {
      const text = this.blockText(button.dataset.download, true);
      d.downloadFile(button.dataset.filename ?? 'file.txt', text, 'application/yaml');
      return;
    }
    const label = this.t('newuser.copy');
    const ok = await d.copyText(this.blockText(button.dataset.copy ?? '', button.hasAttribute('data-file')));
    button.textContent = ok ? this.t('newuser.copied') : this.t('newuser.copyFailed');
    setTimeout(() => {
      button.textContent = label;
    }, 2000);
  }
}
