// The kubeconfig builder's view of the workspace, loaded only when the workspace holds a CA or a
// user the CSR builder made (a first visit never loads it): the CA files to offer, and the key and
// certificate of that user.
import { userFiles } from '../../recipes/cluster/user-names.ts';
import { h } from '../shared/dom.ts';
import type { Workspace } from '../shared/workspace-format.ts';
import type { KubeconfigBuilder } from './kubeconfig-element.ts';
import type { NewUserState } from './state.ts';

/** Fills the CA choices (those of `caFiles` in `ws`), the key status and the certificate from `ws`. */
export function refreshFromWorkspace(
  el: KubeconfigBuilder,
  ws: Workspace,
  state: NewUserState,
  caFiles: readonly string[],
): void {
  const t = el.t;
  const choices = caFiles
    .filter((f) => ws.files[f]?.includes('-----BEGIN CERTIFICATE-----'))
    .map((file) =>
      h(
        'button',
        { type: 'button', class: 'kal-button kal-secondary', 'data-action': 'use-ca', 'data-file': file },
        t('kcbuilder.useFile', { file }),
      ),
    );
  el.el('[data-ca-choices]').replaceChildren(...choices);
  const files = state.base ? userFiles(state.base) : undefined;
  const keyPem = files ? ws.files[files.key] : undefined;
  el.workspaceKey = files && keyPem ? { file: files.key, pem: keyPem } : undefined;
  el.el('[data-key-status]').textContent = el.workspaceKey
    ? t('kcbuilder.keyFromWorkspace', { file: el.workspaceKey.file })
    : t('kcbuilder.keyMissing');
  if (files && el.field('certificate').value.trim() === '' && ws.files[files.certificate]) {
    el.field('certificate').value = ws.files[files.certificate] ?? '';
  }
  if (files) {
    el.el('[data-cert-hint]').textContent = t('kcbuilder.certificateHintFor', {
      name: state.base ?? '',
      file: files.certificate,
    });
  }
}
