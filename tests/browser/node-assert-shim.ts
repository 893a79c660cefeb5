// A stand-in for `node:assert/strict` in the browser: the same function names and the same
// strict semantics (Object.is for equality, structural deep equality with prototypes), so the
// unit tests of src/ run unchanged in Chromium.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(v: unknown): string {
  try {
    if (typeof v === 'string') return JSON.stringify(v);
    if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
    if (typeof v === 'bigint') return `${v}n`;
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

function fail(message?: string | Error, fallback = 'Failed'): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

function isDeepEqual(a: unknown, b: unknown, seen = new Map<object, object>()): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (a instanceof ArrayBuffer) return isDeepEqual(new Uint8Array(a), new Uint8Array(b as ArrayBuffer), seen);
  if (a instanceof Map) {
    const m = b as Map<unknown, unknown>;
    if (a.size !== m.size) return false;
    for (const [k, v] of a) if (!m.has(k) || !isDeepEqual(v, m.get(k), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    const s = b as Set<unknown>;
    if (a.size !== s.size) return false;
    for (const v of a) if (!s.has(v)) return false;
    return true;
  }
  if (a instanceof Error && (a.message !== (b as Error).message || a.name !== (b as Error).name))
    return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!isDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen))
      return false;
  }
  return true;
}

type Expected =
  | RegExp
  | ((e: unknown) => boolean)
  | (new (
      ...args: never[]
    ) => unknown)
  | Record<string, unknown>;

function matchesExpected(error: unknown, expected: Expected | undefined): boolean {
  if (expected === undefined) return true;
  if (expected instanceof RegExp)
    return expected.test(error instanceof Error ? error.message : String(error));
  if (typeof expected === 'function') {
    const asClass = expected as new () => unknown;
    if (expected === Error || expected.prototype instanceof Error) return error instanceof asClass;
    if (expected.prototype !== undefined && error instanceof asClass) return true;
    return (expected as (e: unknown) => boolean)(error) === true;
  }
  for (const [k, v] of Object.entries(expected)) {
    const actual = (error as Record<string, unknown>)?.[k];
    if (v instanceof RegExp && typeof actual === 'string') {
      if (!v.test(actual)) return false;
    } else if (!isDeepEqual(actual, v)) return false;
  }
  return true;
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}${'code' in e ? ` (code ${String(e.code)})` : ''}`;
  return show(e);
}

const assert = Object.assign(
  (value: unknown, message?: string | Error) => {
    if (!value) fail(message, `Expected a truthy value, got ${show(value)}`);
  },
  {
    AssertionError,
    ok(value: unknown, message?: string | Error) {
      if (!value) fail(message, `Expected a truthy value, got ${show(value)}`);
    },
    fail(message?: string | Error): never {
      return fail(message);
    },
    equal(actual: unknown, expected: unknown, message?: string | Error) {
      if (!Object.is(actual, expected)) fail(message, `Expected ${show(actual)} to equal ${show(expected)}`);
    },
    notEqual(actual: unknown, expected: unknown, message?: string | Error) {
      if (Object.is(actual, expected)) fail(message, `Expected ${show(actual)} to differ`);
    },
    deepEqual(actual: unknown, expected: unknown, message?: string | Error) {
      if (!isDeepEqual(actual, expected))
        fail(message, `Expected ${show(actual)} to deep-equal ${show(expected)}`);
    },
    notDeepEqual(actual: unknown, expected: unknown, message?: string | Error) {
      if (isDeepEqual(actual, expected)) fail(message, `Expected ${show(actual)} not to deep-equal`);
    },
    match(actual: string, re: RegExp, message?: string | Error) {
      if (typeof actual !== 'string' || !re.test(actual))
        fail(message, `Expected ${show(actual)} to match ${re}`);
    },
    doesNotMatch(actual: string, re: RegExp, message?: string | Error) {
      if (typeof actual !== 'string' || re.test(actual))
        fail(message, `Expected ${show(actual)} not to match ${re}`);
    },
    throws(fn: () => unknown, expected?: Expected | string, message?: string | Error) {
      if (typeof expected === 'string') [message, expected] = [expected, undefined];
      try {
        fn();
      } catch (e) {
        if (!matchesExpected(e, expected)) fail(message, `Unexpected error: ${describeError(e)}`);
        return;
      }
      fail(message, 'Missing expected exception');
    },
    doesNotThrow(fn: () => unknown, message?: string | Error) {
      try {
        fn();
      } catch (e) {
        fail(message, `Got unwanted exception: ${describeError(e)}`);
      }
    },
    async rejects(
      p: Promise<unknown> | (() => Promise<unknown>),
      expected?: Expected | string,
      message?: string | Error,
    ) {
      if (typeof expected === 'string') [message, expected] = [expected, undefined];
      try {
        await (typeof p === 'function' ? p() : p);
      } catch (e) {
        if (!matchesExpected(e, expected)) fail(message, `Unexpected rejection: ${describeError(e)}`);
        return;
      }
      fail(message, 'Missing expected rejection');
    },
    async doesNotReject(p: Promise<unknown> | (() => Promise<unknown>), message?: string | Error) {
      try {
        await (typeof p === 'function' ? p() : p);
      } catch (e) {
        fail(message, `Got unwanted rejection: ${describeError(e)}`);
      }
    },
  },
);

export const {
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  match,
  doesNotMatch,
  throws,
  doesNotThrow,
  rejects,
  doesNotReject,
} = assert;
export const strictEqual = equal;
export const notStrictEqual = notEqual;
export const deepStrictEqual = deepEqual;
export const notDeepStrictEqual = notDeepEqual;
export const strict = assert;
export default Object.assign(assert, {
  strictEqual: equal,
  notStrictEqual: notEqual,
  deepStrictEqual: deepEqual,
  notDeepStrictEqual: notDeepEqual,
  strict: assert,
});
