// The CSR builder's actions (Make, the files, the program): loaded the first time the reader acts,
// or when the workspace already holds a CSR to show, so that the page's up-front JavaScript is only
// what restores, checks and journals the form (csr-element.ts).
import { userFiles } from '../../recipes/cluster/user-names.ts';
import { h } from '../shared/dom.ts';
import { downloadFile } from '../shared/download.ts';
import { errorText } from '../shared/strings.ts';
import type { Problem } from './csr-checks.ts';
import type { NewUserCsr } from './csr-element.ts';
import { FIELDS } from './csr-fields.ts';
import { NEW_USER, splitGroups, writeNewUser } from './state.ts';

/** src/pki, src/kube and the cluster recipes; offers Ed25519 only where this browser can make such keys. */
export function loadLibs(
  this: NewUserCsr,
): Promise<
  [
    typeof import('../../pki/index.ts'),
    typeof import('../../kube/index.ts'),
    typeof import('../../recipes/cluster/index.ts'),
  ]
> {
  return Promise.all([
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
}

export async function act(this: NewUserCsr, action: string) {
  try {
    if (action === 'make') await make.call(this);
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

export async function make(this: NewUserCsr) {
  const status = this.el('[data-status]');
  if (!(await check.call(this))) {
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
  await render.call(this);
  status.textContent = this.t('newuser.made', { key: files.key, csr: files.csr });
}

/**
 * Shows the CSR kept in the workspace after a reload. An imported workspace can hold files this page
 * never wrote (a CSR YAML with a line "EOF"): then say so, and leave them in the workspace until the
 * reader makes the CSR again.
 */
export async function renderRestored(this: NewUserCsr, files: { key: string; manifest: string }) {
  try {
    await render.call(this);
    this.el('[data-status]').textContent = this.t('newuser.restored', { file: files.key });
  } catch (e) {
    this.made = undefined;
    this.el('[data-output]').hidden = true;
    this.el('[data-status]').textContent = this.t('newuser.restoreFailed', {
      file: files.manifest,
      reason: errorText(this.t, e),
    });
  }
}

export async function render(this: NewUserCsr) {
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
  const seconds = csrSeconds.call(this);
  const workflow = cluster.csrWorkflowCommands(base, {
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
    this.el('[data-node-command]').replaceChildren(
      h('p', {}, t('newuser.nodeTooLong', { days, max: cluster.SIGN_ON_NODE_MAX_DAYS })),
    );
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
  // The CSR API's signer writes every O into one DER set, so the cluster lists them sorted.
  const { user, groups, requestedGroups, reordered } = pki.describeCsrApiIdentity(pki.parseCsr(csrPem));
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
    whoami.after(
      h(
        'p',
        { 'data-group-order': true },
        t('newuser.groupOrder', {
          typed: requestedGroups.map(shown).join(', '),
          groups: groups.map(shown).join(', '),
        }),
      ),
    );
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
export function csrSeconds(this: NewUserCsr): number {
  const m = /expirationSeconds: (\d+)/.exec(this.made?.yaml ?? '');
  return m ? Number(m[1]) : 86400;
}

/** Shows every problem next to its field; true when nothing blocks making the CSR. */
export async function check(this: NewUserCsr): Promise<boolean> {
  const problems = await findProblems.call(this);
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

export async function findProblems(this: NewUserCsr): Promise<Problem[]> {
  const [[pki], { csrProblems }] = await Promise.all([this.load(), import('./csr-checks.ts')]);
  return csrProblems(this.t, pki, this.values(), this.ed25519);
}
