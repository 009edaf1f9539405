/**
 * The naive baseline's data: every snapshot table as a plain JSON array of row objects, with the
 * natural O*NET keys (occupation code, element id, DWA id, task id) instead of row indexes —
 * what a team gets by converting the O*NET text files to JSON.
 */
import { SCHEMA, str, type ColumnType, type Snapshot, type SnapshotInfo, type StringColumn, type TableName } from '../../src/snapshot/schema.js';

export type NaiveRow = Record<string, string | number>;
export interface NaiveData {
  info: SnapshotInfo;
  tables: Partial<Record<TableName, NaiveRow[]>>;
}

/** Row-reference column → [JSON key, referenced table, key column of that table]. */
const REFS: Record<string, [string, TableName, string]> = {
  occ: ['code', 'occupations', 'code'],
  related: ['relatedCode', 'occupations', 'code'],
  element: ['elementId', 'elements', 'id'],
  gwa: ['gwaId', 'elements', 'id'],
  iwa: ['iwaId', 'iwas', 'id'],
  dwa: ['dwaId', 'dwas', 'id'],
  task: ['taskId', 'tasks', 'taskId'],
};

export function buildNaiveData(snapshot: Snapshot): NaiveData {
  const tables: NaiveData['tables'] = {};
  const keyOf = (table: TableName, column: string, row: number): string | number => {
    const t = snapshot.tables[table] as { columns: Record<string, unknown> };
    const col = t.columns[column];
    return (col as StringColumn).kind === 'str' ? str(col as StringColumn, row) : (col as ArrayLike<number>)[row]!;
  };
  for (const name of Object.keys(SCHEMA) as TableName[]) {
    const table = snapshot.tables[name] as { rows: number; columns: Record<string, unknown> } | undefined;
    if (!table) continue;
    const spec = SCHEMA[name].columns as Record<string, ColumnType>;
    const rows: NaiveRow[] = new Array(table.rows);
    for (let r = 0; r < table.rows; r++) {
      const row: NaiveRow = {};
      for (const [column, type] of Object.entries(spec)) {
        const col = table.columns[column];
        const ref = REFS[column];
        if (ref) row[ref[0]] = keyOf(ref[1], ref[2], (col as ArrayLike<number>)[r]!);
        else row[column] = type === 'str' ? str(col as StringColumn, r) : (col as ArrayLike<number>)[r]!;
      }
      rows[r] = row;
    }
    tables[name] = rows;
  }
  return { info: snapshot.info, tables };
}
