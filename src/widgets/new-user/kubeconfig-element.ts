// <kal-kubeconfig-builder>: the DOM side of lesson 7's kubeconfig builder. The CA comes from the
// workspace (ca.crt saved by lesson 6's decoder, or rootCA.pem) or is pasted; the certificate is
// pasted; the key is the one the CSR builder made (or pasted). src/pki checks that they fit
// together, src/kube writes the kubeconfig and the whoami preview, src/recipes the commands. The
// private key is embedded in the downloaded file but never shown on the page.
import { LabElement } from '../shared/lab-element.ts';

import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { followOtherTabs, journal, journalField, loadWorkspace } from '../shared/workspace-store.ts';
import { FIELDS, type Field, WIDGET } from './kubeconfig-fields.ts';
import { CHANGED, readNewUser } from './state.ts';

/** Workspace files offered as the cluster CA, in this order. */
const CA_FILES = ['ca.crt', 'rootCA.pem'];

export class KubeconfigBuilder extends LabElement {
  workspaceKey?: { file: string; pem: string };
  built?: { file: string; text: string };

  field(name: Field): HTMLInputElement | HTMLTextAreaElement {
    return this.el(`[data-field="${name}"]`);
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.addEventListener('click', (e) => {
      const target = (e.target as Element).closest<HTMLElement>('[data-action]');
      if (!target) return;
      if (target.dataset.action === 'build') void this.build();
      const built = this.built;
      if (target.dataset.action === 'download' && built) {
        // download.ts is loaded on first use (kept out of the page's up-front JavaScript).
        void import('../shared/download.ts').then((d) =>
          d.downloadFile(built.file, built.text, 'application/yaml'),
        );
      }
      if (target.dataset.action === 'use-ca') void this.useCa(target.dataset.file ?? '');
    });
    // Kept at once as typed; a pasted private key only when the reader ticks the box.
    for (const name of FIELDS) this.field(name).addEventListener('input', () => this.save(name));
    this.keep.addEventListener('change', () => {
      journal(WIDGET, { keepKeys: this.keep.checked });
      this.save('key');
    });
    window.addEventListener(CHANGED, (e) => {
      if ((e as CustomEvent).detail?.widget !== WIDGET) void this.refreshWorkspace();
    });
    // Another tab of this lesson changed a field (never a key it may not keep): show it here too.
    followOtherTabs(
      WIDGET,
      (name) => ((FIELDS as readonly string[]).includes(name) ? this.field(name as Field) : null),
      () => undefined,
    );
    void this.restore();
  }

  values(): Record<Field, string> {
    return Object.fromEntries(FIELDS.map((f) => [f, this.field(f).value])) as Record<Field, string>;
  }

  get keep() {
    return this.el<HTMLInputElement>('[data-keep-keys]');
  }

  private save(name: Field) {
    journalField(WIDGET, name, this.field(name), this.t, { keepKeys: this.keep.checked });
  }

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    const saved = ws?.inputs[WIDGET] ?? {};
    this.keep.checked = saved.keepKeys === true;
    for (const name of FIELDS) {
      const v = saved[name];
      if (typeof v === 'string') this.field(name).value = v;
    }
    const decoded = ws?.inputs['kubeconfig-decoder']?.server;
    if (typeof saved.server !== 'string' && typeof decoded === 'string' && decoded) {
      this.field('server').value = decoded;
    }
    await this.refreshWorkspace();
    if (saved.built === true) await this.build(true);
  }

  /** Offers the workspace's CA files and picks up the key (and certificate) the CSR builder saved. */
  private async refreshWorkspace() {
    const ws = await loadWorkspace().catch(() => undefined);
    if (!ws) return;
    const state = await readNewUser();
    if (state.base || CA_FILES.some((f) => ws.files[f])) {
      // Only when the workspace has something to offer (never on a first visit).
      const { refreshFromWorkspace } = await import('./kubeconfig-workspace.ts');
      refreshFromWorkspace(this, ws, state, CA_FILES);
      return;
    }
    this.el('[data-ca-choices]').replaceChildren();
    this.workspaceKey = undefined;
    this.el('[data-key-status]').textContent = this.t('kcbuilder.keyMissing');
  }

  private async useCa(file: string) {
    const ws = await loadWorkspace().catch(() => undefined);
    const pem = ws?.files[file];
    if (pem) this.field('ca').value = pem;
    this.save('ca');
  }

  message(field: Field, text: string, kind: 'error' | 'warning' = 'error') {
    const m = this.el(`[data-message="${field}"]`);
    m.textContent = text;
    m.dataset.kind = kind;
    if (kind === 'error') this.field(field).setAttribute('aria-invalid', 'true');
  }

  private async build(quiet = false) {
    const { buildInto } = await import('./kubeconfig-build.ts');
    await buildInto(this, quiet);
  }
}

customElements.define('kal-kubeconfig-builder', KubeconfigBuilder);
