/**
 * Vitest global setup: builds the fixture snapshot, the same fixture re-laid out in the modern
 * O*NET layout (`fixture-modern`, with dwaAliases pairing its DWAs to the classic IDs), the
 * fixture paired with that modern form (`fixture-paired`: classic, with the modern IDs as aliases),
 * the next release of the fixture (`fixture-next`: release 0.2, one occupation renamed — an upgrade
 * to install over `fixture`) and (when ../shared/onet is present) the real O*NET 29.3 snapshot into
 * build/test-snapshots/<name>/ (manifest.json, the snapshot file and one file per section, see
 * docs/snapshot-format.md). Node tests load them from disk; browser tests fetch them from the Vite
 * dev server, which serves the repository, so every file beside a manifest is reachable at its URL
 * (test/browser/section-files.test.ts). A snapshot is rebuilt only when its inputs (source files,
 * builder and codec code) changed since the last run, keyed by a fingerprint file.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSnapshot, writeSnapshot, type BuildOptions } from '../../tools/snapshot/index.js';
import { toModernLayout } from '../support/modern-layout.js';
import { NEXT_RELEASE, REAL_EXTRAS, REAL_SOURCE, RENAMED_TITLE, TEST_SNAPSHOT_DIR, TEST_SOURCE_DIR } from '../support/paths.js';

const root = resolve(import.meta.dirname, '../..');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** Fingerprint of the inputs: data files by name/size/mtime, builder and codec code (and `code` files) by content. */
function fingerprint(dataDirs: string[], code: string[] = []): string {
  const hash = createHash('sha256');
  for (const file of dataDirs.flatMap(listFiles)) {
    const s = statSync(file);
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  for (const file of [...listFiles(resolve(root, 'tools/snapshot')), ...listFiles(resolve(root, 'src/snapshot')), ...code]) hash.update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * Builds `name` unless its fingerprint is unchanged. `prepare` (run only when building) writes a
 * derived source first; `inputs` are what the fingerprint covers (default: source and extras).
 */
async function ensureSnapshot(name: string, options: BuildOptions & { extras: string }, extra: { inputs?: string[]; code?: string[]; prepare?: () => void } = {}): Promise<void> {
  const out = resolve(root, TEST_SNAPSHOT_DIR, name);
  const stamp = join(out, 'fingerprint');
  const print = fingerprint(extra.inputs ?? [options.source, options.extras], extra.code);
  if (existsSync(join(out, 'manifest.json')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === print) return;
  extra.prepare?.();
  writeSnapshot(await buildSnapshot(options), out);
  writeFileSync(stamp, print);
}

export default async function setup(): Promise<void> {
  const fixture = resolve(root, 'fixtures/onet');
  const fixtureExtras = resolve(root, 'fixtures/extras');
  await ensureSnapshot('fixture', { source: fixture, extras: fixtureExtras });
  // The classic fixture in the modern layout (same data, modern file names and DWA/IWA IDs).
  const modernSource = resolve(root, TEST_SOURCE_DIR, 'fixture-modern');
  const modern = {
    inputs: [fixture, fixtureExtras],
    code: [resolve(root, 'test/support/modern-layout.ts')],
    prepare: () => {
      rmSync(modernSource, { recursive: true, force: true });
      toModernLayout(fixture, modernSource);
    },
  };
  await ensureSnapshot('fixture-modern', { source: modernSource, extras: fixtureExtras, pairWith: fixture }, modern);
  // The classic fixture paired the other way: its DWAs also answer to their modern IDs.
  await ensureSnapshot('fixture-paired', { source: fixture, extras: fixtureExtras, pairWith: modernSource }, modern);
  // The fixture's next release: what an upgrade installs over `fixture` (test/browser/heal.test.ts).
  const nextSource = resolve(root, TEST_SOURCE_DIR, 'fixture-next');
  await ensureSnapshot(
    'fixture-next',
    { source: nextSource, extras: fixtureExtras, release: NEXT_RELEASE },
    {
      inputs: [fixture, fixtureExtras],
      code: [resolve(root, 'test/support/paths.ts')],
      prepare: () => {
        rmSync(nextSource, { recursive: true, force: true });
        cpSync(fixture, nextSource, { recursive: true });
        const file = join(nextSource, 'Occupation Data.txt');
        const text = readFileSync(file, 'utf8');
        if (!text.includes(`\t${RENAMED_TITLE[0]}\t`)) throw new Error(`fixture-next: no occupation titled ${RENAMED_TITLE[0]}`);
        writeFileSync(file, text.replace(`\t${RENAMED_TITLE[0]}\t`, `\t${RENAMED_TITLE[1]}\t`));
      },
    },
  );
  if (existsSync(resolve(root, REAL_SOURCE))) {
    await ensureSnapshot('real', { source: resolve(root, REAL_SOURCE), extras: resolve(root, REAL_EXTRAS) });
  } else {
    console.warn(`\n[onet-match] ${REAL_SOURCE} not found: real-data checks are skipped.\n`);
  }
}
