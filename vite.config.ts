/**
 * Vite configuration of the builds (the tests use vitest.config.ts):
 *
 *   vite / vite build / vite preview   the demo app (root demo/, multi-page, PWA) → dist/demo
 *   vite build --mode lib              the library → dist/lib: ESM entries index/elements/define/engine,
 *                                      the Worker as its own file worker-[hash].js, and the IIFE
 *                                      bundle onet-match.iife.js (built by a nested build that
 *                                      points at the same Worker file)
 *
 * The demo serves the snapshot at snapshot/manifest.json (+ the .snap): in dev straight from
 * build/snapshot (or $ONET_DEMO_SNAPSHOT), and in the production build copied into dist/demo/snapshot.
 * Its pages use the IIFE bundle from lib/ (built in memory in dev, copied into the build), and the
 * service worker sw.js precaches every file of the build, snapshot included (docs/embedding.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, transformWithOxc, type InlineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';

const ROOT = dirname(fileURLToPath(import.meta.url));
const r = (...parts: string[]) => resolve(ROOT, ...parts);

/**
 * The demo's Content Security Policy: sent as a header by `vite` and `vite preview`, and repeated in
 * a <meta http-equiv> in every demo page (so a static host without headers still enforces it).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "manifest-src 'self'",
].join('; ');

/** Output folders, relative to the repository. */
export const LIB_OUT_DIR = 'dist/lib';
export const DEMO_OUT_DIR = 'dist/demo';
/** The IIFE bundle's file name in dist/lib (package export "./iife"). */
export const IIFE_FILE = 'onet-match.iife.js';
/** The Worker file of the library build (its name carries a content hash). */
export const WORKER_FILE_RE = /^worker-[\w-]+\.js$/;
/** ESM entries of the library: output name → source. */
export const LIB_ENTRIES = {
  index: 'src/index.ts',
  elements: 'src/elements/index.ts',
  define: 'src/define.ts',
  engine: 'src/engine/engine.ts',
} as const;

/** The snapshot the demo serves and ships: $ONET_DEMO_SNAPSHOT (a folder with manifest.json) or build/snapshot. */
export function demoSnapshotDir(): string {
  return r(process.env.ONET_DEMO_SNAPSHOT?.trim() || 'build/snapshot');
}

// ---------------------------------------------------------------------------------------------
// Library

/**
 * The Worker reference of the ESM build, rewritten from Vite's generic asset expression
 * `new URL(new URL("worker-x.js", import.meta.url).href, "" + import.meta.url)` to the plain
 * `new URL("./worker-x.js", import.meta.url)`: that literal form is what bundlers of the apps using
 * the package (Vite, webpack 5, Parcel, esbuild with plugins) recognise as a Worker entry.
 */
function plainWorkerUrlPlugin(): Plugin {
  // Quotes may be ', " or ` (the minifier prefers backticks).
  const re = /new URL\(\s*\/\* @vite-ignore \*\/\s*new URL\((["'`])((?:\.\.?\/)*worker-[\w-]+\.js)\1,\s*import\.meta\.url\)\.href,\s*(["'`])\3\s*\+\s*import\.meta\.url\s*\)/g;
  return {
    name: 'onet-match:plain-worker-url',
    enforce: 'post',
    generateBundle(_options, bundle) {
      let count = 0;
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        file.code = file.code
          .replace(re, (_m, _q, name: string) => {
            count++;
            return `new URL(${JSON.stringify(name.startsWith('.') ? name : `./${name}`)}, import.meta.url)`;
          })
          // The options too, in their textbook form: `{type:\`module\`}` from the minifier is also
          // valid, but the plainest spelling is the one every bundler's Worker detection knows.
          .replace(/(new URL\("\.{1,2}\/worker-[\w-]+\.js", import\.meta\.url\)),\s*\{\s*type:\s*(["'`])module\2\s*\}/g, '$1, { type: "module" }');
      }
      if (count !== 1) this.error(`expected exactly one Worker URL in the library build, found ${count}`);
    },
  };
}

/**
 * For the IIFE bundle only: the Worker URL always comes from getDefaultWorkerUrl() (set by
 * src/iife.ts from the script's own URL), so the bundler's Worker entry and the in-page engine
 * chunk are cut out of src/api/client.ts: an IIFE cannot lazy-load chunks, and inlining the engine
 * would triple the bundle. `mode: 'inline'` rejects with NOT_AVAILABLE there.
 */
function iifeClientPlugin(): Plugin {
  const workerRe = /new Worker\(\s*new URL\(\s*'\.\.\/\.\.\/worker\/worker\.ts',\s*import\.meta\.url\s*\),\s*\{\s*type:\s*'module'\s*\}\s*\)/;
  const inlineRe = /import\(\s*'\.\.\/\.\.\/worker\/worker\.js'\s*\)/;
  const clientId = r('src/api/client.ts').split(sep).join('/');
  return {
    name: 'onet-match:iife-client',
    enforce: 'pre',
    transform(code, id) {
      if (id.split('?')[0] !== clientId) return null;
      if (!workerRe.test(code) || !inlineRe.test(code)) {
        this.error('src/api/client.ts changed: the IIFE build no longer finds its Worker construction or inline import (see iifeClientPlugin in vite.config.ts)');
      }
      return code
        .replace(workerRe, `(() => { throw new OnetError('NOT_AVAILABLE', 'No Worker URL: pass workerUrl', { field: 'workerUrl' }); })()`)
        .replace(
          inlineRe,
          `Promise.reject(new OnetError('NOT_AVAILABLE', "mode 'inline' is not available in the IIFE bundle", { field: 'mode', suggestion: "Use the ESM build (import 'onet-match') for the in-page engine" }))`,
        );
    },
  };
}

/** Config of the nested IIFE build (in memory): src/iife.ts, pointing at the ESM build's Worker file. */
function iifeConfig(workerFile: string): InlineConfig {
  return {
    configFile: false,
    root: ROOT,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    define: { __ONET_WORKER_FILE__: JSON.stringify(workerFile) },
    plugins: [iifeClientPlugin()],
    build: {
      write: false,
      outDir: r(LIB_OUT_DIR),
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      target: 'es2022',
      minify: true,
      lib: { entry: r('src/iife.ts'), formats: ['iife'], name: 'OnetMatch', fileName: () => IIFE_FILE },
    },
  };
}

/** Emits the IIFE bundle into the ESM build's output, once that build's Worker file is known. */
function iifeCompanionPlugin(): Plugin {
  return {
    name: 'onet-match:iife-bundle',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const workers = Object.keys(bundle).filter((f) => WORKER_FILE_RE.test(f));
      if (workers.length !== 1) this.error(`expected one Worker file in the library build, found ${workers.join(', ') || 'none'}`);
      const outputs = await build(iifeConfig(workers[0]!));
      const output = (Array.isArray(outputs) ? outputs : [outputs as Rolldown.RolldownOutput]).flatMap((o) => o.output);
      const entry = output.find((o): o is Rolldown.OutputChunk => o.type === 'chunk' && o.isEntry);
      if (!entry || output.some((o) => o.type === 'chunk' && !o.isEntry)) this.error('the IIFE build must produce exactly one file');
      this.emitFile({ type: 'asset', fileName: IIFE_FILE, source: entry.code });
    },
  };
}

function libConfig(): UserConfig {
  return {
    root: ROOT,
    base: './',
    publicDir: false,
    plugins: [plainWorkerUrlPlugin(), iifeCompanionPlugin()],
    worker: {
      format: 'es',
      rolldownOptions: { output: { entryFileNames: 'worker-[hash].js', chunkFileNames: 'worker-[name]-[hash].js' } },
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

/**
 * Builds the library in memory (as `vite build --mode lib` would write it): file name → content.
 * The demo uses it for lib/ (dev and build); tools/size.ts measures it.
 */
export async function buildLibrary(): Promise<Map<string, Uint8Array>> {
  const outputs = await build({ configFile: r('vite.config.ts'), mode: 'lib', logLevel: 'warn', build: { write: false, reportCompressedSize: false } });
  const files = new Map<string, Uint8Array>();
  for (const out of Array.isArray(outputs) ? outputs : [outputs as Rolldown.RolldownOutput]) {
    for (const o of out.output) files.set(o.fileName, o.type === 'chunk' ? new TextEncoder().encode(o.code) : typeof o.source === 'string' ? new TextEncoder().encode(o.source) : o.source);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Demo

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** The snapshot's files (manifest.json + the file it names), or a clear error. */
function snapshotFiles(): { dir: string; files: string[] } {
  const dir = demoSnapshotDir();
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`No snapshot at ${relative(process.cwd(), manifestPath) || manifestPath}: run "npm run snapshot" first (or set ONET_DEMO_SNAPSHOT to a folder with manifest.json).`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { file?: unknown };
  if (typeof manifest.file !== 'string' || manifest.file.includes('/') || !existsSync(join(dir, manifest.file))) {
    throw new Error(`${manifestPath} names a snapshot file that is not beside it: ${String(manifest.file)}`);
  }
  return { dir, files: ['manifest.json', manifest.file] };
}

const CONTENT_TYPES: Record<string, string> = { '.json': 'application/json', '.js': 'text/javascript', '.map': 'application/json' };
const contentType = (file: string) => CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';

/** Vite's content hash in a file name (`name-[hash].ext`, 8 characters): such files never change. */
const HASHED_RE = /-[\w-]{8}\.\w+$/;

/**
 * The demo's build-time and dev-server glue:
 * - serves snapshot/* from the snapshot folder in dev, and copies it into the build;
 * - serves lib/ (IIFE bundle + its Worker) from an in-memory library build in dev, and copies it
 *   into the build;
 * - compiles demo/sw.ts into sw.js with the precache list (every file of the build) and a cache
 *   version derived from their contents.
 */
function demoPlugin(): Plugin {
  let library: Promise<Map<string, Uint8Array>> | undefined;
  const getLibrary = () => (library ??= buildLibrary().catch((error: unknown) => {
    library = undefined;
    throw error;
  }));
  let publicDir = '';
  return {
    name: 'onet-match:demo',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (file.startsWith(r('src') + sep) || file.startsWith(r('worker') + sep)) library = undefined;
      });
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const snapshot = /^\/snapshot\/([^/]+)$/.exec(path);
        const lib = /^\/lib\/([^/]+)$/.exec(path);
        if (!snapshot && !lib) return next();
        void (async () => {
          let body: Uint8Array | undefined;
          let name = '';
          if (snapshot) {
            name = snapshot[1]!;
            const { dir, files } = snapshotFiles();
            if (files.includes(name)) body = readFileSync(join(dir, name));
          } else {
            name = lib![1]!;
            body = (await getLibrary()).get(name);
          }
          if (!body) {
            res.statusCode = 404;
            res.end('Not found');
            return;
          }
          res.setHeader('Content-Type', contentType(name));
          res.setHeader('Cache-Control', 'no-cache');
          res.end(body);
        })().catch((error: unknown) => {
          server.config.logger.error(String(error instanceof Error ? error.message : error));
          res.statusCode = 500;
          res.end(String(error instanceof Error ? error.message : error));
        });
      });
    },
    async generateBundle(_options, bundle) {
      // Emitted files do not show up in `bundle` during this hook: keep them for the precache list.
      const emitted = new Map<string, Uint8Array>();
      const emit = (fileName: string, source: Uint8Array) => {
        this.emitFile({ type: 'asset', fileName, source });
        emitted.set(fileName, source);
      };
      const { dir, files } = snapshotFiles();
      for (const name of files) emit(`snapshot/${name}`, readFileSync(join(dir, name)));
      for (const [name, source] of await buildLibrary()) {
        if (name === IIFE_FILE || WORKER_FILE_RE.test(name)) emit(`lib/${name}`, source);
      }
      // Precache: everything in the build (pages, chunks, lib/, snapshot/, public files) plus the scope root.
      const hash = createHash('sha256');
      const entries: { url: string; immutable: boolean }[] = [];
      const add = (fileName: string, content: string | Uint8Array) => {
        if (fileName === 'sw.js' || fileName.endsWith('.map')) return;
        hash.update(fileName).update('\0').update(content).update('\0');
        entries.push({ url: fileName, immutable: fileName.startsWith('assets/') && HASHED_RE.test(fileName) });
      };
      for (const file of Object.values(bundle)) add(file.fileName, file.type === 'chunk' ? file.code : file.source);
      for (const [fileName, source] of emitted) if (!(fileName in bundle)) add(fileName, source);
      for (const file of listFiles(publicDir)) add(relative(publicDir, file).split(sep).join('/'), readFileSync(file));
      if (!entries.some((e) => e.url === 'index.html')) this.error('the demo build has no index.html');
      entries.sort((a, b) => a.url.localeCompare(b.url));
      const precache = [{ url: './', immutable: false }, ...entries.map((e) => ({ ...e, url: `./${e.url}` }))];
      const version = hash.digest('hex').slice(0, 16);
      const source = readFileSync(r('demo/sw.ts'), 'utf8');
      const js = await transformWithOxc(source, r('demo/sw.ts'), { lang: 'ts', target: 'es2022' });
      const code = js.code
        .replace(/^export \{\s*\};?\s*$/m, '')
        .replace('__PRECACHE__', JSON.stringify(precache))
        .replace('__CACHE_VERSION__', JSON.stringify(version));
      if (code.includes('__PRECACHE__') || code.includes('__CACHE_VERSION__')) this.error('demo/sw.ts: placeholders must appear once each');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
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
    plugins: [demoPlugin()],
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
