/**
 * Install and load: from a manifest URL to a ready engine, preferring the installed snapshot.
 *
 * Runs in the Worker but touches no Worker API: I/O comes in through {@link SnapshotStore} and
 * {@link Fetcher}, so the whole flow runs against real IndexedDB and fetch in the browser tests
 * and against fakes anywhere else. This module decides; the steps are modules of their own:
 * ./open-store.ts (store and active record, memory fallback), ./warm-start.ts (from the store),
 * ./network-install.ts (download → … → install). Flow, atomicity argument and fallback policy:
 * docs/install-and-storage.md.
 */
import type { Engine, EngineOptions } from '../src/engine/engine.js';
import { OnetError, toOnetError } from '../src/errors.js';
import type { PreloadedInstall, Progress } from '../src/protocol.js';
import { checkAllowedOrigin } from '../src/read-capped.js';
import type { RawInflater } from '../src/snapshot/codec.js';
import type { Manifest, SectionFile } from '../src/snapshot/manifest.js';
import type { Snapshot, SnapshotInfo, TableName } from '../src/snapshot/schema.js';
import { fetchManifest, manifestFromBytes, type Fetcher } from './fetch.js';
import { createLoadContext } from './load-context.js';
import { installPrepared, prepareFromNetwork, type PreparedSnapshot } from './network-install.js';
import { sectionFilesOf } from '../src/snapshot/manifest.js';
import type { SectionLoader } from './section-loader.js';
import { finishInstall, finishWarmStart, prepareFromSections, startFromInstalled, startFromSections, type FinishedInstall, type FinishedWarmStart } from './section-install.js';
import { openStore } from './open-store.js';
import type { SnapshotStore } from './store.js';
import { warmStarter } from './warm-start.js';

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
  /** Inactivity timeout of each request, ms (default `DEFAULT_TIMEOUT_MS` of src/protocol.ts): no response or no body bytes for this long → TIMEOUT. */
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
  preloaded?: PreloadedInstall;
  /**
   * The body of a successful response for `manifestUrl`, fetched by the page on the Worker's
   * behalf while the Worker booted (src/api/preload.ts). Used instead of fetching it again; parsed
   * and validated the same way.
   */
  manifestBytes?: Uint8Array;
  /**
   * The origins the manifest and the snapshot may be fetched from, redirects included (default: no
   * restriction; the promise API passes the page's origin plus its `allowedOrigins` option). A URL
   * elsewhere is VALIDATION_ERROR before any request; a redirect elsewhere is NETWORK.
   */
  allowedOrigins?: readonly string[];
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
  /**
   * The release that was installed before this load, when this load serves another snapshot
   * (a new release, or a rebuilt file of the same release, downloaded and checked), else null.
   */
  readonly previousRelease: string | null;
  /**
   * Set when the installed snapshot failed its checks (damaged in storage, or unable to answer a
   * route family) and this load replaced it with a fresh download; `reason` says what was wrong.
   */
  readonly repaired: { readonly reason: string } | null;
  /**
   * Present when the load answers before its install is complete (section files, nothing usable
   * installed): the sections still missing arrive on demand (`loader.require`) and the install
   * completes when the caller runs `finish` (worker/section-install.ts). Until then `storage` says
   * where the snapshot WILL be; `finish` resolves with where it is.
   */
  readonly installing?: {
    readonly loader: SectionLoader;
    finish(beforeEach?: () => Promise<void>): Promise<FinishedInstall>;
  };
  /**
   * Present when a warm start answers before it read every installed section (section files and
   * an install with digests): the others are read on demand (`loader.require`), and `finish` reads
   * and checks the rest, downloading any damaged one again (worker/section-install.ts).
   */
  readonly verifying?: {
    readonly loader: SectionLoader;
    finish(beforeEach?: () => Promise<void>): Promise<FinishedWarmStart>;
  };
}

/**
 * Loads the current snapshot: warm from the store when the manifest's sha256 matches the
 * installed one, otherwise download → verify → decompress → decode → index → install (atomic).
 * Rejects with an OnetError; see {@link LoadOptions.fallbackToInstalled} for when failures are
 * reported instead of thrown.
 */
export async function loadSnapshot(options: LoadOptions): Promise<LoadResult> {
  const ctx = createLoadContext(options);
  const fallback = options.fallbackToInstalled ?? true;
  ctx.checkAbort();

  // The manifest request starts first and overlaps opening and reading IndexedDB: on a warm start
  // these were three sequential waits. Its failure is handled where it is awaited.
  ctx.emit('manifest');
  const prefetched = options.manifestBytes;
  const manifestRequest = options.offline
    ? undefined
    : prefetched instanceof Uint8Array
      ? Promise.resolve().then(() => (checkAllowedOrigin(options.manifestUrl, options.allowedOrigins, 'manifestUrl'), manifestFromBytes(prefetched, options.manifestUrl)))
      : fetchManifest(options.manifestUrl, { fetcher: options.fetcher, signal: options.signal, timeoutMs: ctx.timeoutMs, allowedOrigins: options.allowedOrigins });
  manifestRequest?.catch(() => undefined);

  const opened = await openStore(ctx);
  const { store } = opened;
  // An answer-first load hands the open store to its background install, which closes it.
  let handedOver = false;
  try {
    ctx.checkAbort();
    let active = opened.active;
    const warm = warmStarter(ctx, opened);

    /** Why the installed snapshot failed its checks on this load (it is then never served). */
    let damage: OnetError | undefined;

    /**
     * Serves the installed snapshot after a failed update, or rethrows the update's error. When the
     * installed snapshot is damaged, the error says so too: nothing safe is left to serve.
     */
    const fallBack = async (error: unknown): Promise<LoadResult> => {
      ctx.checkAbort();
      const e = toOnetError(error);
      if (e.code === 'ABORTED') throw e;
      if (damage) throw unrepaired(damage, e);
      if (!fallback || !active) throw e;
      const installed = active;
      active = undefined; // never try the same record twice
      const warmed = await warm.fromStore(installed, e);
      if (!warmed.result) throw unrepaired(warmed.failure, e);
      ctx.warnings.push(`Serving the installed release ${installed.release}: ${e.message}`);
      return warmed.result;
    };

    if (options.offline) {
      const warmed = active && (await warm.fromStore(active, null));
      if (warmed?.result) return warmed.result;
      throw new OnetError('NETWORK', `Offline and no usable snapshot is installed${warmed ? ` (the installed one is damaged: ${warmed.failure.message})` : ''}`, {
        field: 'offline',
        suggestion: warmed ? 'Load once with network access to install a fresh copy.' : 'Load once with network access to install the snapshot.',
        cause: warmed?.failure,
      });
    }

    let manifest: Manifest;
    try {
      manifest = await manifestRequest!;
    } catch (error) {
      return await fallBack(error);
    }

    // Section files, unless the caller named the whole file (snapshotUrl).
    const files = options.snapshotUrl === undefined ? sectionFilesOf(manifest) : undefined;

    if (active && active.sha256 === manifest.sha256) {
      if (files && active.digests && sameTables(active.sections, files.sections)) {
        // Reads only what the first answers need; anything that goes wrong here (a damaged section
        // that cannot be downloaded again, a failing store) is left to the full warm start below,
        // which decides between serving, repairing and failing.
        try {
          const started = await startFromInstalled(ctx, store, manifest, files, active);
          handedOver = true;
          const owned = opened.owned;
          const { damaged } = started.loader;
          return {
            snapshot: started.loader.snapshot,
            engine: started.engine,
            source: 'cache',
            storage: store.kind,
            release: active.release,
            sha256: active.sha256,
            info: active.info,
            warnings: ctx.warnings,
            updateError: null,
            storageError: opened.storageError,
            previousRelease: null,
            repaired: damaged.length > 0 ? { reason: damagedReason(damaged) } : null,
            verifying: {
              loader: started.loader,
              finish: (beforeEach) =>
                finishWarmStart(started.loader, beforeEach).finally(() => {
                  if (owned) store.close();
                }),
            },
          };
        } catch (error) {
          ctx.checkAbort();
          ctx.warnings.push(`Reading the installed snapshot section by section failed; reading all of it (${toOnetError(error).message})`);
        }
      }
      const warmed = await warm.fromStore(active, null);
      if (warmed.result) return warmed.result;
      // Damaged: never served again; the download below replaces it (the new install sweeps its sections).
      damage = warmed.failure;
      active = undefined;
    }

    const before = opened.active;
    if (files && !active) {
      let started;
      try {
        started = await startFromSections(ctx, store, manifest, files);
      } catch (error) {
        return await fallBack(error);
      }
      handedOver = true;
      if (damage) ctx.warnings.push(`The damaged installed snapshot is being replaced by a fresh download of release ${files.info.release}`);
      const owned = opened.owned;
      return {
        snapshot: started.loader.snapshot,
        engine: started.engine,
        source: 'network',
        storage: store.kind,
        release: files.info.release,
        sha256: manifest.sha256,
        info: files.info,
        warnings: ctx.warnings,
        updateError: null,
        storageError: opened.storageError,
        previousRelease: before && before.sha256 !== manifest.sha256 ? before.release : null,
        repaired: damage ? { reason: damage.message } : null,
        installing: {
          loader: started.loader,
          finish: (beforeEach) =>
            finishInstall(ctx, store, manifest, started, beforeEach).finally(() => {
              if (owned) store.close();
            }),
        },
      };
    }

    let prepared: PreparedSnapshot;
    let pending;
    try {
      if (files) {
        const installed = active;
        const fromSections = await prepareFromSections(ctx, store, manifest, files, installed);
        prepared = fromSections.prepared;
        pending = fromSections.loader.pending;
      } else prepared = await prepareFromNetwork(ctx, manifest);
    } catch (error) {
      return await fallBack(error);
    }
    const saved = await installPrepared(ctx, store, manifest, prepared, pending);
    ctx.emit('ready', manifest.bytes, manifest.bytes);
    const { snapshot, engine } = prepared;
    if (damage) {
      ctx.warnings.push(
        saved.storageError
          ? `The installed snapshot is damaged; a fresh download of release ${snapshot.info.release} is served from memory and the next load tries the repair again`
          : `The damaged installed snapshot was replaced by a fresh download of release ${snapshot.info.release}`,
      );
    }
    return {
      snapshot,
      engine,
      source: 'network',
      storage: saved.storage,
      release: snapshot.info.release,
      sha256: manifest.sha256,
      info: snapshot.info,
      warnings: ctx.warnings,
      updateError: null,
      storageError: saved.storageError ?? opened.storageError,
      previousRelease: before && before.sha256 !== manifest.sha256 ? before.release : null,
      repaired: damage ? { reason: damage.message } : null,
    };
  } finally {
    if (opened.owned && !handedOver) store.close();
  }
}

/** Whether an install holds exactly the tables a manifest's section files list. */
function sameTables(installed: readonly TableName[], files: readonly SectionFile[]): boolean {
  return installed.length === files.length && files.every((file) => installed.includes(file.name as TableName));
}

/** The `repaired` reason of a warm start that downloaded damaged sections again. */
export function damagedReason(damaged: readonly TableName[]): string {
  return `section${damaged.length > 1 ? 's' : ''} ${damaged.join(', ')} of the installed snapshot ${damaged.length > 1 ? 'were' : 'was'} damaged in storage and downloaded again`;
}

/**
 * The error of a load that found the installed snapshot damaged and could not replace it: the
 * replacement's code (NETWORK, TIMEOUT, … — what to retry on), both reasons in the message.
 */
function unrepaired(damage: OnetError, error: OnetError): OnetError {
  return new OnetError(error.code, `The installed snapshot is damaged (${damage.message}) and no fresh copy could be installed: ${error.message}`, {
    field: error.field,
    suggestion: error.suggestion ?? 'Load again with network access: a fresh copy replaces the damaged one.',
    errors: error.errors,
    cause: error,
  });
}
