// The chain check's certificate fields, for element.ts (up front) and actions.ts (loaded on first use).

/** The fields that hold certificates, in the order the form shows them. */
export const FIELDS = ['leaf', 'intermediates', 'roots'] as const;
export type CertField = (typeof FIELDS)[number];
