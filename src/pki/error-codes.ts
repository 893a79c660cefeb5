// The type of a LabError's `code`: every code that has a reader-facing message. It is derived from the
// English dictionaries' "error.<code>" keys (src/i18n/errors.en.json, and the cluster and
// troubleshooting areas that hold their widgets' error texts), so a code exists exactly when its
// message does: throwing a code with no message, or a widget asking for one, does not compile, and
// adding a code with its message needs no change here. Type-only: no dictionary reaches the bundle.

import type { MessageKey } from '../i18n/index.ts';

type CodeOf<Key> = Key extends `error.${infer Code}` ? Code : never;

/** A stable LabError code such as "pem/no-block" (the key "error.pem/no-block" without "error."). */
export type LabErrorCode = CodeOf<MessageKey>;

/** The dictionary key of a code's message. */
export function errorKey(code: LabErrorCode): `error.${LabErrorCode}` {
  return `error.${code}`;
}
