// <kal-workbench>: the DOM side of lesson 3's workbench. It reads the form, asks src/pki for problems
// and warnings (shown at the field they concern), issues the three certificates, renders what came
// out, and keeps inputs and files in the workspace. The engine, the recipes, the zip code and Shiki
// are loaded on first use, never up front.
import { copyText, downloadFile } from '../shared/download.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { errorText, pageLang, readStrings, type Translate } from '../shared/strings.ts';
import {
  deleteWorkspace,
  exportWorkspace,
  importWorkspace,
  journal,
  loadWorkspace,
  onJournal,
  onWorkspaceChange,
  updateWorkspace,
} from '../shared/workspace-store.ts';
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

class Workbench extends HTMLElement {
  private t: Translate = (k) => k;
  private pki?: Promise<Pki>;
  private recipes?: Promise<Recipes>;
  private timer?: ReturnType<typeof setTimeout>;
  private busy = false;
  /** Increases with every render; a render that is overtaken by a newer one drops its result. */
  private renderCount = 0;
  private files: Record<string, string> = {};
  /** The form values the shown files were made from. */
  private made?: WorkbenchValues;
  /** Keys made in the background once the reader starts on the form, so Make only signs. */
  private spare?: { algorithm: string; keys: Promise<KeyPair[] | undefined> };

  private get form(): HTMLFormElement {
    return this.querySelector('form')!;
  }

  private find<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  private input(name: keyof WorkbenchValues): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }

  private loadPki(): Promise<Pki> {
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

  private loadRecipes(): Promise<Recipes> {
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

  /** Starts making the three keys for the chosen algorithm, unless they are being made already. */
  private prepareKeys() {
    const algorithm = this.input('algorithm').value;
    if (this.spare?.algorithm === algorithm) return;
    const keys = this.loadPki().then((pki) =>
      Promise.all(KINDS.map(() => pki.generateKeyPair(algorithm as never))).catch(() => undefined),
    );
    this.spare = { algorithm, keys };
  }

  /** The background keys for `algorithm` (then gone: a key is used once), or undefined. */
  private async takeKeys(algorithm: string): Promise<KeyPair[] | undefined> {
    const spare = this.spare;
    this.spare = undefined;
    return spare?.algorithm === algorithm ? spare.keys : undefined;
  }

  /** Says at the cards which values the shown files were not made from, and offers to make them again. */
  private showStale() {
    const box = this.find('[data-stale]');
    const now = this.values();
    const made = this.made;
    const changed = made ? FIELD_NAMES.filter((n) => made[n] !== now[n]) : [];
    box.hidden = changed.length === 0 || this.find('[data-results]').hidden;
    const show = (v: string) =>
      v.trim() === '' ? this.t('workbench.stale.empty') : `“${v.replace(/\n/g, ', ')}”`;
    this.find('[data-stale-list]').replaceChildren(
      ...changed.map((n) => {
        const li = document.createElement('li');
        li.textContent = this.t('workbench.stale.field', {
          section: this.t(FIELD_LABEL[n][0]),
          field: this.t(FIELD_LABEL[n][1]),
          made: show(made![n]),
          now: show(now[n]),
        });
        return li;
      }),
    );
  }

  private values(): WorkbenchValues {
    const out = { ...DEFAULT_VALUES };
    for (const name of FIELD_NAMES) out[name] = this.input(name).value;
    return out;
  }

  /**
   * Puts the workspace back into the page: inputs first, then (if any) the generated files. When
   * another tab or the browser deleted the files (`remote`), the page keeps showing them and says
   * they are no longer kept.
   */
  private async restore(remote = false) {
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
  private async validate(): Promise<number> {
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
        const key = `workbench.${w.code}`;
        const text = this.t(key, w.values);
        add(FIELD_OF[kind][w.field], { kind: 'warning', text: text === key ? w.message : text });
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

  private status(selector: string, text: string) {
    this.find(selector).textContent = text;
  }

  private async generate() {
    if (this.busy) return;
    this.busy = true;
    const button = this.find<HTMLButtonElement>('[data-action="generate"]');
    button.disabled = true;
    this.setAttribute('aria-busy', 'true');
    try {
      this.status('[data-status]', this.t('workbench.status.checking'));
      const errors = await this.validate();
      if (errors > 0) {
        this.status('[data-status]', this.t('workbench.status.problems', { count: errors }));
        this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        return;
      }
      const pki = await this.loadPki();
      const values = this.values();
      const params = paramsFromValues(values);
      const keys = await this.takeKeys(values.algorithm);
      this.status('[data-status]', this.t('workbench.status.ca'));
      const ca = await pki.issueRootCa(params.rootCa, keys?.[0]);
      this.status('[data-status]', this.t('workbench.status.server'));
      const server = await pki.issueServerCertificate(params.server, ca, keys?.[1]);
      this.status('[data-status]', this.t('workbench.status.client'));
      const client = await pki.issueClientCertificate(params.client, ca, keys?.[2]);
      const generatedAt = new Date().toISOString();
      this.files = {
        'rootCA.pem': ca.certificatePem,
        'rootCA-key.pem': ca.privateKeyPem,
        'server.pem': server.certificatePem,
        'server-key.pem': server.privateKeyPem,
        'client.pem': client.certificatePem,
        'client-key.pem': client.privateKeyPem,
      };
      const files = this.files;
      this.made = values;
      // Show the keys first: a browser that refuses storage must not cost the reader them. The
      // status says "done" as the cards appear, and "kept" only once the workspace holds them.
      const done = this.t('workbench.status.done');
      // The save starts at once (a reload right after the cards appear keeps them); the cards do
      // not wait for it.
      const saved = updateWorkspace((ws) => {
        ws.files = { ...ws.files, ...files };
        ws.inputs[WIDGET] = { ...(ws.inputs[WIDGET] ?? {}), ...values, generatedAt };
        ws.inputs[MADE] = { ...values };
      });
      saved.catch(() => undefined);
      await this.renderResults(generatedAt, () => {
        this.status('[data-status]', done);
        this.find('[data-results] h3').focus();
      });
      try {
        await saved;
        this.status('[data-status]', `${done} ${this.t('workbench.ws.kept')}`);
      } catch (e) {
        this.status(
          '[data-status]',
          `${done} ${this.t('workbench.ws.notKept', { reason: errorText(this.t, e) })}`,
        );
      }
    } catch (e) {
      this.status('[data-status]', errorText(this.t, e));
    } finally {
      this.busy = false;
      button.disabled = false;
      this.removeAttribute('aria-busy');
    }
  }

  /** Shows the cards (calling `shown` as they appear), then the recipes for the values they came from. */
  private async renderResults(generatedAt: string, shown?: () => void) {
    const render = ++this.renderCount;
    const [pki, names] = await Promise.all([this.loadPki(), import('../shared/name-view.ts')]);
    const cards = document.createDocumentFragment();
    const when = new Date(generatedAt);
    this.find('[data-results-when]').textContent = this.t('workbench.results.when', {
      time: Number.isNaN(when.getTime()) ? generatedAt : when.toLocaleString(document.documentElement.lang),
    });
    for (const [title, cert, key] of [
      ['workbench.card.ca', 'rootCA.pem', 'rootCA-key.pem'],
      ['workbench.card.server', 'server.pem', 'server-key.pem'],
      ['workbench.card.client', 'client.pem', 'client-key.pem'],
    ] as const) {
      const card = document.createElement('article');
      card.className = 'kal-wb-card';
      const heading = document.createElement('h4');
      heading.textContent = this.t(title);
      card.append(heading);
      try {
        const info = await pki.inspectCertificate(this.files[cert]!);
        const rows: [string, string | Node][] = [
          [this.t('workbench.field.subject'), names.nameNode(info.subject.rfc4514)],
          [this.t('workbench.field.issuer'), names.nameNode(info.issuer.rfc4514)],
          [
            this.t('workbench.field.validity'),
            this.t('workbench.field.validityValue', {
              from: info.notBefore.slice(0, 10),
              to: info.notAfter.slice(0, 10),
            }),
          ],
          [
            this.t('workbench.field.key'),
            `${info.publicKey.algorithm}${info.publicKey.curve ? ` ${info.publicKey.curve}` : info.publicKey.size ? ` ${info.publicKey.size}` : ''}`,
          ],
        ];
        const sans = [...(info.subjectAltNames?.dns ?? []), ...(info.subjectAltNames?.ip ?? [])];
        if (sans.length) rows.push([this.t('workbench.field.sans'), sans.join(', ')]);
        if (info.keyUsage?.length) rows.push([this.t('workbench.field.keyUsage'), info.keyUsage.join(', ')]);
        if (info.extendedKeyUsage?.length) {
          rows.push([
            this.t('workbench.field.eku'),
            info.extendedKeyUsage.map((u) => u.name ?? u.oid).join(', '),
          ]);
        }
        if (info.basicConstraints) {
          rows.push([this.t('workbench.field.ca'), info.basicConstraints.ca ? 'CA:TRUE' : 'CA:FALSE']);
        }
        rows.push([this.t('workbench.field.sha256'), info.fingerprints.sha256]);
        const dl = document.createElement('dl');
        for (const [k, v] of rows) {
          const dt = document.createElement('dt');
          dt.textContent = k;
          const dd = document.createElement('dd');
          dd.append(v);
          dl.append(dt, dd);
        }
        card.append(dl);
        const warning = names.nameWarning(
          this.t,
          [...info.subject.parts, ...info.issuer.parts].map((p) => p.value),
          'kal-field-message kal-name-warning',
        );
        if (warning) {
          warning.dataset.kind = 'warning';
          card.append(warning);
        }
        if (cert === 'client.pem') {
          const id = pki.describeIdentity(this.files[cert]!);
          const p = document.createElement('p');
          p.className = 'kal-wb-identity';
          p.dataset.identity = '';
          if (id.authenticated) {
            p.append(
              ...names.fillWithNames(
                this.t,
                'workbench.identity',
                { groups: names.namesNode(id.groups) },
                { user: id.user ?? '' },
              ),
            );
          } else p.textContent = this.t('workbench.identity.none');
          card.append(p);
        }
      } catch (e) {
        const p = document.createElement('p');
        p.className = 'kal-field-message';
        p.textContent = errorText(this.t, e);
        card.append(p);
      }
      const files = document.createElement('div');
      files.className = 'kal-wb-files';
      // One row per file: its name, then its own Copy and Download buttons.
      for (const name of [cert, key]) {
        const row = document.createElement('div');
        row.className = 'kal-wb-file';
        row.dataset.fileRow = name;
        row.append(...this.fileControls(name));
        files.append(row);
      }
      card.append(files);
      cards.append(card);
    }
    if (render !== this.renderCount) return;
    this.find('[data-cards]').replaceChildren(cards);
    this.find('[data-results]').hidden = false;
    shown?.();
    this.showStale();
    await this.renderRecipes(render);
  }

  private fileControls(name: string): HTMLElement[] {
    const label = document.createElement('code');
    label.textContent = name;
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'kal-button kal-secondary';
    copy.dataset.action = 'copy';
    copy.dataset.file = name;
    copy.textContent = this.t('workbench.copy');
    copy.setAttribute('aria-label', this.t('workbench.copyFile', { file: name }));
    const download = document.createElement('button');
    download.type = 'button';
    download.className = 'kal-button kal-secondary';
    download.dataset.action = 'download';
    download.dataset.file = name;
    download.textContent = this.t('workbench.download');
    download.setAttribute('aria-label', this.t('workbench.downloadFile', { file: name }));
    const buttons = document.createElement('span');
    buttons.className = 'kal-wb-file-buttons';
    buttons.append(copy, download);
    const out: HTMLElement[] = [label, buttons];
    if (name.endsWith('-key.pem')) {
      const secret = document.createElement('span');
      secret.className = 'kal-wb-secret';
      secret.textContent = this.t('workbench.secret');
      out.push(secret);
    }
    return out;
  }

  private async renderRecipes(render: number) {
    const section = this.find('[data-recipes]');
    section.hidden = false;
    const recipes = await this.loadRecipes();
    const { highlight } = await import('../shared/highlight.ts');
    // The recipes make the files shown, so they use the values those came from, not the form's.
    const { rootCa, server, client } = paramsFromValues(this.made ?? this.values());
    const lab = { rootCa, server, client };
    const panels: [string, () => Promise<HTMLElement[]>][] = [
      [
        'cfssl',
        async () => {
          const out: HTMLElement[] = [];
          for (const f of recipes.cfsslFiles(lab)) {
            out.push(
              await this.codeStep(
                this.t('workbench.recipes.saveAs', { file: f.name }),
                f.content,
                'json',
                highlight,
              ),
            );
          }
          for (const c of recipes.cfsslCommands(lab)) {
            out.push(await this.codeStep(this.stepText(c), c.command, 'shellscript', highlight));
          }
          return out;
        },
      ],
      [
        'openssl',
        async () => {
          const out: HTMLElement[] = [];
          for (const c of recipes.opensslCommands(lab)) {
            out.push(await this.codeStep(this.stepText(c), c.command, 'shellscript', highlight));
          }
          return out;
        },
      ],
      [
        'program',
        async () =>
          (await import('../shared/program-block.ts')).programSteps(
            recipes.x509LabRecipe(lab, pageLang()),
            this.t,
          ),
      ],
    ];
    for (const [name, make] of panels) {
      const panel = this.find(`[data-recipe="${name}"]`);
      try {
        const steps = await make();
        if (render !== this.renderCount) return;
        panel.replaceChildren(...steps);
      } catch (e) {
        const p = document.createElement('p');
        p.className = 'kal-hint';
        p.textContent = errorText(this.t, e);
        panel.replaceChildren(p);
      }
    }
  }

  /** A recipe step's description in the page's language (the English one when there is no key). */
  private stepText(c: {
    description: string;
    step?: string;
    vars?: Record<string, string | number>;
  }): string {
    if (!c.step) return c.description;
    const key = `workbench.recipe.${c.step}`;
    const text = this.t(key, c.vars);
    return text === key ? c.description : text;
  }

  private async codeStep(
    description: string,
    code: string,
    lang: 'json' | 'shellscript',
    highlight: (code: string, lang: 'json' | 'shellscript') => Promise<string>,
  ): Promise<HTMLElement> {
    const step = document.createElement('div');
    step.className = 'kal-wb-step';
    const p = document.createElement('p');
    p.textContent = description;
    const block = document.createElement('div');
    block.innerHTML = await highlight(code, lang);
    block.querySelector('pre')?.setAttribute('tabindex', '0');
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'kal-button kal-secondary';
    copy.dataset.action = 'copy-text';
    copy.textContent = this.t('workbench.copy');
    copy.setAttribute('aria-label', this.t('workbench.copyStep', { step: description }));
    step.append(p, block, copy);
    (copy as HTMLButtonElement & { kalText?: string }).kalText = code;
    return step;
  }

  private async act(target: HTMLElement) {
    const action = target.dataset.action;
    try {
      if (action === 'copy' || action === 'copy-text') {
        const text =
          action === 'copy'
            ? this.files[target.dataset.file ?? '']
            : (target as HTMLElement & { kalText?: string }).kalText;
        const ok = text !== undefined && (await copyText(text));
        const old = target.textContent;
        target.textContent = ok ? this.t('workbench.copied') : this.t('workbench.copyFailed');
        setTimeout(() => {
          target.textContent = old;
        }, 1500);
      } else if (action === 'download') {
        const name = target.dataset.file ?? '';
        const content = this.files[name];
        if (content) downloadFile(name, content, 'application/x-pem-file');
      } else if (action === 'regenerate') {
        await this.generate();
      } else if (action === 'zip') {
        await this.downloadZip();
      } else if (action === 'export') {
        downloadFile('kube-auth-lab-workspace.json', await exportWorkspace(), 'application/json');
        this.status('[data-ws-status]', this.t('workbench.ws.exported'));
      } else if (action === 'delete') {
        this.find('[data-confirm]').hidden = false;
        this.find<HTMLButtonElement>('[data-action="cancel-delete"]').focus();
      } else if (action === 'cancel-delete') {
        this.find('[data-confirm]').hidden = true;
        this.find<HTMLButtonElement>('[data-action="delete"]').focus();
      } else if (action === 'confirm-delete') {
        await deleteWorkspace();
        this.find('[data-confirm]').hidden = true;
        await this.restore();
        for (const name of FIELD_NAMES) this.input(name).value = DEFAULT_VALUES[name];
        for (const m of this.querySelectorAll('[data-message-for]')) m.textContent = '';
        this.status('[data-status]', '');
        this.status('[data-ws-status]', this.t('workbench.ws.deleted'));
        this.find<HTMLButtonElement>('[data-action="delete"]').focus();
      }
    } catch (e) {
      this.status('[data-ws-status]', errorText(this.t, e));
    }
  }

  private async downloadZip() {
    const [recipes, { labScripts }] = await Promise.all([
      this.loadRecipes(),
      import('../../recipes/lab-scripts.ts'),
    ]);
    // The scripts speak the page's language, as the README does.
    const files: Record<string, string> = { ...this.files, ...labScripts(pageLang()) };
    const names = ['README.txt', ...Object.keys(files)];
    const readme = recipes.labArchiveReadme(names, {
      title: this.t('workbench.readme.title'),
      intro: this.t('workbench.readme.intro'),
      describe: (n) => this.t(`workbench.readme.${n}`),
    });
    const zip = recipes.buildLabArchive(files, readme);
    downloadFile(`${recipes.LAB_ARCHIVE_FOLDER}.zip`, zip, 'application/zip');
  }

  private async importFile(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    const message = this.find('[data-ws-message]');
    message.textContent = '';
    if (!file) return;
    try {
      await importWorkspace(await file.text());
      await this.restore();
      this.status('[data-ws-status]', this.t('workbench.ws.imported', { file: file.name }));
    } catch (err) {
      message.textContent = errorText(this.t, err);
    } finally {
      input.value = '';
    }
  }
}

customElements.define('kal-workbench', Workbench);
