// Changes a kubeadm kube-apiserver manifest for the token flags, line by line so that the rest of
// the reader's file stays as it is: each flag replaces the lines of the same flag (a repeatable
// flag replaces all of them) or goes in kubeadm's sorted place; each file outside the mounted
// directories gets a volumeMount (read-only) and a hostPath volume (type File), unless one with
// that name or path is there already. Returns the new text and the diff to show.
import { LabError } from '../../pki/errors.ts';
import { type ApiServerTokenSettings, apiServerTokenFlags } from './api-server-settings.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from './kubeadm-manifest.ts';
import { unifiedDiff } from './unified-diff.ts';

/** The patched manifest and `diff -u` of it. */
export interface ManifestPatch {
  manifest: string;
  diff: string;
}

const MANIFEST_PATH = '/etc/kubernetes/manifests/kube-apiserver.yaml';

function find(lines: string[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i]!)) return i;
  return -1;
}

/** The end (exclusive) of the block of list items that starts after line `head` at `indent`. */
function listEnd(lines: string[], head: number, indent: string): number {
  let i = head + 1;
  while (i < lines.length && (lines[i]!.startsWith(`${indent}- `) || lines[i]!.startsWith(`${indent}  `)))
    i++;
  return i;
}

/**
 * Patches `manifest` (default: kubeadm's, KUBEADM_KUBE_APISERVER_MANIFEST). Throws
 * `kubeadm-manifest/not-kube-apiserver` when the text has no `- kube-apiserver` command,
 * `kubeadm-manifest/no-volumes` when it lacks volumeMounts: or volumes:, and the
 * `apiserver-flags/*` errors of apiServerTokenFlags.
 */
export function patchKubeApiserverManifest(
  settings: ApiServerTokenSettings,
  manifest = KUBEADM_KUBE_APISERVER_MANIFEST,
): ManifestPatch {
  const { flags, mounts } = apiServerTokenFlags(settings);
  const text = manifest.replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  const cmd = find(lines, /^(\s*)- kube-apiserver\s*$/);
  if (cmd < 0) {
    throw new LabError(
      'kubeadm-manifest/not-kube-apiserver',
      'This is not a kube-apiserver manifest: no "- kube-apiserver" command line',
      {
        field: 'manifest',
      },
    );
  }
  const indent = /^(\s*)-/.exec(lines[cmd]!)![1]!;
  let end = cmd + 1;
  while (end < lines.length && /^- "?--/.test(lines[end]!.slice(indent.length))) end++;
  // A value YAML would misread unquoted (a colon at the end or before a space, " #") goes in double
  // quotes: `- --oidc-username-prefix=oidc:` makes the item a map, and kubelet refuses the pod.
  const flagLine = (name: string, value: string) =>
    /:$|: | #/.test(value) ? `${indent}- "--${name}=${value}"` : `${indent}- --${name}=${value}`;
  const nameOf = (line: string) => /^\s*- "?--([^=\s"]+)/.exec(line)?.[1] ?? '';
  let args = lines.slice(cmd + 1, end);
  for (const name of [...new Set(flags.map((f) => f.name))]) {
    const values = flags.filter((f) => f.name === name).map((f) => flagLine(name, f.value));
    const at = args.findIndex((l) => nameOf(l) === name);
    args = args.filter((l) => nameOf(l) !== name);
    let pos = at >= 0 ? at : args.findIndex((l) => nameOf(l) > name);
    if (pos < 0) pos = args.length;
    args.splice(Math.min(pos, args.length), 0, ...values);
  }
  lines.splice(cmd + 1, end - (cmd + 1), ...args);

  if (mounts.length) {
    const vm = find(lines, /^(\s*)volumeMounts:\s*$/, cmd);
    const vols = find(lines, /^(\s*)volumes:\s*$/, cmd);
    if (vm < 0 || vols < 0) {
      throw new LabError(
        'kubeadm-manifest/no-volumes',
        'The manifest has no volumeMounts: or volumes: to add the file to',
        { field: 'manifest' },
      );
    }
    const vmIndent = /^(\s*)/.exec(lines[vm]!)![1]!;
    const have = lines.join('\n');
    const newMounts = mounts.filter(
      (m) => !have.includes(`mountPath: ${m.path}\n`) && !have.includes(`name: ${m.name}\n`),
    );
    const mountLines = newMounts.flatMap((m) => [
      `${vmIndent}- mountPath: ${m.path}`,
      `${vmIndent}  name: ${m.name}`,
      `${vmIndent}  readOnly: true`,
    ]);
    lines.splice(listEnd(lines, vm, vmIndent), 0, ...mountLines);
    const volsAt = find(lines, /^(\s*)volumes:\s*$/, cmd);
    const vIndent = /^(\s*)/.exec(lines[volsAt]!)![1]!;
    const volumeLines = newMounts.flatMap((m) => [
      `${vIndent}- hostPath:`,
      `${vIndent}    path: ${m.path}`,
      `${vIndent}    type: File`,
      `${vIndent}  name: ${m.name}`,
    ]);
    lines.splice(listEnd(lines, volsAt, vIndent), 0, ...volumeLines);
  }
  const patched = lines.join('\n');
  return {
    manifest: patched,
    diff: unifiedDiff(text, patched, { from: `${MANIFEST_PATH}.orig`, to: MANIFEST_PATH }),
  };
}
