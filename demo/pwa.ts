/**
 * Service worker registration of the demo (production build only: in `npm start` the modules are
 * served unbundled and change on every edit, so there is nothing stable to precache).
 *
 * `document.documentElement.dataset.offline` becomes 'ready' once the worker controls the page,
 * i.e. once every file of the app, the snapshot included, is in its cache.
 */
/** True in the production build of the demo (vite.config.ts). */
declare const __ONET_DEMO_SW__: boolean;

export function registerServiceWorker(status: HTMLElement | null): void {
  const show = (text: string, state: 'ready' | 'pending' | 'error' | 'off') => {
    document.documentElement.dataset.offline = state;
    if (status) {
      status.textContent = text;
      status.dataset.state = state;
    }
  };
  if (!__ONET_DEMO_SW__) {
    show('Offline support is part of the production build: npm run build:demo && npm run preview.', 'off');
    return;
  }
  if (!('serviceWorker' in navigator)) {
    show('This browser has no service workers: the demo needs the network on every visit.', 'off');
    return;
  }
  const ready = () => show('Ready to work offline: this app and its O*NET data are cached.', 'ready');
  if (navigator.serviceWorker.controller) ready();
  else {
    show('Caching the app and its data for offline use…', 'pending');
    navigator.serviceWorker.addEventListener('controllerchange', ready, { once: true });
  }
  // After the page's own loads, so installing the cache does not compete with the first render.
  const register = () =>
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      show(`Offline support is unavailable: ${error instanceof Error ? error.message : String(error)}`, 'error');
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
