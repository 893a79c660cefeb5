import { LabError } from './errors.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import { parseCertificate } from './parse-certificate.ts';
import { parsePem } from './parse-pem.ts';

const latin1 = new TextDecoder('latin1');

/**
 * Reads every certificate in a PEM bundle (other blocks, such as keys, are skipped), or one DER
 * certificate given as bytes. Throws `pem/*`, `certificate/none` or `certificate/malformed`.
 */
export function readCertificates(input: string | Uint8Array): ParsedCertificate[] {
  if (input instanceof Uint8Array) {
    if (input[0] === 0x30) return [parseCertificate(input)];
    return readCertificates(latin1.decode(input));
  }
  if (typeof input !== 'string') throw new LabError('certificate/none', 'Expected PEM text or DER bytes');
  const blocks = parsePem(input);
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (certs.length === 0) {
    throw new LabError(
      'certificate/none',
      `Expected a "CERTIFICATE" block but found ${blocks.map((b) => `"${b.label}"`).join(', ')}`,
      { labels: blocks.map((b) => b.label).join(', ') },
    );
  }
  return certs.map((b) => {
    try {
      return parseCertificate(b.der);
    } catch (e) {
      if (e instanceof LabError) {
        throw new LabError(e.code, `Certificate at line ${b.line}: ${e.message}`, {
          ...e.details,
          line: b.line,
        });
      }
      throw e;
    }
  });
}

/** The first certificate of `input` (PEM, DER bytes, or an already parsed certificate). */
export function readCertificate(input: string | Uint8Array | ParsedCertificate): ParsedCertificate {
  if (typeof input === 'string' || input instanceof Uint8Array) return readCertificates(input)[0]!;
  return input;
}
