/**
 * The IndexedDB layout's names, in a module of their own: the main thread's warm-start preloader
 * (src/api/preload.ts) reads the same database without pulling the store (and idb) into the
 * main-thread bundle. The layout itself is described in ./store.ts.
 */

/** Default IndexedDB database name. */
export const DEFAULT_DB_NAME = 'onet-match';

/** IndexedDB schema version of the layout. Bump (with an upgrade path) on layout changes. */
export const IDB_VERSION = 1;

/** Object store of the sections: key [installId, tableName]. */
export const SECTIONS_STORE = 'sections';

/** Object store of the metadata; the active install's record is under {@link ACTIVE_KEY}. */
export const META_STORE = 'meta';

/** Key of the active install's record in {@link META_STORE}. */
export const ACTIVE_KEY = 'active';
