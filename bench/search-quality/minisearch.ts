/**
 * The MiniSearch baseline of the search-quality comparison: one document per occupation with its
 * title, alternate and short titles and reported job titles as three fields — the fields
 * onet-match searches — queried with MiniSearch's fuzzy and prefix matching and BM25 ranking.
 */
import MiniSearch from 'minisearch';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { str } from '../../src/snapshot/schema.js';

/** Builds the baseline; returns a function from a query to ranked O*NET-SOC codes. */
export function miniSearchBaseline(snapshot: Snapshot): (q: string) => string[] {
  const occ = snapshot.tables.occupations!;
  const alt = snapshot.tables.alternateTitles!;
  const rep = snapshot.tables.reportedTitles!;
  const docs = Array.from({ length: occ.rows }, (_, i) => ({
    id: i,
    code: str(occ.columns.code, i),
    title: str(occ.columns.title, i),
    alternates: [] as string[],
    reported: [] as string[],
  }));
  for (let r = 0; r < alt.rows; r++) {
    const d = docs[alt.columns.occ[r]!]!;
    d.alternates.push(str(alt.columns.title, r));
    const short = str(alt.columns.shortTitle, r);
    if (short) d.alternates.push(short);
  }
  for (let r = 0; r < rep.rows; r++) docs[rep.columns.occ[r]!]!.reported.push(str(rep.columns.title, r));
  const mini = new MiniSearch({
    fields: ['code', 'title', 'alternates', 'reported'],
    storeFields: ['code'],
    extractField: (doc, field) => {
      const v = (doc as Record<string, unknown>)[field];
      return Array.isArray(v) ? v.join(' \n ') : String(v);
    },
    searchOptions: { boost: { code: 3, title: 3, alternates: 1.5 }, fuzzy: 0.2, prefix: true },
  });
  mini.addAll(docs);
  return (q) =>
    mini
      .search(q)
      .slice(0, 20)
      .map((r) => r.code as string);
}
