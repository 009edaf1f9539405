/**
 * Remembers the tables a session's first query read, under FIRST_READS_KEY of src/protocol.ts: the
 * next warm start's page preload reads their sections beside the engine's own, while the Worker
 * boots, so a page that opens on the same screen again has its first answer's sections in memory.
 *
 * Best effort and apart from the install records: the value is a hint (the preload and the Worker
 * check it, and every section read through it like any other), so a failed write only means the
 * next first query reads its sections itself. The database is opened only if it exists at our
 * layout version (the preload's rule), never created: the install owns its creation.
 */
import { openExisting } from '../src/idb-existing.js';
import { FIRST_READS_KEY, META_STORE } from '../src/protocol.js';

/** Stores `tables` as the first reads of database `name`; resolves false when nothing was stored. */
export async function rememberFirstReads(name: string, tables: readonly string[]): Promise<boolean> {
  const db = await openExisting(name);
  if (!db) return false;
  try {
    const tx = db.transaction(META_STORE, 'readwrite');
    tx.objectStore(META_STORE).put([...tables], FIRST_READS_KEY);
    return await new Promise<boolean>((resolve) => {
      tx.oncomplete = () => resolve(true);
      tx.onerror = tx.onabort = () => resolve(false);
    });
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** Whether a stored value (unchecked) already lists exactly `tables`, in order. */
export function remembers(stored: unknown, tables: readonly string[]): boolean {
  return Array.isArray(stored) && stored.length === tables.length && stored.every((name, i) => name === tables[i]);
}
