/**
 * Load step 2: a warm start from the store — every installed section, checked against the digests
 * the install recorded, decoded lazily, and the engine built over them. Used when the manifest
 * has no section files, offline, and to serve the installed release after a failed update; with
 * section files a warm start reads only what its first answers need (startFromInstalled in
 * ./section-install.ts).
 */
import { createEngine } from '../src/engine/engine.js';
import { OnetError, toOnetError } from '../src/errors.js';
import { decodeSections, type RawSection } from '../src/snapshot/codec.js';
import { checkDigests, sectionDigests } from './digests.js';
import type { LoadContext } from './load-context.js';
import type { LoadResult } from './loader.js';
import type { OpenedStore } from './open-store.js';
import { smokeCheck } from './smoke.js';
import type { ActiveRecord, SnapshotStore } from './store.js';

/** A warm start's outcome: the result, or why the store's copy is unusable. */
export type WarmStart = { readonly result: LoadResult; readonly failure?: undefined } | { readonly result?: undefined; readonly failure: OnetError };

/** Warm-starts from a record of the opened store. */
export interface WarmStarter {
  /**
   * A warm start from `record`, or (with a warning) the reason the store's copy is unusable: a
   * section missing or malformed, bytes that differ from the installed ones, a decode error, or
   * smoke checks that fail. `updateError` is reported in the result (a failed update served from here).
   */
  fromStore(record: ActiveRecord, updateError: OnetError | null): Promise<WarmStart>;
}

/** The warm starter over the opened store. */
export function warmStarter(ctx: LoadContext, opened: OpenedStore): WarmStarter {
  const { store } = opened;

  return {
    async fromStore(record, updateError) {
      try {
        const sections = await store.readSections(record);
        const unchanged = await checkDigests(record, sections);
        ctx.checkAbort();
        ctx.emit('decode');
        // Lazy: these bytes are the ones that were fully decoded and smoke-checked at install.
        const snapshot = decodeSections(record.info, sections, { lazy: true });
        ctx.emit('index');
        const engine = createEngine(snapshot, ctx.options.engineOptions);
        // Without digests nothing shows the bytes are the checked ones: check what they serve now,
        // and record the digests once they passed, so that later warm starts need not check again.
        if (!unchanged) {
          smokeCheck(engine, snapshot);
          await recordDigests(ctx, store, record, sections);
        }
        ctx.emit('ready');
        const result: LoadResult = {
          snapshot,
          engine,
          source: 'cache',
          storage: store.kind,
          release: snapshot.info.release,
          sha256: record.sha256,
          info: snapshot.info,
          warnings: ctx.warnings,
          updateError,
          storageError: opened.storageError,
          previousRelease: null,
          repaired: null,
        };
        return { result };
      } catch (error) {
        ctx.checkAbort();
        const e = toOnetError(error);
        if (e.code === 'ABORTED') throw e;
        ctx.warnings.push(`The installed snapshot (release ${record.release}) could not be loaded and is ignored: ${e.message}`);
        return { failure: e };
      }
    },
  };
}

/**
 * Re-installs a record that has no digests (an install by a build that did not take them) with its
 * digests, from the sections just checked: one store write, once, instead of the smoke checks on
 * every later warm start. Best effort: a failed write only means the checks run again next time.
 */
async function recordDigests(ctx: LoadContext, store: SnapshotStore, record: ActiveRecord, sections: readonly RawSection[]): Promise<void> {
  const { installId: _id, installedAt: _at, sections: _names, ...rest } = record;
  try {
    await store.install({ ...rest, digests: await sectionDigests(sections) }, sections, ctx.options.signal);
  } catch (error) {
    ctx.checkAbort();
    ctx.warnings.push(`The installed snapshot was checked but its digests could not be recorded: ${toOnetError(error).message}`);
  }
}
