/**
 * A snapshot loaded from its section files (manifest `sections[].file`), one section at a time.
 *
 * Each section comes from the first of:
 *   1. the pending install stored so far (an earlier load of the same snapshot that was closed
 *      mid-install, or another tab installing it now): checked against the digest stored with it;
 *   2. the installed snapshot, when the section's file is the same in both manifests (same sha256;
 *      every section, when the manifest announces the installed snapshot itself): read when first
 *      needed and checked against the install's digest — this is what makes an update download
 *      only the sections that changed, and a warm start read only what its first answers need;
 *   3. the network: the file is downloaded, checked against the manifest's size and sha256, and
 *      inflated to exactly its announced size.
 * A section from the network is stored as soon as the background work started: in the pending
 * install, so a load that is interrupted resumes with only the missing ones; or, on a warm start
 * (its stored copy was damaged), back into the installed snapshot.
 *
 * The snapshot's tables are decoded (with every check of the codec) on their first access after
 * their section arrived; before that, an access throws SectionPendingError, which the Worker
 * answers by {@link SectionLoader.require}-ing the section and running the query again.
 */
import { OnetError, toOnetError } from '../src/errors.js';
import { checkInflated, decodeAvailableSections, schemaEntry, SectionPendingError, type RawSection, type SectionEntry } from '../src/snapshot/codec.js';
import type { Manifest, SectionFile } from '../src/snapshot/manifest.js';
import type { Snapshot, SnapshotInfo, TableName } from '../src/snapshot/schema.js';
import { downloadSection, sectionUrlFor, sha256Hex } from './fetch.js';
import { platformInflater } from './inflate.js';
import type { LoadContext } from './load-context.js';
import type { ActiveRecord, PendingRecord, SnapshotStore } from './store.js';

/** Sections of a snapshot, arriving from storage or the network; see the module comment. */
export interface SectionLoader {
  /** The snapshot over the sections (tables of sections not here yet throw SectionPendingError). */
  readonly snapshot: Snapshot;
  /** The pending install the sections are stored under (undefined until one is stored, or when storage failed). */
  readonly pending: PendingRecord | undefined;
  /** Why sections are not being stored (the first storage failure), else null. */
  readonly storageError: OnetError | null;
  /**
   * Resolves once `name`'s section is here, downloading it now if need be (a second call joins the
   * first); at once for a table the snapshot does not have. Rejects with the download's typed
   * error; the next call tries again.
   */
  require(name: TableName): Promise<void>;
  /**
   * Every section, in manifest order, once all are here. Downloads the missing ones one at a time
   * (a query's {@link require} runs beside them), awaiting `beforeEach` before each download —
   * the Worker passes "until idle", so background downloads yield to queries.
   */
  requireAll(beforeEach?: () => Promise<void>): Promise<RawSection[]>;
  /** Bytes of the sections still to download (0 once every section is here or in flight). */
  readonly remainingBytes: number;
  /** Bytes downloaded so far by this loader. */
  readonly downloadedBytes: number;
  /** The sections whose stored copy in the installed snapshot was unusable (missing, or not what was installed). */
  readonly damaged: readonly TableName[];
}

/** Options of {@link openSectionLoader}. */
export interface SectionLoaderOptions {
  /**
   * The installed snapshot, for the sections whose files did not change (see the module comment).
   * Only an install that recorded its digests is read: nothing else shows its bytes are the checked ones.
   */
  readonly installed?: ActiveRecord;
  /**
   * Where downloaded sections are stored: 'pending' (default) under a pending install of the
   * manifest's snapshot; 'installed' when the manifest announces the installed snapshot itself (a
   * warm start): nothing is pending, and a section downloaded because its stored copy was damaged
   * is written back into the install.
   */
  readonly storeInto?: 'pending' | 'installed';
  /**
   * Download progress: the bytes of every section downloaded or in flight so far, and the bytes to
   * download in all (what was missing when the loader opened). Called in about 1 % steps and after
   * each section, so that a slow download is never silent.
   */
  readonly onBytes?: (downloaded: number, total: number) => void;
}

/** Opens the loader: joins or starts the pending install and collects the sections already at hand. */
export async function openSectionLoader(
  ctx: LoadContext,
  store: SnapshotStore,
  manifest: Manifest,
  files: { info: SnapshotInfo; sections: readonly SectionFile[] },
  options: SectionLoaderOptions = {},
): Promise<SectionLoader> {
  const { info } = files;
  const here = new Map<TableName, RawSection>();
  const entries = new Map<TableName, SectionEntry>();
  const fileOf = new Map<TableName, SectionFile>();
  for (const section of files.sections) {
    const name = section.name as TableName;
    entries.set(name, schemaEntry(name, section.rows, section.bytes, section.rawBytes));
    fileOf.set(name, section);
  }
  const names = [...entries.keys()];
  /** Takes a section found in storage when it fits the manifest's entry (else it is downloaded). */
  const accept = (section: RawSection): void => {
    const entry = entries.get(section.entry.name);
    if (entry && section.entry.rows === entry.rows && section.data.length === entry.rawBytes) here.set(entry.name, { entry, data: section.data });
  };

  let storageError: OnetError | null = null;
  const storageFailed = (error: unknown) => {
    storageError ??= toOnetError(error, 'STORAGE');
  };

  const installed = options.installed?.digests ? options.installed : undefined;
  const intoInstalled = options.storeInto === 'installed' && installed !== undefined;

  // 1. The pending install of this very snapshot, if one was started: looked up read-only, so a
  // first visit pays no write before its first download (the record is written when the first
  // section is stored). A warm start has none to look up.
  let pending: PendingRecord | undefined;
  if (!intoInstalled) {
    try {
      const found = await store.readPending();
      if (found?.sha256 === manifest.sha256) {
        pending = found;
        for (const { section, digest } of await store.readPendingSections(found, names)) {
          if ((await sha256Hex(section.data as Uint8Array<ArrayBuffer>)) === digest) accept(section);
        }
      }
    } catch (error) {
      ctx.checkAbort();
      storageFailed(error);
      ctx.warnings.push(`Sections will not be stored as they arrive (${toOnetError(error).message})`);
    }
    ctx.checkAbort();
  }

  // 2. Unchanged sections of the installed snapshot (read when first needed), with the digest each
  // must have.
  const unchanged = new Map<TableName, string>();
  if (installed) {
    const sameSnapshot = installed.sha256 === manifest.sha256;
    const oldFiles = new Map(installed.manifest.sections.map((old) => [old.name, old.sha256]));
    installed.sections.forEach((name, i) => {
      const now = fileOf.get(name);
      const oldSha = oldFiles.get(name);
      if (now && !here.has(name) && (sameSnapshot || (oldSha !== undefined && oldSha === now.sha256))) unchanged.set(name, installed.digests![i]!);
    });
  }
  const damaged: TableName[] = [];
  // Reads asked for in the same turn (a route's tables) share one transaction.
  let batch: { names: TableName[]; read: Promise<Map<TableName, RawSection>> } | undefined;
  const readBatched = (name: TableName): Promise<RawSection | undefined> => {
    if (!batch) {
      const names: TableName[] = [];
      const read = Promise.resolve().then(async () => {
        batch = undefined;
        return new Map((await store.readInstalledSections(installed!, names)).map((section) => [section.entry.name, section]));
      });
      batch = { names, read };
    }
    batch.names.push(name);
    return batch.read.then((found) => found.get(name));
  };
  /** Whether the installed snapshot is no longer the active one (a store that cannot tell: no). */
  const superseded = async (): Promise<boolean> => {
    try {
      return (await store.readActive())?.installId !== installed!.installId;
    } catch {
      return false;
    }
  };
  /** The installed copy of `name` when it is there and what was installed, else undefined (with a warning). */
  const fromInstalled = async (name: TableName): Promise<RawSection | undefined> => {
    const digest = unchanged.get(name);
    if (digest === undefined) return undefined;
    unchanged.delete(name); // one try: a copy found unusable is downloaded
    try {
      const section = await readBatched(name);
      ctx.checkAbort();
      const entry = entries.get(name)!;
      if (section && section.entry.rows === entry.rows && section.data.length === entry.rawBytes && (await sha256Hex(section.data as Uint8Array<ArrayBuffer>)) === digest) {
        return { entry, data: section.data };
      }
      if (!section && (await superseded())) {
        // Not damage: another tab installed a newer snapshot and swept this one's sections.
        ctx.warnings.push(`The installed section ${name} was removed by a newer install and is downloaded again`);
        return undefined;
      }
      damaged.push(name);
      ctx.warnings.push(`The installed section ${name} is ${section ? 'not what was installed' : 'missing'} (damaged in storage) and is downloaded again`);
    } catch (error) {
      ctx.checkAbort();
      ctx.warnings.push(`The installed section ${name} could not be read and is downloaded again (${toOnetError(error).message})`);
    }
    return undefined;
  };

  // 3. The network, for the rest.
  const inflate = ctx.options.inflater ?? platformInflater();
  const inFlight = new Map<TableName, Promise<void>>();
  const total = names.reduce((sum, name) => sum + (here.has(name) || unchanged.has(name) ? 0 : entries.get(name)!.bytes), 0);
  let downloaded = 0;
  let storing: Promise<void> = Promise.resolve();
  // Sections are stored once the background work starts (persist, from requireAll): before, the
  // writes would compete with the first answers for the thread and the disk.
  let persisting = false;
  const unstored: RawSection[] = [];
  let starting: Promise<PendingRecord> | undefined;
  const storeSection = (section: RawSection) => {
    storing = storing.then(async () => {
      if (storageError) return;
      try {
        const digest = await sha256Hex(section.data as Uint8Array<ArrayBuffer>);
        if (intoInstalled) {
          const i = installed.sections.indexOf(section.entry.name);
          // Only the bytes that were installed go back (a snapshot is deterministic, so they are).
          if (installed.digests![i] === digest) await store.repairSection(installed, section);
          return;
        }
        pending ??= await (starting ??= store.beginPending(manifest.sha256, info.release));
        await store.putPendingSection(pending, section, digest);
      } catch (error) {
        storageFailed(error);
      }
    });
  };
  // Bytes of the sections in flight, for progress.
  const partial = new Map<TableName, number>();
  const step = Math.max(1, Math.floor(total / 100));
  let reported = 0;
  const report = (force: boolean) => {
    let sum = downloaded;
    for (const n of partial.values()) sum += n;
    if (!force && sum - reported < step) return;
    reported = sum;
    options.onBytes?.(sum, total);
  };

  const fetchSection = async (name: TableName): Promise<void> => {
    ctx.checkAbort();
    const file = fileOf.get(name)!;
    const entry = entries.get(name)!;
    const bytes = await downloadSection(sectionUrlFor(file, ctx.options.manifestUrl), file, {
      fetcher: ctx.options.fetcher,
      signal: ctx.options.signal,
      timeoutMs: ctx.timeoutMs,
      allowedOrigins: ctx.options.allowedOrigins,
      onBytes: (loaded) => {
        partial.set(name, loaded);
        report(false);
      },
    });
    partial.delete(name);
    ctx.checkAbort();
    let data: Uint8Array;
    try {
      data = await inflate(bytes, entry.rawBytes);
    } catch {
      throw new OnetError('SNAPSHOT_CORRUPT', `Snapshot is corrupt: section ${name} does not inflate`, { field: 'manifestUrl' });
    }
    const section = checkInflated(entry, data);
    ctx.checkAbort();
    here.set(name, section);
    downloaded += entry.bytes;
    report(true);
    // Stored in arrival order; a failure only means a resume downloads it again.
    if (persisting) storeSection(section);
    else unstored.push(section);
  };

  const persist = () => {
    if (persisting) return;
    persisting = true;
    for (const section of unstored.splice(0)) storeSection(section);
  };

  const require = (name: TableName): Promise<void> => {
    if (here.has(name)) return Promise.resolve();
    // A table the snapshot does not have: nothing to wait for (reading it gives undefined).
    if (!entries.has(name)) return Promise.resolve();
    let request = inFlight.get(name);
    if (!request) {
      request = fromInstalled(name).then((section) => (section ? void here.set(name, section) : fetchSection(name)));
      request = request.finally(() => {
        inFlight.delete(name);
        partial.delete(name);
      });
      inFlight.set(name, request);
    }
    return request;
  };

  return {
    snapshot: decodeAvailableSections(
      info,
      names.map((name) => entries.get(name)!),
      (name) => here.get(name),
    ),
    get pending() {
      return pending;
    },
    get storageError() {
      return storageError;
    },
    require,
    async requireAll(beforeEach) {
      // Storing starts with the background work, not before: the first answers come first.
      await beforeEach?.();
      persist();
      for (const name of names) {
        if (here.has(name)) continue;
        if (!inFlight.has(name)) await beforeEach?.();
        await require(name);
      }
      await storing;
      return names.map((name) => here.get(name)!);
    },
    get remainingBytes() {
      return names.reduce((sum, name) => sum + (here.has(name) || inFlight.has(name) || unchanged.has(name) ? 0 : entries.get(name)!.bytes), 0);
    },
    get downloadedBytes() {
      return downloaded;
    },
    damaged,
  };
}

/** How many sections one run may wait for (every table once, and then some): a bound, not a budget. */
const MAX_SECTION_WAITS = 64;

/**
 * Runs `run` (a query, building an engine) over a loader's snapshot: each time it reads a table
 * whose section is not here yet, waits for that section and runs it again. Engine functions are
 * pure over the snapshot and cache only what they finished building, so a run cut short by a
 * missing section leaves nothing half-built behind.
 */
export async function withSections<T>(loader: SectionLoader | undefined, run: () => T): Promise<T> {
  for (let waits = 0; ; waits++) {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof SectionPendingError) || !loader || waits >= MAX_SECTION_WAITS) throw error;
      await loader.require(error.table);
    }
  }
}

/**
 * One step per table that decodes it if it is not decoded yet (with the codec's checks), so nothing
 * unchecked is installed; separate steps so that idle-time work can let queries in between.
 */
export function decodeSteps(snapshot: Snapshot): (() => void)[] {
  return Object.keys(snapshot.tables).map((name) => () => void snapshot.tables[name as TableName]);
}
