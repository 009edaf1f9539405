/**
 * The Node side of the benchmark: start-up (file read + verify + inflate + decode + index, to the
 * first answer), per-query latency of the three contenders over the same query sets, and retained
 * heap after load. Start-up runs after the first are JIT-warm (one process): Node start-up figures
 * are "in-process" figures; the browser figures are the real cold/warm starts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import initSqlJs from 'sql.js';
import { createEngine } from '../../src/engine/engine.js';
import { decodeSections, inflateSections } from '../../src/snapshot/codec.js';
import { parseManifest } from '../../src/snapshot/manifest.js';
import { summarizeRuns, type RunSummary } from '../lib/stats.js';
import { routeContender, runQueries, type QueryRunResult } from '../lib/runner.js';
import { NaiveContender } from '../naive/engine.js';
import type { NaiveData } from '../naive/data.js';
import { SqlContender } from '../sql/engine.js';
import type { Contender, ContenderName, QuerySet } from '../types.js';
import { SQLJS_DIST, type BuiltInputs } from './inputs.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface NodeBenchOptions {
  manifestPath: string;
  inputs: BuiltInputs;
  queries: QuerySet;
  runs: number;
  startRuns: number;
  checkEvery: number;
  /** See RunnerOptions.minSampleMs. */
  minSampleMs: number;
  firstRoute: string;
  firstSearchRoute: string;
  log: (line: string) => void;
}

export interface NodeResults {
  /** contender → stage → ms samples (one per start run). */
  start: Record<ContenderName, Record<string, RunSummary>>;
  queries: QueryRunResult;
  /** contender → retained heap (JS heap + ArrayBuffers) after load, bytes. */
  heap: Record<ContenderName, { heapUsed: number; arrayBuffers: number; total: number }>;
}

function memory() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

export async function runNodeBench(o: NodeBenchOptions): Promise<NodeResults> {
  const now = () => performance.now();
  const stages: Record<ContenderName, Record<string, number[]>> = { 'onet-match': {}, 'sql.js': {}, naive: {} };
  const push = (c: ContenderName, stage: string, ms: number) => (stages[c][stage] ??= []).push(ms);
  const w0 = now();
  const SQL = await initSqlJs({ locateFile: (f: string) => resolve(SQLJS_DIST, f) });
  const wasmInit = now() - w0; // once per process: compiling the wasm

  o.log(`Node: ${o.startRuns} start-up runs per contender`);
  for (let run = 0; run < o.startRuns; run++) {
    // onet-match: read → sha256 → inflate → decode → index → first answer (→ first search, lazy search index).
    let t = now();
    const t0 = t;
    const lap = (stage: string) => {
      const n = now();
      push('onet-match', stage, n - t);
      t = n;
    };
    const manifest = parseManifest(JSON.parse(readFileSync(o.manifestPath, 'utf8')));
    const bytes = new Uint8Array(readFileSync(resolve(dirname(o.manifestPath), manifest.file)));
    lap('read');
    if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) throw new Error('snapshot sha256 mismatch');
    lap('verify');
    const { header, sections } = inflateSections(bytes);
    lap('decompress');
    const snapshot = decodeSections(header.info, sections);
    lap('decode');
    const engine = createEngine(snapshot);
    lap('index');
    engine.get(o.firstRoute);
    lap('first answer');
    push('onet-match', 'to first answer', now() - t0);
    engine.get(o.firstSearchRoute);
    lap('first search');
    push('onet-match', 'to first search', now() - t0);

    // sql.js: read db → open → first answer (wasm init is per process: timed once, on run 0, below).
    t = now();
    const s0 = t;
    const db = new SQL.Database(readFileSync(o.inputs.sqlitePath));
    push('sql.js', 'read + open', now() - t);
    const sql = new SqlContender(db, header.info);
    t = now();
    sql.answer({ kind: 'softSkills', route: o.firstRoute, skills: ['2.B.1.a'] });
    push('sql.js', 'first answer', now() - t);
    push('sql.js', 'wasm init', wasmInit);
    push('sql.js', 'to first answer', now() - s0 + wasmInit);
    sql.close();

    // naive: read + JSON.parse → first answer.
    t = now();
    const n0 = t;
    const data = JSON.parse(readFileSync(o.inputs.naivePath, 'utf8')) as NaiveData;
    push('naive', 'read + parse', now() - t);
    t = now();
    new NaiveContender(data).answer({ kind: 'softSkills', route: o.firstRoute, skills: ['2.B.1.a'] });
    push('naive', 'first answer', now() - t);
    push('naive', 'to first answer', now() - n0);
  }

  // Retained heap after load, one contender at a time (deltas over an empty baseline).
  const heap = {} as NodeResults['heap'];
  const measureHeap = async (name: ContenderName, load: () => Promise<unknown> | unknown) => {
    const before = memory();
    const keep = await load();
    const after = memory();
    heap[name] = { heapUsed: after.heapUsed - before.heapUsed, arrayBuffers: after.arrayBuffers - before.arrayBuffers, total: 0 };
    heap[name].total = heap[name].heapUsed + heap[name].arrayBuffers;
    return keep;
  };
  const engine = (await measureHeap('onet-match', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(o.manifestPath, 'utf8')));
    const { header, sections } = inflateSections(new Uint8Array(readFileSync(resolve(dirname(o.manifestPath), manifest.file))));
    const e = createEngine(decodeSections(header.info, sections));
    e.get(o.firstRoute);
    e.get(o.firstSearchRoute); // the lazy search index is part of the working set
    return e;
  })) as ReturnType<typeof createEngine>;
  const sql = (await measureHeap('sql.js', () => new SqlContender(new SQL.Database(readFileSync(o.inputs.sqlitePath)), engine.info))) as SqlContender;
  const naive = (await measureHeap('naive', () => new NaiveContender(JSON.parse(readFileSync(o.inputs.naivePath, 'utf8')) as NaiveData))) as NaiveContender;

  o.log(`Node: per-query latency, ${o.runs} timed runs`);
  const contenders: Contender[] = [routeContender((r) => engine.get(r)), sql, naive];
  const queries = runQueries(contenders, o.queries, { runs: o.runs, checkEvery: o.checkEvery, minSampleMs: o.minSampleMs, now, log: o.log });
  sql.close();

  const start = {} as NodeResults['start'];
  for (const c of Object.keys(stages) as ContenderName[]) {
    start[c] = {};
    for (const [stage, samples] of Object.entries(stages[c])) start[c][stage] = summarizeRuns([samples]);
  }
  return { start, queries, heap };
}
