/**
 * Where installed snapshots live between page loads.
 *
 * The loader only sees the narrow {@link SnapshotStore} interface, so the install/warm-start logic is
 * tested against real IndexedDB and against memory alike, and a browser without usable IndexedDB
 * (private mode, blocked upgrade, storage disabled) degrades to {@link createMemoryStore}.
 *
 * IndexedDB layout (database version {@link IDB_VERSION}):
 *   `sections`  key [installId, tableName] → {@link StoredSection} (inflated section bytes)
 *   `meta`      key 'active'               → {@link ActiveRecord}
 *
 * Atomicity: {@link SnapshotStore.install} writes every section of a NEW installId and flips
 * `meta.active` in ONE readwrite transaction. IndexedDB commits a transaction entirely or not at
 * all (also when the tab is killed mid-write), so a reader sees either the old record with the old
 * sections or the new record with all new sections. Old sections are deleted by a second
 * transaction after the commit; if that one never runs, the leftovers are unreachable garbage that
 * the next install sweeps. See docs/install-and-storage.md.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { OnetError, toOnetError } from '../src/errors.js';
import { FORMAT_VERSION, type RawSection, type SectionEntry } from '../src/snapshot/codec.js';
import type { Manifest } from '../src/snapshot/manifest.js';
import { SCHEMA, type SnapshotInfo, type TableName } from '../src/snapshot/schema.js';

import { ACTIVE_KEY, DEFAULT_DB_NAME, IDB_VERSION, META_STORE, SECTIONS_STORE } from './store-layout.js';

export { DEFAULT_DB_NAME, IDB_VERSION };

/** The installed snapshot's metadata: everything needed to warm-start without the network. */
export interface ActiveRecord {
  /** Unique per install, so a new install never overwrites keys the active one still uses. */
  readonly installId: string;
  /** O*NET release of the installed snapshot. */
  readonly release: string;
  /** sha256 of the snapshot file it came from; compared with the manifest to decide on a warm start. */
  readonly sha256: string;
  /** Container format version of the stored sections; another version is ignored, not decoded. */
  readonly formatVersion: number;
  /** Snapshot info from the container header (decodeSections needs it). */
  readonly info: SnapshotInfo;
  /** The manifest it was installed from. */
  readonly manifest: Manifest;
  /** Table names of the stored sections, in container order: the completeness check on read. */
  readonly sections: readonly TableName[];
  /** Epoch milliseconds of the commit. */
  readonly installedAt: number;
}

/** What the loader hands to {@link SnapshotStore.install}; the store assigns id and time. */
export type InstallRecord = Omit<ActiveRecord, 'installId' | 'installedAt' | 'sections'>;

/** One stored section: the container's entry and the inflated bytes. */
export interface StoredSection {
  readonly entry: SectionEntry;
  readonly data: Uint8Array;
}

/**
 * Persistence of the installed snapshot. Implementations must make {@link install} atomic: after
 * it rejects, {@link readActive} and {@link readSections} behave exactly as before the call.
 */
export interface SnapshotStore {
  /** Which backend this is; reported to the caller so it knows whether the data survives a reload. */
  readonly kind: 'indexeddb' | 'memory';
  /** The installed snapshot's record, or undefined when nothing (usable) is installed. */
  readActive(): Promise<ActiveRecord | undefined>;
  /**
   * All sections of an install, in record order. Rejects with SNAPSHOT_CORRUPT when any section is
   * missing or malformed: a partial set is never returned.
   */
  readSections(record: ActiveRecord): Promise<RawSection[]>;
  /**
   * Stores `sections` under a fresh installId and makes them the active snapshot, atomically.
   * Rejects with ABORTED when `signal` fires before the commit (nothing is changed), STORAGE when
   * the backend fails (nothing is changed). Resolves with the new active record.
   */
  install(record: InstallRecord, sections: readonly RawSection[], signal?: AbortSignal): Promise<ActiveRecord>;
  /** Releases the backend (closes the IndexedDB connection). Later calls reject with STORAGE. */
  close(): void;
}

/** A fresh install id: random, so concurrent installs from two tabs never share keys. */
function newInstallId(): string {
  const random = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return random;
}

function abortedError(signal: AbortSignal): OnetError {
  const reason: unknown = signal.reason;
  if (reason instanceof OnetError) return reason;
  return new OnetError('ABORTED', 'The install was aborted', { cause: reason });
}

function storageError(message: string, cause?: unknown): OnetError {
  return new OnetError('STORAGE', message, { cause, suggestion: 'The engine can still run from memory; the snapshot will be downloaded again next time.' });
}

function corruptStore(message: string): OnetError {
  return new OnetError('SNAPSHOT_CORRUPT', `Installed snapshot is unusable: ${message}`);
}

/**
 * Checks a stored section against the schema before it reaches the decoder: storage is outside our
 * control (other code on the origin, disk corruption, an older build's layout), and the decoder
 * trusts `entry.columns`.
 */
export function checkSection(value: unknown, expected: TableName): RawSection {
  if (typeof value !== 'object' || value === null) throw corruptStore(`section ${expected} is missing`);
  const { entry, data } = value as Partial<StoredSection>;
  if (!(data instanceof Uint8Array)) throw corruptStore(`section ${expected} has no bytes`);
  if (typeof entry !== 'object' || entry === null || entry.name !== expected) throw corruptStore(`section ${expected} has a wrong entry`);
  if (!Number.isSafeInteger(entry.rows) || entry.rows < 0 || entry.rawBytes !== data.length) throw corruptStore(`section ${expected} has wrong sizes`);
  const spec = Object.entries(SCHEMA[expected].columns);
  const columns = entry.columns;
  if (!Array.isArray(columns) || columns.length !== spec.length) throw corruptStore(`section ${expected} has wrong columns`);
  for (let i = 0; i < spec.length; i++) {
    const c = columns[i] as unknown;
    if (!Array.isArray(c) || c[0] !== spec[i]![0] || c[1] !== spec[i]![1]) throw corruptStore(`section ${expected} has wrong columns`);
  }
  return { entry, data };
}

/** Checks the shape of a stored record; anything else counts as "nothing installed". */
export function isActiveRecord(value: unknown): value is ActiveRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<ActiveRecord>;
  return typeof r.installId === 'string' && typeof r.release === 'string' && typeof r.sha256 === 'string'
    && r.formatVersion === FORMAT_VERSION && typeof r.info === 'object' && r.info !== null
    && typeof r.manifest === 'object' && r.manifest !== null
    && Array.isArray(r.sections) && r.sections.every((n) => typeof n === 'string' && Object.prototype.hasOwnProperty.call(SCHEMA, n))
    && typeof r.installedAt === 'number';
}

/**
 * A section's bytes as their own buffer. Structured clone (IndexedDB) copies a view's WHOLE
 * underlying ArrayBuffer, so a subarray of a big buffer would store the big buffer once per section.
 */
function ownBuffer(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

function checkInstallInput(sections: readonly RawSection[]): TableName[] {
  const names = sections.map((s) => s.entry.name);
  if (new Set(names).size !== names.length) throw new OnetError('INTERNAL', 'Duplicate section names in an install');
  return names;
}

// ---------------------------------------------------------------------------------------------
// IndexedDB

interface OnetDB extends DBSchema {
  sections: { key: [string, string]; value: StoredSection };
  meta: { key: string; value: ActiveRecord };
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
          if (settled) database.close(); // we gave up on it while blocked: don't leak the connection
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
      let values: unknown[];
      try {
        // One transaction: a consistent view even while another tab installs and sweeps.
        const tx = live().transaction(SECTIONS_STORE, 'readonly');
        values = await Promise.all(record.sections.map((table) => tx.store.get([record.installId, table])));
      } catch (error) {
        throw asStorageError(error, 'read the installed snapshot');
      }
      return record.sections.map((table, i) => checkSection(values[i], table));
    },

    install(input, sections, signal) {
      // Deliberately not `async` up to the first await: the transaction is created and every request
      // queued synchronously, so an abort that fires right after the call still finds the
      // transaction active and rolls it back (tx.abort) instead of racing a commit.
      try {
        if (signal?.aborted) return Promise.reject(abortedError(signal));
        const names = checkInstallInput(sections);
        const record: ActiveRecord = { ...input, installId: newInstallId(), sections: names, installedAt: Date.now() };
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
          for (const { entry, data } of sections) settle(sectionStore.put({ entry, data: ownBuffer(data) }, [record.installId, entry.name]));
          settle(tx.objectStore(META_STORE).put(record, ACTIVE_KEY));
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

    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/**
 * Deletes every section that does not belong to the install that is active NOW (read inside the
 * same transaction, so a concurrent install from another tab is never swept by ours).
 */
async function sweep(db: IDBPDatabase<OnetDB>): Promise<void> {
  const tx = db.transaction(['sections', 'meta'], 'readwrite');
  const active = await tx.objectStore('meta').get('active');
  const sections = tx.objectStore(SECTIONS_STORE);
  if (active && typeof active.installId === 'string') {
    const id = active.installId;
    // Every key [id, name] sits strictly between [id] and [id, []]; delete both sides of that window.
    void sections.delete(IDBKeyRange.upperBound([id]));
    void sections.delete(IDBKeyRange.lowerBound([id, []], true));
  } else {
    void sections.clear();
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

// ---------------------------------------------------------------------------------------------
// Memory

/**
 * A store that lives as long as the Worker: the fallback when IndexedDB is unusable. Sections are
 * kept by reference (not copied) to avoid doubling a snapshot's memory; callers must not mutate
 * what they installed. Install is atomic by construction: the new state replaces the old in one
 * assignment after all checks.
 */
export function createMemoryStore(): SnapshotStore {
  let state: { record: ActiveRecord; sections: Map<TableName, RawSection> } | undefined;
  let closed = false;
  const live = () => {
    if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
  };
  return {
    kind: 'memory',
    async readActive() {
      live();
      return state?.record;
    },
    async readSections(record) {
      live();
      if (!state || state.record.installId !== record.installId) throw corruptStore(`install ${record.installId} is gone`);
      const { sections } = state;
      return record.sections.map((table) => checkSection(sections.get(table), table));
    },
    async install(input, sections, signal) {
      live();
      if (signal?.aborted) throw abortedError(signal);
      const names = checkInstallInput(sections);
      const record: ActiveRecord = { ...input, installId: newInstallId(), sections: names, installedAt: Date.now() };
      state = { record, sections: new Map(sections.map((s) => [s.entry.name, s])) };
      return record;
    },
    close() {
      closed = true;
      state = undefined;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Preloaded by the page

/** The installed snapshot as the page read it from IndexedDB (src/api/preload.ts), still unchecked. */
export interface PreloadedInput {
  readonly record: unknown;
  readonly sections: readonly unknown[];
}

/** A preload that passed the same checks as a read of our own. */
export interface CheckedPreload {
  readonly record: ActiveRecord;
  readonly sections: RawSection[];
}

/**
 * Checks a preload exactly like {@link SnapshotStore.readActive} + {@link SnapshotStore.readSections}
 * check their reads; undefined when anything is off (the loader then reads for itself).
 */
export function checkPreload(input: PreloadedInput | undefined): CheckedPreload | undefined {
  if (!input || !isActiveRecord(input.record) || !Array.isArray(input.sections)) return undefined;
  const record = input.record;
  if (input.sections.length !== record.sections.length) return undefined;
  try {
    return { record, sections: record.sections.map((table, i) => checkSection(input.sections[i], table)) };
  } catch {
    return undefined;
  }
}

/**
 * The IndexedDB store seen through a preload: the installed record and its sections are answered
 * from the preload without touching IndexedDB; anything else (another install's sections, a new
 * install) opens the real store first, once. A warm start from a preload therefore opens no
 * connection in the Worker at all.
 */
export function preloadedStore(preload: CheckedPreload, open: () => Promise<SnapshotStore>): SnapshotStore {
  let opening: Promise<SnapshotStore> | undefined;
  let closed = false;
  const real = async () => {
    if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
    return (opening ??= open());
  };
  return {
    kind: 'indexeddb',
    async readActive() {
      if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
      return preload.record;
    },
    async readSections(record) {
      if (record === preload.record) return preload.sections;
      return (await real()).readSections(record);
    },
    async install(record, sections, signal) {
      return (await real()).install(record, sections, signal);
    },
    close() {
      closed = true;
      void opening?.then((store) => store.close(), () => undefined);
    },
  };
}
