/** Where the builds read and write: shared by the Vite configuration, the build plugins and tools/size.ts. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** A path inside the repository, absolute. */
export const r = (...parts: string[]): string => resolve(ROOT, ...parts);

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
