// What `kubectl auth whoami` prints, reproduced from kubectl's printTableSelfSubjectAccessReview:
// a cli-runtime tab writer (minwidth 6, padding 3, pad ' ') over the lines "ATTRIBUTE\tVALUE",
// "Username\t…" (if set), "UID\t…" (if set), "Groups\t%v" (if any), "Extra: <key>\t%v" (keys
// sorted). The first column is as wide as its longest cell plus 3; the last cell is not padded.
// Go's %v of a []string is "[a b c]". The API server appends system:authenticated to every
// authenticated user unless it is already there.
import { LabError } from '../pki/errors.ts';

/** The extra key kube-apiserver (1.32+) fills with "X509SHA256=<hex of the certificate's SHA-256>". */
export const CREDENTIAL_ID_EXTRA_KEY = 'authentication.kubernetes.io/credential-id';

/**
 * The credential ID kube-apiserver 1.32+ reports for a client certificate: "X509SHA256=" and the
 * lower-case hex of the SHA-256 of its DER, from the fingerprint as src/pki prints it ("AB:CD:…").
 */
export function x509CredentialId(sha256Fingerprint: string): string {
  return `X509SHA256=${sha256Fingerprint.replaceAll(':', '').toLowerCase()}`;
}

/** The credential ID shown before the certificate exists (its SHA-256 is known only once it is issued). */
export const PENDING_CREDENTIAL_ID = 'X509SHA256=…';

/** The extra kube-apiserver 1.32+ reports for a client certificate, for whoamiPreview's `extra`. */
export function credentialIdExtra(credentialId: string = PENDING_CREDENTIAL_ID): Record<string, string[]> {
  return { [CREDENTIAL_ID_EXTRA_KEY]: [credentialId] };
}

/** The identity the API server reports (SelfSubjectReview status.userInfo). */
export interface WhoamiParams {
  /** User name (the certificate's CN). */
  user: string;
  /** Groups as authenticated (the certificate's O values, in certificate order). */
  groups: string[];
  /** UID. Default: none (kube-apiserver 1.33+ sets it from a subject attribute 1.3.6.1.4.1.57683.2). */
  uid?: string;
  /**
   * Extra attributes, e.g. credentialIdExtra(x509CredentialId(sha256)): every cluster from 1.32 on
   * reports the certificate's credential ID. Default: none (what clusters before 1.32 print).
   */
  extra?: Record<string, string[]>;
}

/** The exact text `kubectl auth whoami` prints for this identity, ending in a newline. */
export function whoamiPreview(params: WhoamiParams): string {
  if (params.user === '') {
    throw new LabError(
      'whoami/empty-user',
      'a certificate with an empty CN authenticates no one: the request becomes anonymous and whoami is refused',
      { field: 'user' },
    );
  }
  const groups = params.groups.includes('system:authenticated')
    ? [...params.groups]
    : [...params.groups, 'system:authenticated'];
  const rows: [string, string][] = [
    ['ATTRIBUTE', 'VALUE'],
    ['Username', params.user],
  ];
  if (params.uid !== undefined && params.uid !== '') rows.push(['UID', params.uid]);
  rows.push(['Groups', `[${groups.join(' ')}]`]);
  const extra = params.extra ?? {};
  for (const key of Object.keys(extra).sort(compareBytes)) {
    rows.push([`Extra: ${key}`, `[${(extra[key] ?? []).join(' ')}]`]);
  }
  const width = Math.max(6, ...rows.map(([label]) => runeCount(label) + 3));
  return rows.map(([label, value]) => `${label}${' '.repeat(width - runeCount(label))}${value}\n`).join('');
}

function runeCount(s: string): number {
  return [...s].length;
}

/** Go's string order (UTF-8 bytes), which for UTF-16 means code point order. */
function compareBytes(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
}
