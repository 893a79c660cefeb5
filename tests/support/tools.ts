// Host tools for interop tests. Outside CI a missing tool skips its tests with a one-line reason;
// with CI=true it fails them, so CI can never go green without having asked the real tool.
import { spawn, spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export const inCI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** True when `name` is on PATH. */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Returns the tools that are missing. Outside CI the test is skipped with a reason; in CI the
 * test fails with the same reason.
 */
export function requireTools(t: TestContext, ...names: string[]): boolean {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length === 0) return true;
  const reason = `needs ${missing.join(', ')} on PATH (Debian: apt-get install ${missing.map(debianPackage).join(' ')})`;
  if (inCI) throw new Error(`CI=true and this interop test ${reason}`);
  t.skip(reason);
  return false;
}

function debianPackage(tool: string): string {
  return (
    { cfssl: 'golang-cfssl', cfssljson: 'golang-cfssl', go: 'golang-go', chromium: 'chromium' }[tool] ?? tool
  );
}

/** A command's exit status and output, without blocking the event loop (for servers the test itself runs: an issuer, a webhook). */
export function runAsync(
  cmd: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
