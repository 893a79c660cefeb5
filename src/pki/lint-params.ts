// Warnings for a form before anything is generated: things that issue fine but teach the wrong
// habit or fail later (FACTS §8, §9). Errors are findParamErrors' job.

import { parseIp } from './parse-ip.ts';
import { includesSystemMasters, SYSTEM_MASTERS_RISK } from './system-masters.ts';
import type { ServerCertificateParams } from './types.ts';
import type { AnyParams, ParamsKind } from './validate-params.ts';

/** A warning with the field it concerns. */
export interface LintWarning {
  code: string;
  /** The parameter or certificate part concerned ("dnsNames", "organizations", "extKeyUsage", …). */
  field: string;
  message: string;
  /** Values for the translated text's placeholders (e.g. { days, limit, since }). Default: none. */
  values?: Record<string, string | number>;
}

/**
 * CA/Browser Forum ballot SC-081 (TLS Baseline Requirements 6.3.2): the longest lifetime of a
 * publicly trusted TLS server certificate issued on or after each date. Before the first step
 * the limit was 398 days.
 */
export const PUBLIC_SERVER_VALIDITY_STEPS: readonly { since: string; days: number }[] = [
  { since: '2026-03-15', days: 200 },
  { since: '2027-03-15', days: 100 },
  { since: '2029-03-15', days: 47 },
];

/** The public-CA server-certificate lifetime limit in force on `at`, and since when (SC-081). */
export function publicServerValidityLimit(at: Date): { days: number; since: string } {
  let limit = { days: 398, since: '2020-09-01' };
  for (const step of PUBLIC_SERVER_VALIDITY_STEPS) {
    if (at.getTime() >= Date.parse(`${step.since}T00:00:00Z`)) limit = step;
  }
  return limit;
}

/** Options of the lints. */
export interface LintOptions {
  /** The date the lint judges by (the public-CA lifetime limit changes with it). Default: now. */
  now?: Date;
}

/** The warning for a server certificate longer-lived than public CAs may issue on `now`. */
export function serverValidityWarning(days: number, field: string, now: Date): LintWarning | null {
  const limit = publicServerValidityLimit(now);
  if (days <= limit.days) return null;
  return {
    code: 'lint/server-validity-over-public-limit',
    field,
    message: `${days} days is longer than the ${limit.days} days public CAs may give a server certificate since ${limit.since} (CA/Browser Forum ballot SC-081); fine for a private CA`,
    values: { days, limit: limit.days, since: limit.since },
  };
}

/** Warnings for a parameter set about to be issued. */
export function lintParams(kind: ParamsKind, params: AnyParams, options: LintOptions = {}): LintWarning[] {
  const out: LintWarning[] = [];
  const orgs = params?.subject?.organizations ?? [];
  if ((kind === 'client' || kind === 'csr') && includesSystemMasters(orgs)) {
    out.push({
      code: 'lint/system-masters',
      field: 'organizations',
      message: `${SYSTEM_MASTERS_RISK}: use an ordinary group and a (Cluster)RoleBinding`,
    });
  }
  if (kind === 'server') {
    const p = params as ServerCertificateParams;
    if ((p.dnsNames ?? []).length + (p.ipAddresses ?? []).length === 0) {
      out.push({
        code: 'lint/server-without-san',
        field: 'dnsNames',
        message:
          'A server certificate without DNS or IP SANs fails in Go (so in kubectl) and in Chrome, which never match host names against the CN; only some clients, such as curl, still fall back to it',
      });
    }
    const validity = serverValidityWarning(p.validityDays ?? 365, 'validityDays', options.now ?? new Date());
    if (validity) out.push(validity);
  }
  const cn = params?.subject?.commonName ?? '';
  if (kind === 'client' && (cn.toLowerCase() === 'localhost' || parseIp(cn) !== null)) {
    out.push({
      code: 'lint/client-cn-looks-like-host',
      field: 'commonName',
      message: 'The CN of a client certificate is the Kubernetes user name, not a host name',
    });
  }
  return out;
}
