// <kal-apiserver-change>: the DOM side of the kube-apiserver change widget. Up front it only reads
// the fields, journals each edit for a reload, and wires copy and download; working out the change
// (the engine, YAML, the renderer) loads on the first edit, or at once when a reload brings back
// fields that differ from the defaults. Shiki loads after that, for the blocks shown.
import { copyOrDownload } from '../shared/copy-or-download.ts';
import { FormLab } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { journal, journalField, restoreFields } from '../shared/workspace-store.ts';

const WIDGET = 'apiserver-change';

class ApiServerChange extends FormLab {
  protected pause = 150;

  /** The fields' values by name (a checkbox as true/false). */
  choices(): Record<string, string | boolean> {
    return Object.fromEntries(
      this.fields.map((f) => [
        f.dataset.field ?? '',
        f instanceof HTMLInputElement && f.type === 'checkbox' ? f.checked : f.value,
      ]),
    );
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    for (const f of this.fields) {
      const checkbox = f instanceof HTMLInputElement && f.type === 'checkbox';
      f.addEventListener(checkbox || f instanceof HTMLSelectElement ? 'change' : 'input', () => {
        const name = f.dataset.field ?? '';
        if (checkbox) journal(WIDGET, { [name]: f.checked });
        else journalField(WIDGET, name, f, this.t);
        this.schedule();
      });
    }
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>(
        'button[data-copy], button[data-download]',
      );
      if (button) void copyOrDownload(this, button);
    });
    void this.restore();
  }

  private async restore() {
    const { saved } = await this.saved(WIDGET);
    // What the reader changed before the workspace answered stays (restoreFields' rules).
    const changed = restoreFields(this.fields, saved);
    // A manifest the reader pasted before the reload is shown, not left in a closed box.
    if (typeof saved.manifest === 'string' && saved.manifest.trim())
      this.querySelector('[data-manifest-details]')?.setAttribute('open', '');
    if (changed) await this.update();
  }

  /** The change, worked out again (the code that does so loads on first use). */
  protected async show(current: () => boolean) {
    const { showChange } = await import('./update.ts');
    if (current()) showChange(this, this.choices(), this.t);
  }
}

customElements.define('kal-apiserver-change', ApiServerChange);
