// The workbench's "download all": every lab file in one zip, with a README saying what each file is
// for, keys readable only by their owner (0600) and scripts executable (0755) once unzipped.
import { zipSync } from 'fflate';

/** The folder the archive unpacks into. */
export const LAB_ARCHIVE_FOLDER = 'kube-auth-lab';

/** Unix permissions a file gets in the archive. */
export function archiveMode(name: string): number {
  if (name.endsWith('-key.pem') || name.endsWith('.key') || name.endsWith('.kubeconfig')) return 0o600;
  if (name.endsWith('.sh')) return 0o755;
  return 0o644;
}

/** The README: a title, an intro, then one line per file (`describe` gives its purpose). */
export function labArchiveReadme(
  names: string[],
  text: { title: string; intro: string; describe(name: string): string },
): string {
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${text.describe(n)}`);
  return `${text.title}\n${'='.repeat(text.title.length)}\n\n${text.intro}\n\n${lines.join('\n')}\n`;
}

/** The zip (bytes) of `files` (name → text) and README.txt, under LAB_ARCHIVE_FOLDER/. */
export function buildLabArchive(
  files: Record<string, string>,
  readme: string,
  mtime = new Date(),
): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Record<string, [Uint8Array, { os: number; attrs: number; mtime: Date }]> = {};
  for (const [name, content] of [['README.txt', readme] as const, ...Object.entries(files)]) {
    entries[`${LAB_ARCHIVE_FOLDER}/${name}`] = [
      encoder.encode(content),
      { os: 3, attrs: (0o100000 | archiveMode(name)) << 16, mtime },
    ];
  }
  return zipSync(entries, { level: 6 });
}
