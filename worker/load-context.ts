/**
 * What every step of a load shares: the options, the warnings collected so far, progress and
 * abort checks. One per {@link loadSnapshot} call (worker/loader.ts).
 */
import { OnetError } from '../src/errors.js';
import { checkTimerDelay, DEFAULT_TIMEOUT_MS, type LoadStage } from '../src/protocol.js';
import type { LoadOptions } from './loader.js';

/** The shared state of one load. */
export interface LoadContext {
  readonly options: LoadOptions;
  /** Inactivity timeout of each request (checked once, here). */
  readonly timeoutMs: number;
  /** Human-readable notes for the result. */
  readonly warnings: string[];
  /** Reports progress; a listener that throws is ignored (a UI bug must not fail the load). */
  emit(stage: LoadStage, loaded?: number, total?: number): void;
  /** Throws ABORTED when the caller's signal fired. */
  checkAbort(): void;
}

/** The ABORTED error for `signal` (its own reason when that already is one). */
function abortError(signal: AbortSignal): OnetError {
  const reason: unknown = signal.reason;
  return reason instanceof OnetError && reason.code === 'ABORTED' ? reason : new OnetError('ABORTED', 'The load was aborted', { cause: reason });
}

/** Checks the options every step relies on and builds the context; VALIDATION_ERROR for an unusable timeout. */
export function createLoadContext(options: LoadOptions): LoadContext {
  const { signal } = options;
  return {
    options,
    timeoutMs: checkTimerDelay(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    warnings: [],
    emit(stage, loaded = 0, total = 0) {
      try {
        options.onProgress?.({ stage, loaded, total });
      } catch {
        // see LoadOptions.onProgress
      }
    },
    checkAbort() {
      if (signal?.aborted) throw abortError(signal);
    },
  };
}
