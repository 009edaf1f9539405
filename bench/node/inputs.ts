/**
 * Benchmark inputs built in Node: the snapshot (npm run snapshot), the sql.js database file and
 * the naive JSON file, cached in the OS temp dir by snapshot sha256 + builder source hash.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { buildNaiveData } from '../naive/data.js';
import { buildSqlDatabase } from '../sql/build.js';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(BENCH_DIR, '..');
export const CACHE_DIR = join(tmpdir(), 'onet-match-bench');

const require = createRequire(import.meta.url);
/** sql.js files: the Node build (for building the DB and the Node run) and the browser build's wasm. */
export const SQLJS_DIST = dirname(require.resolve('sql.js/dist/sql-wasm.js'));
export const SQLJS_BROWSER_WASM = join(SQLJS_DIST, 'sql-wasm-browser.wasm');

function sourceHash(...files: string[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(readFileSync(resolve(BENCH_DIR, f)));
  return h.digest('hex').slice(0, 10);
}

export interface BuiltInputs {
  sqlitePath: string;
  naivePath: string;
}

/** Builds (or reuses) the .sqlite and .json files for the snapshot with this sha256. */
export async function buildInputs(snapshot: Snapshot, sha256: string, log: (s: string) => void): Promise<BuiltInputs> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const sqlitePath = join(CACHE_DIR, `onet-${sha256.slice(0, 12)}-${sourceHash('sql/build.ts', 'lib/format.ts')}.sqlite`);
  const naivePath = join(CACHE_DIR, `onet-${sha256.slice(0, 12)}-${sourceHash('naive/data.ts')}.json`);
  if (!existsSync(sqlitePath)) {
    log('building the sql.js database (cached for later runs)…');
    const SQL = await initSqlJs();
    writeFileSync(sqlitePath, buildSqlDatabase(SQL, snapshot));
  }
  if (!existsSync(naivePath)) {
    log('building the naive JSON (cached for later runs)…');
    writeFileSync(naivePath, JSON.stringify(buildNaiveData(snapshot)));
  }
  return { sqlitePath, naivePath };
}
