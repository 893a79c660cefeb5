// <kal-new-user-csr>: the DOM side of lesson 7's CSR builder. Checks the user name and groups as
// they are typed (refusing system:masters), makes the key and CSR with src/pki (loaded on first
// use), builds the CertificateSigningRequest with src/kube and the commands with src/recipes, and
// keeps everything in the workspace: the inputs as typed, and jane-key.pem, jane.csr, jane-csr.yaml.

import { userFiles } from '../../recipes/cluster/user-names.ts';
import { downloadFile } from '../shared/download.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { errorText, readStrings, type Translate } from '../shared/strings.ts';
import { journal, loadWorkspace } from '../shared/workspace-store.ts';
import type { Problem } from './csr-checks.ts';
import { NEW_USER, readNewUser, splitGroups, writeNewUser } from './state.ts';

type Pki = typeof import('../../pki/index.ts');
type KeyPair = import('../../pki/index.ts').GeneratedKeyPair;
type Kube = typeof import('../../kube/index.ts');
type Cluster = typeof import('../../recipes/cluster/index.ts');

const FIELDS = ['user', 'groups', 'expirationSeconds', 'algorithm'] as const;
type Field = (typeof FIELDS)[number];

class NewUserCsr extends HTMLElement {
  private t: Translate = (k) => k;
  private libs?: Promise<[Pki, Kube, Cluster]>;
  private ed25519 = true;
  private timer?: ReturnType<typeof setTimeout>;
  /** A key made in the background once the reader starts on the form, so Make only signs. */
  private spare?: { algorithm: string; key: Promise<KeyPair | undefined> };
  private made?: {
    base: string;
    csrPem: string;
    keyPem: string;
    yaml: string;
    user: string;
    groups: string[];
  };

  private el<T extends HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`new-user csr: missing ${selector}`);
    return found;
  }

  private field(name: Field): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
    return this.el(`[data-field="${name}"]`);
  }

  private load(): Promise<[Pki, Kube, Cluster]> {
    this.libs ??= Promise.all([
      import('../../pki/index.ts'),
      import('../../kube/index.ts'),
      import('../../recipes/cluster/index.ts'),
    ]).then(async (libs) => {
      // Offer Ed25519 only where this browser can make such keys, as the workbench does.
      this.ed25519 = await libs[0].supportsEd25519();
      const option = this.querySelector<HTMLOptionElement>('option[value="Ed25519"]');
      if (option && !this.ed25519 && !option.disabled) {
        option.disabled = true;
        option.textContent = `${option.textContent} — ${this.t('newuser.algorithmUnavailable')}`;
      }
      return libs;
    });
    return this.libs;
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action) void this.act(action);
    });
    for (const name of FIELDS) {
      this.field(name).addEventListener(name === 'algorithm' ? 'change' : 'input', () => {
        // Kept at once (a reload a moment later loses nothing); checks wait a little.
        journal(NEW_USER, { [name]: this.field(name).value });
        this.prepareKey();
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.check(), 250);
      });
    }
    this.addEventListener('focusin', () => this.prepareKey());
    void this.restore();
  }

  /** Starts making the key for the chosen algorithm, unless it is being made already. */
  private prepareKey() {
    const algorithm = this.field('algorithm').value;
    if (this.spare?.algorithm === algorithm) return;
    const key = this.load().then(([pki]) => pki.generateKeyPair(algorithm as never).catch(() => undefined));
    this.spare = { algorithm, key };
  }

  private values() {
    return {
      user: this.field('user').value,
      groups: this.field('groups').value,
      expirationSeconds: this.field('expirationSeconds').value,
      algorithm: this.field('algorithm').value,
    };
  }

  private async restore() {
    const state = await readNewUser();
    for (const name of FIELDS) {
      const value = state[name];
      if (typeof value === 'string') this.field(name).value = value;
    }
    const ws = await loadWorkspace().catch(() => undefined);
    const base = state.base;
    if (base && ws) {
      const files = userFiles(base);
      const csrPem = ws.files[files.csr];
      const keyPem = ws.files[files.key];
      const yaml = ws.files[files.manifest];
      if (csrPem && keyPem && yaml) {
        this.made = {
          base,
          csrPem,
          keyPem,
          yaml,
          user: state.csrUser ?? '',
          groups: state.csrGroups ?? [],
        };
        await this.render();
        this.el('[data-status]').textContent = this.t('newuser.restored', { file: files.key });
      }
    }
    // A first visit loads no library: checks start with the first edit.
    if (state.saved) await this.check();
  }

  /** Shows every problem next to its field; true when nothing blocks making the CSR. */
  private async check(): Promise<boolean> {
    const problems = await this.problems();
    for (const name of FIELDS) {
      const message = this.querySelector<HTMLElement>(`[data-message="${name}"]`);
      if (!message) continue;
      const mine = problems.filter((p) => p.field === name);
      const error = mine.find((p) => p.kind === 'error');
      const shown = error ?? mine[0];
      message.textContent = shown?.text ?? '';
      message.dataset.kind = shown?.kind ?? '';
      if (error) this.field(name).setAttribute('aria-invalid', 'true');
      else this.field(name).removeAttribute('aria-invalid');
    }
    if (this.made) {
      const v = this.values();
      const same =
        v.user === this.made.user && splitGroups(v.groups).join('\n') === this.made.groups.join('\n');
      const status = this.el('[data-status]');
      const stale = this.t('newuser.stale', { file: `${this.made.base}.csr` });
      if (!same) status.textContent = stale;
      else if (status.textContent === stale) status.textContent = '';
    }
    return !problems.some((p) => p.kind === 'error');
  }

  private async problems(): Promise<Problem[]> {
    const [[pki], { csrProblems }] = await Promise.all([this.load(), import('./csr-checks.ts')]);
    return csrProblems(this.t, pki, this.values(), this.ed25519);
  }

  private async act(action: string) {
    try {
      if (action === 'make') await this.make();
      else if (this.made) {
        const files = userFiles(this.made.base);
        if (action === 'download-key') downloadFile(files.key, this.made.keyPem, 'application/x-pem-file');
        if (action === 'download-csr') downloadFile(files.csr, this.made.csrPem, 'application/x-pem-file');
        if (action === 'download-yaml') downloadFile(files.manifest, this.made.yaml, 'application/yaml');
      }
    } catch (e) {
      this.el('[data-status]').textContent = errorText(this.t, e);
    }
  }

  private async make() {
    const status = this.el('[data-status]');
    if (!(await this.check())) {
      status.textContent = this.t('newuser.fixFirst');
      this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    status.textContent = this.t('newuser.making');
    const [pki, kube, cluster] = await this.load();
    const v = this.values();
    const groups = splitGroups(v.groups);
    const spare = this.spare;
    this.spare = undefined; // a key is used once
    const { csrPem, privateKeyPem } = await pki.createCsr(
      { subject: { commonName: v.user, organizations: groups }, algorithm: v.algorithm as never },
      spare?.algorithm === v.algorithm ? await spare.key : undefined,
    );
    const base = cluster.csrObjectName(v.user);
    const { yaml } = kube.buildCertificateSigningRequest({
      name: base,
      csrPem,
      expirationSeconds: Number(v.expirationSeconds),
    });
    const files = cluster.userFiles(base);
    this.made = { base, csrPem, keyPem: privateKeyPem, yaml, user: v.user, groups };
    await writeNewUser(
      NEW_USER,
      { ...v, base, csrUser: v.user, csrGroups: groups },
      { [files.key]: privateKeyPem, [files.csr]: csrPem, [files.manifest]: yaml },
    );
    await this.render();
    status.textContent = this.t('newuser.made', { key: files.key, csr: files.csr });
  }

  private async render() {
    if (!this.made) return;
    const [[pki, kube, cluster], { showCode, showCommands }] = await Promise.all([
      this.load(),
      import('./code-block.ts'),
    ]);
    const t = this.t;
    const { base, csrPem, yaml } = this.made;
    const files = cluster.userFiles(base);
    const labels: Record<string, string> = {
      'download-key': t('newuser.download', { file: files.key }),
      'download-csr': t('newuser.download', { file: files.csr }),
      'download-yaml': t('newuser.download', { file: files.manifest }),
    };
    for (const button of this.querySelectorAll<HTMLElement>('[data-file-label]')) {
      button.textContent = labels[button.dataset.action ?? ''] ?? '';
    }
    showCode(this.el('[data-yaml]'), yaml, 'yaml', t);
    const seconds = this.csrSeconds();
    const workflow = kube.csrWorkflowCommands(base, {
      certificateFile: files.certificate,
      manifestFile: files.manifest,
    });
    showCommands(
      this.el('[data-commands]'),
      [
        {
          description: t('newuser.stepWrite', { file: files.manifest }),
          command: cluster.writeFileCommand(files.manifest, yaml),
        },
        { description: t('newuser.stepApply'), command: workflow[0]!.command },
        { description: t('newuser.stepApprove'), command: workflow[1]!.command },
        { description: t('newuser.stepSave', { file: files.certificate }), command: workflow[2]!.command },
      ],
      t,
    );
    const days = cluster.daysFromSeconds(seconds);
    if (days > cluster.SIGN_ON_NODE_MAX_DAYS) {
      // sign-on-node.sh refuses such a lifetime; say so where its command would be.
      const p = document.createElement('p');
      p.textContent = t('newuser.nodeTooLong', { days, max: cluster.SIGN_ON_NODE_MAX_DAYS });
      this.el('[data-node-command]').replaceChildren(p);
    } else {
      showCommands(
        this.el('[data-node-command]'),
        [
          {
            description: t(days * 86_400 === seconds ? 'newuser.stepSign' : 'newuser.stepSignRounded', {
              file: files.csr,
              seconds,
              days,
            }),
            command: cluster.signOnNodeCommand({ csrFile: files.csr, days }),
          },
        ],
        t,
      );
    }
    const parsed = pki.parseCsr(csrPem);
    const strings = parsed.subject.filter((p) => p.valueType !== 'other');
    const user = [...strings].reverse().find((p) => p.type === 'CN')?.value ?? '';
    // The CSR API's signer writes every O into one DER set, so the cluster lists them sorted.
    const { groups, requestedGroups, reordered } = pki.describeCsrApiIdentity(parsed);
    // Names written out as Kubernetes compares them: a hidden or reordering character is marked.
    const { markEscapes, nameWarning, visibleName } = await import('../shared/name-view.ts');
    const shown = (s: string) => visibleName(s).text;
    const whoami = this.el('[data-whoami]');
    markEscapes(
      whoami,
      kube.whoamiPreview({ user: shown(user), groups: groups.map(shown), extra: kube.credentialIdExtra() }),
    );
    for (const old of this.querySelectorAll('[data-group-order]')) old.remove();
    if (reordered) {
      const note = document.createElement('p');
      note.dataset.groupOrder = '';
      note.textContent = t('newuser.groupOrder', {
        typed: requestedGroups.map(shown).join(', '),
        groups: groups.map(shown).join(', '),
      });
      whoami.after(note);
    }
    for (const old of this.querySelectorAll('[data-name-warning]')) old.remove();
    const warning = nameWarning(t, [user, ...groups], 'kal-field-message kal-name-warning');
    if (warning) {
      warning.dataset.kind = 'warning';
      whoami.before(warning);
    }
    this.el('[data-output]').hidden = false;
    void import('../shared/program-block.ts').then((m) => m.showCsrProgram(this, this.made!, t));
  }

  /** The lifetime written in the stored CSR object (what the reader chose when making it). */
  private csrSeconds(): number {
    const m = /expirationSeconds: (\d+)/.exec(this.made?.yaml ?? '');
    return m ? Number(m[1]) : 86400;
  }
}

customElements.define('kal-new-user-csr', NewUserCsr);
