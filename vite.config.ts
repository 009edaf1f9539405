/**
 * Vite configuration of the builds (the tests use vitest.config.ts); the build code it uses lives
 * in tools/build/:
 *
 *   vite / vite build / vite preview   the demo app (root demo/, multi-page, PWA) → dist/demo
 *   vite build --mode lib              the library → dist/lib: ESM entries index/elements/define/engine,
 *                                      the Worker as its own file worker-[hash].js, and the IIFE
 *                                      bundle onet-match.iife.js (built by a nested build that
 *                                      points at the same Worker file)
 *
 * The demo serves the snapshot at snapshot/manifest.json (+ the .snap and the section files it names): in dev straight from
 * build/snapshot (or $ONET_DEMO_SNAPSHOT), and in the production build copied into dist/demo/snapshot.
 * Its pages use the IIFE bundle from lib/ (built in memory in dev, copied into the build), and the
 * service worker sw.js precaches every file of the build, snapshot included (docs/embedding.md).
 */
import { defineConfig, type UserConfig } from 'vite';
import { DEMO_OUT_DIR, LIB_ENTRIES, LIB_OUT_DIR, demoPlugin, iifeBundlePlugin, plainWorkerUrlPlugin, precachePlugin, r } from './tools/build/index.js';

/**
 * The demo's Content Security Policy: sent as a header by `vite` and `vite preview`, and repeated in
 * a <meta http-equiv> in every demo page (so a static host without headers still enforces it).
 */
export const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "worker-src 'self'", "connect-src 'self'", "img-src 'self' data:", "manifest-src 'self'"].join(
  '; ',
);

function libConfig(): UserConfig {
  return {
    root: r(),
    base: './',
    publicDir: false,
    plugins: [plainWorkerUrlPlugin(), iifeBundlePlugin()],
    worker: {
      format: 'es',
      // inlineDynamicImports: the Worker stays one file (apps whose bundler builds Workers as IIFE,
      // Vite's default, cannot split one), and a dynamically imported module in it still runs only
      // when imported (worker/inflate.ts loads fflate that way).
      rolldownOptions: { output: { entryFileNames: 'worker-[hash].js', chunkFileNames: 'worker-[name]-[hash].js', inlineDynamicImports: true } },
    },
    build: {
      outDir: r(LIB_OUT_DIR),
      emptyOutDir: true,
      copyPublicDir: false,
      target: 'es2022',
      // Shipped minified (types and docs carry the API); what the size budgets measure.
      minify: true,
      lib: {
        entry: Object.fromEntries(Object.entries(LIB_ENTRIES).map(([name, file]) => [name, r(file)])),
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        output: {
          // Vite leaves whitespace in ES library builds (for consumers' tree-shaking annotations);
          // our entries are side-effect free per the exports map, so ship them fully minified.
          minify: true,
          // The in-page engine (mode 'inline') is a lazy chunk named after worker/worker.ts: keep it
          // apart from the real Worker file.
          chunkFileNames: (chunk) => (chunk.name === 'worker' ? 'chunks/inline-engine-[hash].js' : 'chunks/[name]-[hash].js'),
        },
      },
    },
  };
}

function demoConfig(command: 'build' | 'serve'): UserConfig {
  return {
    root: r('demo'),
    // The service worker exists in the build only (demo/pwa.ts).
    define: { __ONET_DEMO_SW__: JSON.stringify(command === 'build') },
    base: './',
    publicDir: r('demo/public'),
    server: { headers: { 'Content-Security-Policy': CSP } },
    preview: { headers: { 'Content-Security-Policy': CSP } },
    worker: { format: 'es' },
    plugins: [demoPlugin(), precachePlugin()],
    build: {
      outDir: r(DEMO_OUT_DIR),
      emptyOutDir: true,
      target: 'es2022',
      // Never inline assets as data: URLs or inline scripts: the CSP allows 'self' only.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rolldownOptions: {
        input: {
          index: r('demo/index.html'),
          'script-tag': r('demo/script-tag.html'),
          esm: r('demo/esm.html'),
        },
        output: { chunkFileNames: (chunk) => (chunk.name === 'worker' ? 'assets/inline-engine-[hash].js' : 'assets/[name]-[hash].js') },
      },
    },
  };
}

export default defineConfig(({ command, mode }) => (mode === 'lib' ? libConfig() : demoConfig(command)));
