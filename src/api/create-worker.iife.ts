/**
 * create-worker.ts for the IIFE bundle (swapped in by the `resolve.alias` of its build,
 * tools/build/iife.ts). The Worker URL always comes from getDefaultWorkerUrl(), set by src/iife.ts
 * from the script's own URL; the bundler's Worker entry and the in-page engine chunk are left out:
 * an IIFE cannot lazy-load chunks, and inlining the engine would triple the bundle.
 */
import { OnetError } from '../errors.js';
import type { WorkerApi } from '../protocol.js';

/** Starts the engine's Worker from `workerUrl`; NOT_AVAILABLE without one. */
export function createEngineWorker(workerUrl: string | URL | undefined): Worker {
  if (!workerUrl) throw new OnetError('NOT_AVAILABLE', 'No Worker URL: pass workerUrl', { field: 'workerUrl' });
  return new Worker(workerUrl, { type: 'module' });
}

/** Mode 'inline' rejects with NOT_AVAILABLE in the IIFE bundle. */
export function loadInPageApi(): Promise<WorkerApi> {
  return Promise.reject(
    new OnetError('NOT_AVAILABLE', "mode 'inline' is not available in the IIFE bundle", {
      field: 'mode',
      suggestion: "Use the ESM build (import 'onet-match') for the in-page engine",
    }),
  );
}
