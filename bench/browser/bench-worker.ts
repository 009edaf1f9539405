/**
 * Per-query latency in the browser: one Worker holds all three contenders — onet-match loaded by
 * the real loader from IndexedDB (worker/loader.ts), sql.js over the downloaded database, the naive
 * engine over the downloaded JSON — and runs bench/lib/runner.ts over the same query sets; then
 * the career routes, timed for onet-match and the naive career baseline over the same JSON
 * (bench/careers/latency.ts).
 */
import initSqlJs from 'sql.js';
import { loadSnapshot } from '../../worker/loader.js';
import { careerRouteContender, runCareerQueries } from '../careers/latency.js';
import { NaiveCareers } from '../careers/naive.js';
import { routeContender, runQueries } from '../lib/runner.js';
import { NaiveContender } from '../naive/engine.js';
import type { NaiveData } from '../naive/data.js';
import { SqlContender } from '../sql/engine.js';
import { URLS, type WorkerReply, type WorkerRequest } from './protocol.js';

const reply = (m: WorkerReply) => postMessage(m);

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  if (req.type !== 'queries') return;
  try {
    const { data } = req;
    const loaded = await loadSnapshot({ manifestUrl: new URL(URLS.manifest, location.origin).href, dbName: req.dbName });
    // A fresh install answers before it is complete; the timed queries run on the complete one.
    await loaded.installing?.finish();
    const { engine } = loaded;
    const [SQL, bytes, naive] = await Promise.all([
      initSqlJs({ locateFile: () => URLS.sqlWasm }),
      fetch(URLS.sqlite).then(async (r) => new Uint8Array(await r.arrayBuffer())),
      fetch(URLS.naive).then(async (r) => (await r.json()) as NaiveData),
    ]);
    const sql = new SqlContender(new SQL.Database(bytes), data.info);
    const contenders = [routeContender((route) => engine.get(route)), sql, new NaiveContender(naive)];
    const result = runQueries(contenders, data.queries, {
      runs: data.runs,
      checkEvery: data.checkEvery,
      minSampleMs: data.minSampleMs,
      now: () => performance.now(),
      log: (line) => reply({ type: 'log', line }),
    });
    sql.close();
    reply({ type: 'log', line: 'careers and interests (onet-match, naive)…' });
    const careers = runCareerQueries([careerRouteContender((route) => engine.get(route)), new NaiveCareers(naive)], data.careerQueries, {
      runs: data.runs,
      now: () => performance.now(),
      log: (line) => reply({ type: 'log', line }),
    });
    reply({ type: 'queries', result, careers, crossOriginIsolated: globalThis.crossOriginIsolated === true });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
