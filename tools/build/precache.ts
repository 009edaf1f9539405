/**
 * The demo's service worker: demo/sw.ts, compiled to sw.js by vite-plugin-pwa in injectManifest
 * mode, which writes the precache list into `self.__WB_MANIFEST` after the build: every file of
 * the written build (pages, chunks, lib/, snapshot/manifest.json and its section files — not the whole .snap, public files) as `{ url, revision }`, the
 * revision a content hash, or null for content-hashed files (which never change). The service
 * worker derives its cache version from that list (docs/embedding.md).
 */
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';
import { r } from './paths.js';

/**
 * Files named by their content, which never change under their name: Vite's assets
 * (`assets/name-[hash].ext`, 8 characters) and the snapshot's section files
 * (`snapshot/<table>.<16 hex digits of sha256>.bin`, docs/snapshot-format.md).
 */
const CONTENT_NAMED_RE = /^\.\/(?:assets\/.+-[\w-]{8}\.\w+|snapshot\/[a-z][A-Za-z0-9]*\.[0-9a-f]{16}\.bin)$/;

export function precachePlugin(): PluginOption {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: r('demo'),
    filename: 'sw.ts',
    // demo/pwa.ts registers it, demo/public/manifest.webmanifest is hand-written.
    injectRegister: false,
    manifest: false,
    injectManifest: {
      // A classic script, as demo/pwa.ts registers it.
      rollupFormat: 'iife',
      globPatterns: ['**/*'],
      // The whole .snap is left out: the engine loads the section files the manifest lists (the
      // same bytes), so precaching both would download the snapshot twice.
      globIgnores: ['sw.js', '**/*.map', '**/*.snap'],
      // URLs relative to sw.js, in the form the service worker and its tests use.
      modifyURLPrefix: { '': './' },
      dontCacheBustURLsMatching: CONTENT_NAMED_RE,
      // The snapshot is precached too: allow its size.
      maximumFileSizeToCacheInBytes: 256 * 1024 * 1024,
    },
  });
}
