// The heavy half of <kal-new-user-binding>, loaded on the first change: src/kube builds the
// binding, src/recipes the commands, and Shiki colours them.
import * as kube from '../../kube/index.ts';
import * as cluster from '../../recipes/cluster/index.ts';
import { shellQuote as q } from '../../recipes/shell-quote.ts';
import { hiddenCharacters } from '../shared/name-view.ts';
import { errorText, type Translate } from '../shared/strings.ts';
import { showCode, showCommands } from './code-block.ts';
import { readNewUser } from './state.ts';

/** What the renderer needs from its element. */
export interface BindingView extends HTMLElement {
  t: Translate;
  el<T extends HTMLElement>(selector: string): T;
  input(name: string): HTMLInputElement | HTMLSelectElement;
  current?: { file: string; yaml: string };
}

/** The binding, its YAML and its commands for the form's current values. */
export async function renderBinding(
  view: BindingView,
  values: { group: string; role: string; namespace: string; scope: 'namespace' | 'cluster' },
  /** False once a newer edit started its own render (default: always current). */
  current: () => boolean = () => true,
): Promise<void> {
  const t = view.t;
  const { group, role, namespace, scope } = values;
  const state = await readNewUser();
  // An older render finishing late must not put back a binding (and its download) for old values.
  if (!current()) return;
  const user = state.csrUser ?? state.user;
  const name = cluster.bindingName(group, role);
  try {
    const subjects = [{ kind: 'Group' as const, name: group }];
    const { yaml } =
      scope === 'cluster'
        ? kube.buildClusterRoleBinding({ name, roleName: role, subjects })
        : kube.buildRoleBinding({ name, namespace, roleKind: 'ClusterRole', roleName: role, subjects });
    const file = `${name}.yaml`;
    view.current = { file, yaml };
    view.el('[data-download-label]').textContent = t('binding.download', { file });
    view.el('[data-download-label]').hidden = false;
    view.el('[data-binding-stale]').hidden = true;
    showCode(view.el('[data-yaml]'), yaml, 'yaml', t);
    const where = scope === 'cluster' ? 'kube-system' : namespace;
    showCommands(
      view.el('[data-commands]'),
      [
        { description: t('binding.stepWrite', { file }), command: cluster.writeFileCommand(file, yaml) },
        { description: t('binding.stepApply'), command: `kubectl apply -f ${q(file)}` },
        {
          description: t('binding.stepCanI', { user, group, namespace: where }),
          command: `kubectl auth can-i list pods --namespace ${q(where)} --as ${q(user)} --as-group ${q(group)}`,
        },
      ],
      t,
    );
  } catch (e) {
    // The binding shown before no longer matches the form: do not offer it for download.
    view.current = undefined;
    view.el('[data-download-label]').hidden = true;
    view.el('[data-binding-stale]').hidden = false;
    const field = String((e as { details?: { field?: string } }).details?.field ?? '');
    const target = field.startsWith('subjects') ? 'group' : field === 'namespace' ? 'namespace' : 'group';
    // A group that is not empty but holds a control character (NUL, a newline, …): say which.
    const hidden = target === 'group' && group.trim() !== '' ? hiddenCharacters([group]) : '';
    const code = (e as { code?: string }).code;
    view.el(`[data-message="${target}"]`).textContent =
      code === 'rbac/bad-subject-name' && hidden !== ''
        ? t('binding.groupControl', { chars: hidden })
        : errorText(t, e);
    view.input(target).setAttribute('aria-invalid', 'true');
  }
}
