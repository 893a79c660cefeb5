// A small stand-in for `node:test`, enough to run the unit tests of src/ inside a browser page
// (tests/e2e/unit-in-browser.spec.ts bundles them with this file in place of node:test). It runs
// suites and tests in order, awaits async ones and records every outcome on `globalThis`.

type Fn = (t: TestContext) => unknown;
type Hook = () => unknown;

interface TestContext {
  name: string;
  skip(reason?: string): void;
  todo(reason?: string): void;
  diagnostic(message: string): void;
  test(name: string, fn: Fn): Promise<void>;
  test(name: string, options: Options, fn: Fn): Promise<void>;
}

interface Options {
  skip?: boolean | string;
  todo?: boolean | string;
  only?: boolean;
  timeout?: number;
  concurrency?: number | boolean;
}

interface Suite {
  name: string;
  children: (Suite | Case)[];
  before: Hook[];
  after: Hook[];
  beforeEach: Hook[];
  afterEach: Hook[];
  skip: boolean;
}

interface Case {
  name: string;
  fn: Fn;
  options: Options;
}

export interface BrowserTestResult {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  error?: string;
  ms: number;
}

const root: Suite = {
  name: '',
  children: [],
  before: [],
  after: [],
  beforeEach: [],
  afterEach: [],
  skip: false,
};
let current: Suite = root;
const results: BrowserTestResult[] = [];

function parseArgs(
  a: string | Options | Fn | undefined,
  b?: Options | Fn,
  c?: Fn,
): [string, Options, Fn | undefined] {
  let name = '';
  let options: Options = {};
  let fn: Fn | undefined;
  for (const arg of [a, b, c]) {
    if (typeof arg === 'string') name = arg;
    else if (typeof arg === 'function') fn = arg;
    else if (arg && typeof arg === 'object') options = arg;
  }
  return [name, options, fn];
}

export function describe(a: string | Options | Fn, b?: Options | Fn, c?: Fn): void {
  const [name, options, fn] = parseArgs(a, b, c);
  const suite: Suite = {
    name,
    children: [],
    before: [],
    after: [],
    beforeEach: [],
    afterEach: [],
    skip: Boolean(options.skip || options.todo),
  };
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    const out = fn?.({} as TestContext);
    if (out instanceof Promise)
      throw new Error(`describe("${name}") must be synchronous in the browser shim`);
  } finally {
    current = parent;
  }
}

export function test(a: string | Options | Fn, b?: Options | Fn, c?: Fn): void {
  const [name, options, fn] = parseArgs(a, b, c);
  current.children.push({ name, options, fn: fn ?? (() => {}) });
}

export const it = test;
export const suite = describe;
export const before = (fn: Hook) => current.before.push(fn);
export const after = (fn: Hook) => current.after.push(fn);
export const beforeEach = (fn: Hook) => current.beforeEach.push(fn);
export const afterEach = (fn: Hook) => current.afterEach.push(fn);

class Skip extends Error {}

function context(name: string): TestContext {
  const ctx: TestContext = {
    name,
    skip(reason) {
      throw new Skip(reason ?? 'skipped');
    },
    todo(reason) {
      throw new Skip(reason ?? 'todo');
    },
    diagnostic() {},
    async test(n: string, o: Options | Fn, f?: Fn) {
      const [subName, , subFn] = parseArgs(n, o, f);
      await subFn?.(context(`${name} > ${subName}`));
    },
  };
  return ctx;
}

async function runSuite(s: Suite, path: string[], eachBefore: Hook[], eachAfter: Hook[]): Promise<void> {
  const before = [...eachBefore, ...s.beforeEach];
  const afterHooks = [...s.afterEach, ...eachAfter];
  if (!s.skip) for (const h of s.before) await h();
  for (const child of s.children) {
    if ('children' in child) {
      if (s.skip) child.skip = true;
      await runSuite(child, [...path, child.name], before, afterHooks);
      continue;
    }
    const name = [...path, child.name].filter(Boolean).join(' > ');
    const start = performance.now();
    if (s.skip || child.options.skip || child.options.todo) {
      results.push({ name, status: 'skip', ms: 0 });
      continue;
    }
    try {
      for (const h of before) await h();
      await child.fn(context(name));
      for (const h of afterHooks) await h();
      results.push({ name, status: 'pass', ms: performance.now() - start });
    } catch (e) {
      if (e instanceof Skip) results.push({ name, status: 'skip', ms: 0 });
      else {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        results.push({ name, status: 'fail', error, ms: performance.now() - start });
      }
    }
  }
  if (!s.skip) for (const h of s.after) await h();
}

/** Runs everything registered so far (called by the bundle's entry after all test files loaded). */
export async function runRegisteredTests(): Promise<BrowserTestResult[]> {
  await runSuite(root, [], [], []);
  return results;
}

export default test;
