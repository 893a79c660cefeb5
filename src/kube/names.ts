// Name rules of the Kubernetes API (apimachinery validation), shared by the src/kube builders.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 DNS label (namespaces): lower-case alphanumerics and '-', at most 63 characters. */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}

/** RFC 1123 DNS subdomain (most object names, e.g. a CertificateSigningRequest): at most 253 characters. */
export function isDnsSubdomain(value: string): boolean {
  return (
    value.length > 0 &&
    value.length <= 253 &&
    value.split('.').every((l) => l.length <= 63 && DNS_LABEL.test(l))
  );
}

/** A path-segment name (RBAC objects): not empty, not "." or "..", no "/" or "%". */
export function isPathSegmentName(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value !== '.' && value !== '..' && !/[/%]/.test(value);
}

/** True when the text holds a control character (C0, DEL or C1): src/pki's rule. */
export { hasControlCharacter } from '../pki/control-characters.ts';
