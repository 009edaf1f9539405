/**
 * Vite builds for the browser side: the bench page (page + its Workers) into a temp dir, and the
 * library bundles whose gzip sizes the report lists (main-thread entry, Worker, lazy inline chunk).
 * `configFile: false`: the repository's own Vite config (demo, dev server) is not involved.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { REPO_ROOT } from '../node/inputs.js';

const quiet = { logLevel: 'warn' as const, configFile: false as const };

/** Builds bench/browser/index.html (+ page.ts and its three Workers) into `outDir`, served under /bench/. */
export async function buildBenchPage(outDir: string): Promise<void> {
  await build({
    ...quiet,
    root: resolve(REPO_ROOT, 'bench/browser'),
    base: '/bench/',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: true, reportCompressedSize: false, chunkSizeWarningLimit: 100_000 },
    worker: { format: 'es' },
  });
}

export interface BundleFile {
  file: string;
  role: 'main' | 'worker' | 'lazy' | 'other';
  bytes: number;
  gzip: number;
}

export interface BundleSizes {
  source: string;
  files: BundleFile[];
  /** Sums by role (bytes, gzip). */
  main: { bytes: number; gzip: number };
  worker: { bytes: number; gzip: number };
  lazy: { bytes: number; gzip: number };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Static `import … from "./x.js"` / `import "./x.js"` specifiers of an ES chunk (dynamic imports excluded). */
function staticImports(code: string, from: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) out.push(posix.join(posix.dirname(from), m[1]!));
  return out;
}

/** Classifies library files: main = index.js + its static imports; worker = worker-*.js + theirs; lazy = the inline engine chunk + its own. */
function classify(source: string, files: Map<string, Uint8Array>): BundleSizes {
  const text = (f: string) => new TextDecoder().decode(files.get(f));
  const closure = (roots: string[], exclude: Set<string>) => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f) || exclude.has(f) || !files.has(f)) continue;
      seen.add(f);
      stack.push(...staticImports(text(f), f));
    }
    return seen;
  };
  const names = [...files.keys()].filter((f) => f.endsWith('.js'));
  const main = closure(
    names.filter((f) => f === 'index.js'),
    new Set(),
  );
  const worker = closure(
    names.filter((f) => /^worker-[\w-]+\.js$/.test(f)),
    new Set(),
  );
  const lazy = closure(
    names.filter((f) => /inline-engine/.test(f)),
    new Set([...main, ...worker]),
  );
  const list: BundleFile[] = names.sort().map((file) => {
    const bytes = files.get(file)!;
    const role: BundleFile['role'] = main.has(file) ? 'main' : worker.has(file) ? 'worker' : lazy.has(file) ? 'lazy' : 'other';
    return { file, role, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (role: BundleFile['role']) => list.filter((f) => f.role === role).reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  if (main.size === 0 || worker.size === 0) throw new Error(`${source}: no index.js / worker-*.js`);
  return { source, files: list, main: sum('main'), worker: sum('worker'), lazy: sum('lazy') };
}

function readTree(dir: string): Map<string, Uint8Array> {
  return new Map(listFiles(dir).map((f) => [relative(dir, f).split(sep).join('/'), new Uint8Array(readFileSync(f))]));
}

/**
 * Library bundle sizes (minified, gzip -9). Preferred: the project's library build
 * (`npm run build:lib` = vite.config.ts, mode lib), run in memory through `buildLibrary()` of
 * tools/build so the figures always match the current source; else its dist/lib output on
 * disk; else (no library build in the project) a Vite library build of src/index.ts made here.
 * main = what `import { openEngine } from 'onet-match'` loads on the main thread (index.js and its
 * static imports); worker = the Worker file; lazy = the in-page engine chunk of `mode: 'inline'`.
 */
export async function libBundleSizes(outDir: string, log: (line: string) => void): Promise<BundleSizes> {
  const tools = resolve(REPO_ROOT, 'tools/build/index.ts');
  if (existsSync(tools)) {
    try {
      const mod = (await import(pathToFileURL(tools).href)) as { buildLibrary?: () => Promise<Map<string, Uint8Array>> };
      if (mod.buildLibrary) return classify('the project library build (tools/build buildLibrary(), as npm run build:lib)', await mod.buildLibrary());
    } catch (error) {
      log(`  project library build failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); falling back`);
    }
  }
  const projectLib = resolve(REPO_ROOT, 'dist/lib');
  if (existsSync(resolve(projectLib, 'index.js'))) {
    try {
      return classify(`dist/lib on disk (built ${statSync(resolve(projectLib, 'index.js')).mtime.toISOString()})`, readTree(projectLib));
    } catch (error) {
      log(`  dist/lib unusable (${error instanceof Error ? error.message : String(error)}); falling back`);
    }
  }
  await build({
    ...quiet,
    root: REPO_ROOT,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      reportCompressedSize: false,
      lib: { entry: resolve(REPO_ROOT, 'src/index.ts'), formats: ['es'], fileName: () => 'index.js' },
      rolldownOptions: { output: { chunkFileNames: (c) => (c.name === 'worker' ? 'chunks/inline-engine-[hash].js' : 'chunks/[name]-[hash].js') } },
    },
    worker: { format: 'es', rolldownOptions: { output: { entryFileNames: 'worker-[hash].js' } } },
  });
  return classify('Vite library build of src/index.ts made by the bench (no project library build found)', readTree(outDir));
}
