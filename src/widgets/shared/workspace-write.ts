// Writing the workspace (loaded on the first write; reading is workspace-store.ts). Every write is
// one IndexedDB readwrite transaction (read, change, check, put), so two widgets or two tabs saving
// at once cannot overwrite each other's change; a refused write rejects with a coded LabError and
// stores nothing.
import { LabError } from '../../pki/errors.ts';
import {
  parseWorkspace,
  serializeWorkspace,
  WORKSPACE_MAX_BYTES,
  type Workspace,
} from './workspace-format.ts';
import {
  CHANNEL,
  emptyWorkspace,
  journalEntries,
  KEY,
  loadWorkspace,
  open,
  PAGE,
  readStored,
  STORE,
} from './workspace-store.ts';

/** Where stored text that no longer reads is kept aside: one copy, replaced by a newer one. */
const ASIDE = 'current-unreadable';

/** A refused write as a coded error the widgets can put into words. */
function refused(e: unknown): unknown {
  if (e instanceof LabError) return e;
  const quota = e instanceof DOMException && e.name === 'QuotaExceededError';
  return new LabError(
    quota ? 'workspace/quota' : 'workspace/unavailable',
    quota ? 'The browser has no room left to store the workspace.' : 'The browser refuses to store data.',
  );
}

/**
 * Runs `fn` in one readwrite transaction and resolves with what `fn` hands to `done` once it is
 * committed. `guard` wraps request callbacks, so that what they throw aborts the transaction.
 */
async function transact<T>(
  fn: (store: IDBObjectStore, done: (value: T) => void, guard: (f: () => void) => () => void) => void,
): Promise<T> {
  try {
    const conn = await open();
    return await new Promise<T>((resolve, reject) => {
      let result: T;
      let failure: unknown;
      const tx = conn.transaction(STORE, 'readwrite');
      tx.oncomplete = () => resolve(result);
      tx.onerror = tx.onabort = () => reject(failure ?? tx.error);
      const guard = (f: () => void) => () => {
        try {
          f();
        } catch (e) {
          failure = e;
          tx.abort();
        }
      };
      guard(() => fn(tx.objectStore(STORE), (value) => (result = value), guard))();
    });
  } catch (e) {
    throw refused(e);
  }
}

/**
 * Lets `change` modify the stored workspace and stores it, in one transaction. Stored text that no
 * longer reads is kept aside, not lost. A workspace that would outgrow an export file (2 MiB) is
 * refused with `workspace/full`. A change that changes nothing (a widget saving again what it just
 * restored) stores nothing, so `updatedAt` stays the time of the last real change and an imported
 * workspace exports the same bytes.
 */
export async function updateWorkspace(change: (ws: Workspace) => void): Promise<Workspace> {
  let changed = true;
  const ws = await transact<Workspace>((s, done, guard) => {
    const req = s.get(KEY);
    req.onsuccess = guard(() => {
      let ws = readStored(req.result);
      if (!ws) {
        s.put(req.result, ASIDE);
        ws = emptyWorkspace();
      }
      const before = ws.updatedAt;
      change(ws);
      if (typeof req.result === 'string' && serializeWorkspace({ ...ws, updatedAt: before }) === req.result) {
        changed = false;
        done({ ...ws, updatedAt: before });
        return;
      }
      const stamped = { ...ws, updatedAt: new Date().toISOString() };
      const text = serializeWorkspace(stamped);
      if (text.length > WORKSPACE_MAX_BYTES) {
        throw new LabError(
          'workspace/full',
          `The workspace would be ${text.length} characters long; it is kept under ${WORKSPACE_MAX_BYTES}.`,
        );
      }
      s.put(text, KEY);
      // The copies an older version set aside on every load.
      s.delete(IDBKeyRange.bound(`${ASIDE}-`, `${ASIDE}-\uffff`));
      done(stamped);
    });
  });
  if (changed) announce();
  return ws;
}

/** Replaces the workspace with exactly the given export-file text (after checking it). */
export async function importWorkspace(text: string): Promise<Workspace> {
  const ws = parseWorkspace(text);
  clearJournal();
  await transact((s, done) => done(s.put(serializeWorkspace(ws), KEY)));
  announce();
  return ws;
}

/** Deletes everything the site stored. */
export async function deleteWorkspace(): Promise<void> {
  clearJournal();
  await transact((s, done) => done(s.clear()));
  announce();
}

/** The export file's text for the stored workspace, journal included. */
export async function exportWorkspace(): Promise<string> {
  await flushJournal().catch(() => undefined);
  return serializeWorkspace(await loadWorkspace());
}

/** Moves every journal entry into the workspace now (entries changed meanwhile stay). */
export async function flushJournal(): Promise<void> {
  const entries = journalEntries();
  if (entries.length === 0) return;
  await updateWorkspace((ws) => {
    for (const [widget, field, value] of entries) {
      ws.inputs[widget] = { ...(ws.inputs[widget] ?? {}), [field]: value };
    }
  });
  for (const [, , , key, raw] of entries) if (localStorage.getItem(key) === raw) localStorage.removeItem(key);
}

function clearJournal(): void {
  for (const [, , , key] of journalEntries()) localStorage.removeItem(key);
}

function announce(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const ch = new BroadcastChannel(CHANNEL);
  ch.postMessage({ changed: true, page: PAGE });
  ch.close();
}
