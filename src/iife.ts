/**
 * Entry of the IIFE bundle (`dist/lib/onet-match.iife.js`, package export `onet-match/iife`) for a
 * plain `<script src>`: registers `<onet-soft-skills>`, `<onet-related-activities>` and `<onet-career-explorer>` and exposes
 * the promise API as the global `OnetMatch`.
 *
 * A classic script has no `import.meta.url`, and `document.currentScript` is only set while the
 * script runs, so the Worker URL is captured right now: the Worker file sits beside this bundle.
 * `<script src=… data-worker-url=…>` overrides it (e.g. when the Worker is hosted elsewhere).
 * The elements are registered after that, so an element already in the page that upgrades during
 * registration finds the Worker URL set.
 */
import { setDefaultWorkerUrl } from './worker-url.js';

/** Replaced at build time with the Worker file name of the same build (see tools/build/iife.ts). */
declare const __ONET_WORKER_FILE__: string;

const script = document.currentScript;
const scriptUrl = script instanceof HTMLScriptElement && script.src ? script.src : undefined;
const override = script instanceof HTMLScriptElement ? script.dataset.workerUrl : undefined;
if (!scriptUrl && !override) {
  console.warn('onet-match: cannot tell the script URL (document.currentScript is not set); loading the Worker relative to the page.');
}
setDefaultWorkerUrl(new URL(override || __ONET_WORKER_FILE__, override ? document.baseURI : (scriptUrl ?? document.baseURI)).href);

// Registration after the Worker URL is set (a static import would run first).
void import('./define.js');

export { setDefaultWorkerUrl, getDefaultWorkerUrl } from './worker-url.js';
export { openEngine } from './api/client.js';
export * from './api/routes.js';
export * from './api/career-routes.js';
export { OnetError, ErrorCodes, isOnetError } from './errors.js';
