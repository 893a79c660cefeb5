// shellcheck over scripts and over the shell blocks written into lessons.
import { spawnSync } from 'node:child_process';

/** shellcheck's verdict on `source` (stdin) or on the files in `args`. */
export function shellcheck(
  source: string,
  args: string[] = ['-'],
): { status: number | null; output: string } {
  const run = spawnSync('shellcheck', ['--shell=bash', '--severity=style', ...args], {
    input: source,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** The ```sh and ```bash blocks of an MDX file, with their line numbers. */
export function shellBlocks(mdx: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  for (const m of mdx.matchAll(/^```(?:sh|bash)\b[^\n]*\n([\s\S]*?)^```$/gm)) {
    blocks.push({ line: mdx.slice(0, m.index).split('\n').length, code: m[1]! });
  }
  return blocks;
}
