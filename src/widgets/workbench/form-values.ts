// The workbench form as data: the field names, their defaults, and the engine parameters they make.
// Pure, so it is unit-tested in Node; the element only reads the inputs and calls these.
import type {
  ClientCertificateParams,
  KeyAlgorithm,
  RootCaParams,
  ServerCertificateParams,
} from '../../pki/types.ts';

/** Every field of the form, by the `name` attribute of its input. */
export interface WorkbenchValues {
  caName: string;
  caOrg: string;
  algorithm: string;
  caDays: string;
  serverName: string;
  serverDns: string;
  serverIps: string;
  serverDays: string;
  clientUser: string;
  clientGroups: string;
  clientDays: string;
}

/** What the form holds before the reader changes anything: it works as it is. */
export const DEFAULT_VALUES: WorkbenchValues = {
  caName: 'Kube Auth Lab Root CA',
  caOrg: 'Kube Auth Lab',
  algorithm: 'RSA-2048',
  caDays: '3650',
  serverName: 'localhost',
  serverDns: 'localhost',
  serverIps: '127.0.0.1',
  serverDays: '365',
  clientUser: 'jane',
  clientGroups: 'developers',
  clientDays: '365',
};

export const FIELD_NAMES = Object.keys(DEFAULT_VALUES) as (keyof WorkbenchValues)[];

/** Each field's section and label, as dictionary keys (the stale notice names fields with them). */
export const FIELD_LABEL: Record<keyof WorkbenchValues, [string, string]> = {
  caName: ['workbench.ca.legend', 'workbench.ca.name'],
  caOrg: ['workbench.ca.legend', 'workbench.ca.org'],
  algorithm: ['workbench.ca.legend', 'workbench.algorithm'],
  caDays: ['workbench.ca.legend', 'workbench.days'],
  serverName: ['workbench.server.legend', 'workbench.server.name'],
  serverDns: ['workbench.server.legend', 'workbench.server.dns'],
  serverIps: ['workbench.server.legend', 'workbench.server.ips'],
  serverDays: ['workbench.server.legend', 'workbench.days'],
  clientUser: ['workbench.client.legend', 'workbench.client.user'],
  clientGroups: ['workbench.client.legend', 'workbench.client.groups'],
  clientDays: ['workbench.client.legend', 'workbench.days'],
};

/** Which form field an engine problem belongs to: (kind, engine field) → form field. */
export const FIELD_OF: Record<'root-ca' | 'server' | 'client', Record<string, keyof WorkbenchValues>> = {
  'root-ca': { commonName: 'caName', organizations: 'caOrg', validityDays: 'caDays', algorithm: 'algorithm' },
  server: {
    commonName: 'serverName',
    dnsNames: 'serverDns',
    ipAddresses: 'serverIps',
    validityDays: 'serverDays',
    algorithm: 'algorithm',
  },
  client: {
    commonName: 'clientUser',
    organizations: 'clientGroups',
    validityDays: 'clientDays',
    algorithm: 'algorithm',
  },
};

/** Host names and addresses: separated by commas, spaces or new lines. */
function words(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Groups and organisations: one per line or separated by commas (a group may contain spaces). */
function items(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Whole days as typed; anything else becomes NaN so the engine names the problem. */
function days(text: string): number {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export interface WorkbenchParams {
  rootCa: RootCaParams;
  server: ServerCertificateParams;
  client: ClientCertificateParams;
}

/** The engine parameters for the three certificates (names without leading or trailing spaces). */
export function paramsFromValues(v: WorkbenchValues): WorkbenchParams {
  const algorithm = v.algorithm as KeyAlgorithm;
  return {
    rootCa: {
      subject: { commonName: v.caName.trim(), organizations: items(v.caOrg) },
      algorithm,
      validityDays: days(v.caDays),
    },
    server: {
      subject: { commonName: v.serverName.trim() },
      dnsNames: words(v.serverDns),
      ipAddresses: words(v.serverIps),
      algorithm,
      validityDays: days(v.serverDays),
    },
    client: {
      subject: { commonName: v.clientUser.trim(), organizations: items(v.clientGroups) },
      algorithm,
      validityDays: days(v.clientDays),
    },
  };
}

/** Values restored from storage, falling back to the defaults for anything missing or odd. */
export function valuesFrom(saved: Record<string, unknown> | undefined): WorkbenchValues {
  const out = { ...DEFAULT_VALUES };
  for (const name of FIELD_NAMES) {
    const v = saved?.[name];
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}
