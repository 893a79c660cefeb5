// What the new-user widgets of lesson 7 share: the reader's choices (user, groups, lifetime) and
// the names of the files they made, kept in the workspace under one entry, and an event on
// `window` that tells the other widgets of the page when it changed.
import { loadWorkspace, updateWorkspace } from '../shared/workspace-store.ts';

export const NEW_USER = 'new-user';
export const CHANGED = 'kal-new-user-changed';

/** The shared entry, with defaults for what is missing. */
export interface NewUserState {
  /** The user name typed (CN). */
  user: string;
  /** The groups typed, one per line. */
  groups: string;
  algorithm: string;
  expirationSeconds: string;
  /** Set once a CSR was made: the file base ("jane") and the identity inside that CSR. */
  base?: string;
  csrUser?: string;
  csrGroups?: string[];
}

export async function readNewUser(): Promise<NewUserState & { saved: boolean }> {
  const ws = await loadWorkspace().catch(() => undefined);
  const saved = ws?.inputs[NEW_USER] ?? {};
  return {
    saved: ws?.inputs[NEW_USER] !== undefined,
    user: 'jane',
    groups: 'developers',
    algorithm: 'RSA-2048',
    expirationSeconds: '86400',
    ...(saved as Partial<NewUserState>),
  };
}

/**
 * Merges `values` into the widget's entry and `files` into the workspace, then tells the page.
 * Resolves false, and throws nothing, when the browser refuses storage: the widgets work without it.
 */
export function writeNewUser(
  widget: string,
  values: Record<string, string | string[] | boolean>,
  files: Record<string, string> = {},
): Promise<boolean> {
  // updateWorkspace runs the page's writes one after another, so none is lost.
  return updateWorkspace((ws) => {
    ws.inputs[widget] = { ...(ws.inputs[widget] ?? {}), ...values };
    Object.assign(ws.files, files);
  }).then(
    () => {
      window.dispatchEvent(new CustomEvent(CHANGED, { detail: { widget } }));
      return true;
    },
    () => false,
  );
}

/** The groups typed, one per line, trimmed, empty lines dropped. */
export function splitGroups(text: string): string[] {
  return text
    .split(/[\n]/)
    .map((g) => g.trim())
    .filter((g) => g !== '');
}
