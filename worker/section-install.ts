/**
 * Load step 3, from section files (./section-loader.ts): two ways to install a snapshot whose
 * manifest lists its sections as files of their own.
 *
 * - **Answer first** (nothing usable is installed): the engine is built as soon as the sections it
 *   needs to exist are here; the load resolves and queries are answered, each waiting only for
 *   the sections it reads. {@link finishInstall} then fetches the rest in idle time, decodes every
 *   table, runs the route-family checks (./smoke.ts) and commits the install atomically — the same
 *   checks as a whole-file install, after the first answer instead of before it.
 * - **Update** (another snapshot is installed and keeps answering meanwhile): only the sections
 *   whose file changed are downloaded, the others are taken from the installed snapshot; then the
 *   same checks and commit as a whole-file install, before the new snapshot is served
 *   ({@link prepareFromSections}), so a failed update falls back to the installed release.
 */
import { createEngine, type Engine } from '../src/engine/engine.js';
import { OCCUPATION_INDEX_TABLES } from '../src/engine/occupations.js';
import type { OnetError } from '../src/errors.js';
import type { Manifest, SectionFile } from '../src/snapshot/manifest.js';
import type { SnapshotInfo } from '../src/snapshot/schema.js';
import { sectionDigests } from './digests.js';
import type { LoadContext } from './load-context.js';
import { installPrepared, type PreparedSnapshot } from './network-install.js';
import { decodeSteps, openSectionLoader, withSections, type SectionLoader, type SectionLoaderOptions } from './section-loader.js';
import { smokeCheck, smokeSteps } from './smoke.js';
import type { SnapshotStore } from './store.js';

/** A manifest's section files (see sectionFilesOf). */
export type SectionFiles = { readonly info: SnapshotInfo; readonly sections: readonly SectionFile[] };

/** An engine answering from a snapshot whose sections are still arriving. */
export interface StartedFromSections {
  readonly loader: SectionLoader;
  readonly engine: Engine;
}

/** Answer first: builds the engine over the sections it needs (downloading just those) and returns. */
export async function startFromSections(ctx: LoadContext, store: SnapshotStore, manifest: Manifest, files: SectionFiles): Promise<StartedFromSections> {
  ctx.emit('download', 0, manifest.bytes);
  // Download progress until the engine answers, then the background install's (stage `install`).
  let answering = false;
  const loader = await openSectionLoader(ctx, store, manifest, files, {
    onBytes: (loaded, total) => (answering ? ctx.emit('install', loaded, total) : ctx.emit('download', loaded, manifest.bytes)),
  });
  // The tables creating an engine reads, fetched together rather than one after the other as
  // createEngine would discover them; anything else it reads (an engine option) is fetched on demand.
  await Promise.all(OCCUPATION_INDEX_TABLES.map((name) => loader.require(name)));
  const engine = await withSections(loader, () => createEngine(loader.snapshot, ctx.options.engineOptions));
  ctx.checkAbort();
  answering = true;
  ctx.emit('ready', loader.downloadedBytes, manifest.bytes);
  return { loader, engine };
}

/** The outcome of a background install. */
export interface FinishedInstall {
  readonly storage: 'indexeddb' | 'memory';
  readonly storageError: OnetError | null;
}

/**
 * Completes an answer-first load: every remaining section, every table decoded, the route-family
 * checks on the engine that is serving (each download, table and family awaits `beforeEach`), then the atomic
 * commit of the pending install. A storage failure (quota, a deleted database, …) is returned,
 * not thrown: the engine keeps answering from memory. A download or check failure rejects.
 */
export async function finishInstall(
  ctx: LoadContext,
  store: SnapshotStore,
  manifest: Manifest,
  started: StartedFromSections,
  beforeEach?: () => Promise<void>,
): Promise<FinishedInstall> {
  const { loader, engine } = started;
  const sections = await loader.requireAll(beforeEach);
  // One table, then one route family, per step, waiting for idle time in between: the checks
  // build indexes for a few hundred ms in all, and a user's query must not wait behind them.
  const snapshot = loader.snapshot;
  const steps = [...decodeSteps(snapshot), ...smokeSteps(engine, snapshot)];
  for (const step of steps) {
    ctx.checkAbort();
    await beforeEach?.();
    step();
  }
  ctx.checkAbort();
  const digests = await sectionDigests(sections);
  ctx.checkAbort();
  if (loader.storageError) return { storage: 'memory', storageError: loader.storageError };
  return installPrepared(ctx, store, manifest, { snapshot: loader.snapshot, engine, sections, digests }, loader.pending);
}

/**
 * An update from section files: downloads only the sections that are neither stored for this
 * snapshot already nor unchanged in `installed`, then decodes, indexes and checks like a
 * whole-file download. The caller installs the result (with `loader.pending`).
 */
export async function prepareFromSections(
  ctx: LoadContext,
  store: SnapshotStore,
  manifest: Manifest,
  files: SectionFiles,
  installed: SectionLoaderOptions['installed'],
): Promise<{ prepared: PreparedSnapshot; loader: SectionLoader }> {
  const loader = await openSectionLoader(ctx, store, manifest, files, {
    installed,
    onBytes: (loaded, total) => ctx.emit('download', loaded, total),
  });
  const total = loader.remainingBytes;
  ctx.emit('download', 0, total);
  const sections = await loader.requireAll();
  ctx.checkAbort();
  ctx.emit('decode', total, total);
  for (const decode of decodeSteps(loader.snapshot)) decode();
  ctx.checkAbort();
  ctx.emit('index', total, total);
  const engine = createEngine(loader.snapshot, ctx.options.engineOptions);
  smokeCheck(engine, loader.snapshot);
  const digests = await sectionDigests(sections);
  ctx.checkAbort();
  return { prepared: { snapshot: loader.snapshot, engine, sections, digests }, loader };
}
