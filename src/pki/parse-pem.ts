// PEM as people paste it: CRLF or LF, indented, inside a terminal transcript, several blocks in a
// row, RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") before the body. Errors name the line (1-based)
// so a widget can point at it.
//
// Labels are read as openssl reads them: "X509 CERTIFICATE" (the pre-1998 label, PEM_STRING_X509_OLD)
// and "TRUSTED CERTIFICATE" (`openssl x509 -trustout`: the certificate followed by an X509_CERT_AUX
// SEQUENCE of trust settings) are certificates; the block says "CERTIFICATE" with its DER alone, and
// keeps the written label (and the trust settings) so that a widget can say that Go and kubectl read
// only "CERTIFICATE" blocks. "DSA PRIVATE KEY" (openssl's traditional DSA form) becomes a PKCS#8
// "PRIVATE KEY" with the DSA algorithm, so that key readers name the key type they cannot use.
import { fromBase64 } from './bytes.ts';
import type { DerNode } from './der.ts';
import { children, oid, readNode, seq, TAG, tlv } from './der.ts';
import { LabError } from './errors.ts';

/** One decoded PEM block. */
export interface PemBlock {
  /** The label between "BEGIN " and "-----", e.g. "CERTIFICATE". */
  label: string;
  /** The decoded body. */
  der: Uint8Array;
  /** RFC 1421 headers ("Proc-Type", "DEK-Info"), when the block has any. */
  headers?: Record<string, string>;
  /** The line (1-based) of the BEGIN line. */
  line: number;
  /** The label as written when it differs from `label`: "X509 CERTIFICATE", "TRUSTED CERTIFICATE", "DSA PRIVATE KEY". */
  writtenLabel?: string;
  /** A TRUSTED CERTIFICATE's trust settings (the X509_CERT_AUX DER after the certificate). */
  trust?: Uint8Array;
}

/** Labels openssl reads as a certificate; Go and kubectl read only "CERTIFICATE". */
export const OPENSSL_CERTIFICATE_LABELS = ['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE'] as const;

const DSA_OID = '1.2.840.10040.4.1';

/** The block as openssl reads it: see the note at the top. Bodies that are not DER are left as they are. */
function asOpenssl(block: PemBlock): PemBlock {
  const { label, der } = block;
  try {
    if (label === 'X509 CERTIFICATE') return { ...block, label: 'CERTIFICATE', writtenLabel: label };
    if (label === 'TRUSTED CERTIFICATE') {
      const cert = readNode(der, 0);
      const out: PemBlock = { ...block, label: 'CERTIFICATE', der: cert.bytes, writtenLabel: label };
      if (cert.bytes.length < der.length) out.trust = der.subarray(cert.bytes.length);
      return out;
    }
    if (label === 'DSA PRIVATE KEY') {
      const written = { ...block, label: 'PRIVATE KEY', writtenLabel: label };
      // An encrypted body is not DER: the key readers say it is encrypted, from the headers.
      if ((block.headers?.['Proc-Type'] ?? '').includes('ENCRYPTED')) return written;
      // DSAPrivateKey ::= SEQUENCE { version 0, p, q, g, y, x } (openssl's dsa_asn1.c).
      const top = readNode(der, 0);
      const parts: DerNode[] = top.tag === TAG.SEQUENCE ? children(top) : [];
      if (parts.length !== 6 || parts.some((n) => n.tag !== TAG.INTEGER)) return block;
      const [p, q, g, x] = [parts[1]!, parts[2]!, parts[3]!, parts[5]!];
      const pkcs8 = seq(
        Uint8Array.of(0x02, 0x01, 0x00),
        seq(oid(DSA_OID), seq(p.bytes, q.bytes, g.bytes)),
        tlv(TAG.OCTET_STRING, x.bytes),
      );
      return { ...written, der: pkcs8 };
    }
  } catch {
    // Not DER: the reader of the block reports it as it would any other malformed body.
  }
  return block;
}

const BEGIN = /^-----BEGIN ([A-Z0-9][A-Z0-9 ]*[A-Z0-9]|[A-Z0-9])?-----$/;
const END = /^-----END ([A-Z0-9][A-Z0-9 ]*[A-Z0-9]|[A-Z0-9])?-----$/;
const HEADER = /^([A-Za-z0-9-]+):\s*(.*)$/;

/** Decodes every PEM block in `text`; text around the blocks is ignored. */
export function parsePem(text: string): PemBlock[] {
  if (typeof text !== 'string') throw new LabError('pem/no-block', 'Expected PEM text');
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: PemBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!.trim();
    const endMatch = END.exec(line);
    if (endMatch) {
      throw new LabError(
        'pem/unexpected-end',
        `Line ${i + 1} ends a PEM block ("${line}") that was never begun`,
        {
          line: i + 1,
        },
      );
    }
    const begin = BEGIN.exec(line);
    if (!begin) {
      i++;
      continue;
    }
    const label = begin[1] ?? '';
    const startLine = i + 1;
    i++;
    const headers: Record<string, string> = {};
    let body = '';
    let sawBody = false;
    let ended = false;
    for (; i < lines.length; i++) {
      const l = lines[i]!.trim();
      const end = END.exec(l);
      if (end) {
        if ((end[1] ?? '') !== label) {
          throw new LabError(
            'pem/mismatched-end',
            `Line ${i + 1} ends "${end[1] ?? ''}" but the block begun at line ${startLine} is "${label}"`,
            { line: i + 1, label },
          );
        }
        ended = true;
        i++;
        break;
      }
      if (BEGIN.test(l)) {
        throw new LabError(
          'pem/truncated',
          `The "${label}" block begun at line ${startLine} has no END line before the next BEGIN at line ${i + 1}`,
          { line: i + 1, label },
        );
      }
      if (l === '') continue;
      const header = sawBody ? null : HEADER.exec(l);
      if (header) {
        headers[header[1]!] = header[2]!;
        continue;
      }
      sawBody = true;
      const bad = /[^A-Za-z0-9+/=]/.exec(l);
      if (bad) {
        throw new LabError(
          'pem/bad-base64',
          `Line ${i + 1} of the "${label}" block holds ${JSON.stringify(bad[0])}, which is not base64 (A–Z, a–z, 0–9, +, /, =)`,
          { line: i + 1, label },
        );
      }
      body += l;
    }
    if (!ended) {
      throw new LabError(
        'pem/truncated',
        `The "${label}" block begun at line ${startLine} has no "-----END ${label}-----" line: the text was cut off`,
        { line: startLine, label },
      );
    }
    if (body === '') {
      throw new LabError('pem/empty-block', `The "${label}" block at line ${startLine} has no content`, {
        line: startLine,
        label,
      });
    }
    let der: Uint8Array;
    try {
      der = fromBase64(body);
    } catch (e) {
      throw new LabError(
        'pem/bad-base64',
        `The "${label}" block at line ${startLine} is not valid base64: ${(e as Error).message}`,
        { line: startLine, label },
      );
    }
    const block: PemBlock = { label, der, line: startLine };
    if (Object.keys(headers).length > 0) block.headers = headers;
    blocks.push(asOpenssl(block));
  }
  if (blocks.length === 0) {
    const compact = text.replace(/\s/g, '');
    const hint =
      compact.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)
        ? ' The text looks like base64 without its "-----BEGIN …-----" and "-----END …-----" lines.'
        : '';
    throw new LabError('pem/no-block', `No "-----BEGIN …-----" line was found.${hint}`);
  }
  return blocks;
}
