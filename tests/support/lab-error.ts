// The code of the LabError a call throws, for table-driven refusal tests; fails the test when the
// call returns, or throws anything else.
import assert from 'node:assert/strict';
import type { LabErrorCode } from '../../src/pki/error-codes.ts';
import { isLabError } from '../../src/pki/errors.ts';

/** The code of the LabError `fn` throws. */
export function thrownCode(fn: () => unknown): LabErrorCode {
  try {
    fn();
  } catch (e) {
    assert.ok(isLabError(e), `expected a LabError, got ${String(e)}`);
    return e.code;
  }
  assert.fail('expected an error');
}
