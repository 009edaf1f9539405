/**
 * The task order and the per-occupation DWA order (src/engine/dwa-order.ts, docs/ranking.md):
 * the rule on hand-made input, and the engine's derived order equal to the order the snapshot
 * builder stores in `occupationDwas`, on the fixture and on the real O*NET 29.3 data.
 */
import { describe, expect, test } from 'vitest';
import { occupationDwaOrder, taskComparator } from '../../src/engine/dwa-order.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { fixtureVariantSnapshot } from '../../tools/fixture-variants.js';
import { fixtureEngine, hasRealData, realEngine } from '../support/engines.js';

describe('task order', () => {
  test('without ratings: Core, Supplemental, unclassified, each in task row order', () => {
    const type = [0, 2, 1, 2, 1];
    expect([0, 1, 2, 3, 4].sort(taskComparator({ type }))).toEqual([2, 4, 1, 3, 0]);
  });

  test('with ratings: importance desc, unrated last, then type and row', () => {
    const type = [2, 1, 1, 2, 1];
    const importance = [400, 400, -1, 450, 380];
    expect([0, 1, 2, 3, 4].sort(taskComparator({ type, importance }))).toEqual([3, 1, 0, 4, 2]);
  });
});

describe('per-occupation DWA order', () => {
  // DWA rows: 0 "Beta" (id b), 1 "Alpha" (id z), 2 "Alpha" (id y), 3 "Gamma".
  const dwaTitles = ['Beta', 'Alpha', 'Alpha', 'Gamma'];
  const dwaIds = ['4.A.1.b', '4.A.1.z', '4.A.1.y', '4.A.1.g'];
  // Occupation 0: tasks 0 (Supplemental), 1 (Core); occupation 1: none; occupation 2: task 2 (Core).
  const base = { occupationCount: 3, taskOccupation: [0, 0, 2], type: [2, 1, 1], dwaTitles, dwaIds };
  const links = { linkTask: [0, 0, 1, 1, 1, 2], linkDwa: [3, 0, 0, 1, 2, 3] };

  test('Core task first; several DWAs of a task by title then id; each DWA once', () => {
    const order = occupationDwaOrder({ ...base, ...links });
    expect(Array.from(order.occupation)).toEqual([0, 0, 0, 0, 2]);
    // Task 1 (Core): Alpha/y, Alpha/z, Beta; then task 0 adds Gamma (Beta already listed).
    expect(Array.from(order.dwa)).toEqual([2, 1, 0, 3, 3]);
  });

  test('ratings put the most important task first', () => {
    const order = occupationDwaOrder({ ...base, ...links, importance: [420, 300, -1] });
    expect(Array.from(order.dwa)).toEqual([0, 3, 2, 1, 3]);
  });

  test('no tasks, no links: empty', () => {
    const order = occupationDwaOrder({ ...base, linkTask: [], linkDwa: [] });
    expect(order.dwa).toHaveLength(0);
  });
});

/** The engine's derived links equal the builder's occupationDwas rows, row for row. */
function expectBuilderOrder(engine: Engine): void {
  const stored = engine.indexes.snapshot.tables.occupationDwas!;
  const { linkDwa, linkOccupation } = engine.indexes.activities;
  expect(linkDwa.length).toBe(stored.rows);
  expect(Array.from(linkOccupation)).toEqual(Array.from(stored.columns.occ));
  expect(Array.from(linkDwa)).toEqual(Array.from(stored.columns.dwa));
}

describe('derived order equals the stored one', () => {
  test('fixture', async () => {
    expectBuilderOrder(await fixtureEngine());
  });

  test('fixture with Task Ratings: importance decides the walk', async () => {
    const engine = createEngine(await fixtureVariantSnapshot('full'));
    expect(engine.indexes.snapshot.tables.taskRatings?.rows).toBeGreaterThan(0);
    expectBuilderOrder(engine);
  });

  test.skipIf(!hasRealData)('real O*NET 29.3 (every occupation)', async () => {
    const engine = await realEngine();
    expect(engine.indexes.activities.linkDwa.length).toBeGreaterThan(10_000);
    expectBuilderOrder(engine);
  });
});
