// The workbench's actions (Make, the results and recipes, copy, download, import, delete): loaded
// the first time the reader acts, or when the workspace already holds files to show, so that a
// page's up-front JavaScript is only what reads, restores and journals the form (element.ts).
import { h } from '../shared/dom.ts';
import { copyText, downloadFile } from '../shared/download.ts';
import { errorText, pageLang, textOr } from '../shared/strings.ts';
import {
  deleteWorkspace,
  exportWorkspace,
  importWorkspace,
  updateWorkspace,
} from '../shared/workspace-store.ts';
import type { Workbench } from './element.ts';
import { DEFAULT_VALUES, FIELD_NAMES, paramsFromValues } from './form-values.ts';

// The same names as element.ts's (the widget's inputs, and the values its files were made from).
const WIDGET = 'workbench';
const MADE = 'workbench-made';

export async function generate(this: Workbench) {
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
    await renderResults.call(this, generatedAt, () => {
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
export async function renderResults(this: Workbench, generatedAt: string, shown?: () => void) {
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
    const card = h('article', { class: 'kal-wb-card' }, h('h4', {}, this.t(title)));
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
      card.append(h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
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
        card.append(
          h(
            'p',
            { class: 'kal-wb-identity', 'data-identity': true },
            ...(id.authenticated
              ? names.fillWithNames(
                  this.t,
                  'workbench.identity',
                  { groups: names.namesNode(id.groups) },
                  { user: id.user ?? '' },
                )
              : [this.t('workbench.identity.none')]),
          ),
        );
      }
    } catch (e) {
      card.append(h('p', { class: 'kal-field-message' }, errorText(this.t, e)));
    }
    // One row per file: its name, then its own Copy and Download buttons.
    card.append(
      h(
        'div',
        { class: 'kal-wb-files' },
        ...[cert, key].map((name) =>
          h('div', { class: 'kal-wb-file', 'data-file-row': name }, ...fileControls.call(this, name)),
        ),
      ),
    );
    cards.append(card);
  }
  if (render !== this.renderCount) return;
  this.find('[data-cards]').replaceChildren(cards);
  this.find('[data-results]').hidden = false;
  shown?.();
  this.showStale();
  await renderRecipes.call(this, render);
}

export function fileControls(this: Workbench, name: string): HTMLElement[] {
  const button = (action: string, text: string, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'kal-button kal-secondary',
        'data-action': action,
        'data-file': name,
        'aria-label': label,
      },
      text,
    );
  const out: HTMLElement[] = [
    h('code', {}, name),
    h(
      'span',
      { class: 'kal-wb-file-buttons' },
      button('copy', this.t('workbench.copy'), this.t('workbench.copyFile', { file: name })),
      button('download', this.t('workbench.download'), this.t('workbench.downloadFile', { file: name })),
    ),
  ];
  if (name.endsWith('-key.pem')) out.push(h('span', { class: 'kal-wb-secret' }, this.t('workbench.secret')));
  return out;
}

export async function renderRecipes(this: Workbench, render: number) {
  const section = this.find('[data-recipes]');
  section.hidden = false;
  const recipes = await this.loadRecipes();
  const shiki = await import('../shared/highlight.ts');
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
            await codeStep.call(
              this,
              this.t('workbench.recipes.saveAs', { file: f.name }),
              f.content,
              'json',
              shiki,
            ),
          );
        }
        for (const c of recipes.cfsslCommands(lab)) {
          out.push(await codeStep.call(this, stepText.call(this, c), c.command, 'shellscript', shiki));
        }
        return out;
      },
    ],
    [
      'openssl',
      async () => {
        const out: HTMLElement[] = [];
        for (const c of recipes.opensslCommands(lab)) {
          out.push(await codeStep.call(this, stepText.call(this, c), c.command, 'shellscript', shiki));
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
      panel.replaceChildren(h('p', { class: 'kal-hint' }, errorText(this.t, e)));
    }
  }
}

/** A recipe step's description in the page's language (the English one when there is no key). */
export function stepText(
  this: Workbench,
  c: {
    description: string;
    step?: string;
    vars?: Record<string, string | number>;
  },
): string {
  if (!c.step) return c.description;
  return textOr(this.t, `workbench.recipe.${c.step}`, c.description, c.vars);
}

export async function codeStep(
  this: Workbench,
  description: string,
  code: string,
  lang: 'json' | 'shellscript',
  shiki: Pick<typeof import('../shared/highlight.ts'), 'highlight' | 'showHighlighted'>,
): Promise<HTMLElement> {
  const block = h('div');
  shiki.showHighlighted(block, await shiki.highlight(code, lang));
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'kal-button kal-secondary',
      'data-action': 'copy-text',
      'aria-label': this.t('workbench.copyStep', { step: description }),
    },
    this.t('workbench.copy'),
  );
  (copy as HTMLButtonElement & { kalText?: string }).kalText = code;
  return h('div', { class: 'kal-wb-step' }, h('p', {}, description), block, copy);
}

export async function act(this: Workbench, target: HTMLElement) {
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
      await generate.call(this);
    } else if (action === 'zip') {
      await downloadZip.call(this);
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

export async function downloadZip(this: Workbench) {
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

export async function importFile(this: Workbench, e: Event) {
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
