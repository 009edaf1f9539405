/**
 * `npx tsx bench/search-quality/run.ts [--misses]`: scores onet-match and MiniSearch on the
 * search-quality set over build/snapshot (or build/test-snapshots/real) and prints the table;
 * `npm run bench` runs the same comparison and records it in bench/results.json.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../../src/engine/engine.js';
import { loadSnapshotFile } from '../../tools/node-snapshot.js';
import { runSearchQuality } from './compare.js';

const root = resolve(import.meta.dirname, '../..');
const manifest = [resolve(root, 'build/snapshot/manifest.json'), resolve(root, 'build/test-snapshots/real/manifest.json')].find(existsSync);
if (!manifest) throw new Error('No O*NET snapshot: run npm run snapshot first');
const { snapshot } = await loadSnapshotFile(manifest);
const result = runSearchQuality(snapshot, createEngine(snapshot));
console.log(result.table);
if (process.argv.includes('--misses')) for (const [name, r] of Object.entries(result.contenders)) console.log(name, JSON.stringify(r.misses));
