// The reader's workspace: everything the widgets generated (PEM files by their cfssljson names)
// and the form values that made them, kept in the browser until the reader deletes it.
//
// The same serialisation is used for storage and for the export file, and it is canonical (keys
// sorted, fixed spacing), so export → delete → import → export gives identical bytes.
import { LabError } from '../../pki/errors.ts';

export const WORKSPACE_FORMAT = 'kube-auth-lab-workspace';
export const WORKSPACE_VERSION = 1;
/** Larger imports are refused before parsing: a real workspace is a few dozen KiB. */
export const WORKSPACE_MAX_BYTES = 2 * 1024 * 1024;

/** One workspace: generated files and the inputs behind them. */
export interface Workspace {
  format: typeof WORKSPACE_FORMAT;
  version: typeof WORKSPACE_VERSION;
  /** ISO time of the last change. */
  updatedAt: string;
  /** File name → text (PEM, YAML, scripts), e.g. "rootCA.pem". */
  files: Record<string, string>;
  /** Widget name → its form values, so a reload restores what the reader typed. */
  inputs: Record<string, Record<string, string | string[] | boolean>>;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The workspace as canonical JSON text (the export file's content). */
export function serializeWorkspace(ws: Workspace): string {
  return `${JSON.stringify(canonical(ws), null, 2)}\n`;
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Reads a workspace from export-file text, checking every field; throws LabError `workspace/…`.
 * `maxBytes` (default WORKSPACE_MAX_BYTES) is the import limit; the store reads its own text unlimited.
 */
export function parseWorkspace(text: string, maxBytes = WORKSPACE_MAX_BYTES): Workspace {
  if (text.length > maxBytes) {
    throw new LabError(
      'workspace/too-large',
      `This file is ${text.length} characters long; a workspace file is at most ${WORKSPACE_MAX_BYTES}.`,
      { limit: WORKSPACE_MAX_BYTES },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new LabError(
      'workspace/not-json',
      `This is not a workspace file: it is not JSON (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new LabError('workspace/wrong-format', 'This is not a workspace file: expected a JSON object.');
  }
  const ws = data as Record<string, unknown>;
  if (ws.format !== WORKSPACE_FORMAT) {
    throw new LabError(
      'workspace/wrong-format',
      `This is not a workspace file: "format" is ${JSON.stringify(ws.format)}, expected "${WORKSPACE_FORMAT}".`,
    );
  }
  if (ws.version !== WORKSPACE_VERSION) {
    throw new LabError(
      'workspace/unsupported-version',
      `This workspace file has version ${JSON.stringify(ws.version)}; this site reads version ${WORKSPACE_VERSION}.`,
      { version: String(ws.version) },
    );
  }
  if (typeof ws.updatedAt !== 'string' || Number.isNaN(Date.parse(ws.updatedAt))) {
    throw new LabError('workspace/wrong-format', 'This workspace file has no valid "updatedAt" time.');
  }
  const files = ws.files;
  if (!files || typeof files !== 'object' || Array.isArray(files)) {
    throw new LabError('workspace/wrong-format', 'This workspace file has no "files" object.');
  }
  for (const [name, content] of Object.entries(files)) {
    if (!FILE_NAME.test(name) || typeof content !== 'string') {
      throw new LabError(
        'workspace/bad-file',
        `The workspace file lists a bad entry ${JSON.stringify(name)}.`,
        {
          file: name,
        },
      );
    }
  }
  const inputs = ws.inputs ?? {};
  if (typeof inputs !== 'object' || Array.isArray(inputs)) {
    throw new LabError('workspace/wrong-format', 'This workspace file has a bad "inputs" field.');
  }
  for (const [widget, values] of Object.entries(inputs as Record<string, unknown>)) {
    if (!values || typeof values !== 'object' || Array.isArray(values)) {
      throw new LabError(
        'workspace/wrong-format',
        `The inputs of ${JSON.stringify(widget)} are not an object.`,
      );
    }
    for (const v of Object.values(values)) {
      const ok =
        typeof v === 'string' ||
        typeof v === 'boolean' ||
        (Array.isArray(v) && v.every((x) => typeof x === 'string'));
      if (!ok)
        throw new LabError(
          'workspace/wrong-format',
          `The inputs of ${JSON.stringify(widget)} hold a bad value.`,
        );
    }
  }
  return {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    updatedAt: ws.updatedAt,
    files: files as Record<string, string>,
    inputs: inputs as Workspace['inputs'],
  };
}
