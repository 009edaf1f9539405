/**
 * Per-snapshot row indexes shared by the details parts, built on first use and memoised: element
 * lookups, per-occupation row groups of a table, and per-occupation filtered and sorted rows.
 */
import { str, type Snapshot, type TableName } from '../../../snapshot/schema.js';
import { groupRows, type Groups } from '../../groups.js';
import { requireTable } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { memoised } from '../common.js';

/** Content Model elements: ids, names, descriptions and the row of an id. */
export interface Elements {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly descriptions: readonly string[];
  readonly rowOf: ReadonlyMap<string, number>;
}

export function elementsOf(snapshot: Snapshot): Elements {
  return memoised(snapshot, 'elements', () => {
    const t = requireTable(snapshot, 'elements');
    const ids: string[] = [];
    const names: string[] = [];
    const descriptions: string[] = [];
    const rowOf = new Map<string, number>();
    for (let i = 0; i < t.rows; i++) {
      ids.push(str(t.columns.id, i));
      names.push(str(t.columns.name, i));
      descriptions.push(str(t.columns.description, i));
      rowOf.set(ids[i]!, i);
    }
    return { ids, names, descriptions, rowOf };
  });
}

/**
 * Rows of `table` grouped by occupation (every per-occupation table has an `occ` column). Kept in
 * one memoised map keyed by the table name: a memo key built per call (`byOcc:${name}`) cost as
 * much as the lookup.
 */
export function byOccupation(ix: EngineIndexes, name: TableName): Groups | undefined {
  const all = memoised(ix.snapshot, 'byOccupation', () => new Map<TableName, Groups | undefined>());
  if (!all.has(name)) {
    const table = ix.snapshot.tables[name] as { rows: number; columns: { occ?: ArrayLike<number> } } | undefined;
    all.set(name, table?.columns.occ ? groupRows(table.columns.occ, ix.occupations.count) : undefined);
  }
  return all.get(name);
}

export function rowsOf(groups: Groups | undefined, occ: number): number[] {
  const out: number[] = [];
  if (groups) for (let i = groups.start[occ]!; i < groups.start[occ + 1]!; i++) out.push(groups.rows[i]!);
  return out;
}

/**
 * Per occupation, its rows of `groups` that pass `keep`, sorted by `compare` (stable, from table
 * order): a per-request filter and sort computed once for all occupations (CSR), so that a request
 * only walks its slice. Sorting per request dominated this route.
 */
export function orderedRows(ix: EngineIndexes, groups: Groups | undefined, keep: ((row: number) => boolean) | undefined, compare: (a: number, b: number) => number): Groups {
  const count = ix.occupations.count;
  const start = new Uint32Array(count + 1);
  const rows: number[] = [];
  for (let o = 0; o < count; o++) {
    const own = rowsOf(groups, o);
    for (const r of (keep ? own.filter(keep) : own).sort(compare)) rows.push(r);
    start[o + 1] = rows.length;
  }
  return { start, rows: Uint32Array.from(rows) };
}
