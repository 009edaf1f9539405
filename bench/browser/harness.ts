/**
 * The browser harness: a static server on 127.0.0.1 (free port) and headless Chromium driven by
 * playwright-core.
 *
 * Server: /bench/* the built bench page, /snapshot/* build/snapshot, /data/* the query sets, the
 * sql.js wasm + database and the naive JSON. No compression (localhost: it would only slow the
 * baselines down), `Cache-Control: no-cache`, and COOP/COEP headers so the page is
 * cross-origin isolated — which gives performance.now() 5 µs resolution instead of 100 µs.
 *
 * Worker heap: Chromium's CDP, not performance.memory (absent in Workers). The harness opens a CDP
 * session on the page, auto-attaches to its Worker targets (`Target.setAutoAttach`, non-flat
 * sessions, messages through `Target.sendMessageToTarget`), and on the Worker session calls
 * `HeapProfiler.collectGarbage` then `Runtime.getHeapUsage` (retained: usedSize = V8 heap objects,
 * backingStorageSize = ArrayBuffer backing stores such as the snapshot's typed arrays). The peak is
 * sampled with `Runtime.getHeapUsage` every ~20 ms while the engine loads (no GC forced).
 */
import { once } from 'node:events';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { summarizeRuns, type RunSummary } from '../lib/stats.js';
import type { QueryRunResult } from '../lib/runner.js';
import type { CareerRunResult } from '../careers/latency.js';
import type { ContenderName } from '../types.js';
import { FIRST_ANSWER_MARK, type StartResult } from './protocol.js';
import { WorkerTargets } from './worker-targets.js';
import { runMobileProfile, type MobileProfile, type MobileResults } from './mobile.js';

export type { MobileProfile } from './mobile.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.snap': 'application/octet-stream',
  '.sqlite': 'application/octet-stream',
};

/** URL prefix → directory, or exact path → file. */
export type Routes = Record<string, string>;

/** Network emulation for the "slow network" experiment: per-request latency and a bandwidth cap. */
export interface Throttle {
  bytesPerSecond: number;
  latencyMs: number;
}

export interface ServerOptions {
  /** Pace every response (after `latencyMs`) at `bytesPerSecond`. */
  throttle?: Throttle;
  /** Serve files with these extensions gzip -9 encoded (as a CDN would); the .snap is already compressed. */
  gzip?: readonly string[];
  /**
   * Let the browser cache every file but manifest.json for an hour, as a deployment with
   * content-hashed names would: a warm start then finds the page, its chunks and the baselines'
   * files in the HTTP cache, and only the manifest is asked again.
   */
  cacheable?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sendPaced(res: ServerResponse, body: Buffer, t: Throttle): Promise<void> {
  const chunk = 16_384;
  const start = Date.now();
  let sent = 0;
  while (sent < body.length) {
    const wait = start + (sent / t.bytesPerSecond) * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    const end = Math.min(body.length, sent + chunk);
    if (!res.write(body.subarray(sent, end))) await once(res, 'drain');
    sent = end;
  }
  res.end();
}

/**
 * What a server sent: one entry per response, in request order. A request for {@link MARK_PATH}
 * adds a mark (bytes 0): the bench page asks for it right after its first answer, so the entries
 * before it are what that answer waited for.
 */
export interface ServedLog {
  readonly entries: { path: string; bytes: number }[];
}

/** See {@link ServedLog}. */
const MARK_PATH = FIRST_ANSWER_MARK;

/** Bytes of the snapshot files (manifest, snapshot, section files) served before the first mark. */
export function snapshotBytesBeforeMark(log: ServedLog): number {
  const end = log.entries.findIndex((e) => e.path === MARK_PATH);
  return log.entries.slice(0, end < 0 ? undefined : end).reduce((sum, e) => sum + (e.path.startsWith('/snapshot/') ? e.bytes : 0), 0);
}

export async function startServer(routes: Routes, options: ServerOptions = {}): Promise<{ server: Server; origin: string; served: ServedLog }> {
  const served: ServedLog = { entries: [] };
  const gzipped = new Map<string, Buffer>();
  // Compress the big single files up front: gzip -9 of the database takes seconds, which must not
  // land inside a measured request.
  for (const target of Object.values(routes)) {
    if (options.gzip?.includes(extname(target)) && statSync(target).isFile()) gzipped.set(target, gzipSync(readFileSync(target), { level: 9 }));
  }
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (options.throttle) await sleep(options.throttle.latencyMs);
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (path === MARK_PATH) {
        served.entries.push({ path, bytes: 0 });
        res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
        return;
      }
      let file: string | undefined;
      for (const [prefix, target] of Object.entries(routes)) {
        if (path === prefix) file = target;
        else if (prefix.endsWith('/') && path.startsWith(prefix)) {
          const rest = normalize(path.slice(prefix.length));
          if (!rest.startsWith('..')) file = join(target, rest);
        }
        if (file) break;
      }
      let size = -1;
      try {
        if (file && statSync(file).isFile()) size = statSync(file).size;
      } catch {
        size = -1;
      }
      if (!file || size < 0) {
        res.writeHead(404).end('not found');
        return;
      }
      const headers: Record<string, string | number> = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': options.cacheable && !file.endsWith('manifest.json') ? 'max-age=3600' : 'no-cache',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      };
      if (!options.throttle && !options.gzip) {
        if (req.method !== 'HEAD') served.entries.push({ path, bytes: size });
        res.writeHead(200, { ...headers, 'Content-Length': size });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
        return;
      }
      let body: Buffer = readFileSync(file);
      if (options.gzip?.includes(extname(file))) {
        let z = gzipped.get(file);
        if (!z) gzipped.set(file, (z = gzipSync(body, { level: 9 })));
        body = z;
        headers['Content-Encoding'] = 'gzip';
      }
      if (req.method !== 'HEAD') served.entries.push({ path, bytes: body.length });
      res.writeHead(200, { ...headers, 'Content-Length': body.length });
      if (req.method === 'HEAD') res.end();
      else if (options.throttle) await sendPaced(res, body, options.throttle);
      else res.end(body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  return { server, origin: `http://127.0.0.1:${address.port}`, served };
}

export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Heap figures of one Worker, bytes. */
export interface HeapUsage {
  usedSize: number;
  backingStorageSize: number;
  embedderHeapUsedSize: number;
  total: number;
}

/** The heap of a page's Worker over CDP (see the file comment). */
class WorkerHeap {
  private constructor(private readonly targets: WorkerTargets) {}

  static async attach(context: BrowserContext, page: Page): Promise<WorkerHeap> {
    return new WorkerHeap(await WorkerTargets.attach(context, page));
  }

  get workerCount(): number {
    return this.targets.sessions.length;
  }

  /** Heap of the (single) Worker; `gc` first for retained size. */
  async usage(gc: boolean): Promise<HeapUsage | undefined> {
    const s = this.targets.sessions.at(-1);
    if (!s) return undefined;
    if (gc) {
      await this.targets.send(s.id, 'HeapProfiler.collectGarbage');
      await this.targets.send(s.id, 'HeapProfiler.collectGarbage');
    }
    const r = (await this.targets.send(s.id, 'Runtime.getHeapUsage')) as Omit<HeapUsage, 'total'>;
    return { ...r, total: r.usedSize + r.backingStorageSize + (r.embedderHeapUsedSize ?? 0) };
  }

  /** Samples the heap until `stop()`; returns the highest total seen. */
  sampler(): { stop: () => Promise<HeapUsage | undefined> } {
    let peak: HeapUsage | undefined;
    let running = true;
    const loop = (async () => {
      while (running) {
        try {
          const u = await this.usage(false);
          if (u && (!peak || u.total > peak.total)) peak = u;
        } catch {
          // worker not attached yet / gone
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return peak;
      },
    };
  }
}

export interface BrowserBenchOptions {
  routes: Routes;
  coldRuns: number;
  /** Cold starts per contender on the emulated network (0: skip the experiment). */
  networkRuns: number;
  network: Throttle;
  /** Cold and warm starts per contender under the mobile profile (0: skip). */
  mobileRuns: number;
  mobile: MobileProfile;
  log: (line: string) => void;
  timeoutMs: number;
}

export interface BrowserResults {
  chromium: string;
  origin: string;
  crossOriginIsolated: boolean;
  /** contender → 'cold' | 'warm' → stage → summary over runs. */
  start: Record<ContenderName, { cold: Record<string, RunSummary>; warm?: Record<string, RunSummary> }>;
  /** onet-match cold starts: snapshot bytes (manifest + files) fetched before the first answer, and in all, per run. */
  coldBytes: { beforeFirstAnswer: number[]; total: number[] };
  /** kind → round-trip summary (main thread → Worker → main thread). */
  roundTrip: Record<string, RunSummary>;
  /** onet-match Worker heap: retained after load, retained with every index built, sampled peak during load; baselines: retained after load. */
  heap: Record<string, { samples: number; values: number[]; detail: HeapUsage[] }>;
  queries: QueryRunResult;
  /** The career routes in the bench Worker: onet-match and the naive career baseline (no answer check). */
  careers: CareerRunResult;
  experiments: {
    /** Snapshot decompression in a fresh Worker: mode → ms samples; `identical` = native output equals fflate's. */
    decompress: { fflate: RunSummary; native: RunSummary; identical: boolean } | undefined;
    /**
     * Warm starts as measured above ('plain') and after the page opened IndexedDB before the clock
     * started ('opened'), alternating, in the cold run's context: stage → summary. The difference
     * is what opening IndexedDB for the first time in a page costs a warm start.
     */
    idbFirst: { plain: Record<string, RunSummary>; opened: Record<string, RunSummary> } | undefined;
    /** Cold start to first answer on the emulated network: contender → summary. */
    network: { throttle: Throttle; start: Partial<Record<ContenderName, RunSummary>> } | undefined;
    /** The mobile profile: emulated network plus CPU throttling; contender → 'cold' | 'warm' → start to first answer. */
    mobile: MobileResults | undefined;
  };
}

/** Pairs of warm starts (plain, and with IndexedDB opened first) per start-up run. */
const IDB_FIRST_PAIRS = 2;

export async function waitResults(page: Page, timeoutMs: number): Promise<unknown> {
  await page.waitForFunction(() => window.__results !== undefined, null, { timeout: timeoutMs, polling: 50 });
  const r = await page.evaluate(() => window.__results);
  if (r && typeof r === 'object' && 'error' in r) throw new Error(`bench page failed: ${String((r as { error: unknown }).error)}`);
  return r;
}

/** Opens `url` in a fresh context (empty cache and storage) and returns the page's result. */
async function freshRun(browser: Browser, url: string, timeoutMs: number, heapKey?: (u: HeapUsage | undefined) => void): Promise<StartResult> {
  const ctx = await browser.newContext();
  try {
    const p = await ctx.newPage();
    const w = await WorkerHeap.attach(ctx, p);
    await p.goto(url);
    const r = (await waitResults(p, timeoutMs)) as StartResult;
    if (heapKey) heapKey(await w.usage(true));
    return r;
  } finally {
    await ctx.close();
  }
}

export async function runBrowserBench(o: BrowserBenchOptions): Promise<BrowserResults> {
  const { server, origin, served } = await startServer(o.routes);
  const coldBytes: BrowserResults['coldBytes'] = { beforeFirstAnswer: [], total: [] };
  o.log(`  serving on ${origin}`);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  const startSamples: Record<string, Record<string, Record<string, number[]>>> = {};
  const addStart = (c: string, mode: string, r: StartResult) => {
    const m = ((startSamples[c] ??= {})[mode] ??= {});
    (m['to first answer'] ??= []).push(r.toFirstAnswer);
    if (Number.isFinite(r.toFirstSearch)) (m['to first search'] ??= []).push(r.toFirstSearch);
    for (const [stage, ms] of Object.entries(r.stages)) (m[stage] ??= []).push(ms);
  };
  const heap: BrowserResults['heap'] = {};
  const addHeap = (key: string, u: HeapUsage | undefined) => {
    if (!u) return;
    const h = (heap[key] ??= { samples: 0, values: [], detail: [] });
    h.samples++;
    h.values.push(u.total);
    h.detail.push(u);
  };
  const roundTrips: Record<string, number[][]> = {};
  let isolated = true;
  const inflateSamples = { fflate: [] as number[], native: [] as number[] };
  let inflateIdentical = true;
  /** The IndexedDB experiment: 'plain' | 'opened' → stage → ms samples. */
  const idbFirst: Partial<Record<'plain' | 'opened', Record<string, number[]>>> = {};
  try {
    for (let run = 0; run < o.coldRuns; run++) {
      const db = `onet-match-bench-${Date.now()}-${run}`;
      // onet-match: cold start in a fresh context (empty HTTP cache, empty IndexedDB) …
      const context = await browser.newContext();
      let page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && o.log(`  [page] ${m.text()}`));
      let workers = await WorkerHeap.attach(context, page);
      const sampler = workers.sampler();
      served.entries.length = 0;
      await page.goto(`${origin}/bench/index.html?phase=onet-cold&db=${db}`);
      await page.waitForFunction(() => window.__stage === 'loaded' || window.__results !== undefined, null, { timeout: o.timeoutMs, polling: 20 });
      addHeap('onet-match: peak during cold load (sampled)', await sampler.stop());
      addHeap('onet-match: retained after load', await workers.usage(true));
      await page.evaluate(() => window.__resume?.());
      const cold = (await waitResults(page, o.timeoutMs)) as StartResult;
      coldBytes.beforeFirstAnswer.push(snapshotBytesBeforeMark(served));
      coldBytes.total.push(served.entries.reduce((sum, e) => sum + (e.path.startsWith('/snapshot/') ? e.bytes : 0), 0));
      addHeap('onet-match: retained with all indexes (after search + every query kind)', await workers.usage(true));
      isolated &&= cold.crossOriginIsolated;
      addStart('onet-match', 'cold', cold);
      for (const [kind, runs] of Object.entries(cold.roundTrip ?? {})) (roundTrips[kind] ??= []).push(...runs);
      await page.close();
      // … then a warm start from a new page of the same context (same IndexedDB).
      page = await context.newPage();
      workers = await WorkerHeap.attach(context, page);
      await page.goto(`${origin}/bench/index.html?phase=onet-warm&db=${db}`);
      const warm = (await waitResults(page, o.timeoutMs)) as StartResult;
      if (warm.source !== 'cache') throw new Error(`warm start did not come from IndexedDB (source ${warm.source}, storage ${warm.storage})`);
      addStart('onet-match', 'warm', warm);
      addHeap('onet-match: retained after warm start + first search', await workers.usage(true));
      await page.close();
      // … and the experiment: warm starts as above and after the page opened IndexedDB, alternating.
      for (let pair = 0; pair < IDB_FIRST_PAIRS; pair++) {
        for (const opened of pair % 2 === run % 2 ? [true, false] : [false, true]) {
          page = await context.newPage();
          await page.goto(`${origin}/bench/index.html?phase=onet-warm&light=1&db=${db}${opened ? '&idbFirst=1' : ''}`);
          const r = (await waitResults(page, o.timeoutMs)) as StartResult;
          const side = (idbFirst[opened ? 'opened' : 'plain'] ??= {});
          for (const [stage, ms] of Object.entries({ 'to first answer': r.toFirstAnswer, ...r.stages })) (side[stage] ??= []).push(ms);
          await page.close();
        }
      }
      await context.close();

      for (const [name, phase] of [
        ['sql.js', 'sql-cold'],
        ['naive', 'naive-cold'],
      ] as const) {
        addStart(name, 'cold', await freshRun(browser, `${origin}/bench/index.html?phase=${phase}`, o.timeoutMs, (u) => addHeap(`${name}: retained after load`, u)));
      }
      for (const mode of ['fflate', 'native'] as const) {
        const r = (await freshRun(browser, `${origin}/bench/index.html?phase=inflate&mode=${mode}`, o.timeoutMs)) as StartResult & { identical: boolean };
        inflateSamples[mode].push(r.toFirstAnswer);
        inflateIdentical &&= r.identical;
      }
      o.log(`  browser start-up run ${run + 1}/${o.coldRuns}: onet-match cold ${cold.toFirstAnswer.toFixed(0)} ms, warm ${warm.toFirstAnswer.toFixed(0)} ms`);
    }

    // Per-query latency: the bench Worker (onet-match from a fresh IndexedDB install, sql.js, naive).
    o.log('  browser per-query latency (bench Worker)…');
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (m) => o.log(`  [page] ${m.text()}`));
    await page.goto(`${origin}/bench/index.html?phase=queries&db=onet-match-bench-q-${Date.now()}`);
    const q = (await waitResults(page, o.timeoutMs * 20)) as { result: QueryRunResult; careers: CareerRunResult; crossOriginIsolated: boolean };
    isolated &&= q.crossOriginIsolated;
    await context.close();

    // Experiment: cold starts over an emulated network (paced server, baselines' files gzip-encoded).
    let network: BrowserResults['experiments']['network'];
    if (o.networkRuns > 0) {
      const slow = await startServer(o.routes, { throttle: o.network, gzip: ['.sqlite', '.wasm', '.json', '.js', '.html'] });
      o.log(`  network-emulated cold starts (${((o.network.bytesPerSecond * 8) / 1e6).toFixed(0)} Mbit/s, ${o.network.latencyMs} ms per request)…`);
      const samples: Partial<Record<ContenderName, number[]>> = {};
      try {
        for (let run = 0; run < o.networkRuns; run++) {
          for (const [name, phase] of [
            ['onet-match', 'onet-cold'],
            ['sql.js', 'sql-cold'],
            ['naive', 'naive-cold'],
          ] as const) {
            const r = await freshRun(browser, `${slow.origin}/bench/index.html?phase=${phase}&light=1&db=onet-match-bench-net-${Date.now()}`, o.timeoutMs * 4);
            (samples[name] ??= []).push(r.toFirstAnswer);
          }
        }
      } finally {
        slow.server.close();
      }
      network = { throttle: o.network, start: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarizeRuns([v])])) };
    }

    // Experiment: the mobile profile (bench/browser/mobile.ts).
    const mobile = o.mobileRuns > 0 ? await runMobileProfile({ ...o, startServer, waitResults, executablePath: CHROMIUM_EXECUTABLE, chromiumArgs: CHROMIUM_ARGS }) : undefined;

    const summarizeStages = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, summarizeRuns([v])]));
    const start = {} as BrowserResults['start'];
    for (const [c, modes] of Object.entries(startSamples)) {
      start[c as ContenderName] = { cold: summarizeStages(modes.cold ?? {}), ...(modes.warm ? { warm: summarizeStages(modes.warm) } : {}) };
    }
    return {
      chromium: browser.version(),
      origin,
      crossOriginIsolated: isolated,
      start,
      coldBytes,
      roundTrip: Object.fromEntries(Object.entries(roundTrips).map(([k, runs]) => [k, summarizeRuns(runs)])),
      heap,
      queries: q.result,
      careers: q.careers,
      experiments: {
        decompress: o.coldRuns > 0 ? { fflate: summarizeRuns([inflateSamples.fflate]), native: summarizeRuns([inflateSamples.native]), identical: inflateIdentical } : undefined,
        idbFirst: idbFirst.plain && idbFirst.opened ? { plain: summarizeStages(idbFirst.plain), opened: summarizeStages(idbFirst.opened) } : undefined,
        network,
        mobile,
      },
    };
  } finally {
    await browser.close();
    server.close();
  }
}
