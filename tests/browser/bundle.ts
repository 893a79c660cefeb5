// Bundles unit test files for the browser: node:test and node:assert/strict are replaced by the
// shims beside this file; everything else (src/, yaml) is bundled as the site
// bundles it. The bundle runs the tests and stores the results in `globalThis.__unitResults`.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

/** Returns one ES module that runs every given test file in order (tests may use top-level await). */
export async function bundleUnitTests(files: string[]): Promise<string> {
  const entry = [
    ...files.map((f) => `import ${JSON.stringify(f)};`),
    `import { runRegisteredTests } from ${JSON.stringify(here('./node-test-shim.ts'))};`,
    'globalThis.__unitResults = runRegisteredTests();',
  ].join('\n');
  const out = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'unit-entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
    alias: {
      'node:test': here('./node-test-shim.ts'),
      'node:assert/strict': here('./node-assert-shim.ts'),
      'node:assert': here('./node-assert-shim.ts'),
    },
  });
  const js = out.outputFiles[0];
  if (!js) throw new Error('esbuild produced no output');
  return js.text;
}
