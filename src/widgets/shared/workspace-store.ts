// The workspace lives in IndexedDB, so it survives reloads, other pages and browser restarts, and
// stays on this device. Tabs tell each other about changes over a BroadcastChannel.
//
// Nothing the reader types may be lost to a reload, a closed tab or a link clicked at once, and an
// IndexedDB write cannot be relied on to finish then. So every edit is first written synchronously
// to localStorage, one entry per widget and field (the journal, `journal()`), and moved into the
// workspace after a short pause, when the page is hidden, and on the next page load.
// `loadWorkspace` returns the stored inputs with the journal on top: the newest value of each field
// wins, whichever tab typed it, and two tabs typing in different fields keep both (a widget
// journals only the fields it changed, and every save is one IndexedDB transaction).
//
// What is stored stays bounded and honest: a value over KEEP_MAX_CHARS, or holding a private key
// the reader did not ask to keep, is never written (not even to the journal), and a save that would
// make the workspace larger than an export file may be is refused (`workspace/full`).
//
// This file is what every page loads up front: reading and journaling. Writing (with the export
// format's checks) is workspace-write.ts, loaded on the first write.
import type { Workspace } from './workspace-format.ts';

type Value = Workspace['inputs'][string][string];
type Write = typeof import('./workspace-write.ts');

export const DB_NAME = 'kube-auth-lab';
export const STORE = 'workspace';
export const KEY = 'current';
export const CHANNEL = 'kube-auth-lab-workspace';
const JOURNAL = 'kal-journal:';
/** Identifies this page's messages, so that a page is not told about its own changes. */
export const PAGE = Math.random().toString(36).slice(2);
/** Longer values are not kept for a reload (they stay on the page): a real input is a few KiB. */
export const KEEP_MAX_CHARS = 64 * 1024;

const listeners = new Set<() => void>();
let db: Promise<IDBDatabase> | undefined;

/** One connection per page, kept open so that a deletion elsewhere is noticed (`versionchange`). */
export function open(): Promise<IDBDatabase> {
  db ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const conn = req.result;
      conn.onversionchange = conn.onclose = () => {
        conn.close();
        db = undefined;
        for (const fn of listeners) fn();
      };
      resolve(conn);
    };
    req.onerror = () => reject(req.error);
  }).catch((e) => {
    db = undefined;
    throw e;
  });
  return db;
}

/**
 * A workspace with nothing in it (the one definition: it is here, not in workspace-format.ts, so
 * that the up-front code does not carry the export format's checks).
 */
export const emptyWorkspace = (now = new Date()): Workspace => ({
  format: 'kube-auth-lab-workspace',
  version: 1,
  updatedAt: now.toISOString(),
  files: {},
  inputs: {},
});

/**
 * Stored text (which this site wrote) as a workspace, with input values too long to keep dropped
 * (an older version of the site stored them); undefined when it is not a workspace at all.
 */
export function readStored(text: unknown): Workspace | undefined {
  if (typeof text !== 'string' || text === '') return emptyWorkspace();
  try {
    const ws = JSON.parse(text) as Workspace;
    if (ws.format !== 'kube-auth-lab-workspace' || typeof ws.files !== 'object') return undefined;
    ws.inputs ??= {};
    for (const values of Object.values(ws.inputs)) {
      for (const [k, v] of Object.entries(values)) if (tooLong(v)) values[k] = '';
    }
    return ws;
  } catch {
    return undefined;
  }
}

const tooLong = (v: Value) =>
  (typeof v === 'string' ? v.length : Array.isArray(v) ? v.join('').length : 0) > KEEP_MAX_CHARS;

/** The stored workspace (or an empty one) with the journal's newer inputs on top. */
export async function loadWorkspace(): Promise<Workspace> {
  const conn = await open();
  const text = await new Promise((resolve, reject) => {
    const req = conn.transaction(STORE).objectStore(STORE).get(KEY);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const ws = readStored(text) ?? emptyWorkspace();
  for (const [widget, field, value] of journalEntries()) {
    ws.inputs[widget] = { ...(ws.inputs[widget] ?? {}), [field]: value };
  }
  return ws;
}

let writer: Promise<Write> | undefined;
const write = () => {
  writer ??= import('./workspace-write.ts');
  return writer;
};

/**
 * Lets `change` modify the stored workspace and stores it, in one transaction (see
 * workspace-write.ts). Rejects with a LabError (`workspace/full`, `workspace/quota`,
 * `workspace/unavailable`) and stores nothing on failure.
 */
export const updateWorkspace = (change: (ws: Workspace) => void): Promise<Workspace> =>
  write().then((w) => w.updateWorkspace(change));
/** Replaces the workspace with exactly the given export-file text (after checking it). */
export const importWorkspace = (text: string): Promise<Workspace> =>
  write().then((w) => w.importWorkspace(text));
/** Deletes everything the site stored. */
export const deleteWorkspace = (): Promise<void> => write().then((w) => w.deleteWorkspace());
/** The export file's text for the stored workspace, journal included. */
export const exportWorkspace = (): Promise<string> => write().then((w) => w.exportWorkspace());
/** Moves every journal entry into the workspace now (entries changed meanwhile stay). */
export const flushJournal = (): Promise<void> => write().then((w) => w.flushJournal());

/**
 * Calls `fn` when another tab changes the workspace, or when it is deleted behind the page's back
 * (another tab or the browser deleting the database). Returns a function that stops listening.
 */
export function onWorkspaceChange(fn: () => void): () => void {
  listeners.add(fn);
  const ch = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
  if (ch) {
    ch.onmessage = (e: MessageEvent<{ page?: string }>) => {
      if (e.data?.page !== PAGE) fn();
    };
  }
  return () => {
    listeners.delete(fn);
    ch?.close();
  };
}

// The journal.

/** Why a value was not kept for a reload: it holds a private key, or it is too long. */
export type NotKept = 'key' | 'size';

/**
 * Whether `text` holds a private key in any form: PEM ("PRIVATE KEY"), base64 of PEM (with or
 * without text before the BEGIN line, such as openssl pkcs12's "Bag Attributes"), base64 of a DER key
 * (PKCS#8, PKCS#1, SEC1), or a kubeconfig's client-key-data. The one rule every widget applies to
 * what the reader pastes.
 */
export function holdsPrivateKey(text: string): boolean {
  if (/PRIVATE KEY|client-key-data\s*:\s*["']?[A-Za-z0-9+/]/.test(text)) return true;
  // Each run of base64, wrapped or not, decoded from its start as a value would be.
  for (const m of text.matchAll(/[A-Za-z0-9+/]{16,}={0,2}(?:\r?\n[A-Za-z0-9+/]{4,}={0,2})*/g)) {
    const run = m[0].replace(/[\r\n=]/g, '');
    let bytes: string;
    try {
      bytes = atob(run.slice(0, run.length - (run.length % 4)));
    } catch {
      continue; // not base64 after all
    }
    if (bytes.includes('PRIVATE KEY') || isDerPrivateKey(bytes)) return true;
  }
  return false;
}

/**
 * A DER SEQUENCE whose first element is INTEGER 0 or 1: the version that opens PKCS#8, PKCS#1 and
 * SEC1 keys (and openssl's DSA form). Certificates, CSRs and public keys open with a SEQUENCE, PKCS#12
 * with version 3.
 */
function isDerPrivateKey(bytes: string): boolean {
  if (bytes.charCodeAt(0) !== 0x30) return false;
  const len = bytes.charCodeAt(1);
  const at = len < 0x80 ? 2 : 2 + (len & 0x7f);
  return (
    bytes.charCodeAt(at) === 0x02 &&
    bytes.charCodeAt(at + 1) === 0x01 &&
    (bytes.charCodeAt(at + 2) === 0x00 || bytes.charCodeAt(at + 2) === 0x01)
  );
}

let flushTimer: ReturnType<typeof setTimeout> | undefined;
const flushSoon = (ms: number) => {
  clearTimeout(flushTimer);
  flushTimer = setTimeout(() => void flushJournal().catch(() => undefined), ms);
};

/**
 * Records the fields the reader just changed, synchronously, and moves them into the workspace
 * soon. A field that may not be kept (a private key unless `keepKeys`, or too long) is recorded as
 * '' so no older copy outlives it; the result names those fields and why.
 */
export function journal(
  widget: string,
  values: Record<string, Value>,
  keepKeys = false,
): Partial<Record<string, NotKept>> {
  const notKept: Partial<Record<string, NotKept>> = {};
  for (const [field, value] of Object.entries(values)) {
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join('\n') : '';
    const why = tooLong(value) ? 'size' : !keepKeys && holdsPrivateKey(text) ? 'key' : undefined;
    if (why) notKept[field] = why;
    const kept = why ? '' : value;
    try {
      localStorage.setItem(`${JOURNAL}${widget}:${field}`, JSON.stringify({ v: kept, t: Date.now() }));
    } catch {
      // No localStorage (or full): the workspace write is the only copy.
      void updateWorkspace((ws) => {
        ws.inputs[widget] = { ...(ws.inputs[widget] ?? {}), [field]: kept };
      }).catch(() => undefined);
    }
  }
  flushSoon(300);
  return notKept;
}

/**
 * journal() for one form field, and the page says when its text is not kept: a note under the
 * field (not-kept.ts, loaded the first time one is needed). Returns why it was not kept, if so.
 */
export function journalField(
  widget: string,
  name: string,
  field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  t: (key: string) => string,
  opts: {
    /** Keep a private key too (the reader ticked the box); default false. */
    keepKeys?: boolean;
    /** The text, when it is not the field's value (a large paste held out of it). */
    value?: string;
    /** The caller found a private key the shared rule does not see; default false. */
    key?: boolean;
  } = {},
): NotKept | undefined {
  const value = opts.key ? '' : (opts.value ?? field.value);
  const why = opts.key ? 'key' : journal(widget, { [name]: value }, opts.keepKeys)[name];
  if (opts.key) journal(widget, { [name]: '' });
  if (why || field.nextElementSibling?.hasAttribute('data-not-kept')) {
    void import('./not-kept.ts').then((m) => m.showNotKept(field, why, t));
  }
  return why;
}

/** Every journal entry: [widget, field, value, storage key, stored text]. */
export function journalEntries(): [string, string, Value, string, string][] {
  const out: [string, string, Value, string, string][] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (!key.startsWith(JOURNAL)) continue;
      const raw = localStorage.getItem(key) ?? '';
      const [widget = '', field = ''] = key.slice(JOURNAL.length).split(':');
      try {
        out.push([widget, field, (JSON.parse(raw) as { v: Value }).v, key, raw]);
      } catch {
        // a damaged entry: ignored
      }
    }
  } catch {
    // no localStorage
  }
  return out;
}

/** Calls `fn` with each field of `widget` that another tab journals. Returns a function that stops. */
export function onJournal(widget: string, fn: (field: string, value: Value) => void): () => void {
  const prefix = `${JOURNAL}${widget}:`;
  const listener = (e: StorageEvent) => {
    if (!e.key?.startsWith(prefix) || !e.newValue) return;
    try {
      fn(e.key.slice(prefix.length), (JSON.parse(e.newValue) as { v: Value }).v);
    } catch {
      // a damaged entry: ignored
    }
  };
  addEventListener('storage', listener);
  return () => removeEventListener('storage', listener);
}

// Another tab of the same workspace typed in a field: show it here too (the storage event of the
// journal), as the workbench does. A field the reader is in is left alone, and an empty value is
// not copied: the journal writes '' for what it may not keep (a pasted private key), which must not
// wipe the text this tab still holds. (Here rather than in a module of its own: every page that
// journals loads this chunk anyway, and a separate chunk cost the lesson-7 page bytes up front.)

type FollowedField = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Copies `widget`'s fields from other tabs into `fields` (by journal name); `changed` runs after each. */
export function followOtherTabs(
  widget: string,
  fields: (name: string) => FollowedField | null | undefined,
  changed: (name: string) => void,
): () => void {
  return onJournal(widget, (name, value) => {
    const field = fields(name);
    if (!field || field === document.activeElement || typeof value !== 'string' || value === '') return;
    if (field.value === value) return;
    field.value = value;
    changed(name);
  });
}

if (typeof document !== 'undefined') {
  // When the page is hidden (another tab, the window minimised, the tab closing), and on the next
  // load, what was journaled reaches the workspace and its exports.
  const flush = () => {
    if (journalEntries().length) void flushJournal().catch(() => undefined);
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  setTimeout(flush, 1000);
}

type FieldElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A checkbox's state as a saved value: "on" or "off". */
const boxValue = (checked: boolean) => (checked ? 'on' : 'off');

/**
 * The value a field had when the page was made: its `data-default`, or else what the markup put in
 * it (the value attribute, the textarea's text, the selected option, the checked attribute).
 */
function pageDefault(f: FieldElement): string {
  if (f.dataset.default !== undefined) return f.dataset.default;
  if (f instanceof HTMLSelectElement)
    return ([...f.options].find((o) => o.defaultSelected) ?? f.options[0])?.value ?? '';
  if (f instanceof HTMLInputElement && f.type === 'checkbox') return boxValue(f.defaultChecked);
  return f.defaultValue;
}

/**
 * Puts the saved values (`saved[data-field]`: text, or a checkbox's true/false or "on"/"off") back
 * into the fields, and says whether any changed. A field the reader changed before the workspace
 * answered (it no longer holds its page default) or is typing in when it answers (focused) keeps what
 * it holds; a select keeps its value when the saved one is not an option. `take` may turn a saved
 * value down (e.g. a credential that was not kept); `restored` hears of each value put back.
 */
export function restoreFields(
  fields: Iterable<FieldElement>,
  saved: Record<string, unknown>,
  opts: { take?: (name: string, v: string) => boolean; restored?: (name: string, v: string) => void } = {},
): boolean {
  let changed = false;
  for (const f of fields) {
    const name = f.dataset.field ?? '';
    const box = f instanceof HTMLInputElement && f.type === 'checkbox';
    const raw = saved[name];
    const v = box && typeof raw === 'boolean' ? boxValue(raw) : raw;
    if (typeof v !== 'string') continue;
    const now = box ? boxValue(f.checked) : f.value;
    if (v === now || now !== pageDefault(f)) continue;
    // The field the reader is in (about to type) keeps what it holds.
    if (f === document.activeElement && !(f instanceof HTMLSelectElement) && !box) continue;
    if (f instanceof HTMLSelectElement && ![...f.options].some((o) => o.value === v)) continue;
    if (opts.take && !opts.take(name, v)) continue;
    if (box) f.checked = v === 'on';
    else f.value = v;
    opts.restored?.(name, v);
    changed = true;
  }
  return changed;
}

/**
 * What an input or change event in a widget with a "keep" box edited: a change of the box itself is
 * journaled (keepKeys) and `kept` is told, giving undefined; otherwise the `data-field` name, when it
 * is one of the widget's `fields`.
 */
export function editedField<F extends string>(
  widget: string,
  fields: readonly F[],
  target: EventTarget | null,
  kept: () => void,
): F | undefined {
  if (target instanceof HTMLInputElement && target.matches('[data-keep-keys]')) {
    journal(widget, { keepKeys: target.checked });
    kept();
    return undefined;
  }
  const name = (target as HTMLElement | null)?.dataset?.field as F | undefined;
  return name && fields.includes(name) ? name : undefined;
}
