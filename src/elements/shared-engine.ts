/**
 * One engine per page per snapshot URL: every component pointing at the same manifest shares one
 * Worker and one installed snapshot. A failed open is forgotten so the next component retries.
 */
import { resolveUrl } from '../url.js';
import { openEngine, type OnetEngine, type OpenEngineOptions, type Progress } from '../api/client.js';

/** Options applied to engines the components open (not `snapshot` / `onProgress` / `signal`). */
export type SharedEngineOptions = Omit<OpenEngineOptions, 'snapshot' | 'onProgress' | 'signal'>;

interface Entry {
  readonly engine: Promise<OnetEngine>;
  readonly listeners: Set<(p: Progress) => void>;
  last?: Progress;
  done?: boolean;
}

const engines = new Map<string, Entry>();
let defaults: SharedEngineOptions = {};

/**
 * Sets the options of engines opened from now on (e.g. `workerUrl` when the Worker chunk is served
 * from a CDN, `dbName`, `mode`, `storage`). Engines already open are unaffected.
 */
export function configureSharedEngines(options: SharedEngineOptions): void {
  defaults = { ...options };
}

/** Absolute manifest URL, resolved against the document; VALIDATION_ERROR (field `snapshot`) when it cannot be resolved. */
function resolveSnapshot(snapshot: string): string {
  return resolveUrl(snapshot, { field: 'snapshot' });
}

/**
 * The shared engine of `snapshot` (opened on first use). `onProgress` receives progress until the
 * engine settles, starting with the latest one when another component started the open.
 */
export function sharedEngine(snapshot: string, onProgress?: (p: Progress) => void): Promise<OnetEngine> {
  const url = resolveSnapshot(snapshot);
  let entry = engines.get(url);
  if (!entry) {
    const listeners = new Set<(p: Progress) => void>();
    const engine = openEngine({
      ...defaults,
      snapshot: url,
      onProgress: (p) => {
        created.last = p;
        for (const l of listeners) l(p);
      },
    });
    const created: Entry = { engine, listeners };
    entry = created;
    engines.set(url, created);
    const settle = () => {
      created.done = true;
      listeners.clear();
    };
    engine.then(settle, () => {
      settle();
      if (engines.get(url) === created) engines.delete(url);
    });
  }
  if (onProgress && !entry.done) {
    if (entry.last) onProgress(entry.last);
    entry.listeners.add(onProgress);
  }
  return entry.engine;
}

/** Closes and forgets every shared engine (tests, or an SPA tearing down). */
export function closeSharedEngines(): void {
  for (const { engine } of engines.values())
    engine.then(
      (e) => e.close(),
      () => {},
    );
  engines.clear();
}
