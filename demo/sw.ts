/**
 * The demo's service worker (compiled to sw.js by vite-plugin-pwa, which writes the precache list
 * into `self.__WB_MANIFEST` after the build; see tools/build/precache.ts).
 *
 * One cache per version, always complete, and pages only ever served from the complete cache of
 * the worker in control, so a page is never served without the files it needs:
 * - install: caches every file of the build (pages, scripts, styles, icons, the web app manifest,
 *   the IIFE bundle and its Worker, snapshot/manifest.json and the section files — not the whole
 *   .snap, whose bytes the section files hold) into this version's own cache, all or nothing. Files named by their content (hashed chunks, section
 *   files: no revision in the list) that an older version's cache holds are copied from there, not
 *   downloaded again: the same name always has the same bytes, so an update downloads only what
 *   changed. If any file fails (an update interrupted by the network), the install fails, this
 *   worker is discarded and the previous version goes on serving its own complete cache; the
 *   browser retries on a later visit;
 * - activate (only after a complete install): drops the caches of older versions and takes control
 *   of open pages. This is the one switch from a version to the next;
 * - fetch, for precached URLs only (navigations included): from this version's cache, never
 *   refreshed from the network behind its back (a page fetched online by an older worker could
 *   name chunks that only a newer version has). A new version of the app or of its data therefore
 *   reaches the page on the first visit after it is completely cached. Other requests are left to
 *   the browser.
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

/** A content-named file as an older version of this app cached it (the same URL always holds the same bytes). */
async function cachedByOlderVersion(url: string): Promise<Response | undefined> {
  for (const key of await caches.keys()) {
    if (!key.startsWith(CACHE_PREFIX) || key === CACHE) continue;
    const hit = await (await caches.open(key)).match(url);
    if (hit?.ok) return hit;
  }
  return undefined;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // Left over only by an install of this same version that was cut short: start from empty.
      await caches.delete(CACHE);
      const cache = await caches.open(CACHE);
      try {
        const download: string[] = [];
        for (const [url, entry] of precache) {
          const kept = entry.immutable ? await cachedByOlderVersion(url) : undefined;
          if (kept) await cache.put(url, kept);
          else download.push(url);
        }
        // `reload`: bypass the HTTP cache so the precache matches this version exactly. addAll
        // stores every response or none (and on failure the whole cache goes, copies included).
        await cache.addAll(download.map((url) => new Request(url, { cache: 'reload' })));
      } catch (error) {
        await caches.delete(CACHE);
        throw error;
      }
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

/** A precached file from this version's cache (the network only if the cache lost it, e.g. to storage eviction). */
async function fromPrecache(request: Request, key: string): Promise<Response> {
  const cached = await (await caches.open(CACHE)).match(key);
  return cached ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (!precache.has(url.href)) return;
  event.respondWith(fromPrecache(request, url.href));
});
