/** onet-match vs MiniSearch on the search-quality set: scores and a Markdown table. */
import type { Engine } from '../../src/engine/engine.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { loadQualityQueries, scoreSearch } from './evaluate.js';
import { miniSearchBaseline } from './minisearch.js';

/** Scores both contenders; `table` is the Markdown summary. */
export function runSearchQuality(snapshot: Snapshot, engine: Engine) {
  const queries = loadQualityQueries();
  const onet = (q: string) => ((engine.get(`/online/related_activities?keyword=${encodeURIComponent(q)}&end=20`) as { occupation: { code: string }[] }).occupation.map((o) => o.code));
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
