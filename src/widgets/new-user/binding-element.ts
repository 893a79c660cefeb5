// <kal-new-user-binding>: builds the RoleBinding or ClusterRoleBinding for a group with src/kube
// (loaded on first use), shows it with the apply and can-i commands, and keeps the choices in the
// workspace. The group starts as the first group of the CSR made above, when there is one.
import { LabElement } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { followOtherTabs, journal, loadWorkspace } from '../shared/workspace-store.ts';
import { CHANGED, readNewUser } from './state.ts';

const WIDGET = 'new-user-binding';

class NewUserBinding extends LabElement {
  private timer?: ReturnType<typeof setTimeout>;
  current?: { file: string; yaml: string };

  input(name: string): HTMLInputElement | HTMLSelectElement {
    return this.el(`[data-field="${name}"]`);
  }

  private get scope(): 'namespace' | 'cluster' {
    return this.querySelector<HTMLInputElement>('[data-field="scope"]:checked')?.value === 'cluster'
      ? 'cluster'
      : 'namespace';
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    // The field the reader changed is kept at once; the binding follows a moment later.
    this.addEventListener('input', (e) => {
      const name = (e.target as HTMLElement).dataset.field;
      if (name) journal(WIDGET, { [name]: name === 'scope' ? this.scope : this.input(name).value });
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.update(), 250);
    });
    this.addEventListener('click', (e) => {
      if ((e.target as Element).closest('[data-action="download"]')) void this.download();
    });
    // The defaults are rendered on the server without copy buttons; the first touch adds them
    // (unless they are there already: re-rendering would swap the button being clicked).
    for (const event of ['focusin', 'pointerdown']) {
      this.addEventListener(
        event,
        () => {
          if (!this.current) void this.update();
        },
        { once: true },
      );
    }
    window.addEventListener(CHANGED, (e) => {
      if ((e as CustomEvent).detail?.widget !== WIDGET) void this.update();
    });
    // Another tab of this lesson changed the binding: show it here and make it again.
    followOtherTabs(
      WIDGET,
      (name) => (name === 'scope' ? null : this.querySelector(`[data-field="${name}"]`)),
      () => void this.update(),
    );
    void this.restore();
  }

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    const saved = ws?.inputs[WIDGET] ?? {};
    for (const name of ['group', 'role', 'namespace']) {
      const v = saved[name];
      if (typeof v === 'string') this.input(name).value = v;
    }
    if (saved.scope === 'cluster') {
      const radio = this.querySelector<HTMLInputElement>('[data-field="scope"][value="cluster"]');
      if (radio) radio.checked = true;
    }
    const state = await readNewUser();
    if (typeof saved.group !== 'string') {
      const first = state.csrGroups?.[0];
      if (first && first !== 'system:masters') this.input('group').value = first;
    }
    // The page already shows the default binding; a first visit loads no library.
    if (Object.keys(saved).length > 0 || state.csrGroups) await this.update();
  }

  private async download() {
    if (!this.current) await this.update();
    // download.ts is loaded on first use (kept out of the page's up-front JavaScript).
    const { downloadFile } = await import('../shared/download.ts');
    if (this.current) downloadFile(this.current.file, this.current.yaml, 'application/yaml');
  }

  private renders = 0;

  private async update() {
    const run = ++this.renders;
    const group = this.input('group').value;
    const role = this.input('role').value;
    const namespace = this.input('namespace').value;
    const scope = this.scope;
    this.input('namespace').disabled = scope === 'cluster';
    for (const m of this.querySelectorAll<HTMLElement>('[data-message]')) m.textContent = '';
    for (const f of this.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
    const { renderBinding } = await import('./binding-render.ts');
    await renderBinding(this, { group, role, namespace, scope }, () => run === this.renders);
  }
}

customElements.define('kal-new-user-binding', NewUserBinding);
