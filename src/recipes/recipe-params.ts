// Checks and defaults shared by the cfssl, openssl and @peculiar/x509 recipes, so both refuse the same inputs with
// the same codes. Limits are those of the strictest tool: openssl refuses CN, O and OU longer than
// 64 characters (the X.520 upper bounds) and a C that is not two letters; Go (cfssl) does not.

import { hasControlCharacter } from '../pki/control-characters.ts';
import { LabError } from '../pki/errors.ts';
import {
  DEFAULT_KEY_ALGORITHM,
  KEY_ALGORITHMS,
  type KeyAlgorithm,
  type SubjectParams,
} from '../pki/types.ts';
import type { LabCertificateParams } from './recipe-command.ts';

/** A subject after checking, with every list present. */
export interface CheckedSubject {
  commonName: string;
  organizations: string[];
  organizationalUnits: string[];
  country?: string;
  state?: string;
  locality?: string;
}

function checkValue(field: string, value: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new LabError('recipe/empty-value', `${field} is empty: give it a value or leave the field out`, {
      field,
    });
  }
  if (hasControlCharacter(value)) {
    throw new LabError(
      'recipe/control-character',
      `${field} ${JSON.stringify(value)} holds a control character`,
      {
        field,
      },
    );
  }
  if ([...value].length > max) {
    throw new LabError(
      'recipe/value-too-long',
      `${field} ${JSON.stringify(value)} is longer than ${max} characters, which openssl refuses`,
      { field, limit: max },
    );
  }
}

/** Checks a subject for the recipes (CN required). */
export function checkSubject(field: string, s: SubjectParams): CheckedSubject {
  checkValue(`${field}.commonName`, s.commonName, 64);
  const organizations = s.organizations ?? [];
  const organizationalUnits = s.organizationalUnits ?? [];
  organizations.forEach((o, i) => {
    checkValue(`${field}.organizations[${i}]`, o, 64);
  });
  organizationalUnits.forEach((o, i) => {
    checkValue(`${field}.organizationalUnits[${i}]`, o, 64);
  });
  if (s.country !== undefined && !/^[A-Z]{2}$/.test(s.country)) {
    throw new LabError(
      'recipe/bad-country',
      `${field}.country ${JSON.stringify(s.country)} is not a two-letter country code such as "DE"`,
      { field: `${field}.country` },
    );
  }
  if (s.state !== undefined) checkValue(`${field}.state`, s.state, 128);
  if (s.locality !== undefined) checkValue(`${field}.locality`, s.locality, 128);
  const out: CheckedSubject = { commonName: s.commonName, organizations, organizationalUnits };
  if (s.country !== undefined) out.country = s.country;
  if (s.state !== undefined) out.state = s.state;
  if (s.locality !== undefined) out.locality = s.locality;
  return out;
}

/** The algorithm, defaulted to RSA-2048 and checked against the known list. */
export function checkAlgorithm(field: string, algorithm: KeyAlgorithm | undefined): KeyAlgorithm {
  const a = algorithm ?? DEFAULT_KEY_ALGORITHM;
  if (!KEY_ALGORITHMS.includes(a)) {
    throw new LabError(
      'recipe/unsupported-algorithm',
      `${field} ${JSON.stringify(a)} is not one of ${KEY_ALGORITHMS.join(', ')}`,
      { field },
    );
  }
  return a;
}

/** The validity in whole days, defaulted (3650 for CAs, 365 for leaves, as kubeadm). */
export function checkValidityDays(field: string, days: number | undefined, fallback: number): number {
  const d = days ?? fallback;
  if (!Number.isSafeInteger(d) || d < 1 || d > 36500) {
    throw new LabError(
      'recipe/bad-validity',
      `${field} ${d} is not a whole number of days between 1 and 36500 (openssl -days and cfssl expiry take whole units)`,
      { field },
    );
  }
  return d;
}

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Checks DNS SANs: host names, optionally with one leading "*." wildcard label. */
export function checkDnsNames(field: string, names: string[] | undefined): string[] {
  const list = names ?? [];
  list.forEach((name, i) => {
    const bare = name.startsWith('*.') ? name.slice(2) : name;
    if (name.length > 253 || !bare.split('.').every((l) => LABEL.test(l))) {
      throw new LabError(
        'recipe/bad-dns-name',
        `${field}[${i}] ${JSON.stringify(name)} is not a DNS name: use letters, digits, '-' and dots, e.g. "localhost" or "api.example.com"`,
        { field: `${field}[${i}]`, value: name },
      );
    }
  });
  return list;
}

/** Checks IP SANs: dotted IPv4 or IPv6 text (no zone). */
export function checkIpAddresses(field: string, ips: string[] | undefined): string[] {
  const list = ips ?? [];
  list.forEach((ip, i) => {
    if (!isIPv4(ip) && !isIPv6(ip)) {
      throw new LabError(
        'recipe/bad-ip-address',
        `${field}[${i}] ${JSON.stringify(ip)} is not an IPv4 or IPv6 address, e.g. "192.0.2.10" or "::1"`,
        { field: `${field}[${i}]`, value: ip },
      );
    }
  });
  return list;
}

function isIPv4(ip: string): boolean {
  const parts = ip.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(ip: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(ip) || !ip.includes(':')) return false;
  try {
    return new URL(`http://[${ip}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** Refuses a CA path length that is not a whole number ≥ 0. */
export function checkPathLength(field: string, value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0 || value > 255)) {
    throw new LabError('recipe/bad-path-length', `${field} ${value} is not a whole number from 0 to 255`, {
      field,
    });
  }
  return value;
}

/** The lab set after checking: what the openssl commands and make-lab-certs.mjs are written from. */
export interface CheckedLab {
  rootCa: { algorithm: KeyAlgorithm; subject: CheckedSubject; days: number; pathLength: number | undefined };
  server: {
    algorithm: KeyAlgorithm;
    subject: CheckedSubject;
    days: number;
    dnsNames: string[];
    ipAddresses: string[];
  };
  client: { algorithm: KeyAlgorithm; subject: CheckedSubject; days: number };
}

/** Checks the whole lab set, root CA first, then the server, then the client: the first bad value is the one refused. */
export function checkLab(lab: LabCertificateParams): CheckedLab {
  return {
    rootCa: {
      algorithm: checkAlgorithm('rootCa.algorithm', lab.rootCa.algorithm),
      subject: checkSubject('rootCa.subject', lab.rootCa.subject),
      days: checkValidityDays('rootCa.validityDays', lab.rootCa.validityDays, 3650),
      pathLength: checkPathLength('rootCa.pathLength', lab.rootCa.pathLength),
    },
    server: {
      algorithm: checkAlgorithm('server.algorithm', lab.server.algorithm),
      subject: checkSubject('server.subject', lab.server.subject),
      days: checkValidityDays('server.validityDays', lab.server.validityDays, 365),
      dnsNames: checkDnsNames('server.dnsNames', lab.server.dnsNames),
      ipAddresses: checkIpAddresses('server.ipAddresses', lab.server.ipAddresses),
    },
    client: {
      algorithm: checkAlgorithm('client.algorithm', lab.client.algorithm),
      subject: checkSubject('client.subject', lab.client.subject),
      days: checkValidityDays('client.validityDays', lab.client.validityDays, 365),
    },
  };
}
