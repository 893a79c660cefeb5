// The CSR builder's fields, for csr-element.ts (up front), csr-actions.ts and csr-checks.ts (loaded
// on first use).

/** The form's fields, in the order it shows them. */
export const FIELDS = ['user', 'groups', 'expirationSeconds', 'algorithm'] as const;
export type CsrField = (typeof FIELDS)[number];
