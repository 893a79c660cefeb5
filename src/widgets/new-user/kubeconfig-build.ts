// The heavy half of <kal-kubeconfig-builder>, loaded on the first build (or when a reload restores
// one): src/kube checks that the CA, certificate and key fit together and writes the kubeconfig and
// the whoami previews, src/recipes the commands. The page's own script stays small.
import * as kube from '../../kube/index.ts';
import { inspectCertificate, isLabError } from '../../pki/index.ts';
import * as cluster from '../../recipes/cluster/index.ts';
import * as recipes from '../../recipes/index.ts';
import { markEscapes, nameWarning, visibleName } from '../shared/name-view.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import { loadWorkspace } from '../shared/workspace-store.ts';
import { showCode, showCommands } from './code-block.ts';
import { FIELDS, type Field, WIDGET } from './kubeconfig-fields.ts';
import { writeNewUser } from './state.ts';

/** What the builder needs from its element. */
export interface BuilderView extends HTMLElement {
  t: Translate;
  el<T extends HTMLElement>(selector: string): T;
  field(name: Field): HTMLInputElement | HTMLTextAreaElement;
  message(field: Field, text: string, kind?: 'error' | 'warning'): void;
  values(): Record<Field, string>;
  workspaceKey?: { file: string; pem: string };
  built?: { file: string; text: string };
  /** The "keep pasted private keys" box. */
  keep: HTMLInputElement;
}

/** Which form field a LabError's details.field belongs to. */
const FIELD_OF: Record<string, Field> = {
  server: 'server',
  ca: 'ca',
  certificate: 'certificate',
  key: 'key',
  caPem: 'ca',
  clientCertificatePem: 'certificate',
  clientKeyPem: 'key',
  namespace: 'namespace',
  userName: 'certificate',
  contextName: 'certificate',
};

/** Builds the kubeconfig from the form and shows it, the commands and the previews; `quiet` on restore. */
export async function buildInto(view: BuilderView, quiet = false): Promise<void> {
  const t = view.t;
  for (const m of view.querySelectorAll<HTMLElement>('[data-message]')) m.textContent = '';
  for (const f of view.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
  const status = view.el('[data-status]');
  const v = view.values();
  const { tooLargeText } = await import('../shared/large-paste.ts');
  const tooLarge = FIELDS.filter((f) => tooLargeText(t, v[f]));
  if (tooLarge.length > 0) {
    // Refused at the field, and kept as it is: megabytes of PEM would freeze the page.
    for (const f of tooLarge) view.message(f, tooLargeText(t, v[f]));
    status.textContent = t('kcbuilder.fixFirst');
    view.built = undefined;
    view.el('[data-output]').hidden = true;
    return;
  }
  const keyPem = v.key.trim() !== '' ? v.key : view.workspaceKey?.pem;
  const missing: Field[] = [];
  if (v.ca.trim() === '') missing.push('ca');
  if (v.certificate.trim() === '') missing.push('certificate');
  if (!keyPem) missing.push('key');
  if (missing.length > 0) {
    if (!quiet) for (const f of missing) view.message(f, t(`kcbuilder.missing.${f}`));
    status.textContent = quiet ? '' : t('kcbuilder.fixFirst');
    view.built = undefined;
    view.el('[data-output]').hidden = true;
    return;
  }
  try {
    const checked = await kube.checkUserCredentials({
      caPem: v.ca,
      certificatePem: v.certificate,
      keyPem: keyPem!,
    });
    const user = checked.user ?? '';
    const base = cluster.csrObjectName(user || 'user');
    const files = cluster.userFiles(base);
    const ws = await loadWorkspace().catch(() => undefined);
    const clusterName = String(ws?.inputs['kubeconfig-decoder']?.clusterName || 'kubernetes');
    const namespace = v.namespace.trim() === '' ? undefined : v.namespace.trim();
    const text = kube.buildKubeconfig({
      clusterName,
      server: v.server.trim(),
      caPem: v.ca,
      userName: base,
      clientCertificatePem: v.certificate,
      clientKeyPem: keyPem!,
      namespace,
    });
    if (!checked.chain.ok)
      view.message(
        'certificate',
        t('kcbuilder.chainFails', { error: checked.chain.goError ?? '' }),
        'warning',
      );
    view.built = { file: files.kubeconfig, text };
    view.el('[data-download-label]').textContent = t('kcbuilder.download', { file: files.kubeconfig });
    showCode(
      view.el('[data-kubeconfig]'),
      text.replace(/^(\s*client-key-data: ).*$/m, `$1${t('kcbuilder.keyHidden')}`),
      'yaml',
      t,
      // The copy is the text shown, without the key: the button says so (the download has it).
      t('kcbuilder.copyWithoutKey'),
    );
    showCommands(
      view.el('[data-commands]'),
      recipes.kubectlConfigCommands({
        clusterName,
        server: v.server.trim(),
        caFile: 'ca.crt',
        userName: base,
        clientCertificateFile: files.certificate,
        clientKeyFile: files.key,
        namespace,
        kubeconfigFile: files.kubeconfig,
      }),
      t,
    );
    showCommands(
      view.el('[data-checks]'),
      cluster.userCheckCommands({
        server: v.server.trim(),
        certificateFile: files.certificate,
        keyFile: files.key,
        kubeconfigFile: files.kubeconfig,
      }),
      t,
    );
    await showIdentity(view, checked, v.certificate);
    view.el('[data-output]').hidden = false;
    // The form's fields are journaled as typed; a kubeconfig that embeds a key the reader pasted is
    // kept only when the reader asked to keep pasted keys (holdsPrivateKey, the box under the key).
    const pastedKey = v.key.trim() !== '' && !view.keep.checked;
    await writeNewUser(
      WIDGET,
      { built: true },
      {
        [files.certificate]: v.certificate,
        ...(pastedKey ? {} : { [files.kubeconfig]: text }),
        'ca.crt': v.ca,
      },
    );
    status.textContent = quiet ? '' : t('kcbuilder.built', { file: files.kubeconfig });
  } catch (e) {
    const mismatch = isLabError(e) && e.code === 'credentials/key-mismatch';
    // A pasted key that is not the certificate's is the key field's problem: mark it and open
    // "Paste a different key". With the workspace's key, the pasted certificate is the odd one out.
    const field =
      mismatch && v.key.trim() !== ''
        ? 'key'
        : FIELD_OF[String((e as { details?: { field?: string } }).details?.field ?? '')];
    if (field === 'key') {
      const details = view.field('key').closest('details');
      if (details) details.open = true;
    }
    const text = !mismatch
      ? errorText(t, e)
      : field === 'key'
        ? t('kcbuilder.keyMismatchPasted')
        : t('kcbuilder.keyMismatch', { file: view.workspaceKey?.file ?? '' });
    view.message(field ?? 'certificate', text);
    status.textContent = t('kcbuilder.fixFirst');
    // What was built before no longer matches the form: do not offer it.
    view.built = undefined;
    view.el('[data-output]').hidden = true;
  }
}

/**
 * The whoami previews and the Forbidden message. A user or group holding characters that do not
 * show or that reorder text (a newline would print a forged "Groups" row) is written out as
 * visibleName() does, marked, and warned about; what the reader sees is what Kubernetes compares.
 */
async function showIdentity(
  view: BuilderView,
  checked: Awaited<ReturnType<typeof kube.checkUserCredentials>>,
  certificatePem: string,
): Promise<void> {
  const t = view.t;
  const user = checked.user ?? '';
  const shown = (s: string) => visibleName(s).text;
  let whoami = checked.whoami;
  let whoamiNew = checked.whoamiWithCredentialId;
  const warning = nameWarning(t, [user, ...checked.groups], 'kal-field-message kal-name-warning');
  if (warning && whoami) {
    const groups = checked.groups.map(shown);
    const { fingerprints } = await inspectCertificate(certificatePem);
    whoami = kube.whoamiPreview({ user: shown(user), groups });
    whoamiNew = kube.whoamiPreview({
      user: shown(user),
      groups,
      extra: { [kube.CREDENTIAL_ID_EXTRA_KEY]: [kube.x509CredentialId(fingerprints.sha256)] },
    });
  }
  for (const old of view.querySelectorAll('[data-name-warning]')) old.remove();
  if (warning) {
    warning.dataset.kind = 'warning';
    view.el('[data-whoami]').before(warning);
  }
  // Every cluster from 1.32 on prints the credential-id row; the older form comes second.
  markEscapes(view.el('[data-whoami]'), whoamiNew ?? t('kcbuilder.noUser'));
  markEscapes(view.el('[data-whoami-new]'), whoami ?? '');
  markEscapes(view.el('[data-forbidden]'), cluster.forbiddenPodsMessage(shown(user)));
}
