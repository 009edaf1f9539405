/**
 * `npm run size`: builds the library (in memory, as `npm run build:lib` writes dist/lib) and prints
 * the gzip sizes of what a page downloads, as JSON, against the budgets; exits 1 when over.
 *
 *   main     main-thread code of the ESM entries index + elements + define with the chunks they
 *            import statically (the lazy in-page engine for browsers without Workers is reported
 *            apart, as `inlineEngine`)                                      budget 18 KB gzip
 *   iife     dist/lib/onet-match.iife.js (the script-tag bundle, Worker excluded)  18 KB gzip
 *   worker   dist/lib/worker-[hash].js, the Worker (engine, decoder, storage)      48 KB gzip
 *
 * Sizes are gzip -9 of each file, summed over files (each is its own request). KB = 1024 bytes.
 */
import { gzipSync } from 'node:zlib';
import { posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, IIFE_FILE, WORKER_FILE_RE } from './build/index.js';

const KB = 1024;
// Budgets leave room for one feature's growth, not more: the career explorer element raised the
// main thread by ~2 KB; typo-tolerant search with its lay-word list and the careers routes raised
// the Worker by ~12 KB.
export const BUDGETS = { main: 18 * KB, iife: 18 * KB, worker: 48 * KB } as const;

export interface Measure {
  files: string[];
  bytes: number;
  gzip: number;
}

const gzip = (data: Uint8Array) => gzipSync(data, { level: 9 }).length;

/** Files loaded by `entries` through static imports (import/export … from, bare import). */
function staticClosure(files: Map<string, Uint8Array>, entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const data = files.get(file);
    if (!data) throw new Error(`size: ${file} is not in the build`);
    seen.add(file);
    const code = new TextDecoder().decode(data);
    for (const m of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(posix.normalize(posix.join(posix.dirname(file), m[1]!)));
    }
  };
  for (const e of entries) visit(e);
  return [...seen].sort();
}

function measure(files: Map<string, Uint8Array>, names: string[]): Measure {
  let bytes = 0;
  let gz = 0;
  for (const name of names) {
    const data = files.get(name)!;
    bytes += data.length;
    gz += gzip(data);
  }
  return { files: names, bytes, gzip: gz };
}

export type Sizes = Record<'main' | 'iife' | 'worker' | 'inlineEngine' | 'engine', Measure>;

/** Sizes of a library build (file name relative to dist/lib → content). */
export function measureLibrary(files: Map<string, Uint8Array>): Sizes {
  const main = staticClosure(files, ['index.js', 'elements.js', 'define.js']);
  const workers = [...files.keys()].filter((f) => WORKER_FILE_RE.test(f));
  if (workers.length !== 1) throw new Error(`size: expected one Worker file, found ${workers.join(', ') || 'none'}`);
  const lazy = [...files.keys()].filter((f) => f.startsWith('chunks/inline-engine-') && f.endsWith('.js'));
  return {
    main: measure(files, main),
    iife: measure(files, [IIFE_FILE]),
    worker: measure(files, workers),
    // What a browser without Workers loads on top of `main` (mode 'inline').
    inlineEngine: measure(
      files,
      staticClosure(files, lazy).filter((f) => !main.includes(f)),
    ),
    // The Node / advanced entry (onet-match/engine).
    engine: measure(files, staticClosure(files, ['engine.js'])),
  };
}

/** Budgets exceeded by `sizes`. */
export function overBudget(sizes: Sizes): string[] {
  return Object.entries(BUDGETS)
    .filter(([name, budget]) => sizes[name as keyof typeof BUDGETS].gzip > budget)
    .map(([name]) => name);
}

async function main(): Promise<number> {
  const sizes = measureLibrary(await buildLibrary());
  const kb = (n: number) => Math.round((n / KB) * 100) / 100;
  const report = Object.fromEntries(
    Object.entries(sizes).map(([name, m]) => {
      const budget = (BUDGETS as Record<string, number>)[name];
      return [name, { files: m.files, bytes: m.bytes, gzip: m.gzip, gzipKB: kb(m.gzip), ...(budget ? { budgetKB: kb(budget), ok: m.gzip <= budget } : {}) }];
    }),
  );
  const over = overBudget(sizes);
  console.log(JSON.stringify({ ok: over.length === 0, over, sizes: report }, null, 2));
  return over.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
