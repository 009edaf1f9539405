/**
 * Load step 3, from section files (./section-loader.ts): two ways to install a snapshot whose
 * manifest lists its sections as files of their own, and the warm start from such an install.
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
import type { SnapshotInfo, TableName } from '../src/snapshot/schema.js';
import { sectionDigests } from './digests.js';
import type { LoadContext } from './load-context.js';
import { installPrepared, type PreparedSnapshot } from './network-install.js';
import { decodeSteps, openSectionLoader, withSections, type SectionLoader, type SectionLoaderOptions } from './section-loader.js';
import { smokeCheck, smokeSteps } from './smoke.js';
import type { ActiveRecord, SnapshotStore } from './store.js';

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
  const engine = await engineOver(ctx, loader);
  answering = true;
  ctx.emit('ready', loader.downloadedBytes, manifest.bytes);
  return { loader, engine };
}

/**
 * A warm start from section files: the manifest announces the installed snapshot, whose install
 * recorded its digests. The engine is built over the sections it needs, read from the store and
 * checked against their digests; every other section is read when a query first needs it
 * (reading and hashing every section was most of a warm start), and {@link finishWarmStart}
 * reads and checks the rest in idle time. A section whose stored copy is damaged is downloaded
 * from its file and written back.
 */
export async function startFromInstalled(ctx: LoadContext, store: SnapshotStore, manifest: Manifest, files: SectionFiles, installed: ActiveRecord): Promise<StartedFromSections> {
  ctx.emit('decode');
  const loader = await openSectionLoader(ctx, store, manifest, files, { installed, storeInto: 'installed' });
  ctx.emit('index');
  const engine = await engineOver(ctx, loader);
  ctx.emit('ready');
  return { loader, engine };
}

/** The engine over a loader's snapshot, once the sections creating it reads are here. */
async function engineOver(ctx: LoadContext, loader: SectionLoader): Promise<Engine> {
  // The tables creating an engine reads, fetched together rather than one after the other as
  // createEngine would discover them; anything else it reads (an engine option) is fetched on demand.
  await Promise.all(OCCUPATION_INDEX_TABLES.map((name) => loader.require(name)));
  const engine = await withSections(loader, () => createEngine(loader.snapshot, ctx.options.engineOptions));
  ctx.checkAbort();
  return engine;
}

/** The outcome of a warm start's background check. */
export interface FinishedWarmStart {
  /** The sections whose stored copy was damaged and that were downloaded again (and written back unless `storageError`). */
  readonly damaged: readonly TableName[];
  /** Why a repaired section could not be written back, else null. */
  readonly storageError: OnetError | null;
}

/**
 * Completes a warm start from section files: reads every section not read yet, one per step
 * (awaiting `beforeEach`), each checked against the install's digest, and downloads and writes
 * back any that is damaged. Rejects when a damaged section cannot be downloaded (the engine keeps
 * answering; a query reading that table tries again).
 */
export async function finishWarmStart(loader: SectionLoader, beforeEach?: () => Promise<void>): Promise<FinishedWarmStart> {
  await loader.requireAll(beforeEach);
  return { damaged: [...loader.damaged], storageError: loader.storageError };
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
