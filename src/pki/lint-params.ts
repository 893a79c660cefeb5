// Warnings for a form before anything is generated: things that issue fine but teach the wrong
// habit or fail later (FACTS §8, §9). Errors are findParamErrors' job.

import { parseIp } from './parse-ip.ts';
import type { ServerCertificateParams } from './types.ts';
import type { AnyParams, ParamsKind } from './validate-params.ts';

/** A warning with the field it concerns. */
export interface LintWarning {
  code: string;
  /** The parameter or certificate part concerned ("dnsNames", "organizations", "extKeyUsage", …). */
  field: string;
  message: string;
}

/** The longest server certificate lifetime browsers accept from public CAs (Apple, Chrome). */
export const MAX_SERVER_VALIDITY_DAYS = 398;

/** Warnings for a parameter set about to be issued. */
export function lintParams(kind: ParamsKind, params: AnyParams): LintWarning[] {
  const out: LintWarning[] = [];
  const orgs = params?.subject?.organizations ?? [];
  if ((kind === 'client' || kind === 'csr') && orgs.includes('system:masters')) {
    out.push({
      code: 'lint/system-masters',
      field: 'organizations',
      message:
        'system:masters bypasses all authorization and cannot be revoked; use an ordinary group and a (Cluster)RoleBinding',
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
    const days = p.validityDays ?? 365;
    if (days > MAX_SERVER_VALIDITY_DAYS) {
      out.push({
        code: 'lint/server-validity-over-398-days',
        field: 'validityDays',
        message: `${days} days is longer than the ${MAX_SERVER_VALIDITY_DAYS} days browsers accept for server certificates from public CAs`,
      });
    }
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
