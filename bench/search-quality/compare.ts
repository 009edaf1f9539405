/** onet-match vs MiniSearch on the search-quality set: scores and a Markdown table. */
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { str, type Snapshot } from '../../src/snapshot/schema.js';
import { codeAll } from '../../tools/batch-code.js';
import { loadQualityQueries, scoreSearch } from './evaluate.js';
import { miniSearchBaseline } from './minisearch.js';

/** Scores both contenders; `table` is the Markdown summary. */
export function runSearchQuality(snapshot: Snapshot, engine: Engine) {
  const queries = loadQualityQueries();
  const onet = (q: string) =>
    (engine.get(`/online/related_activities?keyword=${encodeURIComponent(q)}&end=20`) as { occupation: { code: string }[] }).occupation.map((o) => o.code);
  const contenders = { 'onet-match': scoreSearch(queries, onet), MiniSearch: scoreSearch(queries, miniSearchBaseline(snapshot)) };
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const kinds = Object.keys(contenders['onet-match'].byKind);
  const lines = ['| queries | n | onet-match hit@1 | hit@3 | MRR | MiniSearch hit@1 | hit@3 | MRR |', '|---|---:|---:|---:|---:|---:|---:|---:|'];
  const row = (label: string, pick: (c: (typeof contenders)['onet-match']) => { queries: number; hit1: number; hit3: number; mrr: number }) => {
    const a = pick(contenders['onet-match']);
    const b = pick(contenders.MiniSearch);
    lines.push(`| ${label} | ${a.queries} | ${pct(a.hit1)} | ${pct(a.hit3)} | ${a.mrr.toFixed(3)} | ${pct(b.hit1)} | ${pct(b.hit3)} | ${b.mrr.toFixed(3)} |`);
  };
  row('**lay + abbrev + misspell**', (c) => c.target);
  for (const kind of kinds) row(kind, (c) => c.byKind[kind]!);
  row('all', (c) => c.all);
  return { queries: queries.length, contenders, table: lines.join('\n') };
}

/**
 * Batch coding speed: 10,000 job titles through `onet-match code`'s coding step (tools/batch-code.ts)
 * — the query set's queries and the snapshot's reported and alternate titles, every fifth one with
 * two letters swapped, so corrections are timed too. Target: ≤ 5 s.
 */
export function timeBatchCoding(snapshot: Snapshot, count = 10_000): { titles: number; seconds: number; distinct: number } {
  const titles: string[] = loadQualityQueries().map((q) => q.q);
  const rep = snapshot.tables.reportedTitles!;
  const alt = snapshot.tables.alternateTitles!;
  for (let r = 0; titles.length < count && r < rep.rows; r++) titles.push(str(rep.columns.title, r));
  for (let r = 0; titles.length < count && r < alt.rows; r += 7) titles.push(str(alt.columns.title, r));
  for (let i = 4; i < titles.length; i += 5) {
    const t = titles[i]!;
    const k = Math.floor(t.length / 2);
    if (k > 1) titles[i] = t.slice(0, k - 1) + t[k] + t[k - 1] + t.slice(k + 1);
  }
  const engine = createEngine(snapshot); // a fresh engine: the index build is part of the batch
  const t0 = performance.now();
  codeAll(engine, titles);
  return { titles: titles.length, seconds: (performance.now() - t0) / 1000, distinct: new Set(titles).size };
}
