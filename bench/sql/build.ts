/**
 * Builds the sql.js baseline database from the decoded snapshot: the same O*NET tables (every
 * table the snapshot holds, one SQL table each, integer row ids as foreign keys, values in
 * hundredths), plus what a competent team would add for these queries:
 *
 *   - indexes on every foreign key used in a join or filter, unique indexes on codes and ids;
 *   - `occupations.title_rank` (title sort key) and `title_key` (exact-title lookup key);
 *   - `soft_high`: the high-level soft skills per occupation, materialised ONCE with the policy rule
 *     written in SQL (level ≥ the occupation's highest soft-skill level − 0.125);
 *   - `search_fields`: titles, alternate/short titles and reported titles with a normalised,
 *     plural-folded word column, so `LIKE` can reproduce the engine's matching and scoring;
 *   - ANALYZE statistics, VACUUM.
 *
 * Runs in Node (build time, not measured); the result is the `.sqlite` file the browser downloads.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { DEFAULT_HIGH_LEVEL_POLICY } from '../../src/engine/soft-skills.js';
import { compareTitles, terms } from '../../src/engine/text.js';
import { SCHEMA, str, type ColumnType, type Snapshot, type StringColumn, type TableName } from '../../src/snapshot/schema.js';
import { titleKey } from '../lib/format.js';

/** snake_case of a camelCase name. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Foreign-key columns that get an index, per table. */
const EXTRA_INDEXES: Partial<Record<TableName, string[][]>> = {
  skills: [['element', 'scale']],
  taskDwas: [['task'], ['dwa']],
  occupationDwas: [['dwa', 'occ']],
  dwas: [['iwa']],
  levelAnchors: [['element']],
  educationCategories: [['element', 'scale']],
  taskRatings: [['task']],
};
const UNIQUE: Partial<Record<TableName, string>> = { occupations: 'code', elements: 'id', dwas: 'id', iwas: 'id' };

function sqlType(type: ColumnType): string {
  return type === 'str' ? 'TEXT' : 'INTEGER';
}

/** Builds the database; returns the exported file bytes. */
export function buildSqlDatabase(SQL: SqlJsStatic, snapshot: Snapshot): Uint8Array {
  const db = new SQL.Database();
  try {
    db.run('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;');
    db.run('BEGIN');
    for (const name of Object.keys(SCHEMA) as TableName[]) {
      const table = snapshot.tables[name] as { rows: number; columns: Record<string, unknown> } | undefined;
      if (!table) continue;
      const spec = SCHEMA[name].columns as Record<string, ColumnType>;
      const cols = Object.keys(spec);
      const extra = name === 'occupations' ? ['title_rank', 'title_key'] : [];
      const ddl = [
        'rid INTEGER PRIMARY KEY',
        ...cols.map((c) => `"${snake(c)}" ${sqlType(spec[c]!)} NOT NULL`),
        ...extra.map((c) => `${c} ${c === 'title_key' ? 'TEXT' : 'INTEGER'} NOT NULL`),
      ];
      db.run(`CREATE TABLE ${snake(name)} (${ddl.join(', ')})`);
      let titleRank: Uint32Array | undefined;
      if (name === 'occupations') {
        const titles = Array.from({ length: table.rows }, (_, i) => str(table.columns.title as StringColumn, i));
        const codes = Array.from({ length: table.rows }, (_, i) => str(table.columns.code as StringColumn, i));
        const order = titles.map((_, i) => i).sort((a, b) => compareTitles(titles[a]!, titles[b]!) || (codes[a]! < codes[b]! ? -1 : 1));
        titleRank = new Uint32Array(table.rows);
        order.forEach((row, rank) => (titleRank![row] = rank));
      }
      const stmt = db.prepare(`INSERT INTO ${snake(name)} VALUES (${['?', ...cols.map(() => '?'), ...extra.map(() => '?')].join(', ')})`);
      const values: (string | number)[] = new Array(1 + cols.length + extra.length);
      for (let r = 0; r < table.rows; r++) {
        values[0] = r;
        cols.forEach((c, i) => {
          const col = table.columns[c];
          values[i + 1] = spec[c] === 'str' ? str(col as StringColumn, r) : (col as ArrayLike<number>)[r]!;
        });
        if (titleRank) {
          values[cols.length + 1] = titleRank[r]!;
          values[cols.length + 2] = titleKey(values[2] as string);
        }
        stmt.run(values);
      }
      stmt.free();
      if ('occ' in spec) db.run(`CREATE INDEX ${snake(name)}_occ ON ${snake(name)} (occ)`);
      for (const idx of EXTRA_INDEXES[name] ?? []) db.run(`CREATE INDEX ${snake(name)}_${idx.map(snake).join('_')} ON ${snake(name)} (${idx.map(snake).join(', ')})`);
      const unique = UNIQUE[name];
      if (unique) db.run(`CREATE UNIQUE INDEX ${snake(name)}_${unique} ON ${snake(name)} (${unique})`);
    }
    db.run('CREATE INDEX occupations_title_key ON occupations (title_key)');

    // Soft skills offered (policy order) and the materialised high-level rule.
    db.run('CREATE TABLE soft_skills (k INTEGER PRIMARY KEY, code TEXT NOT NULL, grp TEXT NOT NULL, element INTEGER NOT NULL)');
    DEFAULT_HIGH_LEVEL_POLICY.skills.forEach((s, k) => db.run('INSERT INTO soft_skills SELECT ?, ?, ?, rid FROM elements WHERE id = ?', [k, s.code, s.group, s.code]));
    db.run(`CREATE TABLE soft_high (occ INTEGER NOT NULL, k INTEGER NOT NULL, level INTEGER NOT NULL, importance INTEGER NOT NULL, PRIMARY KEY (occ, k)) WITHOUT ROWID`);
    db.run(`
      INSERT INTO soft_high
      WITH r AS (
        SELECT s.occ, ss.k,
               MAX(CASE WHEN s.scale = 'IM' THEN s.value END) AS im,
               MAX(CASE WHEN s.scale = 'LV' THEN s.value END) AS lv
        FROM skills s JOIN soft_skills ss ON ss.element = s.element
        GROUP BY s.occ, ss.k
      ), rated AS (SELECT * FROM r WHERE im IS NOT NULL AND lv IS NOT NULL),
      top AS (SELECT occ, MAX(lv) AS m FROM rated GROUP BY occ)
      SELECT rated.occ, rated.k, rated.lv / 7, MAX(0, rated.im - 100) / 4
      FROM rated JOIN top ON top.occ = rated.occ
      WHERE rated.lv * 8 >= top.m * 8 - 100`);
    db.run('CREATE INDEX soft_high_k ON soft_high (k, occ)');

    // Search fields with a normalised word column (what LIKE scans).
    db.run('CREATE TABLE search_fields (rid INTEGER PRIMARY KEY, occ INTEGER NOT NULL, kind INTEGER NOT NULL, terms TEXT NOT NULL, words INTEGER NOT NULL)');
    const field = db.prepare('INSERT INTO search_fields (occ, kind, terms, words) VALUES (?, ?, ?, ?)');
    const add = (occ: number, kind: number, text: string) => {
      const ws = terms(text);
      if (ws.length > 0) field.run([occ, kind, ws.join(' '), Math.min(ws.length, 255)]);
    };
    const occ = snapshot.tables.occupations!;
    for (let o = 0; o < occ.rows; o++) add(o, 0, str(occ.columns.title, o));
    const alt = snapshot.tables.alternateTitles!;
    for (let r = 0; r < alt.rows; r++) {
      add(alt.columns.occ[r]!, 1, str(alt.columns.title, r));
      const short = str(alt.columns.shortTitle, r);
      if (short) add(alt.columns.occ[r]!, 1, short);
    }
    const rep = snapshot.tables.reportedTitles!;
    for (let r = 0; r < rep.rows; r++) add(rep.columns.occ[r]!, 2, str(rep.columns.title, r));
    field.free();
    db.run('CREATE INDEX search_fields_occ ON search_fields (occ)');
    db.run('COMMIT');
    db.run('ANALYZE');
    db.run('VACUUM');
    return db.export();
  } finally {
    db.close();
  }
}

/** Row counts of the database's tables (for the report). */
export function sqlTableCounts(db: Database): Record<string, number> {
  const out: Record<string, number> = {};
  const names = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")[0]?.values ?? [];
  for (const [name] of names) out[String(name)] = Number(db.exec(`SELECT COUNT(*) FROM ${String(name)}`)[0]!.values[0]![0]);
  return out;
}
