// The workspace answering late, as on a slow device: from the next page load on, IndexedDB's open
// reports success `ms` later (sessionStorage 'kal-test-idb-delay'; 0 or unset: at once). What a
// reader types in that time must not be lost when the saved work arrives.
import type { Page } from '@playwright/test';

/** Installs the hold on every page of `page` (before its scripts run). */
export async function holdWorkspaceOpen(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const delay = Number(sessionStorage.getItem('kal-test-idb-delay') ?? 0);
    if (!delay) return;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: [string, number?]) {
      const req = open.apply(this, args);
      let handler: ((this: IDBRequest, e: Event) => void) | null = null;
      Object.defineProperty(req, 'onsuccess', {
        configurable: true,
        get: () => handler,
        set: (h) => {
          handler = h;
        },
      });
      req.addEventListener('success', (e) => setTimeout(() => handler?.call(req, e), delay));
      return req;
    };
  });
}

/** From the next load of `page`, the workspace answers `ms` late (0: at once again). */
export const workspaceLate = (page: Page, ms: number): Promise<void> =>
  page.evaluate((delay) => {
    if (delay) sessionStorage.setItem('kal-test-idb-delay', String(delay));
    else sessionStorage.removeItem('kal-test-idb-delay');
  }, ms);
