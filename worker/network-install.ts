/**
 * Load step 3: a network install — download → verify → decompress → decode → index → smoke checks,
 * then the atomic install into the store. Decode, index and one query per route family
 * (./smoke.ts) run before the install so that only a snapshot the engine has actually answered
 * from ever replaces the installed one.
 */
import { createEngine, type Engine } from '../src/engine/engine.js';
import { OnetError, toOnetError } from '../src/errors.js';
import { decodeSections, inflateSectionsWith, type RawSection } from '../src/snapshot/codec.js';
import type { Manifest } from '../src/snapshot/manifest.js';
import type { Snapshot } from '../src/snapshot/schema.js';
import { downloadSnapshot, snapshotUrlFor, verifySnapshot } from './fetch.js';
import { sectionDigests } from './digests.js';
import { platformInflater } from './inflate.js';
import type { LoadContext } from './load-context.js';
import { smokeCheck } from './smoke.js';
import type { PendingRecord, SnapshotStore } from './store.js';

/** A downloaded, verified snapshot with its engine, ready to install. */
export interface PreparedSnapshot {
  readonly snapshot: Snapshot;
  readonly engine: Engine;
  /** The inflated sections (what the store keeps). */
  readonly sections: RawSection[];
  /** sha256 of each section, taken after the smoke checks passed (the record keeps them). */
  readonly digests: string[];
}

/** Downloads the snapshot `manifest` announces and builds its engine; rejects with the step's typed error. */
export async function prepareFromNetwork(ctx: LoadContext, manifest: Manifest): Promise<PreparedSnapshot> {
  const { options } = ctx;
  const url = snapshotUrlFor(manifest, options.manifestUrl, options.snapshotUrl);
  const total = manifest.bytes;
  ctx.emit('download', 0, total);
  // Throttle to ~1 % steps: each event may cross the Worker boundary.
  let reported = 0;
  const step = Math.max(1, Math.floor(total / 100));
  const bytes = await downloadSnapshot(url, manifest, {
    fetcher: options.fetcher,
    signal: options.signal,
    timeoutMs: ctx.timeoutMs,
    allowedOrigins: options.allowedOrigins,
    onBytes: (loaded) => {
      if (loaded - reported >= step || loaded === total) {
        reported = loaded;
        ctx.emit('download', loaded, total);
      }
    },
  });
  ctx.checkAbort();
  ctx.emit('verify', total, total);
  await verifySnapshot(bytes, manifest);
  ctx.checkAbort();
  ctx.emit('decompress', total, total);
  const { header, sections } = await inflateSectionsWith(bytes, options.inflater ?? platformInflater());
  if (header.info.release !== manifest.release) {
    ctx.warnings.push(`The manifest announces release ${manifest.release} but the snapshot holds ${header.info.release}; serving the snapshot's`);
  }
  ctx.checkAbort();
  ctx.emit('decode', total, total);
  const snapshot = decodeSections(header.info, sections);
  ctx.checkAbort();
  ctx.emit('index', total, total);
  const engine = createEngine(snapshot, options.engineOptions);
  ctx.checkAbort();
  // Part of the index stage: the queries build the indexes the first answers would build anyway.
  smokeCheck(engine, snapshot);
  const digests = await sectionDigests(sections);
  ctx.checkAbort();
  return { snapshot, engine, sections, digests };
}

/**
 * Installs a prepared snapshot atomically. A storage failure does not fail the load: the verified,
 * indexed snapshot is served from memory and the failure returned as `storageError` (fallback
 * policy 2). ABORTED rejects. `pending`: commit that pending install (its sections already stored
 * are not written again).
 */
export async function installPrepared(
  ctx: LoadContext,
  store: SnapshotStore,
  manifest: Manifest,
  prepared: PreparedSnapshot,
  pending?: PendingRecord,
): Promise<{ storage: 'indexeddb' | 'memory'; storageError: OnetError | null }> {
  const { snapshot, sections, digests } = prepared;
  ctx.emit('install', manifest.bytes, manifest.bytes);
  try {
    await store.install(
      { release: snapshot.info.release, sha256: manifest.sha256, formatVersion: manifest.formatVersion, info: snapshot.info, manifest, digests },
      sections,
      ctx.options.signal,
      pending,
    );
    return { storage: store.kind, storageError: null };
  } catch (error) {
    const e = toOnetError(error, 'STORAGE');
    ctx.checkAbort();
    if (e.code === 'ABORTED') throw e;
    ctx.warnings.push(`The snapshot could not be saved and will be downloaded again next time (${e.message})`);
    return { storage: 'memory', storageError: e };
  }
}
