// The low-level certificate writer every issue function ends in, and what tests use to make
// deliberately broken certificates (v1, CA:FALSE issuers, missing keyCertSign, odd EKUs): it writes
// exactly the fields given, in DER, and signs the TBS with the issuer's key.
import { bitString, context, seq, smallInteger, time, unsignedInteger } from './der.ts';
import type { ExtensionSpec } from './extensions.ts';
import { encodeExtension } from './extensions.ts';
import { signatureSchemeFor } from './key-algorithms.ts';
import { signBytes } from './sign-bytes.ts';

/** Everything that goes into a TBSCertificate. */
export interface CertificateFields {
  /** 1 or 3. Default: 3. A v1 certificate carries no extensions. */
  version?: 1 | 3;
  /** Serial number as unsigned big-endian bytes. */
  serial: Uint8Array;
  /** Issuer Name DER (copied byte for byte from the issuer's subject). */
  issuer: Uint8Array;
  /** Subject Name DER. */
  subject: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** SubjectPublicKeyInfo DER of the subject's key. */
  spki: Uint8Array;
  /** Extensions in order. Default: none. */
  extensions?: ExtensionSpec[];
}

/** DER of a certificate with `fields`, signed by `signingKey`. */
export async function buildCertificate(
  fields: CertificateFields,
  signingKey: CryptoKey,
): Promise<Uint8Array> {
  const version = fields.version ?? 3;
  const { algorithmIdentifier } = signatureSchemeFor(signingKey);
  const exts = fields.extensions ?? [];
  const tbs = seq(
    ...(version === 3 ? [context(0, true, smallInteger(2))] : []),
    unsignedInteger(fields.serial),
    algorithmIdentifier,
    fields.issuer,
    seq(time(fields.notBefore), time(fields.notAfter)),
    fields.subject,
    fields.spki,
    ...(version === 3 && exts.length > 0 ? [context(3, true, seq(...exts.map(encodeExtension)))] : []),
  );
  const signed = await signBytes(signingKey, tbs);
  return seq(tbs, signed.algorithmIdentifier, bitString(signed.signature));
}
