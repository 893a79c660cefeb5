// Name constraints (RFC 5280 §4.2.1.10) exactly as Go 1.19's crypto/x509 reads and applies them
// (parser.go parseNameConstraintsExtension, verify.go isValid/checkNameConstraints): DNS, email,
// IP and URI subtrees, permitted and excluded; DNS constraints may take a leading period; a
// directoryName or otherName subtree is "unhandled" (a critical extension holding one fails
// Verify); every SAN of the leaf, and of the CA itself, is checked against each CA of the chain,
// with Go's limit of 250,000 comparisons per certificate. Error texts are Go's, word for word.
import { DerCursor } from './der-cursor.ts';
import { formatIp } from './format-ip.ts';
import { parseIp } from './parse-ip.ts';

/** One IP subtree: address and mask, 4 or 16 bytes each. */
export interface IpConstraint {
  ip: Uint8Array;
  mask: Uint8Array;
}

/** The subtrees of one kind of name. */
export interface ConstraintSet {
  dns: string[];
  email: string[];
  ip: IpConstraint[];
  uri: string[];
}

/** A decoded nameConstraints extension. */
export interface NameConstraints {
  permitted: ConstraintSet;
  excluded: ConstraintSet;
  /** A subtree of a form Go does not handle (directoryName, otherName, …) is present. */
  unhandled: boolean;
  /** The forms of those subtrees ("directoryName", …), for display. */
  unhandledForms: string[];
}

const FORMS: Record<number, string> = {
  160: 'otherName',
  163: 'x400Address',
  164: 'directoryName',
  165: 'ediPartyName',
  136: 'registeredID',
};

const latin1 = new TextDecoder('latin1');

/** Go's isIA5String: every character ASCII. */
function isIA5(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Go's domainToReverseLabels: the labels last first, or null when Go refuses the domain. */
export function domainToReverseLabels(domain: string): string[] | null {
  const labels: string[] = [];
  let d = domain;
  while (d.length > 0) {
    const i = d.lastIndexOf('.');
    if (i === -1) {
      labels.push(d);
      d = '';
    } else {
      labels.push(d.slice(i + 1));
      d = d.slice(0, i);
    }
  }
  if (labels.length > 0 && labels[0]!.length === 0) return null;
  for (const label of labels) {
    if (label.length === 0) return null;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      if (c < 33 || c > 126) return null;
    }
  }
  return labels;
}

/** A mailbox split as Go's parseRFC2821Mailbox does; null when Go cannot parse it. */
export function parseMailbox(input: string): { local: string; domain: string } | null {
  if (input.length === 0) return null;
  let local = '';
  let i = 0;
  const at = (k: number) => input.charCodeAt(k);
  if (input[0] === '"') {
    i = 1;
    for (;;) {
      if (i >= input.length) return null;
      const c = at(i++);
      if (c === 0x22) break;
      if (c === 0x5c) {
        if (i >= input.length) return null;
        const n = at(i);
        if (n === 11 || n === 12 || (n >= 1 && n <= 9) || (n >= 14 && n <= 127)) {
          local += input[i];
          i++;
        } else return null;
      } else if (
        c === 11 ||
        c === 12 ||
        c === 32 ||
        c === 33 ||
        c === 127 ||
        (c >= 1 && c <= 8) ||
        (c >= 14 && c <= 31) ||
        (c >= 35 && c <= 91) ||
        (c >= 93 && c <= 126)
      ) {
        local += input[i - 1];
      } else return null;
    }
  } else {
    const atext = /[0-9A-Za-z!#$%&'*+\-/=?^_`{|}~.]/;
    while (i < input.length) {
      let c = input[i]!;
      if (c === '\\') {
        i++;
        if (i >= input.length) return null;
        c = input[i]!;
        local += c;
        i++;
        continue;
      }
      if (!atext.test(c)) break;
      local += c;
      i++;
    }
    if (local.length === 0) return null;
    if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  }
  if (i >= input.length || input[i] !== '@') return null;
  const domain = input.slice(i + 1);
  if (domainToReverseLabels(domain) === null) return null;
  return { local, domain };
}

function validMask(mask: Uint8Array): boolean {
  let seenZero = false;
  for (const b of mask) {
    if (seenZero) {
      if (b !== 0) return false;
      continue;
    }
    if ([0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe].includes(b)) seenZero = true;
    else if (b !== 0xff) return false;
  }
  return true;
}

/** Go's %q of a string: JSON quoting is the same for the ASCII these texts hold. */
const q = (s: string) => JSON.stringify(s);

/**
 * Decodes a nameConstraints extension value as Go does. Returns the constraints, or Go's error
 * text when Go refuses the certificate because of it.
 */
export function parseNameConstraints(value: Uint8Array): NameConstraints | { goError: string } {
  const invalid = { goError: 'x509: invalid NameConstraints extension' };
  const outer = new DerCursor(value);
  const top = outer.read(0x30);
  if (top === null || !outer.empty()) return invalid;
  const inner = new DerCursor(top);
  const permitted = inner.readOptional(0xa0);
  const excluded = permitted && inner.readOptional(0xa1);
  if (!permitted || !excluded || !inner.empty()) return invalid;
  if (
    (permitted.value === undefined && excluded.value === undefined) ||
    ((permitted.value?.length ?? 0) === 0 && (excluded.value?.length ?? 0) === 0)
  ) {
    return { goError: 'x509: empty name constraints extension' };
  }
  const out: NameConstraints = {
    permitted: { dns: [], email: [], ip: [], uri: [] },
    excluded: { dns: [], email: [], ip: [], uri: [] },
    unhandled: false,
    unhandledForms: [],
  };
  const getValues = (subtrees: Uint8Array | undefined, into: ConstraintSet): string | null => {
    const c = new DerCursor(subtrees ?? new Uint8Array(0));
    while (!c.empty()) {
      const seq = c.read(0x30);
      const base = seq === null ? null : new DerCursor(seq).readAny();
      if (base === null) return 'x509: invalid NameConstraints extension';
      const text = latin1.decode(base.value);
      switch (base.tag) {
        case 0x82: {
          if (!isIA5(text)) return 'x509: invalid constraint value: asn1: invalid IA5String';
          const trimmed = text.startsWith('.') ? text.slice(1) : text;
          if (domainToReverseLabels(trimmed) === null)
            return `x509: failed to parse dnsName constraint ${q(text)}`;
          into.dns.push(text);
          break;
        }
        case 0x87: {
          const l = base.value.length;
          if (l !== 8 && l !== 32) return `x509: IP constraint contained value of length ${l}`;
          const ip = base.value.slice(0, l / 2);
          const mask = base.value.slice(l / 2);
          if (!validMask(mask)) {
            const hex = [...mask].map((b) => b.toString(16).padStart(2, '0')).join('');
            return `x509: IP constraint contained invalid mask ${hex}`;
          }
          into.ip.push({ ip, mask });
          break;
        }
        case 0x81: {
          if (!isIA5(text)) return 'x509: invalid constraint value: asn1: invalid IA5String';
          if (text.includes('@')) {
            if (parseMailbox(text) === null) return `x509: failed to parse rfc822Name constraint ${q(text)}`;
          } else {
            const domain = text.startsWith('.') ? text.slice(1) : text;
            if (domainToReverseLabels(domain) === null)
              return `x509: failed to parse rfc822Name constraint ${q(text)}`;
          }
          into.email.push(text);
          break;
        }
        case 0x86: {
          if (!isIA5(text)) return 'x509: invalid constraint value: asn1: invalid IA5String';
          if (goParseIp(text)) return `x509: failed to parse URI constraint ${q(text)}: cannot be IP address`;
          const trimmed = text.startsWith('.') ? text.slice(1) : text;
          if (domainToReverseLabels(trimmed) === null)
            return `x509: failed to parse URI constraint ${q(text)}`;
          into.uri.push(text);
          break;
        }
        default:
          out.unhandled = true;
          out.unhandledForms.push(FORMS[base.tag] ?? `tag 0x${base.tag.toString(16)}`);
      }
    }
    return null;
  };
  const e1 = getValues(permitted.value, out.permitted);
  if (e1) return { goError: e1 };
  const e2 = getValues(excluded.value, out.excluded);
  if (e2) return { goError: e2 };
  return out;
}

/** Go's net.ParseIP: true for dotted IPv4 and for IPv6 text (no zone, no brackets). */
function goParseIp(s: string): boolean {
  try {
    return parseIp(s) !== null;
  } catch {
    return false;
  }
}

/** Go's (*net.IPNet).String(): "10.0.0.0/8", or address/hex-mask for a non-canonical mask. */
export function formatIpConstraint(c: IpConstraint): string {
  let ip = c.ip;
  let mask = c.mask;
  const v4mapped =
    ip.length === 16 && ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
  if (v4mapped) ip = ip.subarray(12);
  if (mask.length === 4 && ip.length !== 4) return '<nil>';
  if (mask.length === 16 && ip.length === 4) mask = mask.subarray(12);
  let ones = 0;
  let simple = true;
  let seenZero = false;
  for (const b of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      if ((b >> bit) & 1) {
        if (seenZero) simple = false;
        ones++;
      } else seenZero = true;
    }
  }
  const hex = [...mask].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${formatIp(ip)}/${simple ? ones : hex}`;
}

function matchDomain(domain: string, constraint: string): boolean | string {
  if (constraint.length === 0) return true;
  const domainLabels = domainToReverseLabels(domain);
  if (!domainLabels) return `x509: internal error: cannot parse domain ${q(domain)}`;
  let c = constraint;
  let mustHaveSubdomains = false;
  if (c[0] === '.') {
    mustHaveSubdomains = true;
    c = c.slice(1);
  }
  const constraintLabels = domainToReverseLabels(c);
  if (!constraintLabels) return `x509: internal error: cannot parse domain ${q(c)}`;
  if (
    domainLabels.length < constraintLabels.length ||
    (mustHaveSubdomains && domainLabels.length === constraintLabels.length)
  ) {
    return false;
  }
  return constraintLabels.every((l, i) => l.toLowerCase() === domainLabels[i]!.toLowerCase());
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function matchEmail(mailbox: { local: string; domain: string }, constraint: string): boolean | string {
  if (constraint.includes('@')) {
    const cm = parseMailbox(constraint);
    if (!cm) return `x509: internal error: cannot parse constraint ${q(constraint)}`;
    return mailbox.local === cm.local && asciiLower(mailbox.domain) === asciiLower(cm.domain);
  }
  return matchDomain(mailbox.domain, constraint);
}

function matchUri(uri: string, host: string, constraint: string): boolean | string {
  if (host.length === 0) return `URI with empty host (${q(uri)}) cannot be matched against constraints`;
  let h = host;
  if (h.includes(':') && !h.endsWith(']')) {
    const i = h.lastIndexOf(':');
    h = h.slice(0, i);
    if (h.includes(':')) return `address ${host}: too many colons in address`;
  }
  if ((h.startsWith('[') && h.endsWith(']')) || goParseIp(h)) {
    return `URI with IP (${q(uri)}) cannot be matched against constraints`;
  }
  return matchDomain(h, constraint);
}

function matchIp(ip: Uint8Array, c: IpConstraint): boolean {
  if (ip.length !== c.ip.length) return false;
  for (let i = 0; i < ip.length; i++) if ((ip[i]! & c.mask[i]!) !== (c.ip[i]! & c.mask[i]!)) return false;
  return true;
}

/** The SANs a CA's constraints are checked against, in certificate order. */
export interface SanEntry {
  tag: number;
  value: Uint8Array;
}

/** Go's verdict on one CA's constraints: null when they allow every name, else the problem. */
export interface ConstraintFailure {
  /** 'not-permitted' | 'excluded' | 'unparseable-name' | 'too-many' | 'unmatchable'. */
  kind: string;
  goError: string;
  /** The name concerned, when there is one. */
  name?: string;
}

const PREFIX = 'x509: a root or intermediate certificate is not authorized to sign for this name: ';
/** Go's default VerifyOptions.MaxConstraintComparisions. */
export const MAX_CONSTRAINT_COMPARISONS = 250_000;

/**
 * Checks the SANs of each certificate in `sanLists` (the leaf's, then the CA's own) against `nc`,
 * in Go's order with Go's comparison count. `uriHost` gives the host of a URI SAN as Go's
 * url.Parse reads it.
 */
export function checkNameConstraints(
  nc: NameConstraints,
  sanLists: SanEntry[][],
  uriHost: (uri: string) => string,
): ConstraintFailure | null {
  let count = 0;
  const check = <P, C>(
    nameType: string,
    name: string,
    parsed: P,
    match: (p: P, c: C) => boolean | string,
    permitted: C[],
    excluded: C[],
    show: (c: C) => string,
  ): ConstraintFailure | null => {
    count += excluded.length;
    if (count > MAX_CONSTRAINT_COMPARISONS) return { kind: 'too-many', goError: 'x509: unknown error', name };
    for (const c of excluded) {
      const m = match(parsed, c);
      if (typeof m === 'string') return { kind: 'unmatchable', goError: PREFIX + m, name };
      if (m) {
        return {
          kind: 'excluded',
          goError: `${PREFIX}${nameType} ${q(name)} is excluded by constraint ${q(show(c))}`,
          name,
        };
      }
    }
    count += permitted.length;
    if (count > MAX_CONSTRAINT_COMPARISONS) return { kind: 'too-many', goError: 'x509: unknown error', name };
    let ok = true;
    for (const c of permitted) {
      const m = match(parsed, c);
      if (typeof m === 'string') return { kind: 'unmatchable', goError: PREFIX + m, name };
      ok = m;
      if (ok) break;
    }
    if (!ok) {
      return {
        kind: 'not-permitted',
        goError: `${PREFIX}${nameType} ${q(name)} is not permitted by any constraint`,
        name,
      };
    }
    return null;
  };
  const id = (s: string) => s;
  for (const sans of sanLists) {
    for (const san of sans) {
      const text = latin1.decode(san.value);
      let f: ConstraintFailure | null = null;
      switch (san.tag) {
        case 0x81: {
          const mailbox = parseMailbox(text);
          if (!mailbox)
            return { kind: 'unparseable-name', goError: 'x509: cannot parse rfc822Name {"" ""}', name: text };
          f = check('email address', text, mailbox, matchEmail, nc.permitted.email, nc.excluded.email, id);
          break;
        }
        case 0x82:
          if (!domainToReverseLabels(text))
            return { kind: 'unparseable-name', goError: `x509: cannot parse dnsName ${q(text)}`, name: text };
          f = check('DNS name', text, text, matchDomain, nc.permitted.dns, nc.excluded.dns, id);
          break;
        case 0x86: {
          const host = uriHost(text);
          f = check(
            'URI',
            text,
            text,
            (u: string, c: string) => matchUri(u, host, c),
            nc.permitted.uri,
            nc.excluded.uri,
            id,
          );
          break;
        }
        case 0x87:
          if (san.value.length !== 4 && san.value.length !== 16) break;
          f = check(
            'IP address',
            formatIp(san.value),
            san.value,
            matchIp,
            nc.permitted.ip,
            nc.excluded.ip,
            formatIpConstraint,
          );
          break;
      }
      if (f) return f;
    }
  }
  return null;
}

/** The constraints as short lines ("DNS .example.com", "IP 10.0.0.0/8"), for display. */
export function describeConstraintSet(set: ConstraintSet): string[] {
  return [
    ...set.dns.map((d) => `DNS:${d}`),
    ...set.ip.map((i) => `IP:${formatIpConstraint(i)}`),
    ...set.email.map((e) => `email:${e}`),
    ...set.uri.map((u) => `URI:${u}`),
  ];
}
