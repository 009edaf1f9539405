/**
 * What the keyword search costs the snapshot: the compressed bytes of the columns that exist only
 * for its ranking — an alternate title's Source(s) (`alternateTitles.sources`) and a reported
 * title's "shown in My Next Move" flag (`reportedTitles.shown`). Their two sections are encoded and
 * deflated as the builder does (src/snapshot/encode.ts), once as they are and once with those
 * columns blank; the difference, over the snapshot without it, is the growth.
 */
import { deflateSync } from 'fflate';
import { encodeSection, type RawColumns } from '../../src/snapshot/encode.js';
import type { Snapshot, TableName } from '../../src/snapshot/schema.js';

/** The search signals' share of the snapshot. */
export interface SearchGrowth {
  /** Compressed bytes the search-only columns add. */
  readonly bytes: number;
  /** The snapshot's size (its manifest's `bytes`). */
  readonly snapshotBytes: number;
  /** bytes ÷ (snapshotBytes − bytes). */
  readonly growth: number;
}

/** Raw columns of a decoded table, string columns expanded row by row (what encodeSection takes). */
function rawColumns(table: { rows: number; columns: object }): RawColumns {
  const out: RawColumns = {};
  for (const [name, column] of Object.entries(table.columns)) {
    if (column && typeof column === 'object' && 'values' in column && 'index' in column) {
      const { index, values } = column as { index: ArrayLike<number>; values: readonly string[] };
      out[name] = Array.from({ length: table.rows }, (_, r) => values[index[r]!]!);
    } else out[name] = column as ArrayLike<number>;
  }
  return out;
}

function compressedSize(name: TableName, rows: number, columns: RawColumns): number {
  // The builder's settings (encodeSnapshot): level 9, mem 12.
  return deflateSync(encodeSection(name, rows, columns).data, { level: 9, mem: 12 }).length;
}

/** Measures {@link SearchGrowth} on a decoded snapshot whose file is `snapshotBytes` long. */
export function searchGrowth(snapshot: Snapshot, snapshotBytes: number): SearchGrowth {
  let bytes = 0;
  const blanks: [TableName, string, (rows: number) => RawColumns[string]][] = [
    ['alternateTitles', 'sources', (rows) => new Array<string>(rows).fill('')],
    ['reportedTitles', 'shown', (rows) => new Uint8Array(rows)],
  ];
  for (const [name, column, blank] of blanks) {
    const table = snapshot.tables[name] as { rows: number; columns: object } | undefined;
    if (!table || !(column in table.columns)) continue;
    const columns = rawColumns(table);
    bytes += compressedSize(name, table.rows, columns) - compressedSize(name, table.rows, { ...columns, [column]: blank(table.rows) });
  }
  return { bytes, snapshotBytes, growth: bytes / (snapshotBytes - bytes) };
}
