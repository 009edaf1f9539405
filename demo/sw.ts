/**
 * The demo's service worker (compiled to sw.js by vite-plugin-pwa, which writes the precache list
 * into `self.__WB_MANIFEST` after the build; see tools/build/precache.ts).
 *
 * - install: caches every file of the build (pages, scripts, styles, icons, the web app manifest,
 *   the IIFE bundle and its Worker, snapshot/manifest.json and the .snap), then activates at once;
 * - activate: drops the caches of older versions and takes control of open pages;
 * - fetch, for precached URLs only: content-hashed files come from the cache (they never change);
 *   everything else (pages, the snapshot manifest, the snapshot, icons) from the network when it
 *   answers, refreshing the cache, and from the cache when it does not, so the app and its data
 *   keep working offline and stay current online. Other requests are left to the browser.
 */
export {};

/** One file of the build, as the precache manifest lists it (Workbox's format). */
interface ManifestEntry {
  /** Relative to this script. */
  readonly url: string;
  /** Hash of the content; null for content-hashed files. */
  readonly revision?: string | null;
}

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: readonly ManifestEntry[] };

interface PrecacheEntry {
  /** Relative to this script. */
  readonly url: string;
  /** Content-hashed file: served from the cache without asking the network. */
  readonly immutable: boolean;
}

/** Every file of the build, and the scope root (the same page as index.html). */
const MANIFEST = self.__WB_MANIFEST;
const PRECACHE: readonly PrecacheEntry[] = [{ url: './', immutable: false }, ...MANIFEST.map((e) => ({ url: e.url, immutable: !e.revision }))];

/** FNV-1a of the manifest: a new version whenever any file of the build changes. */
function cacheVersion(entries: readonly ManifestEntry[]): string {
  let hash = 0x811c9dc5;
  for (const e of entries) {
    for (const ch of `${e.url}\0${e.revision ?? ''}\0`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const CACHE_PREFIX = 'onet-match-demo-';
const CACHE = CACHE_PREFIX + cacheVersion(MANIFEST);
/** Absolute URL (no query or hash) → entry. */
const precache = new Map(PRECACHE.map((e) => [new URL(e.url, self.location.href).href, e]));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: bypass the HTTP cache so the precache matches this version exactly.
      await cache.addAll([...precache.keys()].map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function fromCache(key: string): Promise<Response | undefined> {
  return (await caches.open(CACHE)).match(key);
}

async function cacheFirst(request: Request, key: string): Promise<Response> {
  return (await fromCache(key)) ?? fetch(request);
}

async function networkFirst(request: Request, key: string): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      void caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => undefined);
    }
    return response;
  } catch (error) {
    const cached = await fromCache(key);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  const entry = precache.get(url.href);
  if (!entry) return;
  event.respondWith(entry.immutable ? cacheFirst(request, url.href) : networkFirst(request, url.href));
});
