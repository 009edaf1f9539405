import { describe, expect, test } from 'vitest';
import { decodeSnapshot, encodeSnapshot, type RawTables } from '../../src/snapshot/codec.js';
import { SCHEMA, str, type TableName } from '../../src/snapshot/schema.js';
import { OnetError } from '../../src/errors.js';

const info = { release: 'test', source: 'unit test', attribution: 'none' };

/** Minimal tables: every required table with zero rows, occupations with two. */
function minimalTables(): RawTables {
  const tables: RawTables = {};
  for (const [name, spec] of Object.entries(SCHEMA)) {
    if ('optional' in spec) continue;
    const columns: Record<string, unknown[]> = {};
    for (const [c, t] of Object.entries(spec.columns)) columns[c] = [];
    tables[name as TableName] = { rows: 0, columns: columns as never };
  }
  tables.occupations = {
    rows: 2,
    columns: { code: ['11-1011.00', '29-1051.00'], title: ['Chief Executives', 'Pharmacists'], description: ['a', 'ü ✓ 😀'], jobZone: [5, 0], brightOutlook: [0, 3], stemTypes: [0, 1] },
  };
  return tables;
}

describe('snapshot codec', () => {
  test('round-trips tables', () => {
    const bytes = encodeSnapshot(info, minimalTables());
    const snap = decodeSnapshot(bytes);
    const occ = snap.tables.occupations!;
    expect(occ.rows).toBe(2);
    expect(str(occ.columns.title, 1)).toBe('Pharmacists');
    expect(str(occ.columns.description, 1)).toBe('ü ✓ 😀');
    expect(Array.from(occ.columns.jobZone)).toEqual([5, 0]);
    expect(snap.info).toEqual(info);
    expect(snap.tables.abilities).toBeUndefined();
  });

  test('is deterministic', () => {
    expect(encodeSnapshot(info, minimalTables())).toEqual(encodeSnapshot(info, minimalTables()));
  });

  test('rejects truncation and flipped bytes with SNAPSHOT_CORRUPT', () => {
    const bytes = encodeSnapshot(info, minimalTables());
    for (const cut of [0, 10, 20, bytes.length - 1]) {
      expect(() => decodeSnapshot(bytes.subarray(0, cut))).toThrowError(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
    }
    const flipped = bytes.slice();
    flipped[flipped.length - 5] = flipped[flipped.length - 5]! ^ 0xff;
    expect(() => decodeSnapshot(flipped)).toThrow(OnetError);
  });

  test('rejects another format version with SNAPSHOT_VERSION', () => {
    const bytes = encodeSnapshot(info, minimalTables());
    bytes[8] = 99;
    expect(() => decodeSnapshot(bytes)).toThrowError(expect.objectContaining({ code: 'SNAPSHOT_VERSION' }));
  });
});
