/**
 * Install and load: from a manifest URL to a ready engine, preferring the installed snapshot.
 *
 * Runs in the Worker but touches no Worker API: I/O comes in through {@link SnapshotStore} and
 * {@link Fetcher}, so the whole flow runs against real IndexedDB and fetch in the browser tests
 * and against fakes anywhere else. Flow, atomicity argument and fallback policy:
 * docs/install-and-storage.md.
 */
import { createEngine, type Engine, type EngineOptions } from '../src/engine/engine.js';
import { OnetError, toOnetError } from '../src/errors.js';
import { decodeSections, inflateSectionsWith, type RawInflater, type RawSection } from '../src/snapshot/codec.js';
import type { Manifest } from '../src/snapshot/manifest.js';
import type { Snapshot, SnapshotInfo } from '../src/snapshot/schema.js';
import { MAX_TIMEOUT_MS } from '../src/api/validate.js';
import { DEFAULT_TIMEOUT_MS, downloadSnapshot, fetchManifest, manifestFromBytes, snapshotUrlFor, verifySnapshot, type Fetcher } from './fetch.js';
import { platformInflater } from './inflate.js';
import { checkPreload, createMemoryStore, openIdbStore, preloadedStore, type ActiveRecord, type PreloadedInput, type SnapshotStore } from './store.js';

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

/** Options of {@link loadSnapshot}. */
export interface LoadOptions {
  /** URL of manifest.json. Fetched on every load (revalidating caches) to learn the current release. */
  manifestUrl: string;
  /**
   * Snapshot URL override. Default: `manifest.file` resolved against `manifestUrl`. Needed when the
   * manifest URL cannot be a base (blob:, data:) or the file lives elsewhere (CDN).
   */
  snapshotUrl?: string;
  /**
   * The store, or a factory for it. Default: IndexedDB database {@link dbName}. When the factory
   * rejects (IndexedDB unavailable, blocked, private mode) the loader falls back to an in-memory
   * store and reports it in {@link LoadResult.storage} and {@link LoadResult.storageError}.
   * A store passed as an instance is left open; one the loader created is closed after the load
   * (the engine keeps everything it needs in memory).
   */
  store?: SnapshotStore | (() => Promise<SnapshotStore>);
  /** IndexedDB database name for the default store (default 'onet-match'). */
  dbName?: string;
  /** Network access (default global fetch). */
  fetcher?: Fetcher;
  /** Stage and byte progress. Exceptions thrown by the listener are ignored: a UI bug must not fail the load. */
  onProgress?: (progress: Progress) => void;
  /** Aborts the load with ABORTED; an install in flight is rolled back. */
  signal?: AbortSignal;
  /** Inactivity timeout of each request, ms (default 30 000): no response or no body bytes for this long → TIMEOUT. */
  timeoutMs?: number;
  /**
   * Don't touch the network: serve the installed snapshot, or reject with NETWORK when there is
   * none. For apps that already know they are offline and don't want to wait for a timeout.
   */
  offline?: boolean;
  /**
   * When checking for or installing a new snapshot fails (offline, HTTP error, timeout, corrupt
   * download, unreadable format version, …) and an installed snapshot loads: serve that one and
   * report the typed failure in {@link LoadResult.updateError} (default true). With false the load
   * rejects with that error instead; the installed snapshot stays installed either way.
   */
  fallbackToInstalled?: boolean;
  /** Passed to createEngine. */
  engineOptions?: EngineOptions;
  /** Section inflater (default: native `DecompressionStream('deflate-raw')` when present, else fflate). */
  inflater?: RawInflater;
  /**
   * The installed snapshot as the page already read it from the same IndexedDB database (the
   * promise API does this while the Worker boots: src/api/preload.ts). Checked like a read of our
   * own and used in its place; ignored when malformed, and when `store` is given.
   */
  preloaded?: PreloadedInput;
  /**
   * The body of a successful response for `manifestUrl`, fetched by the page on the Worker's
   * behalf while the Worker booted (src/api/preload.ts). Used instead of fetching it again; parsed
   * and validated the same way.
   */
  manifestBytes?: Uint8Array;
}

/** What {@link loadSnapshot} resolves with. */
export interface LoadResult {
  readonly snapshot: Snapshot;
  readonly engine: Engine;
  /** 'network': downloaded during this load; 'cache': read from the store without fetching the snapshot. */
  readonly source: 'network' | 'cache';
  /** Where the served snapshot is persisted: 'memory' means it will be downloaded again next time. */
  readonly storage: 'indexeddb' | 'memory';
  /** Release of the served snapshot (from its header). */
  readonly release: string;
  /** sha256 of the served snapshot's file. */
  readonly sha256: string;
  /** Snapshot info of the served snapshot. */
  readonly info: SnapshotInfo;
  /** Human-readable notes on everything that did not go to plan but did not prevent the load. */
  readonly warnings: string[];
  /** Why a newer snapshot is not being served (only when an installed one was served instead), else null. */
  readonly updateError: OnetError | null;
  /** Why the snapshot is not persisted in IndexedDB (storage 'memory'), else null. */
  readonly storageError: OnetError | null;
}

function abortError(signal: AbortSignal): OnetError {
  const reason: unknown = signal.reason;
  return reason instanceof OnetError && reason.code === 'ABORTED' ? reason : new OnetError('ABORTED', 'The load was aborted', { cause: reason });
}

/**
 * Loads the current snapshot: warm from the store when the manifest's sha256 matches the
 * installed one, otherwise download → verify → decompress → decode → index → install (atomic).
 * Rejects with an OnetError; see {@link LoadOptions.fallbackToInstalled} for when failures are
 * reported instead of thrown.
 */
export async function loadSnapshot(options: LoadOptions): Promise<LoadResult> {
  const { signal } = options;
  const fallback = options.fallbackToInstalled ?? true;
  // setTimeout fires at once for NaN, negatives and anything above 2^31 − 1 ms: refuse those
  // rather than time out every request immediately (the promise API checks this too).
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new OnetError('VALIDATION_ERROR', `timeoutMs must be a number of milliseconds in (0, ${MAX_TIMEOUT_MS}], got ${String(timeoutMs)}`, { field: 'timeoutMs' });
  }
  const warnings: string[] = [];
  const checkAbort = () => {
    if (signal?.aborted) throw abortError(signal);
  };
  const emit = (stage: LoadStage, loaded = 0, total = 0) => {
    try {
      options.onProgress?.({ stage, loaded, total });
    } catch {
      // see LoadOptions.onProgress
    }
  };
  checkAbort();

  // The manifest request starts first and overlaps opening and reading IndexedDB: on a warm start
  // these were three sequential waits. Its failure is handled where it is awaited.
  emit('manifest');
  const prefetched = options.manifestBytes;
  const manifestRequest = options.offline
    ? undefined
    : prefetched instanceof Uint8Array
      ? Promise.resolve().then(() => manifestFromBytes(prefetched, options.manifestUrl))
      : fetchManifest(options.manifestUrl, { fetcher: options.fetcher, signal, timeoutMs });
  manifestRequest?.catch(() => undefined);

  // --- storage -------------------------------------------------------------------------------
  let storageError: OnetError | null = null;
  let store: SnapshotStore;
  let ownsStore = true;
  const toMemory = (error: unknown, what: string) => {
    storageError = toOnetError(error, 'STORAGE');
    warnings.push(`${what}; using memory for this session (${storageError.message})`);
    const memory = createMemoryStore();
    return memory;
  };
  if (options.store !== undefined && typeof options.store !== 'function') {
    store = options.store;
    ownsStore = false;
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

  try {
    let active: ActiveRecord | undefined;
    try {
      active = await store.readActive();
    } catch (error) {
      if (ownsStore) store.close();
      store = toMemory(error, 'Reading IndexedDB failed');
      ownsStore = true;
    }
    checkAbort();

    // Read the installed sections while the manifest is in flight: when it confirms the installed
    // release (the usual case) they are ready; when it announces another, they are dropped (or
    // serve as the fallback if the update fails).
    const installed = active;
    const installedSections = installed ? store.readSections(installed) : undefined;
    installedSections?.catch(() => undefined);
    const readSections = (record: ActiveRecord): Promise<RawSection[]> =>
      record === installed && installedSections ? installedSections : store.readSections(record);

    /** Warm start from `record`; undefined (with a warning) when the store's copy is unusable. */
    const fromStore = async (record: ActiveRecord, updateError: OnetError | null): Promise<LoadResult | undefined> => {
      try {
        const sections = await readSections(record);
        checkAbort();
        emit('decode');
        // Lazy: these sections were fully decoded and checked when they were installed.
        const snapshot = decodeSections(record.info, sections, { lazy: true });
        emit('index');
        const engine = createEngine(snapshot, options.engineOptions);
        emit('ready');
        return {
          snapshot, engine, source: 'cache', storage: store.kind, release: snapshot.info.release, sha256: record.sha256,
          info: snapshot.info, warnings, updateError, storageError,
        };
      } catch (error) {
        checkAbort();
        const e = toOnetError(error);
        if (e.code === 'ABORTED') throw e;
        warnings.push(`The installed snapshot (release ${record.release}) could not be loaded and is ignored: ${e.message}`);
        return undefined;
      }
    };

    /** Serves the installed snapshot after a failed update, or rethrows the update's error. */
    const fallBack = async (error: unknown): Promise<LoadResult> => {
      checkAbort();
      const e = toOnetError(error);
      if (e.code === 'ABORTED' || !fallback || !active) throw e;
      const installed = active;
      active = undefined; // never try the same record twice
      const result = await fromStore(installed, e);
      if (!result) throw e;
      warnings.push(`Serving the installed release ${installed.release}: ${e.message}`);
      return result;
    };

    if (options.offline) {
      if (active) {
        const result = await fromStore(active, null);
        if (result) return result;
      }
      throw new OnetError('NETWORK', 'Offline and no usable snapshot is installed', {
        field: 'offline',
        suggestion: 'Load once with network access to install the snapshot.',
      });
    }

    // --- manifest ----------------------------------------------------------------------------
    let manifest: Manifest;
    try {
      manifest = await manifestRequest!;
    } catch (error) {
      return await fallBack(error);
    }

    if (active && active.sha256 === manifest.sha256) {
      const result = await fromStore(active, null);
      if (result) return result;
      active = undefined; // corrupt: reinstall below, nothing to fall back to
    }

    // --- network install ---------------------------------------------------------------------
    let prepared: { snapshot: Snapshot; engine: Engine; sections: RawSection[] };
    try {
      const url = snapshotUrlFor(manifest, options.manifestUrl, options.snapshotUrl);
      const total = manifest.bytes;
      emit('download', 0, total);
      // Throttle to ~1 % steps: each event may cross the Worker boundary.
      let reported = 0;
      const step = Math.max(1, Math.floor(total / 100));
      const bytes = await downloadSnapshot(url, manifest, {
        fetcher: options.fetcher,
        signal,
        timeoutMs,
        onBytes: (loaded) => {
          if (loaded - reported >= step || loaded === total) {
            reported = loaded;
            emit('download', loaded, total);
          }
        },
      });
      checkAbort();
      emit('verify', total, total);
      await verifySnapshot(bytes, manifest);
      checkAbort();
      emit('decompress', total, total);
      const { header, sections } = await inflateSectionsWith(bytes, options.inflater ?? platformInflater());
      if (header.info.release !== manifest.release) {
        warnings.push(`The manifest announces release ${manifest.release} but the snapshot holds ${header.info.release}; serving the snapshot's`);
      }
      checkAbort();
      emit('decode', total, total);
      const snapshot = decodeSections(header.info, sections);
      checkAbort();
      emit('index', total, total);
      const engine = createEngine(snapshot, options.engineOptions);
      checkAbort();
      prepared = { snapshot, engine, sections };
    } catch (error) {
      return await fallBack(error);
    }

    // --- install (atomic) --------------------------------------------------------------------
    const { snapshot, engine, sections } = prepared;
    emit('install', manifest.bytes, manifest.bytes);
    let storage = store.kind;
    try {
      await store.install({ release: snapshot.info.release, sha256: manifest.sha256, formatVersion: manifest.formatVersion, info: snapshot.info, manifest }, sections, signal);
    } catch (error) {
      const e = toOnetError(error, 'STORAGE');
      checkAbort();
      if (e.code === 'ABORTED') throw e;
      // The new snapshot is verified and indexed: serve it from memory rather than fail or serve the old one.
      storageError = e;
      storage = 'memory';
      warnings.push(`The snapshot could not be saved and will be downloaded again next time (${e.message})`);
    }
    emit('ready', manifest.bytes, manifest.bytes);
    return {
      snapshot, engine, source: 'network', storage, release: snapshot.info.release, sha256: manifest.sha256, info: snapshot.info,
      warnings, updateError: null, storageError,
    };
  } finally {
    if (ownsStore) store.close();
  }
}
