// The workspace lives in IndexedDB, so it survives reloads, other pages and browser restarts, and
// stays on this device. Tabs tell each other about changes over a BroadcastChannel.
import { emptyWorkspace, parseWorkspace, serializeWorkspace, type Workspace } from './workspace-format.ts';

const DB_NAME = 'kube-auth-lab';
const STORE = 'workspace';
const KEY = 'current';
const CHANNEL = 'kube-auth-lab-workspace';
/** Identifies this page's messages, so that a page is not told about its own changes. */
const PAGE = Math.random().toString(36).slice(2);

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The stored workspace, or an empty one. Stored text that no longer parses is kept aside, not lost. */
export async function loadWorkspace(): Promise<Workspace> {
  const text = await run<string | undefined>('readonly', (s) => s.get(KEY) as IDBRequest<string | undefined>);
  if (!text) return emptyWorkspace();
  try {
    return parseWorkspace(text);
  } catch {
    await run('readwrite', (s) => s.put(text, `${KEY}-unreadable-${Date.now()}`));
    return emptyWorkspace();
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Loads the workspace, lets `change` modify it, and stores it — one update at a time on this page,
 * so that two widgets saving at once cannot overwrite each other's change.
 */
export function updateWorkspace(change: (ws: Workspace) => void | Promise<void>): Promise<Workspace> {
  const next = queue.then(async () => {
    const ws = await loadWorkspace();
    await change(ws);
    return saveWorkspace(ws);
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Stores the workspace (stamping the time) and tells other tabs. */
export async function saveWorkspace(ws: Workspace): Promise<Workspace> {
  const stamped = { ...ws, updatedAt: new Date().toISOString() };
  await run('readwrite', (s) => s.put(serializeWorkspace(stamped), KEY));
  announce();
  return stamped;
}

/** Replaces the workspace with exactly the given export-file text (after checking it). */
export async function importWorkspace(text: string): Promise<Workspace> {
  const ws = parseWorkspace(text);
  await run('readwrite', (s) => s.put(serializeWorkspace(ws), KEY));
  announce();
  return ws;
}

/** Deletes everything the site stored. */
export async function deleteWorkspace(): Promise<void> {
  await run('readwrite', (s) => s.clear());
  announce();
}

/** The export file's text for the stored workspace. */
export async function exportWorkspace(): Promise<string> {
  return serializeWorkspace(await loadWorkspace());
}

function announce(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const ch = new BroadcastChannel(CHANNEL);
  ch.postMessage({ changed: true, page: PAGE });
  ch.close();
}

/** Calls `fn` when another tab changes the workspace. Returns a function that stops listening. */
export function onWorkspaceChange(fn: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const ch = new BroadcastChannel(CHANNEL);
  ch.onmessage = (e: MessageEvent<{ page?: string }>) => {
    if (e.data?.page !== PAGE) fn();
  };
  return () => ch.close();
}
