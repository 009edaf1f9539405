/**
 * The bench page. `?phase=` selects what it measures; the result lands in `window.__results`
 * (or `{error}`), where bench/browser/harness.ts picks it up.
 *
 *   onet-cold   openEngine (real Worker, comlink, IndexedDB `db`) from an empty store → first
 *               answer → first keyword search; pauses at `__stage = 'loaded'` so the harness can
 *               read the Worker heap; then main-thread round trips over the query sets.
 *   onet-warm   the same `db` again from a new page: warm start → first answer → first search
 *               (`&idbFirst`: IndexedDB opened on the page before the clock starts, see openIndexedDbFirst).
 *   sql-cold    a Worker with sql.js: wasm + database download (in parallel) → open → first answer.
 *   naive-cold  a Worker with the naive engine: JSON download + parse → first answer.
 *   queries     the bench Worker: per-query latency of all three contenders + answer check, then
 *               the career routes (onet-match and the naive career baseline).
 */
import { openDB } from 'idb';
import { openEngine, type Progress } from '../../src/index.js';
import { ACTIVE_KEY, META_STORE } from '../../src/protocol.js';
import { QUERY_KINDS, type Query } from '../types.js';
import { FIRST_ANSWER_MARK, URLS, type BenchData, type StartResult, type WorkerReply, type WorkerRequest } from './protocol.js';

declare global {
  interface Window {
    __results?: unknown;
    __stage?: string;
    __resume?: () => void;
  }
}

const params = new URLSearchParams(location.search);
const status = document.getElementById('status')!;
const log = (line: string) => {
  status.textContent = line;
  console.log(line);
};

async function benchData(): Promise<BenchData> {
  const res = await fetch(URLS.benchData);
  return (await res.json()) as BenchData;
}

/** First time each load stage was reported, relative to the open call; stage durations from consecutive marks. */
function stageDurations(marks: { stage: string; t: number }[], end: number): Record<string, number> {
  const firsts: { stage: string; t: number }[] = [];
  // Up to `ready`: an answer-first load's background install reports `install` after it.
  const ready = marks.findIndex((m) => m.stage === 'ready');
  for (const m of ready < 0 ? marks : marks.slice(0, ready + 1)) if (!firsts.some((f) => f.stage === m.stage)) firsts.push(m);
  const out: Record<string, number> = {};
  const label: Record<string, string> = {
    manifest: 'manifest request',
    download: 'download',
    verify: 'verify (sha256)',
    decompress: 'decompress',
    decode: 'decode',
    index: 'index build',
    install: 'IndexedDB install',
  };
  if (firsts[0]) out['worker start + IndexedDB open'] = firsts[0].t;
  firsts.forEach((m, i) => {
    if (m.stage === 'ready') return;
    const next = firsts[i + 1]?.t ?? end;
    out[label[m.stage] ?? m.stage] = next - m.t;
  });
  return out;
}

/**
 * The IndexedDB experiment's step before the clock starts: opens the database, reads the install
 * record and closes it again, so that the warm start after it finds IndexedDB already opened in
 * this page (the browser's store for the origin open, the page's connection machinery set up).
 */
async function openIndexedDbFirst(dbName: string): Promise<void> {
  const db = await openDB(dbName);
  await db.get(META_STORE, ACTIVE_KEY);
  db.close();
}

async function onetStart(cold: boolean): Promise<StartResult> {
  const data = await benchData();
  const dbName = params.get('db') ?? 'onet-match-bench';
  if (params.has('idbFirst')) await openIndexedDbFirst(dbName);
  const marks: { stage: string; t: number }[] = [];
  const t0 = performance.now();
  const engine = await openEngine({ snapshot: URLS.manifest, dbName, onProgress: (p: Progress) => marks.push({ stage: p.stage, t: performance.now() - t0 }) });
  const opened = performance.now() - t0;
  await engine.get(data.firstQuery.route);
  const toFirstAnswer = performance.now() - t0;
  // Tells the bench server where the first answer was: what it served before this, the answer waited for.
  if (cold) await fetch(FIRST_ANSWER_MARK, { cache: 'no-store' }).catch(() => undefined);
  const stages = stageDurations(marks, opened);
  stages['first answer'] = toFirstAnswer - opened;
  const full = params.get('light') === null; // light: start-up only (network-emulated runs)
  if (cold && full) {
    // Let the harness read the Worker heap "after load" (before the lazy search index exists).
    window.__stage = 'loaded';
    await new Promise<void>((resolve) => (window.__resume = resolve));
  }
  // Cold: the first search right after the first answer pays for the lazily built search index.
  // Warm: a user types after a pause; the Worker builds its indexes in idle time (worker/worker.ts),
  // so the first search comes after 1 s without queries.
  const idleMs = cold ? 0 : 1000;
  if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
  const s0 = performance.now();
  await engine.get(data.firstSearchRoute);
  const firstSearch = performance.now() - s0;
  const result: StartResult = {
    toFirstAnswer,
    // (Warm: not a sum — the idle pause sits between the first answer and the first search.)
    toFirstSearch: cold ? toFirstAnswer + firstSearch : Number.NaN,
    stages: { ...stages, [cold ? 'first search (builds search index)' : 'first search after 1 s idle (index built in idle time)']: firstSearch },
    source: engine.summary.source,
    storage: engine.summary.storage,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  if (cold && full) {
    // Main-thread round trips: engine time + structured clone + postMessage both ways.
    const roundTrip: Record<string, number[][]> = {};
    for (const kind of QUERY_KINDS) {
      const list = data.queries[kind] as Query[];
      for (const q of list.slice(0, 20)) await engine.get(q.route); // warm-up
      roundTrip[kind] = [];
      for (let run = 0; run < data.roundTripRuns; run++) {
        const times: number[] = [];
        for (const q of list) {
          const t = performance.now();
          await engine.get(q.route);
          times.push(performance.now() - t);
        }
        roundTrip[kind].push(times);
      }
      log(`round trips: ${kind} done`);
    }
    result.roundTrip = roundTrip;
  }
  if (cold) {
    // The first answer came before the install completed (section files): the warm start measured
    // next needs it complete, as a returning user's would be.
    const installed = await engine.installed();
    if (installed.storage !== 'indexeddb') throw new Error(`the snapshot was not installed (${installed.storageError?.message ?? 'no reason'})`);
  }
  return result;
}

function workerCall(worker: Worker, request: WorkerRequest, expect: 'cold' | 'queries'): Promise<Extract<WorkerReply, { type: 'cold' | 'queries' }>> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const m = e.data;
      if (m.type === 'log') log(m.line);
      else if (m.type === 'error') reject(new Error(m.message));
      else if (m.type === expect) resolve(m);
    };
    worker.onerror = (e) => reject(new Error(e.message || 'worker error'));
    worker.postMessage(request);
  });
}

async function baselineStart(which: 'sql' | 'naive'): Promise<StartResult> {
  const data = await benchData();
  const t0 = performance.now();
  const worker =
    which === 'sql' ? new Worker(new URL('./sql-worker.ts', import.meta.url), { type: 'module' }) : new Worker(new URL('./naive-worker.ts', import.meta.url), { type: 'module' });
  const reply = await workerCall(worker, { type: 'cold', data: { info: data.info, firstQuery: data.firstQuery } }, 'cold');
  const toFirstAnswer = performance.now() - t0;
  if (reply.type !== 'cold') throw new Error('unexpected reply');
  const inWorker = Object.values(reply.result.stages).reduce((a, b) => a + b, 0);
  // Keep the Worker alive: the harness reads its heap after this.
  (window as unknown as { keep: unknown }).keep = worker;
  return {
    toFirstAnswer,
    toFirstSearch: Number.NaN,
    stages: { 'worker start': toFirstAnswer - inWorker, ...reply.result.stages },
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}

/** Experiment: snapshot decompression in a fresh Worker, fflate vs native DecompressionStream. */
async function inflate(): Promise<StartResult & { identical: boolean }> {
  const mode = params.get('mode') === 'native' ? 'native' : 'fflate';
  const worker = new Worker(new URL('./inflate-worker.ts', import.meta.url), { type: 'module' });
  const reply = await new Promise<WorkerReply>((resolve) => {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => resolve(e.data);
    worker.postMessage({ type: 'inflate', mode });
  });
  worker.terminate();
  if (reply.type === 'error') throw new Error(reply.message);
  if (reply.type !== 'cold') throw new Error('unexpected reply');
  const ms = Object.values(reply.result.stages)[0]!;
  return {
    toFirstAnswer: ms,
    toFirstSearch: Number.NaN,
    stages: reply.result.stages,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    identical: reply.result.bytes.identical === 1,
  };
}

async function queries() {
  const data = await benchData();
  const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
  const reply = await workerCall(worker, { type: 'queries', data, dbName: params.get('db') ?? 'onet-match-bench' }, 'queries');
  worker.terminate();
  return reply;
}

async function main(): Promise<unknown> {
  switch (params.get('phase')) {
    case 'onet-cold':
      return onetStart(true);
    case 'onet-warm':
      return onetStart(false);
    case 'sql-cold':
      return baselineStart('sql');
    case 'naive-cold':
      return baselineStart('naive');
    case 'queries':
      return queries();
    case 'inflate':
      return inflate();
    default:
      throw new Error(`unknown phase ${params.get('phase')}`);
  }
}

main().then(
  (r) => (window.__results = r),
  (e: unknown) => (window.__results = { error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }),
);
