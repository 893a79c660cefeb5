// A subject as Go's pkix.Name.FillFromRDNSequence reads it, which kube-apiserver's x509 authenticator
// and Go's host-name check use: only string-valued attributes count; CommonName is the LAST CN
// (so a second CN wins), and Organization is every O, in order (the groups).
import type { NamePart } from './decode-name.ts';

/** Go's Subject.CommonName: the last string-valued CN attribute, '' when there is none. */
export function goCommonName(parts: readonly NamePart[]): string {
  return parts.findLast((p) => p.type === 'CN' && p.valueType !== 'other')?.value ?? '';
}

/** Go's Subject.Organization: every string-valued O attribute, in order. */
export function goOrganizations(parts: readonly NamePart[]): string[] {
  return parts.filter((p) => p.type === 'O' && p.valueType !== 'other').map((p) => p.value);
}
