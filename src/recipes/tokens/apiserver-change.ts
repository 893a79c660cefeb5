// What the kube-apiserver change widget shows for a preset and the reader's fields: the settings
// read from the fields, the kubeadm manifest patch (on the reader's manifest or kubeadm's) with its
// steps, and the kind config with its steps; each failure kept with the field it belongs to. No DOM:
// the page renders the default at build time with it, and the element calls it on each edit.
import { isLabError, type LabError } from '../../pki/errors.ts';
import type { RecipeCommand } from '../recipe-command.ts';
import {
  type ApiServerFileMount,
  type ApiServerTokenSettings,
  apiServerTokenFlags,
  filesToBring,
  kindChangeSteps,
  kindClusterConfig,
  kubeadmChangeSteps,
  type ManifestPatch,
  patchReaderManifest,
} from './index.ts';

export type Preset = 'token-file' | 'bootstrap' | 'service-account';

/** The widget's fields, named as the engine names them in its errors' `field`. */
export type Field =
  | 'tokenAuthFile'
  | 'enableBootstrapTokenAuth'
  | 'serviceAccountIssuers'
  | 'serviceAccountKeyFiles'
  | 'serviceAccountSigningKeyFile'
  | 'apiAudiences'
  | 'manifest'
  | 'kubeadmApi';

/** The fields of each preset, in the order the page shows them (the manifest and kind's API come after). */
export const PRESET_FIELDS: Record<Preset, Field[]> = {
  'token-file': ['tokenAuthFile'],
  bootstrap: ['enableBootstrapTokenAuth'],
  'service-account': [
    'serviceAccountIssuers',
    'serviceAccountKeyFiles',
    'serviceAccountSigningKeyFile',
    'apiAudiences',
  ],
};

/** Every field a preset's widget has. */
export const fieldsOf = (preset: Preset): Field[] => [...PRESET_FIELDS[preset], 'manifest', 'kubeadmApi'];

export type Inputs = Partial<Record<Field, string | boolean>>;

/** What the fields hold before the reader changes them. */
export const DEFAULTS: Record<Field, string | boolean> = {
  tokenAuthFile: '/etc/kubernetes/tokens.csv',
  enableBootstrapTokenAuth: true,
  serviceAccountIssuers: 'https://kubernetes.default.svc.cluster.local',
  serviceAccountKeyFiles: '/etc/kubernetes/pki/sa.pub\n/etc/kubernetes/pki/sa-extra.pub',
  serviceAccountSigningKeyFile: '/etc/kubernetes/pki/sa.key',
  apiAudiences: '',
  manifest: '',
  kubeadmApi: 'v1beta4',
};

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : '');
const lines = (v: string | boolean | undefined) =>
  text(v)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The settings the preset's fields describe (blank fields are left out). */
export function settingsFor(preset: Preset, inputs: Inputs): ApiServerTokenSettings {
  const v = { ...DEFAULTS, ...inputs };
  if (preset === 'token-file') {
    const path = text(v.tokenAuthFile).trim();
    return path ? { tokenAuthFile: path } : {};
  }
  if (preset === 'bootstrap')
    return v.enableBootstrapTokenAuth === true ? { enableBootstrapTokenAuth: true } : {};
  const s: ApiServerTokenSettings = {};
  const issuers = lines(v.serviceAccountIssuers);
  const keys = lines(v.serviceAccountKeyFiles);
  const signing = text(v.serviceAccountSigningKeyFile).trim();
  const audiences = text(v.apiAudiences)
    .split(/[\n,]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (issuers.length) s.serviceAccountIssuers = issuers;
  if (keys.length) s.serviceAccountKeyFiles = keys;
  if (signing) s.serviceAccountSigningKeyFile = signing;
  if (audiences.length) s.apiAudiences = audiences;
  return s;
}

/** Everything the widget shows. A failed part has no value and its error is in `errors`. */
export interface ChangeResult {
  /** The LabError for each field that caused one. */
  errors: Partial<Record<Field, LabError>>;
  /** The manifest the diff is of is the reader's own. */
  ownManifest: boolean;
  kubeadm?: ManifestPatch & { steps: RecipeCommand[]; mounts: ApiServerFileMount[]; files: string[] };
  kind?: { config: string; steps: RecipeCommand[] };
}

/** The field an error belongs to: its own `field`, else the preset's first field. */
function fieldOf(preset: Preset, e: LabError): Field {
  const f = e.details.field;
  return typeof f === 'string' && (fieldsOf(preset) as string[]).includes(f)
    ? (f as Field)
    : PRESET_FIELDS[preset][0]!;
}

/** Works out the whole change. Never throws: every failure lands at a field. */
export function computeChange(preset: Preset, inputs: Inputs): ChangeResult {
  const v = { ...DEFAULTS, ...inputs };
  const manifest = text(v.manifest);
  const result: ChangeResult = { errors: {}, ownManifest: manifest.trim() !== '' };
  const fail = (e: unknown) => {
    if (!isLabError(e)) throw e;
    const f = fieldOf(preset, e);
    result.errors[f] ??= e;
  };
  const settings = settingsFor(preset, inputs);
  try {
    const { mounts } = apiServerTokenFlags(settings);
    try {
      const patch = patchReaderManifest(settings, manifest);
      result.kubeadm = {
        ...patch,
        mounts,
        files: filesToBring(settings),
        steps: kubeadmChangeSteps({ settings, ownManifest: result.ownManifest }),
      };
    } catch (e) {
      fail(e);
    }
    try {
      const kubeadmApi = v.kubeadmApi === 'v1beta3' ? 'v1beta3' : 'v1beta4';
      result.kind = {
        config: kindClusterConfig({ settings, kubeadmApi }),
        steps: kindChangeSteps({ settings }),
      };
    } catch (e) {
      fail(e);
    }
  } catch (e) {
    fail(e);
  }
  return result;
}
