/**
 * Load step 2: a warm start from the store — the installed sections, decoded lazily, and the
 * engine built over them. The sections are read as soon as the store is open, while the manifest
 * is still in flight: when it confirms the installed release (the usual case) they are ready; when
 * it announces another, they are dropped (or serve as the fallback if the update fails).
 */
import { createEngine } from '../src/engine/engine.js';
import { OnetError, toOnetError } from '../src/errors.js';
import { decodeSections, type RawSection } from '../src/snapshot/codec.js';
import type { LoadContext } from './load-context.js';
import type { LoadResult } from './loader.js';
import type { OpenedStore } from './open-store.js';
import type { ActiveRecord } from './store.js';

/** Warm-starts from a record of the opened store. */
export interface WarmStarter {
  /**
   * The result of a warm start from `record`, or undefined (with a warning) when the store's copy
   * is unusable. `updateError` is reported in the result (a failed update served from here).
   */
  fromStore(record: ActiveRecord, updateError: OnetError | null): Promise<LoadResult | undefined>;
}

/** Starts reading the active record's sections now and returns the warm starter over them. */
export function warmStarter(ctx: LoadContext, opened: OpenedStore): WarmStarter {
  const { store, active: installed } = opened;
  const installedSections = installed ? store.readSections(installed) : undefined;
  installedSections?.catch(() => undefined);
  const readSections = (record: ActiveRecord): Promise<RawSection[]> =>
    record === installed && installedSections ? installedSections : store.readSections(record);

  return {
    async fromStore(record, updateError) {
      try {
        const sections = await readSections(record);
        ctx.checkAbort();
        ctx.emit('decode');
        // Lazy: these sections were fully decoded and checked when they were installed.
        const snapshot = decodeSections(record.info, sections, { lazy: true });
        ctx.emit('index');
        const engine = createEngine(snapshot, ctx.options.engineOptions);
        ctx.emit('ready');
        return {
          snapshot, engine, source: 'cache', storage: store.kind, release: snapshot.info.release, sha256: record.sha256,
          info: snapshot.info, warnings: ctx.warnings, updateError, storageError: opened.storageError,
        };
      } catch (error) {
        ctx.checkAbort();
        const e = toOnetError(error);
        if (e.code === 'ABORTED') throw e;
        ctx.warnings.push(`The installed snapshot (release ${record.release}) could not be loaded and is ignored: ${e.message}`);
        return undefined;
      }
    },
  };
}
