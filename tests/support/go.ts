// Builds the small Go programs of tests/interop/go/* with Debian's `go` (standard library only, no
// network), once per source version: binaries are cached under .cache/go-bin by source hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** Builds tests/interop/go/<name>/main.go and returns the binary's path. */
export function buildGoProgram(name: string): string {
  const dir = join(root, 'tests/interop/go', name);
  const hash = createHash('sha256');
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.go'))
    .sort()) {
    hash.update(f).update(readFileSync(join(dir, f)));
  }
  const cache = join(root, '.cache/go-bin');
  const out = join(cache, `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(out)) return out;
  mkdirSync(cache, { recursive: true });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .map((f) => join(dir, f));
  execFileSync('go', ['build', '-o', out, ...files], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      GOCACHE: join(root, '.cache/go-build'),
      GOPATH: join(root, '.cache/go-path'),
      GOPROXY: 'off',
      GOFLAGS: '-mod=mod',
      GO111MODULE: 'off',
      CGO_ENABLED: '0',
    },
  });
  return out;
}
