/**
 * The Worker side of the promise API, made resilient: a Worker that crashes or stops answering
 * mid-query is replaced once and the call retried; nothing is left hanging.
 *
 * Why a deadline: a Worker killed by the browser (or terminated by other code) sends no event, and
 * a message posted to it is silently dropped, so a call would wait forever. Every call therefore
 * races the answer against the Worker's `error` event and a deadline. All engine calls are reads
 * (`get(route)`), so retrying them on a fresh Worker is safe.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import { OnetError, toOnetError } from '../errors.js';
import { DEFAULT_DB_NAME, type LoadSummary, type PreloadedInstall, type Progress, type WorkerApi, type WorkerOpenOptions } from '../protocol.js';
import { prefetchManifest, preloadInstalled, preloadTransferables } from './preload.js';

/** Options of {@link ResilientWorker}. */
export interface ResilientWorkerOptions {
  /** Creates a new Worker running the engine's Worker script (it implements WorkerApi of src/protocol.ts). */
  createWorker: () => Worker;
  /** How long one query may take before the Worker is presumed dead (ms). */
  callTimeoutMs: number;
  /** How long re-opening the snapshot in a replacement Worker may take (ms). */
  restartTimeoutMs: number;
  /**
   * How long the first open may go without a word from the Worker — neither progress nor an answer
   * — before it rejects with TIMEOUT (ms; default `restartTimeoutMs`). See {@link ResilientWorker.open}.
   */
  openSilenceMs?: number;
  /**
   * Reads the installed snapshot on the page while the Worker boots (default {@link preloadInstalled});
   * `() => Promise.resolve(undefined)` turns the preload off.
   */
  preload?: (dbName: string) => Promise<PreloadedInstall | undefined>;
  /** Fetch the manifest on the page while the Worker boots (default true). */
  prefetchManifest?: boolean;
}

/** Thrown internally when the current Worker is gone or silent; never reaches callers as such. */
class WorkerGone extends Error {
  /** True when the Worker did not answer in time (rather than reporting a crash or being retired). */
  timedOut = false;
}

interface Instance {
  readonly worker: Worker;
  readonly remote: Remote<WorkerApi>;
  /** Rejects with WorkerGone when the Worker reports an uncaught error or is retired. */
  readonly gone: Promise<never>;
  retire(): void;
}

function withDeadline<T>(promise: Promise<T>, gone: Promise<never>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new WorkerGone(`${what} got no answer within ${ms} ms`);
      error.timedOut = true;
      reject(error);
    }, ms);
  });
  return Promise.race([promise, gone, deadline]).finally(() => clearTimeout(timer));
}

/**
 * A deadline on silence: rejects with TIMEOUT once `ms` pass without {@link touch} being called.
 * `stop` clears it. Used for the first open, which may legitimately take long (a cold install on a
 * slow connection) but never long without a word from the Worker.
 */
function silenceDeadline(ms: number, message: string): { readonly expired: Promise<never>; touch(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reject!: (error: OnetError) => void;
  const expired = new Promise<never>((_, r) => (reject = r));
  expired.catch(() => undefined);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        reject(
          new OnetError('TIMEOUT', message, {
            suggestion: 'Check that the Worker script loads (workerUrl, worker-src) and the network; or raise timeoutMs / callTimeoutMs.',
          }),
        ),
      ms,
    );
  };
  touch();
  return { expired, touch, stop: () => clearTimeout(timer) };
}

/** How long the page's warm-start preload may take before the Worker is left to read for itself. */
const PRELOAD_TIMEOUT_MS = 2000;

/** `promise`'s value, or undefined when it rejects or takes longer than `ms` (for best-effort work). */
function withinTime<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  return Promise.race([promise.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * How a call fails when the replacement Worker fails it too: TIMEOUT when it did not answer within
 * the call's deadline (alive, perhaps, but not answering in time), else ENGINE_CLOSED (it crashed).
 */
function secondFailure(error: WorkerGone, route: string, ms: number): OnetError {
  return error.timedOut
    ? new OnetError('TIMEOUT', `The engine did not answer ${route} within ${ms} ms, also after restarting its Worker`, {
        cause: error,
        suggestion: 'Retry later, or raise callTimeoutMs.',
      })
    : new OnetError('ENGINE_CLOSED', `The engine's Worker stopped twice while answering ${route}`, { cause: error });
}

/** A Worker running the engine, replaced once when it dies. */
export class ResilientWorker {
  private current: Instance | undefined;
  private restarting: Promise<Instance> | undefined;
  private openOptions: WorkerOpenOptions | undefined;
  private closed = false;
  /** Number of replacement Workers started (for tests and diagnostics). */
  restarts = 0;

  constructor(private readonly options: ResilientWorkerOptions) {}

  private spawn(): Instance {
    const worker = this.options.createWorker();
    const remote = wrap<WorkerApi>(worker);
    let retire!: () => void;
    const gone = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(new WorkerGone(`The engine's Worker failed: ${event.message || 'uncaught error'}`));
      });
      retire = () => reject(new WorkerGone('The Worker was retired'));
    });
    gone.catch(() => undefined); // observed through races; never an unhandled rejection
    return {
      worker,
      remote,
      gone,
      retire: () => {
        retire();
        remote[releaseProxy]();
        worker.terminate();
      },
    };
  }

  /**
   * Starts the first Worker and opens the snapshot in it. Not a total deadline — a cold install on
   * a slow connection may take minutes — but a deadline on silence: once the open is sent, every
   * progress event proves the Worker alive, and `openSilenceMs` without one (a Worker killed by the
   * browser or other code sends no event; a Worker script whose request stalls never starts)
   * rejects with TIMEOUT. The page-side preload before it is bounded by PRELOAD_TIMEOUT_MS.
   */
  async open(options: WorkerOpenOptions, onProgress?: (p: Progress) => void): Promise<LoadSummary> {
    const instance = this.spawn();
    this.current = instance;
    let silence: ReturnType<typeof silenceDeadline> | undefined;
    try {
      // The Worker boots while the page reads the installed snapshot and fetches the manifest; the
      // buffers then move to the Worker without a copy. Both are best effort: what is missing, the
      // Worker reads or fetches itself. (A replacement Worker does it all itself: see replacement().)
      const stopPrefetch = new AbortController();
      const [preload, manifestBytes] = await Promise.all([
        options.storage === 'memory' ? undefined : withinTime((this.options.preload ?? preloadInstalled)(options.dbName ?? DEFAULT_DB_NAME), PRELOAD_TIMEOUT_MS),
        options.offline || this.options.prefetchManifest === false
          ? undefined
          : withinTime(prefetchManifest(options.manifestUrl, stopPrefetch.signal, options.timeoutMs, options.allowedOrigins), PRELOAD_TIMEOUT_MS),
      ]);
      stopPrefetch.abort();
      const transferables = preload ? preloadTransferables(preload) : [];
      if (manifestBytes) transferables.push(manifestBytes.buffer as ArrayBuffer);
      const first = transfer({ ...options, ...(preload ? { preloaded: preload } : {}), ...(manifestBytes ? { manifestBytes } : {}) }, transferables);
      const ms = this.options.openSilenceMs ?? this.options.restartTimeoutMs;
      const deadline = (silence = silenceDeadline(ms, `Opening the engine got no answer and no progress from its Worker for ${ms} ms`));
      const progress = proxy((p: Progress) => {
        deadline.touch();
        onProgress?.(p);
      });
      const summary = await Promise.race([instance.remote.open(first, progress), instance.gone, deadline.expired]);
      this.openOptions = options;
      return summary;
    } catch (error) {
      throw error instanceof WorkerGone ? new OnetError('INTERNAL', error.message, { cause: error }) : toOnetError(error);
    } finally {
      silence?.stop();
    }
  }

  private async replacement(dead: Instance): Promise<Instance> {
    if (this.restarting) return this.restarting;
    if (this.current !== dead && this.current) return this.current;
    this.restarting = (async () => {
      dead.retire();
      this.restarts++;
      const next = this.spawn();
      try {
        // The snapshot is installed by now: the replacement warm-starts from IndexedDB (or memory).
        await withDeadline(next.remote.open(this.openOptions!), next.gone, this.options.restartTimeoutMs, 'Restarting the engine');
        if (this.closed) throw new OnetError('ENGINE_CLOSED', 'The engine was closed');
        this.current = next;
        return next;
      } catch (error) {
        next.retire();
        this.current = undefined;
        throw new OnetError('ENGINE_CLOSED', "The engine's Worker stopped and could not be restarted", { cause: error });
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  /** Answers a route; on a dead Worker, restarts it once and retries. */
  async get(route: string): Promise<unknown> {
    if (this.closed || !this.openOptions) throw new OnetError('ENGINE_CLOSED', 'The engine is closed');
    let instance = this.restarting ? await this.restarting : this.current;
    if (!instance) throw new OnetError('ENGINE_CLOSED', "The engine's Worker stopped and could not be restarted");
    for (let attempt = 0; ; attempt++) {
      try {
        return await withDeadline(instance.remote.get(route) as Promise<unknown>, instance.gone, this.options.callTimeoutMs, 'The engine');
      } catch (error) {
        if (!(error instanceof WorkerGone)) throw toOnetError(error);
        if (this.closed) throw new OnetError('ENGINE_CLOSED', 'The engine was closed');
        if (attempt > 0) throw secondFailure(error, route, this.options.callTimeoutMs);
        instance = await this.replacement(instance);
      }
    }
  }

  /**
   * Resolves once the snapshot is installed (see WorkerApi.installed): no deadline, since a slow
   * connection may legitimately take long, but a Worker that dies rejects with ENGINE_CLOSED (its
   * replacement resumes the install; ask again).
   */
  async installed(): Promise<LoadSummary> {
    const instance = this.restarting ? await this.restarting : this.current;
    if (this.closed || !instance) throw new OnetError('ENGINE_CLOSED', 'The engine is closed');
    return Promise.race([instance.remote.installed(), instance.gone]).catch((error: unknown) => {
      // A Worker that died mid-install: its replacement resumes the install (ask again).
      throw error instanceof WorkerGone ? new OnetError('ENGINE_CLOSED', 'The engine is closed') : toOnetError(error);
    });
  }

  /** Terminates the Worker; pending and later calls reject with ENGINE_CLOSED. */
  close(): void {
    this.closed = true;
    this.current?.retire();
    this.current = undefined;
  }
}
