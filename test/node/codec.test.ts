import { describe, expect, test } from 'vitest';
import { decodeSections, decodeSnapshot, inflateSections, inflateSectionsWith } from '../../src/snapshot/codec.js';
import { encodeSnapshot, type RawTables } from '../../src/snapshot/encode.js';
import { fflateInflateRaw, hasNativeDeflateRaw, nativeInflateRaw } from '../../worker/inflate.js';
import { SCHEMA, str, type TableName } from '../../src/snapshot/schema.js';
import { OnetError } from '../../src/errors.js';

const info = { release: 'test', source: 'unit test', attribution: 'none' };

/** Minimal tables: every required table with zero rows, occupations with two. */
function minimalTables(): RawTables {
  const tables: RawTables = {};
  for (const [name, spec] of Object.entries(SCHEMA)) {
    if ('optional' in spec) continue;
    const columns: Record<string, unknown[]> = {};
    for (const c of Object.keys(spec.columns)) columns[c] = [];
    tables[name as TableName] = { rows: 0, columns: columns as never };
  }
  tables.occupations = {
    rows: 2,
    columns: {
      code: ['11-1011.00', '29-1051.00'],
      title: ['Chief Executives', 'Pharmacists'],
      description: ['a', 'ü ✓ 😀'],
      jobZone: [5, 0],
      brightOutlook: [0, 3],
      stemTypes: [0, 1],
    },
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

  test('inflates the same bytes with fflate and the native inflater; both reject damage as SNAPSHOT_CORRUPT', async () => {
    expect(hasNativeDeflateRaw()).toBe(true); // Node 20 has DecompressionStream('deflate-raw')
    const bytes = encodeSnapshot(info, minimalTables());
    const reference = inflateSections(bytes).sections;
    for (const inflater of [nativeInflateRaw, fflateInflateRaw]) {
      const { sections } = await inflateSectionsWith(bytes, inflater);
      expect(sections.map((s) => [s.entry.name, Array.from(s.data)])).toEqual(reference.map((s) => [s.entry.name, Array.from(s.data)]));
    }
    // A section that inflates to more than its entry announces: the native reader stops at the limit.
    const big = new Uint8Array(await new Response(new Blob([new Uint8Array(5000)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    await expect(nativeInflateRaw(big, 100)).rejects.toThrow(RangeError);
    // Garbage in the first section (just after the header): both inflaters fail, the codec says SNAPSHOT_CORRUPT.
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
    const damaged = bytes.slice();
    damaged.fill(0xff, 16 + headerLength, 16 + headerLength + 4);
    for (const inflater of [nativeInflateRaw, fflateInflateRaw]) {
      await expect(inflateSectionsWith(damaged, inflater)).rejects.toMatchObject({ code: 'SNAPSHOT_CORRUPT' });
    }
  });

  test('lazy decoding defers each table, with the same checks at its first access', () => {
    const tables = minimalTables();
    const good = inflateSections(encodeSnapshot(info, tables));
    const lazy = decodeSections(good.header.info, good.sections, { lazy: true });
    expect(Object.keys(lazy.tables)).toEqual(good.sections.map((s) => s.entry.name));
    expect(str(lazy.tables.occupations!.columns.title, 1)).toBe('Pharmacists');
    expect(lazy.tables.occupations).toBe(lazy.tables.occupations); // decoded once

    // An alternate title pointing at occupation row 7 of 2: eager decoding rejects the snapshot,
    // lazy decoding loads and rejects the first read of that table.
    tables.alternateTitles = { rows: 1, columns: { occ: [7], title: ['Boss'], shortTitle: [''], sources: [''] } } as never;
    const bad = inflateSections(encodeSnapshot(info, tables));
    expect(() => decodeSections(bad.header.info, bad.sections)).toThrowError(
      expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringContaining('alternateTitles.occ') }),
    );
    const deferred = decodeSections(bad.header.info, bad.sections, { lazy: true });
    expect(deferred.tables.occupations!.rows).toBe(2);
    expect(() => deferred.tables.alternateTitles).toThrowError(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
  });
});
