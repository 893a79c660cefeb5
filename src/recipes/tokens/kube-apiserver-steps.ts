// The commands around a kube-apiserver change, both ways a reader's cluster runs: on a kubeadm
// control-plane node (put the files the flags name in place, keep a copy of the manifest outside
// the kubelet's manifests directory, change the manifest, watch the static pod restart, and read
// why it did not), and on a laptop with kind (a new cluster from the config, then a look at the
// flags kind's kubeadm wrote). Every command is bash, to run exactly as printed.
import type { RecipeCommand } from '../recipe-command.ts';
import { shellQuote } from '../shell-quote.ts';
import {
  type ApiServerTokenSettings,
  apiServerTokenFlags,
  KUBEADM_OWN_FILES,
} from './api-server-settings.ts';

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const BACKUP = '~/kube-apiserver.yaml.orig';

/** Options of kubeadmChangeSteps. */
export interface KubeadmStepsParams {
  settings: ApiServerTokenSettings;
  /** The reader pasted their own manifest, so the patched file can be copied as it is. Default: false (edit by hand). */
  ownManifest?: boolean;
  /** The downloaded patched manifest. Default: "kube-apiserver.yaml". */
  manifestFile?: string;
}

/** The files the settings name, in flag order, that the reader brings (not kubeadm's own). */
export function filesToBring(settings: ApiServerTokenSettings): string[] {
  const { flags } = apiServerTokenFlags(settings);
  const paths = [
    ...flags.filter((f) => f.name.endsWith('-file')).map((f) => f.value),
    ...(settings.extraFiles ?? []).map((f) => f.path),
  ].filter((p) => !KUBEADM_OWN_FILES.includes(p));
  return [...new Set(paths)];
}

const baseName = (path: string) => path.split('/').at(-1) ?? path;

/** The steps on the control-plane node. Throws the `apiserver-flags/*` errors. */
export function kubeadmChangeSteps(p: KubeadmStepsParams): RecipeCommand[] {
  const q = shellQuote;
  const file = p.manifestFile ?? 'kube-apiserver.yaml';
  const steps: RecipeCommand[] = filesToBring(p.settings).map((path) => ({
    step: 'apiserver.put-file',
    description: `Put ${baseName(path)} on the node at ${path}, readable by root only`,
    vars: { file: baseName(path), path },
    command: `sudo install -D -m 600 ${q(baseName(path))} ${q(path)}`,
  }));
  steps.push({
    step: 'apiserver.backup',
    description: `Keep a copy of the manifest outside /etc/kubernetes/manifests (the kubelet would run a copy left there as one more pod)`,
    command: `sudo cp ${MANIFEST} ${BACKUP}`,
  });
  if (p.ownManifest) {
    steps.push({
      step: 'apiserver.replace',
      description: `Put the changed manifest in place: the kubelet sees the change and restarts kube-apiserver`,
      vars: { file },
      command: `sudo cp ${q(file)} ${MANIFEST}`,
    });
  } else {
    steps.push({
      step: 'apiserver.edit',
      description: `Add the lines marked + in the diff to your manifest and save: the kubelet sees the change and restarts kube-apiserver`,
      command: `sudoedit ${MANIFEST}`,
    });
  }
  steps.push(
    {
      step: 'apiserver.watch',
      description: `Watch the restart: within a minute a new kube-apiserver container is Running, created seconds ago`,
      command: 'sudo crictl ps -a --name kube-apiserver',
    },
    {
      step: 'apiserver.ready',
      description: `Ask the new kube-apiserver whether it is ready: it prints ok`,
      command: 'sudo kubectl --kubeconfig=/etc/kubernetes/admin.conf get --raw=/readyz',
    },
    {
      step: 'apiserver.logs',
      description: `If the new container keeps exiting, its last lines say why (a file the pod cannot see ends in "no such file or directory": the mount is missing)`,
      command: 'sudo crictl logs --tail=20 "$(sudo crictl ps -a --name kube-apiserver --latest --quiet)"',
    },
    {
      step: 'apiserver.kubelet',
      description: `If no new container appears at all, the kubelet says why (a file missing on the node: "hostPath type check failed: … is not a file")`,
      command: 'sudo journalctl -u kubelet --since "10 minutes ago" | grep kube-apiserver | tail -n 20',
    },
    {
      step: 'apiserver.restore',
      description: `To undo the change, put the copy back`,
      command: `sudo cp ${BACKUP} ${MANIFEST}`,
    },
  );
  return steps;
}

/** Options of kindChangeSteps. */
export interface KindStepsParams {
  settings: ApiServerTokenSettings;
  /** The kind config file. Default: "kind-config.yaml". */
  configFile?: string;
  /** The kind cluster's name. Default: "kube-auth-lab". */
  clusterName?: string;
}

/** The steps on the reader's laptop with kind. Throws the `apiserver-flags/*` errors. */
export function kindChangeSteps(p: KindStepsParams): RecipeCommand[] {
  const q = shellQuote;
  const config = p.configFile ?? 'kind-config.yaml';
  const name = p.clusterName ?? 'kube-auth-lab';
  const { flags } = apiServerTokenFlags(p.settings);
  const names = [...new Set(flags.map((f) => f.name))];
  const files = filesToBring(p.settings).map(baseName);
  const steps: RecipeCommand[] = [];
  if (files.length) {
    steps.push({
      step: 'apiserver.kind-files',
      description: `Check that the files the config mounts are in this directory (a missing one becomes an empty directory, and kube-apiserver never starts)`,
      vars: { files: files.join(', ') },
      command: `ls -l ${files.map(q).join(' ')} ${q(config)}`,
    });
  }
  steps.push(
    {
      step: 'apiserver.kind-create',
      description: `Make a new cluster with the changed kube-apiserver (kind cannot change the flags of a cluster that exists)`,
      vars: { name },
      command: `kind create cluster --name ${q(name)} --config ${q(config)}`,
    },
    {
      step: 'apiserver.kind-check',
      description: `See the flags in the manifest kind's kubeadm wrote (nothing printed: the patch did not apply)`,
      command: `docker exec ${q(`${name}-control-plane`)} grep -E -e ${q(`--(${names.join('|')})=`)} ${MANIFEST}`,
    },
  );
  return steps;
}
