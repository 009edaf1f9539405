/** Title parts: the occupation's common alternate titles and its related occupations. */
import { str } from '../../../snapshot/schema.js';
import { requireTable } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { memoised } from '../common.js';
import { byOccupation, orderedRows } from './rows.js';

/** My Next Move's "also called" titles (reported titles shown there, usually four); else the first four alternate titles. */
export function alternateTitles(ix: EngineIndexes, occ: number): string[] {
  const reported = requireTable(ix.snapshot, 'reportedTitles');
  const shown: string[] = [];
  const reportedRows = byOccupation(ix, 'reportedTitles');
  if (reportedRows) {
    for (let i = reportedRows.start[occ]!, end = reportedRows.start[occ + 1]!; i < end; i++) {
      const r = reportedRows.rows[i]!;
      if (reported.columns.shown[r] === 1) shown.push(str(reported.columns.title, r));
    }
  }
  if (shown.length > 0) return shown;
  const alt = requireTable(ix.snapshot, 'alternateTitles');
  const altRows = byOccupation(ix, 'alternateTitles');
  const first: string[] = [];
  if (altRows) for (let i = altRows.start[occ]!, end = Math.min(i + 4, altRows.start[occ + 1]!); i < end; i++) first.push(str(alt.columns.title, altRows.rows[i]!));
  return first;
}

/** Related occupations `{code: title}` in O*NET's relatedness order (Index 1 first). */
export function relatedTitles(ix: EngineIndexes, occ: number): Record<string, string> {
  const t = requireTable(ix.snapshot, 'relatedOccupations');
  // Rows of each occupation in relatedness order, sorted once for all occupations on first use.
  const order = memoised(ix.snapshot, 'relatedOrder', () =>
    orderedRows(ix, byOccupation(ix, 'relatedOccupations')!, undefined, (a, b) => t.columns.rank[a]! - t.columns.rank[b]! || t.columns.related[a]! - t.columns.related[b]!),
  );
  const { codes, titles } = ix.occupations;
  const pairs: [string, string][] = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const related = t.columns.related[order.rows[i]!]!;
    pairs.push([codes[related]!, titles[related]!]);
  }
  // fromEntries defines own properties: a code such as "__proto__" in a crafted snapshot stays a
  // key instead of hitting Object.prototype's setter (and vanishing from the answer).
  return Object.fromEntries(pairs);
}
