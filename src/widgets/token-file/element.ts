// <kal-token-file>: the DOM side of the token-file builder. Up front it only restores the rows and
// journals every edit (tokens made here are kept like the workbench's keys; a token the reader typed
// or pasted is the reader's own secret and is kept only when the box is ticked, as pasted private
// keys are). Making tokens, the file, its reading and the commands load on first use (actions.ts).
import { LabElement, once } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { journal } from '../shared/workspace-store.ts';

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

/** Whether the reader typed into `input` since the page loaded, or is in it. */
const typedIn = (input: HTMLInputElement) =>
  input.value !== input.defaultValue || input === document.activeElement;

export class TokenFileElement extends LabElement {
  built = false;
  /** The tokens.csv text last written (what Download saves); '' while a field is refused. */
  written = '';
  private serial = 1;
  /** Whether the saved work has yet to be put back; an edit meanwhile is journaled after it. */
  private restoring = true;
  private editedWhileRestoring = false;

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

  /** What the reader does, loaded on first use. */
  load = once<Actions>(() => import('./actions.ts'));

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
    void this.restore().finally(() => {
      this.restoring = false;
      if (this.editedWhileRestoring) this.changed();
    });
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
    // Until the workspace has answered, the rows are not journaled: all rows are one journal entry,
    // and the page's rows would hide the saved ones. restore() journals both together.
    if (this.restoring) this.editedWhileRestoring = true;
    else
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
    const { ws, saved } = await this.saved(WIDGET);
    let typed = false;
    if (typeof saved.rows === 'string') {
      let rows: RowValues[] = [];
      try {
        rows = JSON.parse(saved.rows) as RowValues[];
      } catch {
        rows = [];
      }
      if (Array.isArray(rows)) typed = this.restoreRows(rows);
    } else {
      const server = ws?.inputs['kubeconfig-decoder']?.server;
      if (typeof server === 'string' && server) this.field('server').value = server;
    }
    // The box and the fields the reader changed before the workspace answered keep what they hold.
    if (this.keep.checked === this.keep.defaultChecked) this.keep.checked = saved.keepTokens === true;
    else typed = true;
    for (const f of FIELDS) {
      const v = saved[f];
      const input = this.field(f);
      if (typeof v !== 'string' || f === 'chosen') continue;
      if (input instanceof HTMLInputElement && typedIn(input)) typed = true;
      else input.value = v;
    }
    if (typeof saved.chosen === 'string') this.dataset.chosen = saved.chosen;
    if (typeof saved.pasted === 'string' && saved.pasted !== '') {
      this.paste.value = saved.pasted;
      this.el<HTMLDetailsElement>('[data-paste-section]').open = true;
      if (saved.pastedRead === true) (await this.load()).readPasted(this);
    }
    if (saved.built === true) (await this.load()).build(this, true);
    // What the reader typed meanwhile and what was saved are now on the page together: journal both.
    if (typed) this.editedWhileRestoring = true;
  }

  /**
   * Puts the saved rows in place of the page's, row by row and in place (the row the reader is in
   * stays, focus and all). A cell the reader typed into before the workspace answered, or is in,
   * keeps what it holds, and a row they typed in is not removed. Says whether any such cell was.
   */
  private restoreRows(rows: RowValues[]): boolean {
    let typed = false;
    const els = this.rowEls();
    rows.forEach((values, i) => {
      const row = els[i];
      if (!row) {
        this.addRow(values);
        return;
      }
      for (const c of COLUMNS) {
        const input = this.cell(row, c);
        if (typedIn(input)) typed = true;
        else {
          input.value = values[c] ?? '';
          if (c !== 'token') continue;
          if (values.own) row.dataset.own = 'true';
          else delete row.dataset.own;
        }
      }
    });
    for (const row of els.slice(rows.length)) {
      if (COLUMNS.some((c) => typedIn(this.cell(row, c)))) typed = true;
      else row.remove();
    }
    this.renumber();
    return typed;
  }
}

customElements.define('kal-token-file', TokenFileElement);
