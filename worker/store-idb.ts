/**
 * The IndexedDB snapshot store (layout and atomicity argument: ./store.ts and
 * docs/install-and-storage.md).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { OnetError, toOnetError } from '../src/errors.js';
import { ACTIVE_KEY, DEFAULT_DB_NAME, IDB_VERSION, META_STORE, PENDING_KEY, SECTIONS_STORE } from '../src/protocol.js';
import type { TableName } from '../src/snapshot/schema.js';
import {
  abortedError,
  checkInstallInput,
  checkSection,
  isActiveRecord,
  isPendingRecord,
  newInstallId,
  storageError,
  usableSections,
  type ActiveRecord,
  type PendingRecord,
  type PendingSection,
  type SnapshotStore,
  type StoredSection,
} from './store.js';

interface OnetDB extends DBSchema {
  sections: { key: [string, string]; value: StoredSection };
  meta: { key: string; value: ActiveRecord | PendingRecord };
}

/** Options of {@link openIdbStore}. */
export interface IdbStoreOptions {
  /** Database name (default {@link DEFAULT_DB_NAME}); tests use a fresh one each. */
  name?: string;
  /**
   * How long to wait when another tab holds an older connection open and blocks the upgrade,
   * before giving up with STORAGE (the loader then falls back to memory). Default 3000 ms.
   */
  blockedTimeoutMs?: number;
}

/**
 * Opens (creating or upgrading) the IndexedDB store. Rejects with STORAGE when IndexedDB is missing,
 * refuses to open (private mode, disabled storage) or stays blocked by another tab.
 */
export async function openIdbStore(options: IdbStoreOptions = {}): Promise<SnapshotStore> {
  const name = options.name ?? DEFAULT_DB_NAME;
  if (typeof indexedDB === 'undefined' || indexedDB === null) throw storageError('IndexedDB is not available in this context');
  let closed = false;
  let closeReason = 'The snapshot store is closed';
  // Set once open; the `blocking` callback can only fire after that.
  let connection: IDBPDatabase<OnetDB> | undefined;
  let db: IDBPDatabase<OnetDB>;
  try {
    db = await new Promise<IDBPDatabase<OnetDB>>((resolve, reject) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const opening = openDB<OnetDB>(name, IDB_VERSION, {
        upgrade(database, oldVersion) {
          if (oldVersion < 1) {
            database.createObjectStore(SECTIONS_STORE);
            database.createObjectStore(META_STORE);
          }
        },
        blocked() {
          // Another tab keeps an older version open and ignores versionchange; don't hang the load on it.
          timer = setTimeout(() => {
            if (settled) return;
            settled = true;
            reject(storageError(`IndexedDB "${name}" is blocked by another tab holding an older version open`));
          }, options.blockedTimeoutMs ?? 3000);
        },
        blocking() {
          // A newer version (another tab, a newer build) wants to upgrade: step aside so it can.
          closeReason = 'The snapshot store was closed because a newer version of the database was opened';
          closed = true;
          connection?.close();
        },
        terminated() {
          closeReason = 'The browser closed the IndexedDB connection unexpectedly';
          closed = true;
        },
      });
      opening.then(
        (database) => {
          clearTimeout(timer);
          if (settled)
            database.close(); // we gave up on it while blocked: don't leak the connection
          else {
            settled = true;
            connection = database;
            resolve(database);
          }
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!settled) {
            settled = true;
            reject(error);
          }
        },
      );
    });
  } catch (error) {
    if (error instanceof OnetError) throw error;
    const detail = error instanceof DOMException ? `${error.name}: ${error.message}` : error instanceof Error ? error.message : String(error);
    throw storageError(`Cannot open IndexedDB "${name}" (${detail})`, error);
  }

  const live = (): IDBPDatabase<OnetDB> => {
    if (closed) throw new OnetError('STORAGE', closeReason);
    return db;
  };

  /**
   * The stored values of `names` under `installId`, unchecked, in one readonly transaction (a
   * consistent view even while another tab installs and sweeps).
   */
  const readStored = async (installId: string, names: readonly string[], action: string): Promise<unknown[]> => {
    try {
      const tx = live().transaction(SECTIONS_STORE, 'readonly');
      return await Promise.all(names.map((table) => tx.store.get([installId, table])));
    } catch (error) {
      throw asStorageError(error, action);
    }
  };

  return {
    kind: 'indexeddb',

    async readActive() {
      try {
        const record: unknown = await live().get(META_STORE, ACTIVE_KEY);
        return isActiveRecord(record) ? record : undefined;
      } catch (error) {
        throw asStorageError(error, 'read the installed snapshot record');
      }
    },

    async readSections(record) {
      const values = await readStored(record.installId, record.sections, 'read the installed snapshot');
      return record.sections.map((table, i) => checkSection(values[i], table));
    },

    async readInstalledSections(record, names) {
      return usableSections(names, await readStored(record.installId, names, 'read the installed snapshot'));
    },

    async repairSection(record, { entry, data }) {
      try {
        const tx = live().transaction([SECTIONS_STORE, META_STORE], 'readwrite');
        // Checked inside the write's transaction: an install committed meanwhile (another tab) is
        // never written into, and its sweep cannot run between the check and the write.
        const active: unknown = await tx.objectStore(META_STORE).get(ACTIVE_KEY);
        const current = isActiveRecord(active) && active.installId === record.installId;
        if (current) void tx.objectStore(SECTIONS_STORE).put({ entry, data: ownBuffer(data) }, [record.installId, entry.name]);
        await tx.done;
        return current;
      } catch (error) {
        throw asStorageError(error, `repair section ${entry.name}`);
      }
    },

    install(input, sections, signal, pending) {
      // Deliberately not `async` up to the first await: the transaction is created and every request
      // queued synchronously, so an abort that fires right after the call still finds the
      // transaction active and rolls it back (tx.abort) instead of racing a commit.
      try {
        if (signal?.aborted) return Promise.reject(abortedError(signal));
        const names = checkInstallInput(sections);
        const record: ActiveRecord = { ...input, installId: pending?.installId ?? newInstallId(), sections: names, installedAt: Date.now() };
        const tx = live().transaction([SECTIONS_STORE, META_STORE], 'readwrite', { durability: 'strict' });
        let abortedBy: OnetError | undefined;
        const onAbort = () => {
          abortedBy = abortedError(signal!);
          try {
            tx.abort();
          } catch {
            // already committed or finished: the abort came too late to matter
          }
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        // Request promises also reject when the transaction aborts; tx.done carries the verdict.
        const settle = (request: Promise<unknown>) => void request.catch(() => undefined);
        try {
          const sectionStore = tx.objectStore(SECTIONS_STORE);
          const meta = tx.objectStore(META_STORE);
          for (const { entry, data } of sections) {
            const key: [string, string] = [record.installId, entry.name];
            const put = () => settle(sectionStore.put({ entry, data: ownBuffer(data) }, key));
            // A pending install's sections are mostly stored already: write only what is not (another
            // tab's sweep may have removed some), checked inside this transaction, so the commit below
            // never makes active an install with a section missing.
            if (pending) settle(sectionStore.getKey(key).then((found) => void (found === undefined && put())));
            else put();
          }
          settle(meta.put(record, ACTIVE_KEY));
          if (pending) settle(meta.get(PENDING_KEY).then((current) => void (isPendingRecord(current) && current.installId === pending.installId && meta.delete(PENDING_KEY))));
        } catch (error) {
          // e.g. DataCloneError thrown synchronously by put: roll back whatever was queued.
          void tx.done.catch(() => undefined);
          try {
            tx.abort();
          } catch {
            // nothing to roll back
          }
          signal?.removeEventListener('abort', onAbort);
          return Promise.reject(asStorageError(error, 'write the snapshot'));
        }
        return tx.done.then(
          async () => {
            signal?.removeEventListener('abort', onAbort);
            await sweep(live()).catch(() => undefined); // garbage only; the next install retries
            return record;
          },
          (error: unknown) => {
            signal?.removeEventListener('abort', onAbort);
            throw abortedBy ?? asStorageError(error, 'write the snapshot');
          },
        );
      } catch (error) {
        return Promise.reject(asStorageError(error, 'write the snapshot'));
      }
    },

    async beginPending(sha256, release) {
      try {
        const tx = live().transaction(META_STORE, 'readwrite');
        const current: unknown = await tx.store.get(PENDING_KEY);
        if (isPendingRecord(current) && current.sha256 === sha256) {
          await tx.done;
          return current;
        }
        const record: PendingRecord = { installId: newInstallId(), sha256, release, startedAt: Date.now() };
        void tx.store.put(record, PENDING_KEY);
        await tx.done;
        return record;
      } catch (error) {
        throw asStorageError(error, 'start the install');
      }
    },

    async readPending() {
      try {
        const record: unknown = await live().get(META_STORE, PENDING_KEY);
        return isPendingRecord(record) ? record : undefined;
      } catch (error) {
        throw asStorageError(error, 'read the pending install');
      }
    },

    async putPendingSection(pending, { entry, data }, digest) {
      try {
        const tx = live().transaction(SECTIONS_STORE, 'readwrite');
        void tx.store.put({ entry, data: ownBuffer(data), digest }, [pending.installId, entry.name]);
        await tx.done;
      } catch (error) {
        throw asStorageError(error, `store section ${entry.name}`);
      }
    },

    async readPendingSections(pending, names) {
      const values = await readStored(pending.installId, names, 'read the stored sections');
      const found: PendingSection[] = [];
      values.forEach((value, i) => {
        if (value === undefined) return;
        try {
          const section = checkSection(value, names[i] as TableName);
          const digest = (value as StoredSection).digest;
          if (typeof digest === 'string') found.push({ section, digest });
        } catch {
          // malformed: downloaded again
        }
      });
      return found;
    },

    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/**
 * Deletes every section that belongs neither to the install that is active NOW nor to the pending
 * one (both read inside the same transaction, so a concurrent install from another tab is never
 * swept by ours).
 */
async function sweep(db: IDBPDatabase<OnetDB>): Promise<void> {
  const tx = db.transaction([SECTIONS_STORE, META_STORE], 'readwrite');
  const meta = tx.objectStore(META_STORE);
  const keep = new Set<string>();
  for (const record of [await meta.get(ACTIVE_KEY), await meta.get(PENDING_KEY)] as unknown[]) {
    const id = (record as { installId?: unknown } | undefined)?.installId;
    if (typeof id === 'string') keep.add(id);
  }
  const sections = tx.objectStore(SECTIONS_STORE);
  for (let cursor = await sections.openKeyCursor(); cursor; cursor = await cursor.continue()) {
    const key = cursor.primaryKey as unknown;
    if (!Array.isArray(key) || !keep.has(key[0] as string)) void sections.delete(cursor.primaryKey);
  }
  await tx.done;
}

function asStorageError(error: unknown, action: string): OnetError {
  if (error instanceof OnetError) return error;
  const e = toOnetError(error, 'STORAGE');
  if (e.code === 'ABORTED') return e;
  const name = error instanceof DOMException ? `${error.name}: ` : '';
  return storageError(`Could not ${action} in IndexedDB (${name}${e.message})`, error);
}

/**
 * A section's bytes as their own buffer. Structured clone (IndexedDB) copies a view's WHOLE
 * underlying ArrayBuffer, so a subarray of a big buffer would store the big buffer once per section.
 */
function ownBuffer(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}
