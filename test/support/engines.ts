/** Engines over the test snapshots (Node tests), loaded once per test file. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { loadSnapshotFile } from '../../tools/node-snapshot.js';
import { FIXTURE_MANIFEST, FIXTURE_MODERN_MANIFEST, FIXTURE_PAIRED_MANIFEST, REAL_MANIFEST } from './paths.js';

const root = resolve(import.meta.dirname, '../..');

/** True when the real 29.3 snapshot was built for this run. */
export const hasRealData = existsSync(resolve(root, REAL_MANIFEST));

/** Engine over the hand-made fixture snapshot. */
export async function fixtureEngine(): Promise<Engine> {
  return createEngine((await loadSnapshotFile(resolve(root, FIXTURE_MANIFEST))).snapshot);
}

/** Engine over the real O*NET 29.3 snapshot. */
export async function realEngine(): Promise<Engine> {
  return createEngine((await loadSnapshotFile(resolve(root, REAL_MANIFEST))).snapshot);
}

/** Engine over the hand-made fixture re-laid out in the modern O*NET layout (built by the global setup). */
export async function fixtureModernEngine(): Promise<Engine> {
  return createEngine((await loadSnapshotFile(resolve(root, FIXTURE_MODERN_MANIFEST))).snapshot);
}

/** Engine over the hand-made fixture (classic) built with dwaAliases to its modern-layout IDs. */
export async function fixturePairedEngine(): Promise<Engine> {
  return createEngine((await loadSnapshotFile(resolve(root, FIXTURE_PAIRED_MANIFEST))).snapshot);
}
