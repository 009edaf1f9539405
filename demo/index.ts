/** Home page of the demo: registers the components and the service worker (the page is the PWA's start URL). */
import '../src/define.js';
import { registerServiceWorker } from './pwa.js';

registerServiceWorker(document.getElementById('offline-status'));
