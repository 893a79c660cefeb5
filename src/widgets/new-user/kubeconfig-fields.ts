// The kubeconfig builder's fields and workspace entry, for kubeconfig-element.ts (up front) and
// kubeconfig-build.ts (loaded on the first build).

/** The name its inputs are kept under in the workspace. */
export const WIDGET = 'kubeconfig-builder';
/** The form's fields, in the order it shows them. */
export const FIELDS = ['server', 'ca', 'certificate', 'key', 'namespace'] as const;
export type Field = (typeof FIELDS)[number];
