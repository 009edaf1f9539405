/**
 * sql.js cold start in a Worker, as a team shipping SQLite would do it: the wasm (compile +
 * instantiate) and the database download run in parallel, then the database is opened from the
 * bytes and the first query answered. Only this Worker's code is in its bundle.
 */
import initSqlJs from 'sql.js';
import { SqlContender } from '../sql/engine.js';
import { URLS, serveColdStart } from './protocol.js';

serveColdStart(async (data) => {
  const t0 = performance.now();
  let wasmDone = 0;
  let dbDone = 0;
  const [SQL, bytes] = await Promise.all([
    initSqlJs({ locateFile: () => URLS.sqlWasm }).then((s) => ((wasmDone = performance.now() - t0), s)),
    // The browser's default cache mode: cold starts run in fresh contexts (empty cache), and the
    // mobile profile's warm start may then reuse the database as a real deployment would.
    fetch(URLS.sqlite)
      .then((r) => r.arrayBuffer())
      .then((b) => ((dbDone = performance.now() - t0), new Uint8Array(b))),
  ]);
  const t1 = performance.now();
  const contender = new SqlContender(new SQL.Database(bytes), data.info);
  const t2 = performance.now();
  contender.answer(data.firstQuery);
  const t3 = performance.now();
  (self as unknown as { keep: unknown }).keep = contender;
  return {
    stages: { 'wasm fetch + compile ∥ database download': t1 - t0, 'open database': t2 - t1, 'first answer': t3 - t2 },
    bytes: { 'wasm ready at (ms)': wasmDone, 'database downloaded at (ms)': dbDone, database: bytes.length },
  };
});
