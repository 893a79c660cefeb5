// What the fuzz tests share: a deterministic PRNG (so a failing input comes back on every run) and
// the one verdict they all give: whatever the input, only LabError may come out of the engine.
import assert from 'node:assert/strict';
import { LabError } from '../../src/pki/errors.ts';

/** mulberry32: a tiny deterministic PRNG, numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `fn` (awaited when it returns a promise); if it throws, the error must be a LabError with a
 * string code. `context` names the input in the failure message.
 */
export async function onlyLabErrors(fn: () => unknown, context = ''): Promise<void> {
  try {
    await fn();
  } catch (e) {
    assertLabError(e, context);
  }
}

/** The same for a synchronous `fn`. */
export function onlyLabErrorsSync(fn: () => unknown, context = ''): void {
  try {
    fn();
  } catch (e) {
    assertLabError(e, context);
  }
}

function assertLabError(e: unknown, context: string): void {
  const at = context ? ` for ${context}` : '';
  assert.equal((e as Error)?.name, 'LabError', `threw ${(e as Error)?.name}: ${(e as Error)?.message}${at}`);
  assert.ok(e instanceof LabError, `not a LabError: ${e}${at}`);
  assert.equal(typeof (e as { code?: unknown }).code, 'string', `a LabError without a code${at}`);
}
