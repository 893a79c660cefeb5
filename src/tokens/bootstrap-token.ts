// Bootstrap tokens (k8s.io/cluster-bootstrap): "<id>.<secret>", 6 and 16 characters of [a-z0-9],
// stored in a Secret "bootstrap-token-<id>" of type bootstrap.kubernetes.io/token in kube-system.
import { LabError } from '../pki/errors.ts';
import { randomFromAlphabet } from './random-token.ts';

/** api.BootstrapTokenPattern, anchored as Go's \A…\z. */
export const BOOTSTRAP_TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
/** api.BootstrapGroupPattern. */
export const BOOTSTRAP_GROUP_PATTERN = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;
export const BOOTSTRAP_GROUP_PATTERN_TEXT = '\\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z';
export const BOOTSTRAP_DEFAULT_GROUP = 'system:bootstrappers';
export const BOOTSTRAP_USER_PREFIX = 'system:bootstrap:';
export const BOOTSTRAP_SECRET_TYPE = 'bootstrap.kubernetes.io/token';
export const BOOTSTRAP_SECRET_PREFIX = 'bootstrap-token-';
/** The usages kubeadm knows (api.KnownTokenUsages). */
export const BOOTSTRAP_USAGES = ['signing', 'authentication'] as const;
export type BootstrapUsage = (typeof BOOTSTRAP_USAGES)[number];

/** The two halves of a bootstrap token. */
export interface BootstrapTokenParts {
  id: string;
  secret: string;
}

/**
 * Splits a bootstrap token. Throws `bootstrap-token/format` for anything but
 * `[a-z0-9]{6}.[a-z0-9]{16}` (kube-apiserver's bootstrap authenticator silently ignores such a
 * token: "not mine").
 */
export function parseBootstrapToken(token: string): BootstrapTokenParts {
  const m = BOOTSTRAP_TOKEN_PATTERN.exec(String(token));
  if (!m) {
    throw new LabError(
      'bootstrap-token/format',
      `"${String(token)}" is not a bootstrap token: six lower-case letters or digits, a dot, sixteen more (abcdef.0123456789abcdef)`,
      { field: 'token' },
    );
  }
  return { id: m[1]!, secret: m[2]! };
}

/** A new random bootstrap token, as `kubeadm token generate` makes one. */
export function generateBootstrapToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `${randomFromAlphabet(alphabet, 6)}.${randomFromAlphabet(alphabet, 16)}`;
}

/** The error ValidateBootstrapGroupName returns for `group`, or undefined if it is valid. */
export function bootstrapGroupError(group: string): string | undefined {
  if (BOOTSTRAP_GROUP_PATTERN.test(group)) return undefined;
  return `bootstrap group ${goQuote(group)} is invalid (must match ${BOOTSTRAP_GROUP_PATTERN_TEXT})`;
}

/** Go's %q for a string (strconv.Quote) for the characters that matter here. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
