/**
 * Load step 1: the store and its active record, degrading to memory when IndexedDB is unusable
 * (fallback policy 1 of docs/install-and-storage.md).
 */
import { OnetError, toOnetError } from '../src/errors.js';
import type { LoadContext } from './load-context.js';
import type { TableName } from '../src/snapshot/schema.js';
import type { ActiveRecord, SnapshotStore } from './store.js';
import { openIdbStore } from './store-idb.js';
import { createMemoryStore } from './store-memory.js';
import { checkPreload, preloadedStore, type CheckedPreload } from './store-preloaded.js';

/** The store a load works with. */
export interface OpenedStore {
  readonly store: SnapshotStore;
  /** Whether the loader opened it (and must close it after the load). */
  readonly owned: boolean;
  /** The installed snapshot's record, if any. */
  readonly active: ActiveRecord | undefined;
  /** Why the store is memory although IndexedDB was asked for, else null. */
  readonly storageError: OnetError | null;
  /**
   * The tables the last session's first query read, whose sections the page preloaded (see
   * FIRST_READS_KEY in src/protocol.ts); empty without a preload.
   */
  readonly firstReads: readonly TableName[];
}

/**
 * Opens the store of `ctx.options` (the given instance, the given factory, or IndexedDB — seen
 * through the page's preload when it passed the checks) and reads the active record. A factory or
 * read that fails turns into a memory store with a warning and a STORAGE `storageError`.
 */
export async function openStore(ctx: LoadContext): Promise<OpenedStore> {
  const { options, warnings } = ctx;
  let storageError: OnetError | null = null;
  const toMemory = (error: unknown, what: string) => {
    storageError = toOnetError(error, 'STORAGE');
    warnings.push(`${what}; using memory for this session (${storageError.message})`);
    return createMemoryStore();
  };

  let store: SnapshotStore;
  let owned = true;
  let preload: CheckedPreload | undefined;
  if (options.store !== undefined && typeof options.store !== 'function') {
    store = options.store;
    owned = false;
  } else {
    const openIdb = () => openIdbStore(options.dbName === undefined ? {} : { name: options.dbName });
    const checked = options.store === undefined ? checkPreload(options.preloaded, options.preloadedLater) : undefined;
    const factory = options.store ?? (checked ? async () => preloadedStore(checked, openIdb) : openIdb);
    try {
      store = await factory();
      preload = checked;
    } catch (error) {
      store = toMemory(error, 'IndexedDB is unavailable');
    }
  }

  let active: ActiveRecord | undefined;
  try {
    active = await store.readActive();
  } catch (error) {
    if (owned) store.close();
    store = toMemory(error, 'Reading IndexedDB failed');
    owned = true;
    preload = undefined;
  }
  return { store, owned, active, storageError, firstReads: preload?.firstReads ?? [] };
}
