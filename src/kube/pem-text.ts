// A light PEM shape check for src/kube: which blocks a text holds, without parsing the DER
// (src/pki does that). Enough to catch a pasted key in a certificate field, or an empty file.

/** One "-----BEGIN X-----" … "-----END X-----" block. */
export interface PemBlockShape {
  label: string;
  /** The base64 body is well formed. */
  bodyOk: boolean;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** The PEM blocks in `text`, in order (empty when there is none). */
export function pemBlocks(text: string): PemBlockShape[] {
  const blocks: PemBlockShape[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = (m[2] ?? '').replace(/^[A-Za-z-]+: .*$/gm, '').replace(/\s+/g, '');
    blocks.push({ label: m[1] ?? '', bodyOk: body.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body) });
  }
  return blocks;
}

/** PEM labels of private keys that client-go can load (unencrypted PKCS#8, PKCS#1, SEC1). */
export const PRIVATE_KEY_LABELS: readonly string[] = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/** PEM text normalised for embedding: LF line ends, no surrounding blank space, one final newline. */
export function normalisePem(text: string): string {
  return `${text.replace(/\r\n/g, '\n').trim()}\n`;
}
