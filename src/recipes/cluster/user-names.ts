// Names derived from a Kubernetes user name (a certificate's CN, free text) for the objects and
// files lesson 7 makes: the CertificateSigningRequest's metadata.name must be an RFC 1123
// subdomain, and the files (jane.csr, jane-key.pem, …) should be plain words.

/** A CertificateSigningRequest name and file base for `user`: "Jane Doe@example.com" → "jane-doe-example.com". */
export function csrObjectName(user: string): string {
  const name = user
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/\.{2,}/g, '.')
    .split('.')
    .map((label) =>
      label
        .replace(/^-+|-+$/g, '')
        .slice(0, 63)
        .replace(/-+$/, ''),
    )
    .filter((label) => label !== '')
    .join('.')
    .slice(0, 253)
    .replace(/[.-]+$/, '');
  return name === '' ? 'user' : name;
}

/** The files of one new user, by their base name. */
export function userFiles(base: string) {
  return {
    key: `${base}-key.pem`,
    csr: `${base}.csr`,
    manifest: `${base}-csr.yaml`,
    certificate: `${base}.crt`,
    kubeconfig: `${base}.kubeconfig`,
  } as const;
}

/** A binding name for a group and role: ("developers", "view") → "developers-view". */
export function bindingName(group: string, role: string): string {
  return csrObjectName(`${group}-${role}`);
}
