/**
 * Where the promise API gets its engine: a module Worker running worker/worker.ts, or (mode
 * 'inline') the same engine loaded in-page as a lazy chunk.
 *
 * The IIFE bundle swaps this module for create-worker.iife.ts (a `resolve.alias` in its build,
 * tools/build/iife.ts): a classic script can neither lazy-load chunks nor resolve
 * `import.meta.url`, so there the Worker URL must be given and the in-page engine is unavailable.
 */
import type { WorkerApi } from '../protocol.js';

/**
 * Starts the engine's Worker from `workerUrl`, or else from the Worker entry the bundler emits.
 * Keep the literal `new Worker(new URL(…, import.meta.url))`: bundlers (Vite, webpack) detect
 * exactly that pattern to emit the Worker chunk, in this repository and in apps using the package.
 */
export function createEngineWorker(workerUrl: string | URL | undefined): Worker {
  return workerUrl ? new Worker(workerUrl, { type: 'module' }) : new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' });
}

/** Loads the in-page engine (mode 'inline', src/in-page.ts): a chunk of its own, fetched only when used. */
export async function loadInPageApi(): Promise<WorkerApi> {
  const { createInPageApi } = await import('../in-page.js');
  return createInPageApi();
}
