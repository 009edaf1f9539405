/**
 * The Worker entry: exposes a small API over comlink so snapshot install, decoding and every query
 * run off the main thread.
 *
 *   const api = wrap<WorkerApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
 *   installErrorTransfer();                       // main thread too, so errors arrive as OnetError
 *   await api.open({ manifestUrl }, proxy((p) => render(p)));
 *   await api.get('/online/soft_skills');
 *
 * The API, its options and its summary are the page↔Worker contract in src/protocol.ts: only plain
 * data crosses the boundary (progress is a comlink proxy callback; abort is `close()`).
 */
import { expose, releaseProxy } from 'comlink';
import type { Engine } from '../src/engine/engine.js';
import { OnetError, toOnetError } from '../src/errors.js';
import type { LoadSummary, WorkerApi } from '../src/protocol.js';
import { installErrorTransfer } from '../src/transfer.js';
import { runWhenIdle } from './idle.js';
import { damagedReason, loadSnapshot, type LoadResult } from './loader.js';
import { withSections, type SectionLoader } from './section-loader.js';
import type { SnapshotStore } from './store.js';
import { createMemoryStore } from './store-memory.js';

/** How long the Worker must have been without a query before it builds the next lazy index. */
const WARM_UP_IDLE_MS = 100;

/**
 * Whether a load served a release the manifest did not confirm as current: an installed one after
 * a failed update (its `updateError`), or whatever is installed when `offline` skipped the check.
 */
function isStale(result: { source: 'network' | 'cache'; updateError: unknown }, offline: boolean): boolean {
  return result.updateError !== null || (offline && result.source === 'cache');
}

/** Options of {@link createWorkerApi}. */
export interface WorkerApiOptions {
  /**
   * Build the lazy indexes in idle time after each load (default true). The in-page mode turns it
   * off: there it would block the page's main thread for a few hundred ms the user did not ask for.
   */
  warmUp?: boolean;
}

/** The engine being served and what belongs to its load. */
interface Served {
  readonly engine: Engine;
  summary: LoadSummary;
  /** The sections still arriving (answer-first loads, until their install completed: then dropped, so queries skip it). */
  loader?: SectionLoader;
  /** Resolves with the summary once the install completed (or failed; the summary says so). */
  installed: Promise<LoadSummary>;
  /** Stops the load's background work (its install) when the engine is closed or replaced. */
  readonly stop: (reason: OnetError) => void;
}

/** Builds the API object (separate from `expose` so it can be exercised in-page too). */
export function createWorkerApi(apiOptions: WorkerApiOptions = {}): WorkerApi {
  let current: Served | undefined;
  let lastQuery = 0;

  /** Resolves once the Worker has had no query for WARM_UP_IDLE_MS: background downloads yield to queries. */
  const untilIdle = async (): Promise<void> => {
    for (;;) {
      const wait = lastQuery + WARM_UP_IDLE_MS - performance.now();
      if (wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };

  /**
   * Runs an answer-first load's install in the background: the missing sections in idle time, the
   * checks, the commit. The summary then says where the snapshot is; a failure is reported there
   * (the engine keeps answering from memory, and the next load resumes the install).
   */
  const completeInstall = (served: Served, installing: NonNullable<LoadResult['installing']>, warmUpAfter: boolean): Promise<LoadSummary> =>
    installing.finish(untilIdle).then(
      (outcome) => {
        // A store that was memory from the start keeps the reason it is (IndexedDB unavailable).
        served.summary = { ...served.summary, installing: false, storage: outcome.storage, storageError: outcome.storageError?.toJSON() ?? served.summary.storageError };
        served.loader = undefined; // every section is here

        if (warmUpAfter && current === served) warmUp(served.engine);
        return served.summary;
      },
      (error: unknown) => {
        const e = toOnetError(error);
        served.summary = {
          ...served.summary,
          installing: false,
          storage: 'memory',
          storageError: e.toJSON(),
          warnings: [...served.summary.warnings, `The snapshot could not be installed and will be downloaded again next time (${e.message})`],
        };
        return served.summary;
      },
    );

  /**
   * Runs a warm start's background check: the sections not read yet, one per idle step, checked
   * against the install's digests; damaged ones downloaded again and written back. The summary
   * then reports what was repaired; a failure is reported there too (queries reading a damaged
   * table try the download again).
   */
  const completeWarmStart = (served: Served, verifying: NonNullable<LoadResult['verifying']>, warmUpAfter: boolean): Promise<LoadSummary> =>
    verifying.finish(untilIdle).then(
      (outcome) => {
        served.loader = undefined; // every section is here
        if (outcome.damaged.length > 0) {
          served.summary = {
            ...served.summary,
            repaired: { reason: damagedReason(outcome.damaged) },
            warnings: [...served.summary.warnings, ...(outcome.storageError ? [`The repaired sections could not be stored (${outcome.storageError.message})`] : [])],
          };
        }
        if (warmUpAfter && current === served) warmUp(served.engine);
        return served.summary;
      },
      (error: unknown) => {
        const e = toOnetError(error);
        served.summary = { ...served.summary, warnings: [...served.summary.warnings, `The installed snapshot is damaged and could not be repaired yet (${e.message})`] };
        return served.summary;
      },
    );

  /**
   * After a load, builds the engine's lazy indexes (soft skills, activities, keyword search — the
   * last one takes a few hundred ms in a fresh Worker) one per task, once the Worker has been idle
   * for WARM_UP_IDLE_MS: the host's first queries are answered first, and the user's first keyword
   * search usually finds its index ready. Stops when the engine is replaced or closed.
   */
  const warmUp = (engine: Engine) => runWhenIdle(engine.warmUpSteps(), { idleMs: WARM_UP_IDLE_MS, lastActivity: () => lastQuery, stillWanted: () => current?.engine === engine });
  let pending: AbortController | undefined;
  // One per Worker, so storage: 'memory' still warm-starts a re-open within the Worker's life.
  let memoryStore: SnapshotStore | undefined;

  const closedError = () => new OnetError('ENGINE_CLOSED', 'The engine is not open', { suggestion: 'Call open() first.' });

  return {
    async open(options, onProgress) {
      pending?.abort(new OnetError('ABORTED', 'Superseded by a newer open()'));
      const controller = new AbortController();
      pending = controller;
      /** Frees the MessagePort behind the progress proxy. */
      const releaseProgress = () => {
        const release = (onProgress as { [releaseProxy]?: () => void } | undefined)?.[releaseProxy];
        if (typeof release === 'function') release.call(onProgress);
      };
      let progressKept = false;
      /** Settles once the page has handled the latest progress event. */
      let delivered: Promise<unknown> = Promise.resolve();
      try {
        if (typeof options !== 'object' || options === null || typeof options.manifestUrl !== 'string') {
          throw new OnetError('VALIDATION_ERROR', 'open() needs { manifestUrl: string }', { field: 'manifestUrl' });
        }
        const origins: unknown = options.allowedOrigins;
        if (origins !== undefined && !(Array.isArray(origins) && origins.every((o) => typeof o === 'string'))) {
          throw new OnetError('VALIDATION_ERROR', 'allowedOrigins must be an array of origins', { field: 'allowedOrigins' });
        }
        const store = options.storage === 'memory' ? (memoryStore ??= createMemoryStore()) : undefined;
        const result = await loadSnapshot({
          manifestUrl: options.manifestUrl,
          snapshotUrl: options.snapshotUrl,
          dbName: options.dbName,
          store,
          timeoutMs: options.timeoutMs,
          offline: options.offline,
          fallbackToInstalled: options.fallbackToInstalled,
          preloaded: options.storage === 'memory' ? undefined : options.preloaded,
          manifestBytes: options.manifestBytes,
          allowedOrigins: options.allowedOrigins,
          engineOptions: options.layWords !== undefined ? { layWords: options.layWords } : undefined,
          signal: controller.signal,
          // A remote callback returns a promise; its failure (page gone) must not fail the load.
          onProgress: onProgress && ((p) => void (delivered = Promise.resolve(onProgress(p)).catch(() => undefined))),
        });
        if (controller.signal.aborted) throw toOnetError(controller.signal.reason);
        const summary: LoadSummary = {
          source: result.source,
          storage: result.storage,
          release: result.release,
          sha256: result.sha256,
          info: result.info,
          warnings: result.warnings,
          updateError: result.updateError?.toJSON() ?? null,
          storageError: result.storageError?.toJSON() ?? null,
          stale: isStale(result, options.offline === true),
          previousRelease: result.previousRelease,
          repaired: result.repaired && { reason: result.repaired.reason },
          installing: result.installing !== undefined,
        };
        const wantWarmUp = (apiOptions.warmUp ?? true) && options.warmUp !== false;
        const served: Served = {
          engine: result.engine,
          summary,
          loader: result.installing?.loader ?? result.verifying?.loader,
          installed: Promise.resolve(summary),
          stop: (reason) => controller.abort(reason),
        };
        current?.stop(new OnetError('ABORTED', 'Superseded by a newer open()'));
        current = served;
        lastQuery = performance.now();
        if (result.installing) {
          // The background install keeps this open's signal (it stops when the engine is closed or
          // replaced) and its progress callback (it reports `install` progress until it completes).
          served.installed = completeInstall(served, result.installing, wantWarmUp);
          progressKept = true;
          void served.installed.finally(releaseProgress);
        } else if (result.verifying) served.installed = completeWarmStart(served, result.verifying, wantWarmUp);
        else if (wantWarmUp) warmUp(result.engine);
        // Progress travels on the callback's own MessagePort, which is not ordered with this reply's:
        // answer only once the page has handled the last event (its `ready`), so none arrives after.
        await delivered;
        return summary;
      } catch (error) {
        throw toOnetError(error);
      } finally {
        if (pending === controller) pending = undefined;
        if (!progressKept) releaseProgress();
      }
    },

    async get(route) {
      if (!current) throw closedError();
      const { engine, loader } = current;
      try {
        // A query waits only for the sections it reads: those its route always reads, fetched
        // together, then any other it turns out to read.
        if (loader) await Promise.all(engine.tablesFor(route).map((table) => loader.require(table)));
        return await withSections(loader, () => {
          lastQuery = performance.now();
          return engine.get(route);
        });
      } catch (error) {
        throw toOnetError(error);
      } finally {
        lastQuery = performance.now();
      }
    },

    info() {
      if (!current) throw closedError();
      return current.summary;
    },

    async installed() {
      if (!current) throw closedError();
      const served = current;
      const summary = await served.installed;
      if (current !== served) throw new OnetError('ENGINE_CLOSED', 'The engine was closed or replaced before its install completed');
      return summary;
    },

    close() {
      const reason = new OnetError('ABORTED', 'The engine was closed');
      pending?.abort(reason);
      pending = undefined;
      current?.stop(reason);
      current = undefined;
    },
  };
}

// Expose only inside a Worker: importing this module elsewhere (tests, types) must not hijack window messages.
if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) {
  installErrorTransfer();
  expose(createWorkerApi());
}
