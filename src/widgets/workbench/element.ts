// <kal-workbench>: the DOM side of lesson 3's workbench. It reads the form, asks src/pki for problems
// and warnings (shown at the field they concern), issues the three certificates, renders what came
// out, and keeps inputs and files in the workspace. The engine, the recipes, the zip code, Shiki and
// the actions themselves (actions.ts) are loaded on first use, never up front.
import { h } from '../shared/dom.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { errorText, readStrings, type Translate, textOr } from '../shared/strings.ts';
import { journal, loadWorkspace, onJournal, onWorkspaceChange } from '../shared/workspace-store.ts';
import {
  DEFAULT_VALUES,
  FIELD_LABEL,
  FIELD_NAMES,
  FIELD_OF,
  paramsFromValues,
  valuesFrom,
  type WorkbenchValues,
} from './form-values.ts';

type Pki = typeof import('../../pki/index.ts');
type KeyPair = import('../../pki/index.ts').GeneratedKeyPair;
type Recipes = typeof import('../../recipes/index.ts');
type Actions = typeof import('./actions.ts');

const WIDGET = 'workbench';
/** The values the files in the workspace were made from (for the recipes and the stale notice). */
const MADE = 'workbench-made';
/** The files the workbench makes, in the order they are shown and zipped. */
const LAB_FILES = [
  'rootCA.pem',
  'rootCA-key.pem',
  'server.pem',
  'server-key.pem',
  'client.pem',
  'client-key.pem',
];
const KINDS = ['root-ca', 'server', 'client'] as const;
type Kind = (typeof KINDS)[number];

interface Problem {
  kind: 'error' | 'warning';
  text: string;
}

export class Workbench extends HTMLElement {
  t: Translate = (k) => k;
  pki?: Promise<Pki>;
  recipes?: Promise<Recipes>;
  timer?: ReturnType<typeof setTimeout>;
  busy = false;
  /** Increases with every render; a render that is overtaken by a newer one drops its result. */
  renderCount = 0;
  files: Record<string, string> = {};
  /** The form values the shown files were made from. */
  made?: WorkbenchValues;
  /** Keys made in the background once the reader starts on the form, so Make only signs. */
  spare?: { algorithm: string; keys: Promise<KeyPair[] | undefined> };

  get form(): HTMLFormElement {
    return this.querySelector('form')!;
  }

  find<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  input(name: keyof WorkbenchValues): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }

  loadPki(): Promise<Pki> {
    this.pki ??= import('../../pki/index.ts').then(async (pki) => {
      if (!(await pki.supportsEd25519())) {
        const option = this.querySelector<HTMLOptionElement>('option[value="Ed25519"]');
        if (option) {
          option.disabled = true;
          option.textContent = `${option.textContent} — ${this.t('workbench.algorithm.unavailable')}`;
        }
      }
      return pki;
    });
    return this.pki;
  }

  loadRecipes(): Promise<Recipes> {
    this.recipes ??= import('../../recipes/index.ts');
    return this.recipes;
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    // Every keystroke is kept at once (a reload a moment later loses nothing); checks wait a little.
    this.form.addEventListener('input', (e) => {
      const field = e.target as HTMLInputElement;
      if (FIELD_NAMES.includes(field.name as keyof WorkbenchValues))
        journal(WIDGET, { [field.name]: field.value });
      this.prepareKeys();
      this.showStale();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.validate(), 300);
    });
    for (const event of ['focusin', 'pointerover']) {
      this.form.addEventListener(event, () => this.prepareKeys());
    }
    // Another tab of this lesson typed in a field: show it here too, unless the reader is in it.
    onJournal(WIDGET, (name, value) => {
      const field = this.form.elements.namedItem(name) as HTMLInputElement | null;
      if (!field || field === document.activeElement || typeof value !== 'string') return;
      field.value = value;
      this.showStale();
      void this.validate();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.generate();
    });
    this.addEventListener('click', (e) => {
      const target = (e.target as Element).closest<HTMLElement>('[data-action]');
      if (target && target.dataset.action !== 'generate') void this.act(target);
    });
    this.find<HTMLInputElement>('[data-import]').addEventListener('change', (e) => void this.importFile(e));
    onWorkspaceChange(() => void this.restore(true));
    void this.restore();
  }

  /**
   * Starts making the three keys for the chosen algorithm, unless they are being made already, and
   * fetches the code the click runs (the actions, the card's name view), so the click only signs.
   */
  prepareKeys() {
    const algorithm = this.input('algorithm').value;
    if (this.spare?.algorithm === algorithm) return;
    void this.act$().catch(() => undefined);
    void import('../shared/name-view.ts').catch(() => undefined);
    // The cards' date is the first Intl date formatting of the page: its locale data loads now.
    setTimeout(() => new Date(0).toLocaleString(document.documentElement.lang), 0);
    const keys = this.loadPki().then((pki) =>
      Promise.all(KINDS.map(() => pki.generateKeyPair(algorithm as never))).catch(() => undefined),
    );
    this.spare = { algorithm, keys };
  }

  /** The background keys for `algorithm` (then gone: a key is used once), or undefined. */
  async takeKeys(algorithm: string): Promise<KeyPair[] | undefined> {
    const spare = this.spare;
    this.spare = undefined;
    return spare?.algorithm === algorithm ? spare.keys : undefined;
  }

  /** Says at the cards which values the shown files were not made from, and offers to make them again. */
  showStale() {
    const box = this.find('[data-stale]');
    const now = this.values();
    const made = this.made;
    const changed = made ? FIELD_NAMES.filter((n) => made[n] !== now[n]) : [];
    box.hidden = changed.length === 0 || this.find('[data-results]').hidden;
    const show = (v: string) =>
      v.trim() === '' ? this.t('workbench.stale.empty') : `“${v.replace(/\n/g, ', ')}”`;
    this.find('[data-stale-list]').replaceChildren(
      ...changed.map((n) =>
        h(
          'li',
          {},
          this.t('workbench.stale.field', {
            section: this.t(FIELD_LABEL[n][0]),
            field: this.t(FIELD_LABEL[n][1]),
            made: show(made![n]),
            now: show(now[n]),
          }),
        ),
      ),
    );
  }

  values(): WorkbenchValues {
    const out = { ...DEFAULT_VALUES };
    for (const name of FIELD_NAMES) out[name] = this.input(name).value;
    return out;
  }

  /**
   * Puts the workspace back into the page: inputs first, then (if any) the generated files. When
   * another tab or the browser deleted the files (`remote`), the page keeps showing them and says
   * they are no longer kept.
   */
  async restore(remote = false) {
    let ws: Awaited<ReturnType<typeof loadWorkspace>>;
    try {
      ws = await loadWorkspace();
    } catch {
      this.status('[data-ws-status]', this.t('workbench.ws.unavailable'));
      return;
    }
    const saved = ws.inputs[WIDGET];
    const values = valuesFrom(saved as Record<string, unknown> | undefined);
    for (const name of FIELD_NAMES) this.input(name).value = values[name];
    const files = Object.fromEntries(LAB_FILES.filter((f) => ws.files[f]).map((f) => [f, ws.files[f]!]));
    if (remote && !this.find('[data-results]').hidden && LAB_FILES.some((f) => !files[f])) {
      this.status('[data-status]', this.t('workbench.ws.gone'));
      this.showStale();
      return;
    }
    this.files = files;
    const made = ws.inputs[MADE];
    this.made = made ? valuesFrom(made as Record<string, unknown>) : undefined;
    if (saved) await this.validate();
    if (LAB_FILES.every((f) => this.files[f])) {
      await this.renderResults(typeof saved?.generatedAt === 'string' ? saved.generatedAt : ws.updatedAt);
    } else {
      this.renderCount++;
      this.find('[data-results]').hidden = true;
      this.find('[data-recipes]').hidden = true;
    }
  }

  /** Shows every error and warning at its field; returns the number of errors. */
  async validate(): Promise<number> {
    const pki = await this.loadPki();
    const params = paramsFromValues(this.values());
    const byField = new Map<keyof WorkbenchValues, Problem[]>();
    const add = (field: keyof WorkbenchValues | undefined, p: Problem) => {
      if (!field) return;
      const list = byField.get(field) ?? [];
      if (!list.some((x) => x.text === p.text)) list.push(p);
      byField.set(field, list);
    };
    const paramsOf: Record<Kind, (typeof params)[keyof typeof params]> = {
      'root-ca': params.rootCa,
      server: params.server,
      client: params.client,
    };
    for (const kind of KINDS) {
      for (const e of pki.findParamErrors(kind, paramsOf[kind])) {
        add(FIELD_OF[kind][String(e.details.field)], { kind: 'error', text: errorText(this.t, e) });
      }
      for (const w of pki.lintParams(kind, paramsOf[kind])) {
        const text = textOr(this.t, `workbench.${w.code}`, w.message, w.values);
        add(FIELD_OF[kind][w.field], { kind: 'warning', text });
      }
    }
    if (params.rootCa.algorithm === 'Ed25519' && !(await pki.supportsEd25519())) {
      add('algorithm', { kind: 'error', text: this.t('workbench.algorithm.unavailable') });
    }
    let errors = 0;
    for (const name of FIELD_NAMES) {
      const problems = byField.get(name) ?? [];
      const message = this.find(`[data-message-for="${name}"]`);
      const hasError = problems.some((p) => p.kind === 'error');
      errors += problems.filter((p) => p.kind === 'error').length;
      message.textContent = problems.map((p) => p.text).join(' ');
      message.dataset.kind = hasError ? 'error' : 'warning';
      if (hasError) this.input(name).setAttribute('aria-invalid', 'true');
      else this.input(name).removeAttribute('aria-invalid');
    }
    return errors;
  }

  status(selector: string, text: string) {
    this.find(selector).textContent = text;
  }

  // What the reader does is in actions.ts, loaded on first use.
  private actions?: Promise<Actions>;
  private act$(): Promise<Actions> {
    this.actions ??= import('./actions.ts');
    return this.actions;
  }
  generate(): Promise<void> {
    return this.act$().then((a) => a.generate.call(this));
  }
  renderResults(...args: Parameters<Actions['renderResults']>): Promise<void> {
    return this.act$().then((a) => a.renderResults.apply(this, args));
  }
  act(target: HTMLElement): Promise<void> {
    return this.act$().then((a) => a.act.call(this, target));
  }
  importFile(e: Event): Promise<void> {
    return this.act$().then((a) => a.importFile.call(this, e));
  }
}

customElements.define('kal-workbench', Workbench);
