/**
 * `npx tsx bench/delta/run.ts [--source <dir>] [--extras <dir>]`: builds the real O*NET snapshot
 * and a next release with one table changed, and prints what an update downloads (section files
 * whose sha256 changed) against the whole snapshot; `npm run bench` records the same figure in
 * bench/results.json (`snapshotUpdate`).
 */
import { parseArgs } from 'node:util';
import { DELTA_EXTRAS, DELTA_SOURCE } from './paths.js';
import { renderUpdate, snapshotUpdate } from './delta.js';

const { values } = parseArgs({ options: { source: { type: 'string' }, extras: { type: 'string' } } });
const update = await snapshotUpdate({ source: values.source ?? DELTA_SOURCE, extras: values.extras ?? DELTA_EXTRAS });
console.log(renderUpdate(update));
console.log(`\n(both builds in ${update.buildSeconds} s)`);
