// The chain check's logic, DOM-free and loaded on first use: read each field on its own (so an
// error is shown at the field that caused it), verify with src/pki's Go rules, and build the error
// kube-apiserver logs for a client certificate that fails ("verifying certificate SN=…, SKID=…,
// AKID=… failed: …", from x509.go's certificateIdentifier).

import { toHex } from '../../pki/bytes.ts';
import { formatName } from '../../pki/decode-name.ts';
import type { ParsedCertificate, Purpose, VerifyResult } from '../../pki/index.ts';
import {
  isLabError,
  LabError,
  parseCertificate,
  parsePem,
  readCertificates,
  verifyChain,
} from '../../pki/index.ts';
import { describeConstraintSet } from '../../pki/name-constraints.ts';
import { serialDecimal } from '../../pki/serial-decimal.ts';

/** The fields of the form. */
export interface ChainCheckInput {
  leaf: string;
  /** Optional: '' for none. */
  intermediates: string;
  roots: string;
  purpose: Purpose;
  /** Only for purpose "server"; '' for no host name check. */
  hostname: string;
}

/** The form field an error belongs to. */
export type CheckField = 'leaf' | 'intermediates' | 'roots' | 'hostname';

/** A field's error: a LabError whose details name the field. */
export type FieldError = LabError & { readonly details: { readonly field: CheckField } };

function fieldError(field: CheckField, e: unknown): FieldError {
  const error = isLabError(e) ? e : new LabError('certificate/malformed', String(e));
  return new LabError(error.code, error.message, { ...error.details, field }) as FieldError;
}

export interface ChainCheckResult {
  result: VerifyResult;
  /** What kube-apiserver's x509 authenticator returns (and logs) when a client certificate fails. */
  apiserverError: string | null;
  /** Subjects of the roots read, for the verdict. */
  rootCount: number;
  /** The name constraints of the pasted CAs, as Go applies them. */
  constraints: CaConstraints[];
}

/** One pasted CA's name constraints, for display. */
export interface CaConstraints {
  /** RFC 4514 subject of the CA. */
  certificate: string;
  /** "DNS:example.com", "IP:10.0.0.0/8", … */
  permitted: string[];
  excluded: string[];
  /** Forms Go does not handle (directoryName, otherName…) and whether the extension is critical. */
  unhandled: string[];
  critical: boolean;
}

function colonHex(bytes: Uint8Array | undefined): string {
  return (
    toHex(bytes ?? new Uint8Array(0))
      .toUpperCase()
      .match(/../g) ?? []
  ).join(':');
}

/** x509.go certificateIdentifier: "SN=<decimal>, SKID=<AA:BB>, AKID=<CC:DD>". */
export function certificateIdentifier(c: ParsedCertificate): string {
  return `SN=${serialDecimal(c)}, SKID=${colonHex(c.subjectKeyId)}, AKID=${colonHex(c.authorityKeyId)}`;
}

function read(field: CheckField, text: string): ParsedCertificate[] {
  try {
    return readCertificates(text);
  } catch (e) {
    throw fieldError(field, e);
  }
}

/**
 * A pool field: its PEM must read and hold a CERTIFICATE block, but a certificate Go cannot parse
 * is not the field's error: verifyChain leaves it out as Go does and says so.
 */
function readPoolText(field: CheckField, text: string): ParsedCertificate[] {
  let blocks: ReturnType<typeof parsePem>;
  try {
    blocks = parsePem(text).filter((b) => b.label === 'CERTIFICATE');
    if (blocks.length === 0) readCertificates(text);
  } catch (e) {
    throw fieldError(field, e);
  }
  return blocks.flatMap((b) => {
    try {
      return [parseCertificate(b.der)];
    } catch {
      return [];
    }
  });
}

function constraintsOf(certs: ParsedCertificate[]): CaConstraints[] {
  return certs.flatMap((c) => {
    const ext = c.extensions.find((e) => e.oid === '2.5.29.30');
    const nc = c.nameConstraints;
    if (!ext || !nc) return [];
    return [
      {
        certificate: formatName(c.subject),
        permitted: describeConstraintSet(nc.permitted),
        excluded: describeConstraintSet(nc.excluded),
        unhandled: nc.unhandledForms,
        critical: ext.critical,
      },
    ];
  });
}

/**
 * openssl reads "X509 CERTIFICATE" and "TRUSTED CERTIFICATE" blocks as certificates (and so does
 * src/pki), but Go's PEM readers in kube-apiserver and kubectl take only "CERTIFICATE" blocks: such a
 * file is the field's error, not a chain to judge.
 */
function refuseOpensslLabels(field: CheckField, text: string): void {
  let blocks: ReturnType<typeof parsePem>;
  try {
    blocks = parsePem(text);
  } catch {
    return; // the field's reader reports it
  }
  const block = blocks.find((b) => b.writtenLabel !== undefined && b.label === 'CERTIFICATE');
  if (block) {
    throw fieldError(
      field,
      new LabError(
        'pem/openssl-label',
        `The "${block.writtenLabel}" block at line ${block.line} is a certificate to openssl, but Go and Kubernetes read only "CERTIFICATE" blocks`,
        { label: block.writtenLabel!, line: block.line },
      ),
    );
  }
}

/** Runs the check; throws a FieldError when a field cannot be read. */
export async function runChainCheck(input: ChainCheckInput): Promise<ChainCheckResult> {
  for (const field of ['leaf', 'intermediates', 'roots'] as const) refuseOpensslLabels(field, input[field]);
  const leaf = read('leaf', input.leaf)[0]!;
  const hasIntermediates = input.intermediates.trim() !== '';
  const intermediates = hasIntermediates ? readPoolText('intermediates', input.intermediates) : [];
  const roots = readPoolText('roots', input.roots);
  const hostname = input.purpose === 'server' ? input.hostname.trim() : '';
  const result = await verifyChain({
    leaf,
    intermediates: hasIntermediates ? input.intermediates : [],
    roots: input.roots,
    purpose: input.purpose,
    ...(hostname ? { hostname } : {}),
  });
  const apiserverError =
    input.purpose === 'client' && result.goError
      ? `verifying certificate ${certificateIdentifier(leaf)} failed: ${result.goError}`
      : null;
  return {
    result,
    apiserverError,
    rootCount: roots.length,
    constraints: constraintsOf([...intermediates, ...roots]),
  };
}

/** True when `e` is a FieldError thrown by runChainCheck. */
export function isFieldError(e: unknown): e is FieldError {
  return isLabError(e) && typeof e.details.field === 'string';
}
