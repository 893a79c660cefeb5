// <kal-cert-inspector>: the DOM side of the certificate inspector. Reading and decoding is
// read-input.ts (src/pki and src/kube underneath) and the result sections are render.ts, both loaded
// on first use; this file wires the fields, the file picker, the workspace and the messages.
// Private keys are never shown: only their type and which certificate they belong to. The pasted
// text stays in the field whatever happens.

import { h } from '../shared/dom.ts';
import { errorCode, fieldMessage } from '../shared/field-fail.ts';
import { type GuardedField, guardLargePastes } from '../shared/held-paste.ts';
import { LabElement } from '../shared/lab-element.ts';
import { errorText, readStrings } from '../shared/strings.ts';
import { journalField, loadWorkspace } from '../shared/workspace-store.ts';
import type { InspectResult, ProblemItem } from './read-input.ts';

type Reader = typeof import('./read-input.ts');

const WIDGET = 'cert-inspector';

class CertInspector extends LabElement {
  private reader?: Promise<Reader>;
  private timer?: ReturnType<typeof setTimeout>;
  private run = 0;
  private renderer?: Promise<import('./render.ts').InspectRenderer>;

  private guard?: GuardedField;

  private get input() {
    return this.el<HTMLTextAreaElement>('[data-input]');
  }

  private loadReader(): Promise<Reader> {
    this.reader ??= import('./read-input.ts');
    return this.reader;
  }

  connectedCallback() {
    this.t = readStrings(this);
    this.guard = guardLargePastes(this.input, this.el('[data-large-notice]'), this.t, () => {
      void this.inspectText(true);
    });
    this.input.addEventListener('input', () => {
      this.save(this.input.value);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.inspectText(true), 250);
    });
    this.el<HTMLInputElement>('[data-file]').addEventListener('change', (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (file) void this.inspectFile(file);
    });
    this.input.addEventListener('dragover', (e) => e.preventDefault());
    this.input.addEventListener('drop', (e) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void this.inspectFile(file);
    });
    this.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action === 'inspect') {
        // An explicit Inspect of an empty box says so instead of clearing the page silently.
        if ((this.guard?.text() ?? this.input.value).trim() === '') {
          fieldMessage(
            this.input,
            this.el('[data-input-message]'),
            this.t('error.input/empty'),
            'input/empty',
          );
        } else void this.inspectText(false);
      }
      if (action === 'use-workspace') void this.useWorkspaceFile();
    });
    void this.restore();
  }

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    if (!ws) return;
    const names = Object.keys(ws.files)
      .filter((n) => /\.(pem|crt|csr)$/.test(n) && !/key/.test(n))
      .sort();
    if (names.length > 0) {
      const select = this.el<HTMLSelectElement>('[data-workspace-file]');
      select.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
      this.el('[data-workspace]').hidden = false;
    }
    const saved = ws.inputs[WIDGET]?.text;
    // A reader already in the box (focused: about to type or paste) keeps it as it is: text put in
    // between a select-all and the typing would be joined with what they type.
    if (typeof saved === 'string' && saved && !this.input.value && document.activeElement !== this.input) {
      this.input.value = saved;
      await this.inspectText(false);
    }
  }

  private async useWorkspaceFile() {
    const name = this.el<HTMLSelectElement>('[data-workspace-file]').value;
    const ws = await loadWorkspace().catch(() => undefined);
    const text = ws?.files[name];
    if (typeof text !== 'string') {
      this.status(this.t('inspector.workspaceFileGone', { file: name }));
      return;
    }
    this.setText(text);
    await this.inspectText(true);
  }

  /** Puts text in the box, replacing a large paste held out of it. */
  private setText(text: string) {
    if (this.guard) this.guard.set(text);
    else this.input.value = text;
  }

  private status(text: string) {
    this.el('[data-status]').textContent = text;
  }

  private async inspectText(save: boolean) {
    clearTimeout(this.timer);
    const run = ++this.run;
    const text = this.guard?.text() ?? this.input.value;
    const message = this.el('[data-input-message]');
    fieldMessage(this.input, message, '');
    this.el('[data-file-message]').textContent = '';
    if (text === '') {
      this.el('[data-results]').replaceChildren();
      this.status('');
      if (save) this.save('');
      return;
    }
    this.status(this.t('inspector.reading'));
    let holdsKey: boolean | undefined;
    try {
      const reader = await this.loadReader();
      const result = await reader.inspectText(text);
      holdsKey = reader.heldPrivateKey(result);
      if (run !== this.run) return;
      await this.render(result);
      const only = onlyProblem(result);
      if (only) fieldMessage(this.input, message, await this.problemText(only), only.code);
    } catch (e) {
      if (run !== this.run) return;
      this.el('[data-results]').replaceChildren();
      this.status('');
      fieldMessage(this.input, message, errorText(this.t, e), errorCode(e));
    }
    if (save) this.save(text, holdsKey);
  }

  private async inspectFile(file: File) {
    // A file chosen while typed text waits for its debounce replaces that text: the text must not
    // be inspected after it and hide the file's result.
    clearTimeout(this.timer);
    const run = ++this.run;
    const fileMessage = this.el('[data-file-message]');
    fileMessage.textContent = '';
    delete fileMessage.dataset.code;
    fieldMessage(this.input, this.el('[data-input-message]'), '');
    this.status(this.t('inspector.readingFile', { name: file.name }));
    try {
      const reader = await this.loadReader();
      const result = await reader.inspectBytes(new Uint8Array(await file.arrayBuffer()));
      if (run !== this.run) return;
      if (result.text !== undefined) {
        this.setText(result.text);
        this.save(result.text, reader.heldPrivateKey(result));
      }
      await this.render(result, file.name);
      const only = onlyProblem(result);
      if (only) {
        fileMessage.textContent = `${file.name}: ${await this.problemText(only)}`;
        fileMessage.dataset.code = only.code;
      }
    } catch (e) {
      if (run !== this.run) return;
      this.el('[data-results]').replaceChildren();
      this.status('');
      fileMessage.textContent = `${file.name}: ${errorText(this.t, e)}`;
      fileMessage.dataset.code = errorCode(e);
    }
  }

  /**
   * Keeps the text for a reload, at once (see journal()): never a private key the reader pasted
   * only to look at (`holdsKey`, what inspecting found, or the shared rule), never a huge paste.
   */
  private save(text: string, holdsKey = false) {
    journalField(WIDGET, 'text', this.input, this.t, { value: text, key: holdsKey });
  }

  private async render(result: InspectResult, fileName?: string) {
    this.renderer ??= import('./render.ts').then((m) => new m.InspectRenderer(this.t));
    const out = (await this.renderer).render(result, fileName);
    this.status(out.status);
    this.el('[data-results]').replaceChildren(...out.sections);
  }

  private async problemText(item: ProblemItem): Promise<string> {
    this.renderer ??= import('./render.ts').then((m) => new m.InspectRenderer(this.t));
    return (await this.renderer).problemText(item);
  }
}

/** The first problem, when the input held nothing readable at all. */
function onlyProblem(result: InspectResult): ProblemItem | undefined {
  if (result.items.some((i) => i.kind !== 'problem')) return undefined;
  return result.items.find((i): i is ProblemItem => i.kind === 'problem');
}

customElements.define('kal-cert-inspector', CertInspector);
