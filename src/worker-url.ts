/**
 * The default Worker script URL used by {@link openEngine} when no `workerUrl` option is given.
 *
 * Bundlers resolve `new URL('…/worker.ts', import.meta.url)` themselves, so ESM users never need
 * this. The IIFE bundle (`onet-match/iife`) has no `import.meta.url`: it captures its own
 * `<script src>` while it executes and sets the Worker URL relative to it here, before any element
 * opens an engine. Hosts that serve the Worker chunk from elsewhere can call it too.
 */
let defaultWorkerUrl: string | undefined;

/** Sets (or, with `undefined`, clears) the Worker URL used when `openEngine` gets no `workerUrl`. */
export function setDefaultWorkerUrl(url: string | URL | undefined): void {
  defaultWorkerUrl = url === undefined ? undefined : String(url);
}

/** The URL set by {@link setDefaultWorkerUrl}, if any. */
export function getDefaultWorkerUrl(): string | undefined {
  return defaultWorkerUrl;
}
