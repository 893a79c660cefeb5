// `npm test`: every suite, two at a time on the 2-core test machines.
//
// Two lanes run side by side: the type check and lint, then the browser tests; the unit tests,
// the build, then the interop tests (real tools). The browser tests wait for the build. Each
// suite's output is held and printed whole when it ends, so two suites never interleave; the
// run fails when any suite fails, and the last lines say which suites passed, with their times.
import { spawn } from 'node:child_process';

interface Suite {
  name: string;
  /** An npm script of package.json. */
  script: string;
  /** Suites that must have ended first (they share the lane). */
  after?: string[];
  /** Suites that must have passed first (their output is this one's input). */
  needs?: string[];
}

const suites: Suite[] = [
  { name: 'check', script: 'check' },
  { name: 'unit', script: 'test:unit' },
  { name: 'build', script: 'build', after: ['unit'] },
  { name: 'e2e', script: 'test:e2e', after: ['check'], needs: ['build'] },
  { name: 'interop', script: 'test:interop', after: ['build'] },
];

interface Outcome {
  ok: boolean;
  seconds: number;
  /** Tests passed and failed, read from the runner's closing lines (node:test, Playwright). */
  passed: number;
  failed: number;
}

/** The counts in node:test's "ℹ pass N" / "ℹ fail N" or Playwright's "N passed" / "N failed" lines. */
function countTests(output: string): { passed: number; failed: number } {
  const sum = (re: RegExp) => [...output.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    passed: sum(/^ℹ pass (\d+)$/gm) + sum(/^\s+(\d+) (?:passed|flaky)\b/gm),
    failed: sum(/^ℹ fail (\d+)$/gm) + sum(/^\s+(\d+) failed\b/gm),
  };
}

const outcomes = new Map<string, Promise<Outcome>>();

function run(suite: Suite): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', suite.script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(
        `\n===== ${suite.name} (npm run ${suite.script}): ${code === 0 ? 'passed' : `failed, exit ${code}`} in ${seconds} s =====\n`,
      );
      const output = Buffer.concat(chunks);
      process.stdout.write(output);
      resolve({ ok: code === 0, seconds, ...countTests(output.toString('utf8')) });
    });
  });
}

function start(suite: Suite): Promise<Outcome> {
  const existing = outcomes.get(suite.name);
  if (existing) return existing;
  const promise = (async () => {
    await Promise.all((suite.after ?? []).map((name) => start(byName(name))));
    const needed = await Promise.all((suite.needs ?? []).map((name) => start(byName(name))));
    if (needed.some((o) => !o.ok)) {
      process.stdout.write(`\n===== ${suite.name}: not run, a suite it needs failed =====\n`);
      return { ok: false, seconds: 0, passed: 0, failed: 0 };
    }
    return run(suite);
  })();
  outcomes.set(suite.name, promise);
  return promise;
}

function byName(name: string): Suite {
  const suite = suites.find((s) => s.name === name);
  if (!suite) throw new Error(`no suite ${name}`);
  return suite;
}

const results = await Promise.all(suites.map((s) => start(s)));
process.stdout.write('\n===== summary =====\n');
results.forEach((r, i) => {
  const s = suites[i] as Suite;
  const tests = r.passed + r.failed ? `, ${r.passed} tests passed, ${r.failed} failed` : '';
  process.stdout.write(`${s.name.padEnd(8)} ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s${tests}\n`);
});
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + results.filter((r) => !r.ok && !r.failed).length;
process.stdout.write(`all: ${passed} passed, ${failed} failed\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
