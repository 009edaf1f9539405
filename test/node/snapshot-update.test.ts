/**
 * The bench's update figure (bench/delta/) on the fixture: editing one source file changes exactly
 * that table's section file, and the update is the bytes of that file alone.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareManifests, snapshotUpdate, type SourceEdit } from '../../bench/delta/delta.js';

const ROOT = resolve(import.meta.dirname, '../..');
const source = resolve(ROOT, 'fixtures/onet');
const extras = resolve(ROOT, 'fixtures/extras');

describe('snapshot update figure', () => {
  test('one table edited: its section file alone changes', async () => {
    const u = await snapshotUpdate({ source, extras, nextRelease: '0.2' });
    expect([u.from, u.to]).toEqual(['0.1', '0.2']);
    expect(u.rowsEdited).toBeGreaterThan(0);
    expect(u.changed.map((c) => c.name)).toEqual(['reportedTitles']);
    expect(u.updateBytes).toBe(u.changed[0]!.bytes);
    expect(u.savedBytes).toBe(u.snapshotBytes - u.updateBytes);
    expect(u.updateShare).toBeCloseTo(u.updateBytes / u.snapshotBytes);
    expect(u.added).toEqual([]);
    expect(u.removed).toEqual([]);
  });

  test('another table', async () => {
    const edit: SourceEdit = {
      file: 'Job Zone Reference.txt',
      description: 'zone 3 examples rewritten',
      edit: (fields) => {
        if (fields[0] !== '3') return false;
        fields[5] = 'Rewritten examples.';
        return true;
      },
    };
    const u = await snapshotUpdate({ source, extras, nextRelease: '0.2', edit });
    expect(u.rowsEdited).toBe(1);
    expect(u.changed.map((c) => c.name)).toEqual(['jobZones']);
  });

  test('manifests without section files cannot be compared', () => {
    const manifest = {
      format: 'onet-match-snapshot',
      formatVersion: 2,
      release: '0.1',
      file: 'x.snap',
      sha256: '0'.repeat(64),
      bytes: 1,
      sections: [{ name: 'occupations', rows: 1, bytes: 1, rawBytes: 1 }],
      missing: [],
    } as const;
    expect(() => compareManifests(manifest, manifest)).toThrow(/no section files/);
  });
});
