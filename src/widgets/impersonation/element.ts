// <kal-impersonation>: the DOM side of the impersonation widget. Up front it only restores and
// journals the fields, offers the part-1 user from the workspace, and wires copy and download;
// working out the command, headers, RBAC objects and verdict (src/recipes/impersonation, with the
// yaml library) is update.ts, loaded on the first edit, or at once when a reload brings back fields
// that differ from the defaults. Every field is kept for a reload (none holds a secret).
import { copyOrDownload } from '../shared/copy-or-download.ts';
import { type FieldInput, FormLab } from '../shared/lab-element.ts';
import { readStrings } from '../shared/strings.ts';
import { journal, journalField, restoreFields } from '../shared/workspace-store.ts';

export const WIDGET = 'impersonation';
/** The part-1 workbench, whose client certificate's user and groups are the reader's own identity. */
const WORKBENCH = 'workbench';

class Impersonation extends FormLab {
  private part1: { user: string; groups: string } | undefined;

  connectedCallback() {
    this.t = readStrings(this);
    this.onFieldEdits((target) => this.onEdit(target));
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>(
        'button[data-copy], button[data-download], button[data-action]',
      );
      if (!button) return;
      if (button.dataset.action === 'use-part1') this.usePart1();
      else void copyOrDownload(this, button);
    });
    void this.restore();
  }

  private onEdit(target: EventTarget | null) {
    const el = target as FieldInput | null;
    const name = el?.dataset?.field;
    if (!name || !el) return;
    if (name === 'rbacSource') this.showEditor(true);
    journalField(WIDGET, name, el, this.t);
    this.schedule();
  }

  /** Shows the RBAC editor for "edited", filled with the generated objects the first time. */
  private showEditor(fill: boolean) {
    const edited = this.findField('rbacSource')?.value === 'edited';
    const box = this.querySelector<HTMLElement>('[data-rbac-edit]');
    if (box) box.hidden = !edited;
    const rbac = this.findField('rbac');
    if (fill && edited && rbac && !rbac.value.trim()) {
      rbac.value = this.querySelector('[data-block="rbac"] pre')?.textContent ?? '';
      journalField(WIDGET, 'rbac', rbac, this.t);
    }
  }

  private async restore() {
    const { ws, saved } = await this.saved(WIDGET);
    const bench = ws?.inputs[WORKBENCH] ?? {};
    if (typeof bench.clientUser === 'string' && bench.clientUser.trim()) {
      this.part1 = {
        user: bench.clientUser.trim(),
        groups: typeof bench.clientGroups === 'string' ? bench.clientGroups : '',
      };
      const use = this.querySelector<HTMLButtonElement>('[data-action="use-part1"]');
      if (use) use.hidden = false;
    }
    // A field the reader typed into before the workspace answered keeps what they typed.
    const changed = restoreFields(this.fields, saved);
    this.showEditor(false);
    if (changed) await this.update();
  }

  /** The part-1 certificate's user and groups (its CN and O values) become the requester. */
  private usePart1() {
    if (!this.part1) return;
    const user = this.findField('requester');
    const groups = this.findField('requesterGroups');
    if (!user || !groups) return;
    user.value = this.part1.user;
    groups.value = this.part1.groups
      .split(/[\n,]/)
      .map((g) => g.trim())
      .filter(Boolean)
      .join('\n');
    journal(WIDGET, { requester: user.value, requesterGroups: groups.value });
    this.schedule();
  }

  /** The command, headers, objects and verdict (the code that works them out loads on first use). */
  protected async show(current: () => boolean) {
    const { showImpersonation } = await import('./update.ts');
    if (current()) showImpersonation(this, this.values(), this.t);
  }
}

customElements.define('kal-impersonation', Impersonation);
