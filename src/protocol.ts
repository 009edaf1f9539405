/**
 * The page↔Worker contract: everything the main-thread API (src/api/) and the Worker (worker/)
 * must agree on, in one module both sides import — and the only thing they share. Neither side
 * imports the other (test/node/contract.test.ts checks it), so either can change its internals
 * freely as long as this contract holds.
 *
 * It holds types (the Worker API, open options, load summary, progress, the page's preload),
 * the limits both sides enforce, the one timeout rule, and the IndexedDB layout the page's
 * warm-start preloader reads and the Worker's store writes. Types and constants only, plus a few
 * pure checks: it must stay small, because it is part of the main-thread bundle.
 */
import { OnetError, type OnetErrorBody } from './errors.js';
import type { SnapshotInfo } from './snapshot/schema.js';

// ---------------------------------------------------------------------------------------------
// Limits

/** Longest delay a timer can take: setTimeout fires at once for NaN, ≤ 0 or more than 2^31 − 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Default inactivity timeout of each request of a load (ms); see {@link WorkerOpenOptions.timeoutMs}. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Manifests are small; a larger body is not a manifest and is not worth parsing (Worker, page and CLI alike). */
export const MAX_MANIFEST_BYTES = 1 << 20;

/**
 * Largest snapshot file a manifest may declare (256 MiB; the O*NET 29.3 snapshot is 2,133,320
 * bytes). A larger `bytes` is refused as SNAPSHOT_CORRUPT before anything is requested or
 * allocated: the size comes from a fetched document, and no real snapshot comes near it.
 */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/**
 * The one timeout rule: a usable timer delay is a whole number of milliseconds from 1 to
 * {@link MAX_TIMEOUT_MS}. Anything else (NaN, ∞, ≤ 0, too long, not a number) would make
 * setTimeout fire at once, so every request would time out immediately; timers round fractions
 * (0.5 fires like 0), so a fraction is refused rather than silently changed.
 */
export function isTimerDelay(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMEOUT_MS;
}

/** {@link isTimerDelay} as a check: returns `value`, or throws VALIDATION_ERROR on `field`. */
export function checkTimerDelay(value: unknown, field: string): number {
  if (!isTimerDelay(value)) {
    throw new OnetError('VALIDATION_ERROR', `${field} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${String(value)}`, { field });
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// IndexedDB layout (written by the Worker's store, read by the page's preloader)

/** Default IndexedDB database name. */
export const DEFAULT_DB_NAME = 'onet-match';

/** IndexedDB schema version of the layout. Bump (with an upgrade path) on layout changes. */
export const IDB_VERSION = 1;

/** Object store of the sections: key [installId, tableName] → `{ entry, data }` (inflated bytes). */
export const SECTIONS_STORE = 'sections';

/** Object store of the metadata; the active install's record is under {@link ACTIVE_KEY}. */
export const META_STORE = 'meta';

/** Key of the active install's record in {@link META_STORE}. */
export const ACTIVE_KEY = 'active';

/** Key of the install whose sections are still being stored, in {@link META_STORE} (the Worker's alone). */
export const PENDING_KEY = 'pending';

/**
 * The sections the page reads while the Worker boots: the tables an engine reads to exist (its
 * occupation index; test/node/engine-tables.test.ts checks they are the engine's). A warm start
 * reads every other section when a query first needs it (from a manifest with section files), so
 * it reads a small part of the snapshot before its first answer instead of all of it.
 */
export const PRELOADED_TABLES: readonly string[] = ['occupations', 'jobZones', 'jobFamilies'];

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * Load stages, in the order a network install reports them. A warm start reports
 * manifest → decode → index → ready. `decode` and `index` run BEFORE `install` so that only a
 * snapshot the engine can actually serve ever replaces the installed one.
 */
export type LoadStage = 'manifest' | 'download' | 'verify' | 'decompress' | 'decode' | 'index' | 'install' | 'ready';

/** A progress event. */
export interface Progress {
  readonly stage: LoadStage;
  /** Snapshot bytes downloaded so far (0 when nothing is downloaded, e.g. a warm start). */
  readonly loaded: number;
  /** Snapshot size from the manifest (0 until the manifest is known, and on a warm start). */
  readonly total: number;
}

/**
 * The installed snapshot as the page read it from IndexedDB while the Worker booted
 * (src/api/preload.ts): the active record and the stored sections of {@link PRELOADED_TABLES}
 * that it lists, unvalidated — the Worker checks them exactly like a read of its own. The
 * sections' buffers are best transferred, not copied.
 */
export interface PreloadedInstall {
  readonly record: unknown;
  readonly sections: readonly unknown[];
}

/** Options of {@link WorkerApi.open}: only cloneable data (progress is a separate callback; abort is `close()`). */
export interface WorkerOpenOptions {
  /** URL of manifest.json (absolute: the Worker resolves relative URLs against its own script URL). */
  manifestUrl: string;
  /**
   * Snapshot URL override. Default: the manifest's `file` resolved against `manifestUrl`. Needed
   * when the manifest URL cannot be a base (blob:, data:) or the file lives elsewhere (CDN).
   */
  snapshotUrl?: string;
  /** IndexedDB database name (default {@link DEFAULT_DB_NAME}). */
  dbName?: string;
  /** 'memory' skips IndexedDB entirely (e.g. privacy-sensitive embeds); default 'indexeddb'. */
  storage?: 'indexeddb' | 'memory';
  /** Inactivity timeout per request, ms (default {@link DEFAULT_TIMEOUT_MS}; see {@link isTimerDelay}). */
  timeoutMs?: number;
  /** Serve only what is installed; never touch the network. */
  offline?: boolean;
  /** Serve the installed snapshot when updating fails (default true); see docs/install-and-storage.md. */
  fallbackToInstalled?: boolean;
  /** What the page read from IndexedDB while the Worker booted. */
  preloaded?: PreloadedInstall;
  /** The body of a 200 response for `manifestUrl`, fetched by the page while the Worker booted. */
  manifestBytes?: Uint8Array;
  /** Build the lazy indexes in idle time after this load (default true). */
  warmUp?: boolean;
  /**
   * The origins the manifest and the snapshot may be fetched from, redirects included (absent: no
   * restriction). The promise API always sends the page's origin plus its `allowedOrigins` option:
   * a Worker does not inherit the page's `<meta>` CSP, so this is how the page's intent reaches
   * it; see docs/embedding.md.
   */
  allowedOrigins?: readonly string[];
  /** Lay words added to the keyword search's built-in list (the engine's `layWords` option). */
  layWords?: Readonly<Record<string, string | readonly string[]>>;
}

/** The cloneable facts of a load. */
export interface LoadSummary {
  /** 'network': downloaded during this load; 'cache': read from the store without fetching the snapshot. */
  readonly source: 'network' | 'cache';
  /** Where the served snapshot is persisted: 'memory' means it will be downloaded again next time. */
  readonly storage: 'indexeddb' | 'memory';
  /** Release of the served snapshot. */
  readonly release: string;
  /** sha256 of the served snapshot's file. */
  readonly sha256: string;
  /** Snapshot info of the served snapshot. */
  readonly info: SnapshotInfo;
  /** Human-readable notes on everything that did not go to plan but did not prevent the load. */
  readonly warnings: readonly string[];
  /** Why a newer snapshot is not being served (only when an installed one was served instead). */
  readonly updateError: OnetErrorBody | null;
  /** Why the snapshot is not persisted in IndexedDB (storage 'memory'). */
  readonly storageError: OnetErrorBody | null;
  /**
   * True when the served release was not confirmed current against the manifest: the update check
   * or the download failed and the installed snapshot was served instead (`updateError` says why),
   * or `offline: true` skipped the check (`updateError` is then null).
   */
  readonly stale: boolean;
  /**
   * The release that was installed before this load, when this load installed another snapshot
   * in its place — a new release (e.g. '29.3' when '30.0' replaced it), or a rebuilt file of the
   * same release — else null: a warm start, a first install, an installed snapshot served after a
   * failed update, a repair of the same file. The elements dispatch `onet-release-change` when it
   * differs from {@link release}.
   */
  readonly previousRelease: string | null;
  /**
   * Non-null when the installed snapshot failed its checks on this load — bytes damaged in
   * storage, a section missing or undecodable, or a route family it could not answer — and was
   * replaced by a fresh download (`source: 'network'`). `reason` is what was wrong with it, for
   * logs; the damaged copy is never served. When no fresh copy can be had, the load rejects with
   * the download's code (NETWORK, TIMEOUT, …) instead of serving the damaged copy. A warm start
   * from section files reads and checks each section when it is first needed (`source: 'cache'`):
   * only a damaged section is downloaded again and written back, and a damage found after the load
   * answered is reported in the summary {@link WorkerApi.installed} resolves with.
   */
  readonly repaired: { readonly reason: string } | null;
  /**
   * True while the snapshot is still being installed after the load answered: it was loaded from
   * its section files with nothing usable installed, so queries are answered as soon as the
   * sections they read are here, and the remaining sections download in idle time, are checked
   * and then installed. `storage` is where it is being installed; {@link WorkerApi.installed}
   * resolves with the outcome (`installing: false`, and `storage: 'memory'` with `storageError`
   * when it could not be stored).
   */
  readonly installing: boolean;
}

/** What the Worker exposes (over comlink). Every method rejects with an OnetError (see src/transfer.ts). */
export interface WorkerApi {
  /**
   * Loads (installing if needed) the snapshot and builds the engine. A second open replaces the
   * engine on success; an open still in flight is aborted by the next open or by close().
   */
  open(options: WorkerOpenOptions, onProgress?: (progress: Progress) => void): Promise<LoadSummary>;
  /** Answers a route; ENGINE_CLOSED before open or after close, INTERNAL for unexpected failures. */
  get(route: string): unknown;
  /** Summary of the current load; ENGINE_CLOSED before open or after close. */
  info(): LoadSummary;
  /**
   * Resolves with the summary once the current load's install is complete (see
   * {@link LoadSummary.installing}) and, after a warm start from section files, once every
   * installed section was read and checked (see {@link LoadSummary.repaired}); at once otherwise.
   * ENGINE_CLOSED before open, and when the engine is closed or replaced first.
   */
  installed(): Promise<LoadSummary>;
  /** Drops the engine and aborts a pending open. The Worker can be opened again. */
  close(): void;
}
