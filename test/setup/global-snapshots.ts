/**
 * Vitest global setup: builds the fixture snapshot and (when ../shared/onet is present) the real
 * O*NET 29.3 snapshot into build/test-snapshots/. Node tests load them from disk; browser tests
 * fetch them from the Vite dev server. A snapshot is rebuilt only when its inputs (source files,
 * builder and codec code) changed since the last run, keyed by a fingerprint file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSnapshot, writeSnapshot } from '../../tools/snapshot/index.js';
import { REAL_EXTRAS, REAL_SOURCE, TEST_SNAPSHOT_DIR } from '../support/paths.js';

const root = resolve(import.meta.dirname, '../..');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** Fingerprint of the inputs: data files by name/size/mtime, builder and codec code by content. */
function fingerprint(dataDirs: string[]): string {
  const hash = createHash('sha256');
  for (const file of dataDirs.flatMap(listFiles)) {
    const s = statSync(file);
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  for (const file of [...listFiles(resolve(root, 'tools/snapshot')), ...listFiles(resolve(root, 'src/snapshot'))]) hash.update(readFileSync(file));
  return hash.digest('hex');
}

async function ensureSnapshot(name: string, source: string, extras: string): Promise<void> {
  const out = resolve(root, TEST_SNAPSHOT_DIR, name);
  const stamp = join(out, 'fingerprint');
  const print = fingerprint([source, extras]);
  if (existsSync(join(out, 'manifest.json')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === print) return;
  writeSnapshot(await buildSnapshot({ source, extras }), out);
  writeFileSync(stamp, print);
}

export default async function setup(): Promise<void> {
  await ensureSnapshot('fixture', resolve(root, 'fixtures/onet'), resolve(root, 'fixtures/extras'));
  if (existsSync(resolve(root, REAL_SOURCE))) {
    await ensureSnapshot('real', resolve(root, REAL_SOURCE), resolve(root, REAL_EXTRAS));
  } else {
    console.warn(`\n[onet-match] ${REAL_SOURCE} not found: real-data checks are skipped.\n`);
  }
}
