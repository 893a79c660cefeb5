// The kube-apiserver flags the bearer-token lessons change, and the files each flag names, as one
// description that both the kubeadm manifest patch and the kind config are made from. Files under
// the directories kubeadm already mounts into the kube-apiserver pod (/etc/kubernetes/pki and the
// CA bundles) need no new volume; every other file gets a hostPath volume (type File) and a
// read-only volumeMount at the same path — forgetting that mount is the classic mistake (the
// static pod then fails with "no such file or directory").
import { LabError } from '../../pki/errors.ts';

/** The token settings of kube-apiserver. Every field is optional; only those given are changed. */
export interface ApiServerTokenSettings {
  /** --token-auth-file: an absolute path on the control-plane node. Default: not set. */
  tokenAuthFile?: string;
  /** --enable-bootstrap-token-auth=true (kubeadm sets it already). Default: not set. */
  enableBootstrapTokenAuth?: boolean;
  /** --service-account-issuer, repeated; the first signs. Default: not set (kubeadm's stays). */
  serviceAccountIssuers?: string[];
  /** --service-account-key-file, repeated. Default: not set (kubeadm's /etc/kubernetes/pki/sa.pub stays). */
  serviceAccountKeyFiles?: string[];
  /** --service-account-signing-key-file. Default: not set (kubeadm's /etc/kubernetes/pki/sa.key stays). */
  serviceAccountSigningKeyFile?: string;
  /** --api-audiences. Default: not set (then the issuers). */
  apiAudiences?: string[];
  /** Flags made and checked by another recipe (src/recipes/oidc), added in their order. Default: none. */
  extraFlags?: ApiServerFlag[];
  /** The files those flags name: each gets its mount like the others. Default: none. */
  extraFiles?: ApiServerFileMount[];
}

/** One flag as it goes on the command line: --name=value. */
export interface ApiServerFlag {
  name: string;
  value: string;
}

/** A file the pod must see: a hostPath volume and its mount, at the same path. */
export interface ApiServerFileMount {
  /** Volume name (a DNS label). */
  name: string;
  path: string;
}

/** The directories kubeadm's kube-apiserver manifest mounts already. */
export const KUBEADM_MOUNTED_DIRS = [
  '/etc/kubernetes/pki',
  '/etc/ssl/certs',
  '/etc/ca-certificates',
  '/usr/local/share/ca-certificates',
  '/usr/share/ca-certificates',
];

/** Files kubeadm makes itself on every control-plane node: the reader never brings them. */
export const KUBEADM_OWN_FILES = ['/etc/kubernetes/pki/sa.pub', '/etc/kubernetes/pki/sa.key'];

const REPEATABLE = new Set(['service-account-issuer', 'service-account-key-file', 'oidc-required-claim']);

function checkPath(field: string, path: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  if (!/^\/[^\s\u0000-\u001f"'\\]*[^/\s]$/.test(path) || path.includes('/../') || path.includes('/./')) {
    throw new LabError(
      'apiserver-flags/bad-path',
      `"${path}" must be an absolute file path on the control-plane node, without spaces or quotes`,
      {
        field,
        value: path,
      },
    );
  }
}

function checkValue(field: string, value: string): void {
  if (value === '' || /[\s"'\\,]/.test(value)) {
    throw new LabError(
      'apiserver-flags/bad-value',
      `"${value}" must be non-empty, without spaces, quotes or commas`,
      { field, value },
    );
  }
}

/** Whether a flag may be given more than once. */
export function isRepeatableFlag(name: string): boolean {
  return REPEATABLE.has(name);
}

/**
 * The flags, in kube-apiserver's help order, and the files that need a new mount. Throws
 * `apiserver-flags/bad-path`, `apiserver-flags/bad-value`, `apiserver-flags/nothing-to-change`.
 */
export function apiServerTokenFlags(s: ApiServerTokenSettings): {
  flags: ApiServerFlag[];
  mounts: ApiServerFileMount[];
} {
  const flags: ApiServerFlag[] = [];
  const files: [string, string][] = [];
  if (s.apiAudiences?.length) {
    for (const a of s.apiAudiences) checkValue('apiAudiences', a);
    flags.push({ name: 'api-audiences', value: s.apiAudiences.join(',') });
  }
  if (s.enableBootstrapTokenAuth) flags.push({ name: 'enable-bootstrap-token-auth', value: 'true' });
  for (const i of s.serviceAccountIssuers ?? []) {
    checkValue('serviceAccountIssuers', i);
    flags.push({ name: 'service-account-issuer', value: i });
  }
  for (const f of s.serviceAccountKeyFiles ?? []) {
    checkPath('serviceAccountKeyFiles', f);
    flags.push({ name: 'service-account-key-file', value: f });
    files.push(['sa-key', f]);
  }
  if (s.serviceAccountSigningKeyFile) {
    checkPath('serviceAccountSigningKeyFile', s.serviceAccountSigningKeyFile);
    flags.push({ name: 'service-account-signing-key-file', value: s.serviceAccountSigningKeyFile });
    files.push(['sa-signing-key', s.serviceAccountSigningKeyFile]);
  }
  if (s.tokenAuthFile) {
    checkPath('tokenAuthFile', s.tokenAuthFile);
    flags.push({ name: 'token-auth-file', value: s.tokenAuthFile });
    files.push(['token-auth-file', s.tokenAuthFile]);
  }
  flags.push(...(s.extraFlags ?? []));
  for (const f of s.extraFiles ?? []) {
    checkPath('extraFiles', f.path);
    files.push([f.name, f.path]);
  }
  if (flags.length === 0)
    throw new LabError('apiserver-flags/nothing-to-change', 'Choose at least one setting to change');
  const mounts: ApiServerFileMount[] = [];
  const used = new Set<string>();
  for (const [base, path] of files) {
    if (KUBEADM_MOUNTED_DIRS.some((d) => path.startsWith(`${d}/`))) continue;
    if (mounts.some((m) => m.path === path)) continue;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    mounts.push({ name, path });
  }
  return { flags, mounts };
}
