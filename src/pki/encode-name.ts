// Subject names are written the way Go's crypto/x509 (kubeadm, cfssl) writes them: attributes in the
// order C, ST, L, O, OU, CN, and each value a PrintableString when every character is in that set,
// else a UTF8String. Unlike Go, each O gets its own RDN (as `openssl req -subj "/O=a/O=b"` does):
// Go's single multi-valued RDN is a DER SET, which sorts the values and so reorders the groups.
import { oid, printableString, seq, set, utf8String } from './der.ts';
import { NAME_OID } from './oids.ts';
import type { SubjectParams } from './types.ts';

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** The DER string element Go would write for `value`. */
export function directoryString(value: string): Uint8Array {
  return PRINTABLE.test(value) ? printableString(value) : utf8String(value);
}

function rdn(type: string, value: string): Uint8Array {
  return set(seq(oid(type), type === NAME_OID.C ? printableString(value) : directoryString(value)));
}

/** The DER Name for a subject (no validation: see validateSubject). An empty CN is left out. */
export function encodeName(subject: SubjectParams): Uint8Array {
  const rdns: Uint8Array[] = [];
  if (subject.country) rdns.push(rdn(NAME_OID.C, subject.country));
  if (subject.state) rdns.push(rdn(NAME_OID.ST, subject.state));
  if (subject.locality) rdns.push(rdn(NAME_OID.L, subject.locality));
  for (const o of subject.organizations ?? []) rdns.push(rdn(NAME_OID.O, o));
  for (const ou of subject.organizationalUnits ?? []) rdns.push(rdn(NAME_OID.OU, ou));
  if (subject.commonName !== '') rdns.push(rdn(NAME_OID.CN, subject.commonName));
  return seq(...rdns);
}
