// <kal-token-file>: the DOM side of the token-file builder. Up front it only restores the rows and
// journals every edit (tokens made here are kept like the workbench's keys; a token the reader typed
// or pasted is the reader's own secret and is kept only when the box is ticked, as pasted private
// keys are). Making tokens, the file, its reading and the commands load on first use (actions.ts).
import { LabElement } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { journal, loadWorkspace } from '../shared/workspace-store.ts';

export const WIDGET = 'token-file';
export const COLUMNS = ['user', 'uid', 'groups', 'token'] as const;
export type Column = (typeof COLUMNS)[number];
export const FIELDS = ['server', 'caFile', 'chosen'] as const;
export type Field = (typeof FIELDS)[number];

/** One row as the reader left it; `own` marks a token the reader typed instead of one made here. */
export interface RowValues {
  user: string;
  uid: string;
  groups: string;
  token: string;
  own?: boolean;
}

type Actions = typeof import('./actions.ts');

export class TokenFileElement extends LabElement {
  built = false;
  /** The tokens.csv text last written (what Download saves); '' while a field is refused. */
  written = '';
  private actions?: Promise<Actions>;
  private serial = 1;

  field(name: Field): HTMLInputElement | HTMLSelectElement {
    return this.el(`[data-field="${name}"]`);
  }

  get keep(): HTMLInputElement {
    return this.el('[data-keep-tokens]');
  }

  rowEls(): HTMLFieldSetElement[] {
    return [...this.el('[data-rows]').querySelectorAll<HTMLFieldSetElement>('[data-row]')];
  }

  cell(row: HTMLElement, col: Column): HTMLInputElement {
    return row.querySelector<HTMLInputElement>(`[data-col="${col}"]`)!;
  }

  rowValues(row: HTMLElement): RowValues {
    const v = Object.fromEntries(COLUMNS.map((c) => [c, this.cell(row, c).value])) as unknown as RowValues;
    if (row.dataset.own === 'true') v.own = true;
    return v;
  }

  rows(): RowValues[] {
    return this.rowEls().map((r) => this.rowValues(r));
  }

  load(): Promise<Actions> {
    this.actions ??= import('./actions.ts');
    return this.actions;
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.renumber();
    this.addEventListener('input', (e) => {
      const target = e.target as HTMLElement;
      const row = target.closest<HTMLElement>('[data-row]');
      if (row && target.dataset.col === 'token') row.dataset.own = 'true';
      if (target.hasAttribute('data-paste')) this.pasteChanged();
      else if (target.dataset.col || target.dataset.field) this.changed();
    });
    this.addEventListener('change', (e) => {
      const target = e.target as HTMLElement;
      if (target.hasAttribute('data-keep-tokens')) this.pasteChanged();
      if (target.hasAttribute('data-keep-tokens') || target.dataset.field === 'chosen') this.changed();
    });
    this.addEventListener('click', (e) => {
      const target = (e.target as Element).closest<HTMLElement>('[data-action]');
      if (!target) return;
      const row = target.closest<HTMLElement>('[data-row]');
      const action = target.dataset.action;
      if (action === 'add') this.addRow({ user: '', uid: '', groups: '', token: '' }, true);
      else if (action === 'remove' && row) {
        row.remove();
        this.renumber();
        this.changed();
      } else if (action === 'regenerate' && row) void this.load().then((a) => a.regenerate(this, row));
      else if (action === 'build') void this.load().then((a) => a.build(this));
      else if (action === 'download') void this.load().then((a) => a.download(this));
      else if (action === 'read') void this.load().then((a) => a.readPasted(this));
    });
    void this.restore();
  }

  /** Appends a row from the template; after the first build its token is made at once. */
  addRow(values: RowValues, focus = false): HTMLElement {
    const tpl = this.el<HTMLTemplateElement>('[data-row-template]');
    const row = (tpl.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
    this.el('[data-rows]').append(row);
    for (const c of COLUMNS) this.cell(row, c).value = values[c] ?? '';
    if (values.own) row.dataset.own = 'true';
    this.renumber();
    if (focus) {
      this.cell(row, 'user').focus();
      if (this.built) void this.load().then((a) => a.regenerate(this, row));
      else this.changed();
    }
    return row;
  }

  /** Numbers the legends and gives every field a unique id, so labels and messages stay tied to it. */
  renumber() {
    const id = this.dataset.id ?? 'tf';
    this.rowEls().forEach((row, i) => {
      row.dataset.key ??= String(this.serial++);
      const p = `${id}-r${row.dataset.key}`;
      row.querySelector('[data-row-legend]')!.textContent = this.t('tokenfile.rowLegend', { n: i + 1 });
      for (const c of COLUMNS) {
        const input = this.cell(row, c);
        input.id = `${p}-${c}`;
        row.querySelector(`[data-for="${c}"]`)?.setAttribute('for', input.id);
        const msg = row.querySelector<HTMLElement>(`[data-message="${c}"]`)!;
        msg.id = `${p}-${c}-msg`;
        const hint = row.querySelector<HTMLElement>(`[data-hint="${c}"]`);
        if (hint) hint.id = `${p}-${c}-hint`;
        input.setAttribute('aria-describedby', hint ? `${hint.id} ${msg.id}` : msg.id);
      }
      for (const b of row.querySelectorAll<HTMLElement>('[data-action]')) {
        b.setAttribute('aria-describedby', `${p}-user`);
      }
    });
  }

  /** Journals everything now (synchronously), then redraws the results if they are shown. */
  changed() {
    const keep = this.keep.checked;
    const rows = this.rows().map((r) => (r.own && !keep ? { ...r, token: '' } : r));
    journal(WIDGET, {
      rows: JSON.stringify(rows),
      keepTokens: keep,
      built: this.built,
      ...Object.fromEntries(FIELDS.map((f) => [f, this.field(f).value])),
    });
    for (const row of this.rowEls()) {
      const note = row.querySelector<HTMLElement>('[data-token-note]')!;
      const notKept = row.dataset.own === 'true' && !keep && this.cell(row, 'token').value !== '';
      note.hidden = !notKept;
      note.textContent = notKept ? this.t('tokenfile.notKept') : '';
    }
    if (this.built) void this.load().then((a) => a.render(this));
  }

  get paste(): HTMLTextAreaElement {
    return this.el('[data-paste]');
  }

  /**
   * A pasted tokens.csv is likely a real cluster's, every line a credential: like a pasted private
   * key it is kept for a reload only when the reader ticks the box, and the page says so.
   */
  pasteChanged() {
    const keep = this.keep.checked;
    const text = this.paste.value;
    journal(WIDGET, { pasted: keep ? text : '', pastedRead: this.paste.dataset.read === 'true' });
    const note = this.el('[data-paste-note]');
    note.hidden = keep || text === '';
    note.textContent = note.hidden ? '' : this.t('tokenfile.pasteNotKept');
  }

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    const saved = ws?.inputs[WIDGET] ?? {};
    if (typeof saved.rows === 'string') {
      let rows: RowValues[] = [];
      try {
        rows = JSON.parse(saved.rows) as RowValues[];
      } catch {
        rows = [];
      }
      if (Array.isArray(rows)) {
        for (const r of this.rowEls()) r.remove();
        for (const r of rows) this.addRow(r);
      }
    } else {
      const server = ws?.inputs['kubeconfig-decoder']?.server;
      if (typeof server === 'string' && server) this.field('server').value = server;
    }
    this.keep.checked = saved.keepTokens === true;
    for (const f of FIELDS) {
      const v = saved[f];
      if (typeof v === 'string' && f !== 'chosen') this.field(f).value = v;
    }
    if (typeof saved.chosen === 'string') this.dataset.chosen = saved.chosen;
    if (typeof saved.pasted === 'string' && saved.pasted !== '') {
      this.paste.value = saved.pasted;
      this.el<HTMLDetailsElement>('[data-paste-section]').open = true;
      if (saved.pastedRead === true) (await this.load()).readPasted(this);
    }
    if (saved.built === true) (await this.load()).build(this, true);
  }
}

customElements.define('kal-token-file', TokenFileElement);
