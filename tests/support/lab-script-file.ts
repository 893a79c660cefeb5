// The lessons' scripts as files to run: each generator's text written once per test process into
// a temporary folder (the site serves the same text, built by src/pages/scripts/[...path].ts).
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from '../../src/i18n/index.ts';
import { type LabScript, labScript } from '../../src/recipes/lab-scripts.ts';

let dir: string | undefined;

/** The path of `name` in `lang`, written from its generator. */
export function labScriptFile(name: LabScript, lang: Lang = 'en'): string {
  dir ??= mkdtempSync(join(tmpdir(), 'kal-scripts-'));
  const folder = join(dir, lang);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  writeFileSync(file, labScript(name, lang));
  chmodSync(file, 0o755);
  return file;
}
