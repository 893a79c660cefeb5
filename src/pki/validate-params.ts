// Parameter checks run before any key is made, so a form can show every problem next to its field.
// Limits: X.520 upper bounds (ub-common-name 64, ub-organization-name 64, ub-organizational-unit-name
// 64, ub-locality-name 128, ub-state-name 128; country is ISO 3166 alpha-2), RFC 1034/1123 host
// names with only a whole left-most "*" label as a wildcard, Go's IP text syntax, and validity of
// 1 to 36500 whole days.
import { bytesEqual } from './bytes.ts';
import { firstControlCharacter } from './control-characters.ts';
import type { LabErrorCode } from './error-codes.ts';
import { LabError } from './errors.ts';
import { ipTo16, parseIp } from './parse-ip.ts';
import type {
  ClientCertificateParams,
  CsrParams,
  IntermediateCaParams,
  RootCaParams,
  ServerCertificateParams,
  SubjectParams,
} from './types.ts';
import { KEY_ALGORITHMS } from './types.ts';

/** What a parameter set is for. */
export type ParamsKind = 'root-ca' | 'intermediate-ca' | 'server' | 'client' | 'csr';

/** Any of the parameter sets. */
export type AnyParams =
  | RootCaParams
  | IntermediateCaParams
  | ServerCertificateParams
  | ClientCertificateParams
  | CsrParams;

export const MAX_VALIDITY_DAYS = 36500;

const LIMITS = {
  commonName: 64,
  organizations: 64,
  organizationalUnits: 64,
  locality: 128,
  state: 128,
} as const;

function err(
  code: LabErrorCode,
  message: string,
  field: string,
  extra: Record<string, string | number> = {},
): LabError {
  return new LabError(code, message, { field, ...extra });
}

function checkText(out: LabError[], field: string, value: unknown, limit: number, index?: number): void {
  const where = index === undefined ? field : `${field}[${index}]`;
  const extra: Record<string, number> = index === undefined ? {} : { index };
  if (typeof value !== 'string') {
    out.push(err('params/not-text', `${where} must be text, not ${JSON.stringify(value)}`, field, extra));
    return;
  }
  const control = firstControlCharacter(value);
  if (control) {
    const hex = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    out.push(
      err(
        'params/control-character',
        `${where} contains the control character U+${hex}; use printable text`,
        field,
        {
          ...extra,
          limit,
        },
      ),
    );
    return;
  }
  if (/[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    out.push(err('params/invalid-character', `${where} contains a broken Unicode character`, field, extra));
    return;
  }
  const length = [...value].length;
  if (length > limit) {
    out.push(
      err(
        'params/name-too-long',
        `${where} has ${length} characters; at most ${limit} are allowed (X.520)`,
        field,
        {
          ...extra,
          limit,
          length,
        },
      ),
    );
  }
}

/** Every problem with a subject; `allowEmptyCommonName` for CSRs. */
export function subjectErrors(subject: SubjectParams | undefined, allowEmptyCommonName = false): LabError[] {
  const out: LabError[] = [];
  if (!subject || typeof subject !== 'object') {
    return [err('params/empty-common-name', 'A subject with a common name (CN) is required', 'commonName')];
  }
  const cn = subject.commonName;
  if (typeof cn === 'string' && cn.trim() === '' && !(allowEmptyCommonName && cn === '')) {
    out.push(
      err(
        'params/empty-common-name',
        cn === ''
          ? 'The common name (CN) is empty; for a client certificate it is the Kubernetes user name'
          : 'The common name (CN) is only spaces',
        'commonName',
      ),
    );
  } else {
    checkText(out, 'commonName', cn, LIMITS.commonName);
  }
  for (const [field, limit] of [
    ['organizations', LIMITS.organizations],
    ['organizationalUnits', LIMITS.organizationalUnits],
  ] as const) {
    const values = subject[field];
    if (values === undefined) continue;
    if (!Array.isArray(values)) {
      out.push(err('params/not-a-list', `${field} must be a list of text values`, field));
      continue;
    }
    values.forEach((v, index) => {
      if (typeof v === 'string' && v.trim() === '') {
        const code =
          field === 'organizations' ? 'params/empty-organization' : 'params/empty-organizational-unit';
        out.push(err(code, `${field}[${index}] is empty; remove it or give it a value`, field, { index }));
      } else {
        checkText(out, field, v, limit, index);
      }
    });
  }
  for (const field of ['locality', 'state'] as const) {
    const v = subject[field];
    if (v !== undefined && v !== '') checkText(out, field, v, LIMITS[field]);
  }
  if (
    subject.country !== undefined &&
    subject.country !== '' &&
    !/^[A-Z]{2}$/.test(String(subject.country))
  ) {
    out.push(
      err(
        'params/invalid-country',
        `Country ${JSON.stringify(subject.country)} must be a two-letter ISO 3166 code in capitals, e.g. "KR"`,
        'country',
      ),
    );
  }
  return out;
}

/** Why `name` is not an acceptable DNS SAN, or null when it is. */
export function dnsNameProblem(name: string): { code: LabErrorCode; message: string } | null {
  const q = JSON.stringify(name);
  if (name === '') return { code: 'params/invalid-dns-name', message: 'A DNS name is empty' };
  if (parseIp(name)) {
    return {
      code: 'params/ip-as-dns-name',
      message: `${q} is an IP address: put it in the IP addresses instead`,
    };
  }
  if (name.length > 253)
    return { code: 'params/invalid-dns-name', message: `${q} is longer than 253 characters` };
  if (/[^\x21-\x7e]/.test(name)) {
    return {
      code: 'params/invalid-dns-name',
      message: `${q} has spaces or non-ASCII characters; write international names in punycode (xn--…)`,
    };
  }
  const labels = name.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label.includes('*')) {
      if (label !== '*' || i !== 0) {
        return {
          code: 'params/invalid-wildcard',
          message: `${q}: a wildcard must be the whole left-most label, as in "*.example.com"`,
        };
      }
      if (labels.length < 3) {
        return {
          code: 'params/invalid-wildcard',
          message: `${q}: a wildcard needs at least two labels after it, as in "*.example.com"`,
        };
      }
      continue;
    }
    if (label === '') {
      return {
        code: 'params/invalid-dns-name',
        message: `${q} has an empty label (two dots, or a dot at an end)`,
      };
    }
    if (label.length > 63) {
      return { code: 'params/invalid-dns-name', message: `${q} has a label longer than 63 characters` };
    }
    if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(label)) {
      return {
        code: 'params/invalid-dns-name',
        message: `${q}: labels use letters, digits and inner hyphens only ("${label}" does not)`,
      };
    }
  }
  return null;
}

/** Every problem with the DNS and IP SANs. */
export function sanErrors(dnsNames: unknown, ipAddresses: unknown): LabError[] {
  const out: LabError[] = [];
  const seenDns = new Set<string>();
  if (dnsNames !== undefined) {
    if (!Array.isArray(dnsNames)) out.push(err('params/not-a-list', 'dnsNames must be a list', 'dnsNames'));
    else
      dnsNames.forEach((name: unknown, index) => {
        if (typeof name !== 'string') {
          out.push(err('params/not-text', `dnsNames[${index}] must be text`, 'dnsNames', { index }));
          return;
        }
        const problem = dnsNameProblem(name);
        if (problem) {
          out.push(err(problem.code, problem.message, 'dnsNames', { index, value: name }));
          return;
        }
        const key = name.toLowerCase();
        if (seenDns.has(key)) {
          out.push(
            err('params/duplicate-san', `DNS name "${name}" is listed twice`, 'dnsNames', {
              index,
              value: name,
            }),
          );
        }
        seenDns.add(key);
      });
  }
  const seenIps: Uint8Array[] = [];
  if (ipAddresses !== undefined) {
    if (!Array.isArray(ipAddresses))
      out.push(err('params/not-a-list', 'ipAddresses must be a list', 'ipAddresses'));
    else
      ipAddresses.forEach((text: unknown, index) => {
        const ip = typeof text === 'string' ? parseIp(text) : null;
        if (!ip) {
          out.push(
            err(
              'params/invalid-ip',
              `${JSON.stringify(text)} is not an IP address; write IPv4 as 192.168.0.10 (no leading zeros) or IPv6 as fd00::1`,
              'ipAddresses',
              { index, value: String(text) },
            ),
          );
          return;
        }
        const key = ipTo16(ip);
        if (seenIps.some((s) => bytesEqual(s, key))) {
          out.push(
            err('params/duplicate-san', `IP address ${String(text)} is listed twice`, 'ipAddresses', {
              index,
              value: String(text),
            }),
          );
        }
        seenIps.push(key);
      });
  }
  return out;
}

/** Every problem with notBefore / validityDays. */
export function validityErrors(params: { notBefore?: Date; validityDays?: number }): LabError[] {
  const out: LabError[] = [];
  const days = params.validityDays;
  if (days !== undefined) {
    if (typeof days !== 'number' || !Number.isInteger(days)) {
      out.push(
        err(
          'params/invalid-validity-days',
          `Validity ${String(days)} must be a whole number of days`,
          'validityDays',
        ),
      );
    } else if (days < 1) {
      out.push(
        err(
          'params/validity-too-short',
          `Validity ${days} days is too short; use at least 1`,
          'validityDays',
          { limit: 1 },
        ),
      );
    } else if (days > MAX_VALIDITY_DAYS) {
      out.push(
        err(
          'params/validity-too-long',
          `Validity ${days} days is more than ${MAX_VALIDITY_DAYS} (100 years)`,
          'validityDays',
          {
            limit: MAX_VALIDITY_DAYS,
          },
        ),
      );
    }
  }
  const nb = params.notBefore;
  if (nb !== undefined) {
    if (!(nb instanceof Date) || Number.isNaN(nb.getTime())) {
      out.push(err('params/invalid-not-before', 'notBefore is not a valid date', 'notBefore'));
    } else if (nb.getUTCFullYear() < 1950 || nb.getUTCFullYear() > 9000) {
      out.push(
        err(
          'params/invalid-not-before',
          `notBefore year ${nb.getUTCFullYear()} is outside 1950–9000`,
          'notBefore',
        ),
      );
    }
  }
  return out;
}

/** Every problem with a parameter set (empty when it can be issued). */
export function findParamErrors(kind: ParamsKind, params: AnyParams): LabError[] {
  if (!params || typeof params !== 'object') {
    return [err('params/missing', 'Parameters are required', 'subject')];
  }
  const out: LabError[] = [];
  if (params.algorithm !== undefined && !(KEY_ALGORITHMS as readonly string[]).includes(params.algorithm)) {
    out.push(
      err(
        'params/invalid-algorithm',
        `Key algorithm ${JSON.stringify(params.algorithm)} is not one of ${KEY_ALGORITHMS.join(', ')}`,
        'algorithm',
      ),
    );
  }
  out.push(...subjectErrors(params.subject, kind === 'csr'));
  if (kind === 'server' || kind === 'csr') {
    const p = params as ServerCertificateParams;
    out.push(...sanErrors(p.dnsNames, p.ipAddresses));
  }
  if (kind !== 'csr') out.push(...validityErrors(params as RootCaParams));
  if (kind === 'root-ca' || kind === 'intermediate-ca') {
    const pl = (params as RootCaParams).pathLength;
    if (pl !== undefined && (typeof pl !== 'number' || !Number.isInteger(pl) || pl < 0 || pl > 100)) {
      out.push(
        err(
          'params/invalid-path-length',
          `Path length ${String(pl)} must be a whole number from 0 to 100`,
          'pathLength',
        ),
      );
    }
  }
  return out;
}

/** Throws the first problem of `findParamErrors`. */
export function assertValidParams(kind: ParamsKind, params: AnyParams): void {
  const [first] = findParamErrors(kind, params);
  if (first) throw first;
}
