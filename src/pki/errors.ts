// The one error class of src/pki, src/kube and src/recipes. Every parse and validate function
// throws only this (never a bare Error, TypeError or a library's exception), with a stable `code`
// that widgets map to translated text, and an English message that names the bad value and what
// would be accepted.
//
// Codes are "area/what", lower-case and hyphenated: "pem/no-block", "key/unsupported-algorithm",
// "kubeconfig/yaml-syntax". A code, once shipped, keeps its meaning. Codes are typed (`LabErrorCode`,
// from the dictionaries' "error.<code>" keys): a code without a message does not compile.
import type { LabErrorCode } from './error-codes.ts';

export class LabError extends Error {
  override readonly name = 'LabError';
  /** Stable machine-readable reason, e.g. "pem/bad-base64". */
  readonly code: LabErrorCode;
  /** Optional structured details for widgets (a field name, a line number, a limit). */
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(code: LabErrorCode, message: string, details: Record<string, string | number | boolean> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is a LabError (optionally with the given code). */
export function isLabError(e: unknown, code?: LabErrorCode): e is LabError {
  return e instanceof LabError && (code === undefined || e.code === code);
}

/**
 * For the readers of a whole form, which never throw for bad input: `attempt(field, fn)` runs `fn`;
 * when it throws a LabError, the first one for the field (or for the field `fieldOf` names, e.g.
 * the one in its details) is kept in `errors` and `attempt` gives undefined. Anything else is
 * rethrown: a bug, not the reader's input.
 */
export function fieldAttempts<F extends string>(
  errors: Partial<Record<F, LabError>>,
  fieldOf?: (e: LabError, field: F) => F,
): <T>(field: F, fn: () => T) => T | undefined {
  return (field, fn) => {
    try {
      return fn();
    } catch (e) {
      if (!isLabError(e)) throw e;
      errors[fieldOf ? fieldOf(e, field) : field] ??= e;
      return undefined;
    }
  };
}

/**
 * Runs `fn`, turning anything but a LabError into a LabError with `code` — for calls into
 * libraries whose exceptions are not ours to show.
 */
export function wrapErrors<T>(code: LabErrorCode, message: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LabError) throw e;
    throw new LabError(code, `${message}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The async form of `wrapErrors`. */
export async function wrapErrorsAsync<T>(
  code: LabErrorCode,
  message: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof LabError) throw e;
    throw new LabError(code, `${message}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
