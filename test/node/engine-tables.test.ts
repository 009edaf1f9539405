/**
 * OCCUPATION_INDEX_TABLES names exactly the tables creating an engine reads: a loader that fetches
 * sections on demand fetches these together before it creates the engine (worker/section-install.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { OCCUPATION_INDEX_TABLES } from '../../src/engine/occupations.js';
import { decodeAvailableSections, inflateSections, SectionPendingError } from '../../src/snapshot/codec.js';
import type { TableName } from '../../src/snapshot/schema.js';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

const bytes = readFileSync(resolve(import.meta.dirname, '../..', TEST_SNAPSHOT_DIR, 'fixture/onet-0.1.snap'));
const { header, sections } = inflateSections(bytes);

/** Creates an engine over only `present`, reporting the first table it wanted that was not there. */
function create(present: readonly string[]): { missing?: TableName } {
  const snapshot = decodeAvailableSections(header.info, header.sections, (name) => (present.includes(name) ? sections.find((s) => s.entry.name === name) : undefined));
  try {
    createEngine(snapshot);
    return {};
  } catch (error) {
    if (error instanceof SectionPendingError) return { missing: error.table };
    throw error;
  }
}

describe('the tables creating an engine reads', () => {
  test('with only these tables an engine is created', () => {
    expect(create(OCCUPATION_INDEX_TABLES)).toEqual({});
  });

  test.each(OCCUPATION_INDEX_TABLES.map((name) => [name]))('without %s it is not', (name) => {
    expect(create(OCCUPATION_INDEX_TABLES.filter((n) => n !== name)).missing).toBe(name);
  });
});
