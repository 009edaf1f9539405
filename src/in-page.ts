/**
 * The in-page backend of `openEngine({ mode: 'inline' })` (and of browsers without Workers): the
 * Worker's own API object, loaded as a lazy chunk and run on the page's thread.
 *
 * This is the one module that joins the page API and the Worker's code; src/api/ and worker/ only
 * share the contract (src/protocol.ts), so that this join stays explicit and in one place.
 */
import type { WorkerApi } from './protocol.js';

/** Loads the Worker's code onto this thread and returns its API. */
export async function createInPageApi(): Promise<WorkerApi> {
  const { createWorkerApi } = await import('../worker/worker.js');
  // No idle-time index building on the page's own thread (see WorkerApiOptions.warmUp).
  return createWorkerApi({ warmUp: false });
}
