/**
 * Build code of vite.config.ts (which holds configuration only): the library, its IIFE bundle, the
 * demo's glue and the service worker's precache list. tools/size.ts and the bench build through
 * buildLibrary() from here.
 */
export * from './paths.js';
export { buildLibrary, outputFiles, plainWorkerUrlPlugin } from './library.js';
export { iifeBundlePlugin } from './iife.js';
export { demoPlugin } from './demo.js';
export { precachePlugin } from './precache.js';
