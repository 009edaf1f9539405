/**
 * The IIFE bundle (dist/lib/onet-match.iife.js, package export "./iife"): a nested in-memory build
 * of src/iife.ts run from the library build once that build's Worker file name is known, so the
 * bundle points at the same Worker file.
 *
 * The bundle swaps src/api/create-worker.ts for create-worker.iife.ts through `resolve.alias`: no
 * bundler Worker entry (the Worker URL comes from the script's own URL, src/iife.ts) and no lazy
 * in-page engine chunk (an IIFE cannot load chunks; `mode: 'inline'` rejects with NOT_AVAILABLE).
 */
import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';
import { IIFE_FILE, LIB_OUT_DIR, ROOT, WORKER_FILE_RE, r } from './paths.js';

/** Config of the nested IIFE build (in memory): src/iife.ts, pointing at the ESM build's Worker file. */
function iifeConfig(workerFile: string): InlineConfig {
  return {
    configFile: false,
    root: ROOT,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    define: { __ONET_WORKER_FILE__: JSON.stringify(workerFile) },
    // src/api/client.ts imports './create-worker.js'; nothing else does.
    resolve: { alias: [{ find: /^\.\/create-worker\.js$/, replacement: r('src/api/create-worker.iife.ts') }] },
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
export function iifeBundlePlugin(): Plugin {
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
      if (/new Worker\(new URL\(/.test(entry.code)) this.error('the IIFE bundle still holds the bundler Worker entry: is src/api/create-worker.iife.ts aliased?');
      this.emitFile({ type: 'asset', fileName: IIFE_FILE, source: entry.code });
    },
  };
}
