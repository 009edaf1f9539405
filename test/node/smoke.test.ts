/**
 * The install's smoke checks (worker/smoke.ts) over real snapshots: every snapshot the builder
 * makes — the fixture in both layouts, its next release, and the real O*NET 29.3 when present —
 * passes, so no real release is ever refused; a snapshot that cannot answer a family fails,
 * naming it. The refusal in the loader, with real IndexedDB: test/browser/heal.test.ts.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { OnetError } from '../../src/errors.js';
import { decodeSnapshot } from '../../src/snapshot/codec.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { loadSnapshotFile } from '../../tools/node-snapshot.js';
import { smokeCheck } from '../../worker/smoke.js';
import { tinyTables } from '../browser/support/snapshots.js';
import { hasRealData } from '../support/engines.js';
import { FIXTURE_MANIFEST, FIXTURE_MODERN_MANIFEST, FIXTURE_NEXT_MANIFEST, REAL_MANIFEST } from '../support/paths.js';

const root = resolve(import.meta.dirname, '../..');

async function check(manifest: string): Promise<void> {
  const { snapshot } = await loadSnapshotFile(resolve(root, manifest));
  smokeCheck(createEngine(snapshot), snapshot);
}

/** The smoke check's error for `tables`, or undefined when it passes. */
function failure(tables: ReturnType<typeof tinyTables>): OnetError | undefined {
  const snapshot = decodeSnapshot(encodeSnapshot({ release: 't', source: 't', attribution: 't' }, tables));
  try {
    smokeCheck(createEngine(snapshot), snapshot);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OnetError);
    return error as OnetError;
  }
}

describe('smoke checks', () => {
  test.each([FIXTURE_MANIFEST, FIXTURE_MODERN_MANIFEST, FIXTURE_NEXT_MANIFEST])('%s passes', async (manifest) => {
    await check(manifest);
  });

  test.runIf(hasRealData)('the real O*NET 29.3 snapshot passes', async () => {
    await check(REAL_MANIFEST);
  });

  test('a minimal snapshot (every required table, no ratings) passes: families without data are not asked', () => {
    expect(failure(tinyTables(['Alpha One', 'Alpha Two']))).toBeUndefined();
  });

  test('a soft-skill element missing fails soft skills, naming the family and the element', () => {
    const tables = tinyTables(['Alpha One']);
    const { id, name, description } = tables.elements!.columns as unknown as Record<'id' | 'name' | 'description', string[]>;
    tables.elements = { rows: id.length - 1, columns: { id: id.slice(1), name: name.slice(1), description: description.slice(1) } as never };
    const error = failure(tables);
    expect(error?.code).toBe('SNAPSHOT_CORRUPT');
    expect(error?.field).toBe('smoke.softSkills');
    expect(error?.message).toContain(id[0]);
    expect(error?.suggestion).toMatch(/soft skills/);
  });

  test('no occupations fails the catalog', () => {
    expect(failure(tinyTables([]))?.field).toBe('smoke.catalog');
  });
});
