/**
 * Opening an onet-match IndexedDB database that already exists, without ever creating or upgrading
 * it: for readers and small writers that must not race the Worker's store (worker/store-idb.ts),
 * which alone creates the database and its object stores. The page's warm-start preload
 * (src/api/preload.ts) reads through it; the Worker's first-reads memory (worker/first-reads.ts)
 * writes through it. Raw IndexedDB rather than idb keeps it out of the main-thread bundle's budget.
 */
import { IDB_VERSION, META_STORE, SECTIONS_STORE } from './protocol.js';

/**
 * Opens `name` only if it exists at our layout version; never creates or upgrades it. Resolves
 * undefined when there is no such database, another version, no IndexedDB, or a blocked open.
 */
export function openExisting(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      open = indexedDB.open(name); // throws too where there is no IndexedDB at all
    } catch {
      resolve(undefined);
      return;
    }
    let gaveUp = false;
    // No such database: abort the creation an unversioned open would do (the Worker creates it).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(undefined);
    open.onblocked = () => {
      gaveUp = true;
      resolve(undefined);
    };
    open.onsuccess = () => {
      const db = open.result;
      if (gaveUp) {
        db.close(); // opened after we stopped waiting: don't keep a connection nobody uses
        return;
      }
      // Step aside at once if another connection wants to upgrade or delete the database.
      db.onversionchange = () => db.close();
      if (db.version !== IDB_VERSION || !db.objectStoreNames.contains(META_STORE) || !db.objectStoreNames.contains(SECTIONS_STORE)) {
        db.close();
        resolve(undefined);
      } else resolve(db);
    };
  });
}
