/**
 * Load step 1: the store and its active record, degrading to memory when IndexedDB is unusable
 * (fallback policy 1 of docs/install-and-storage.md).
 */
import { OnetError, toOnetError } from '../src/errors.js';
import type { LoadContext } from './load-context.js';
import type { ActiveRecord, SnapshotStore } from './store.js';
import { openIdbStore } from './store-idb.js';
import { createMemoryStore } from './store-memory.js';
import { checkPreload, preloadedStore } from './store-preloaded.js';

/** The store a load works with. */
export interface OpenedStore {
  readonly store: SnapshotStore;
  /** Whether the loader opened it (and must close it after the load). */
  readonly owned: boolean;
  /** The installed snapshot's record, if any. */
  readonly active: ActiveRecord | undefined;
  /** Why the store is memory although IndexedDB was asked for, else null. */
  readonly storageError: OnetError | null;
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
  if (options.store !== undefined && typeof options.store !== 'function') {
    store = options.store;
    owned = false;
  } else {
    const openIdb = () => openIdbStore(options.dbName === undefined ? {} : { name: options.dbName });
    const preload = options.store === undefined ? checkPreload(options.preloaded) : undefined;
    const factory = options.store ?? (preload ? async () => preloadedStore(preload, openIdb) : openIdb);
    try {
      store = await factory();
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
  }
  return { store, owned, active, storageError };
}
