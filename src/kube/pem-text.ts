// The PEM blocks of a text, for src/kube's shape checks (a pasted key in a certificate field, an
// empty file): src/pki's parsePem reads them, and each block is named by the label as written,
// because kubectl and client-go (Go's encoding/pem) read "CERTIFICATE", not openssl's
// "X509 CERTIFICATE" or "TRUSTED CERTIFICATE". The DER is not parsed here (src/pki does that).
import { isLabError } from '../pki/errors.ts';
import { parsePem } from '../pki/parse-pem.ts';

/** One "-----BEGIN X-----" … "-----END X-----" block. */
export interface PemBlockShape {
  /** The label as written. */
  label: string;
  /** The block reads: its body is base64 and it has its END line. */
  bodyOk: boolean;
}

/**
 * The PEM blocks in `text`, in order (empty when there is none). A text with a broken block gives
 * that block, unreadable, as the last one: its label when the break names it, else ''.
 */
export function pemBlocks(text: string): PemBlockShape[] {
  try {
    return parsePem(text).map((b) => ({ label: b.writtenLabel ?? b.label, bodyOk: true }));
  } catch (e) {
    if (!isLabError(e) || e.code === 'pem/no-block') return [];
    const label = e.details.label;
    return [{ label: typeof label === 'string' ? label : '', bodyOk: false }];
  }
}

/** PEM labels of private keys that client-go can load (unencrypted PKCS#8, PKCS#1, SEC1). */
export const PRIVATE_KEY_LABELS: readonly string[] = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/** PEM text normalised for embedding: LF line ends, no surrounding blank space, one final newline. */
export function normalisePem(text: string): string {
  return `${text.replace(/\r\n/g, '\n').trim()}\n`;
}
