/**
 * Where installed snapshots live between page loads.
 *
 * The loader only sees the narrow {@link SnapshotStore} interface, so the install/warm-start logic is
 * tested against real IndexedDB and against memory alike, and a browser without usable IndexedDB
 * (private mode, blocked upgrade, storage disabled) degrades to {@link createMemoryStore}.
 *
 * Implementations, one module each: ./store-idb.ts (IndexedDB), ./store-memory.ts (the fallback),
 * ./store-preloaded.ts (IndexedDB seen through what the page already read). This module holds the
 * interface, the records and the checks every implementation applies to what it reads.
 *
 * IndexedDB layout (names and version in src/protocol.ts, shared with the page's preloader):
 *   `sections`  key [installId, tableName] → {@link StoredSection} (inflated section bytes)
 *   `meta`      key 'active'               → {@link ActiveRecord}
 *               key 'pending'              → {@link PendingRecord} (an install still being stored)
 *
 * Atomicity: {@link SnapshotStore.install} writes every section of a NEW installId and flips
 * `meta.active` in ONE readwrite transaction. IndexedDB commits a transaction entirely or not at
 * all (also when the tab is killed mid-write), so a reader sees either the old record with the old
 * sections or the new record with all new sections. Old sections are deleted by a second
 * transaction after the commit; if that one never runs, the leftovers are unreachable garbage that
 * the next install sweeps. See docs/install-and-storage.md.
 *
 * Installs from section files store each section as it arrives, under the installId of a
 * {@link PendingRecord}, one small transaction per section, so that a load interrupted by a
 * closed tab resumes with only the missing sections. Such sections are unreachable for readers
 * of `active` until the commit, which checks inside its one transaction that every section is
 * stored under that installId (writing any that is not) and flips `meta.active`: a release still
 * counts as installed only when all of its sections are.
 */
import { OnetError } from '../src/errors.js';
import { FORMAT_VERSION, type RawSection, type SectionEntry } from '../src/snapshot/codec.js';
import type { Manifest } from '../src/snapshot/manifest.js';
import { SCHEMA, type SnapshotInfo, type TableName } from '../src/snapshot/schema.js';

/** The installed snapshot's metadata: everything needed to warm-start without the network. */
export interface ActiveRecord {
  /** Unique per install, so a new install never overwrites keys the active one still uses. */
  readonly installId: string;
  /** O*NET release of the installed snapshot. */
  readonly release: string;
  /** sha256 of the snapshot file it came from; compared with the manifest to decide on a warm start. */
  readonly sha256: string;
  /** Container format version of the stored sections; another version is ignored, not decoded. */
  readonly formatVersion: number;
  /** Snapshot info from the container header (decodeSections needs it). */
  readonly info: SnapshotInfo;
  /** The manifest it was installed from. */
  readonly manifest: Manifest;
  /** Table names of the stored sections, in container order: the completeness check on read. */
  readonly sections: readonly TableName[];
  /** Epoch milliseconds of the commit. */
  readonly installedAt: number;
  /**
   * Lower-case hex sha256 of each stored section's bytes, in {@link sections} order, taken when the
   * install passed its smoke checks (worker/smoke.ts). A warm start compares them with what it
   * reads: equal bytes are the bytes that were checked, so the checks need not run again; a
   * difference is damage in storage. Absent in installs by builds that did not record them: those
   * are smoke-checked on their next warm start instead, which then records them.
   */
  readonly digests?: readonly string[];
}

/**
 * An install whose sections are being stored one by one (meta key 'pending'). Two tabs loading the
 * same snapshot join the same pending install; a load of another snapshot replaces it (the
 * sections of the replaced one are swept at the next commit).
 */
export interface PendingRecord {
  /** The installId the sections are stored under, and the one the commit makes active. */
  readonly installId: string;
  /** sha256 of the snapshot file (from the manifest) this install is for. */
  readonly sha256: string;
  /** Its release, for messages. */
  readonly release: string;
  /** Epoch milliseconds of the start. */
  readonly startedAt: number;
}

/** A section stored for a pending install, and the sha256 of its bytes taken when it was stored. */
export interface PendingSection {
  readonly section: RawSection;
  readonly digest: string;
}

/** What the loader hands to {@link SnapshotStore.install}; the store assigns id and time. */
export type InstallRecord = Omit<ActiveRecord, 'installId' | 'installedAt' | 'sections'>;

/** One stored section: the container's entry and the inflated bytes. */
export interface StoredSection {
  readonly entry: SectionEntry;
  readonly data: Uint8Array;
  /** sha256 of `data`, for sections stored one by one for a pending install (checked on resume). */
  readonly digest?: string;
}

/**
 * Persistence of the installed snapshot. Implementations must make {@link install} atomic: after
 * it rejects, {@link readActive} and {@link readSections} behave exactly as before the call.
 */
export interface SnapshotStore {
  /** Which backend this is; reported to the caller so it knows whether the data survives a reload. */
  readonly kind: 'indexeddb' | 'memory';
  /** The installed snapshot's record, or undefined when nothing (usable) is installed. */
  readActive(): Promise<ActiveRecord | undefined>;
  /**
   * All sections of an install, in record order. Rejects with SNAPSHOT_CORRUPT when any section is
   * missing or malformed: a partial set is never returned.
   */
  readSections(record: ActiveRecord): Promise<RawSection[]>;
  /**
   * The sections of `names` stored for the install `record`, each checked like {@link readSections}
   * checks; missing or malformed ones are left out. A warm start reads sections as queries need
   * them, checks each against the install's digest and downloads again what it cannot use.
   */
  readInstalledSections(record: ActiveRecord, names: readonly TableName[]): Promise<RawSection[]>;
  /**
   * Writes `section` back into the install `record` in a transaction of its own: a section found
   * damaged and downloaded again, whose bytes the caller checked against the install's digest.
   * Resolves false, writing nothing, when `record` is no longer the active install.
   */
  repairSection(record: ActiveRecord, section: RawSection): Promise<boolean>;
  /**
   * Stores `sections` under a fresh installId and makes them the active snapshot, atomically.
   * Rejects with ABORTED when `signal` fires before the commit (nothing is changed), STORAGE when
   * the backend fails (nothing is changed). Resolves with the new active record.
   */
  install(record: InstallRecord, sections: readonly RawSection[], signal?: AbortSignal, pending?: PendingRecord): Promise<ActiveRecord>;
  /**
   * Starts the pending install of the snapshot with `sha256`, or joins the one already stored for it
   * (another tab's, or an earlier load's that was interrupted). With `pending` given to
   * {@link install}, the commit reuses its installId and the sections already stored under it.
   */
  beginPending(sha256: string, release: string): Promise<PendingRecord>;
  /** The pending install, if one is stored (read only: a load looks before it downloads). */
  readPending(): Promise<PendingRecord | undefined>;
  /** Stores one section of a pending install and its digest, in a transaction of its own. */
  putPendingSection(pending: PendingRecord, section: RawSection, digest: string): Promise<void>;
  /**
   * The sections of `names` already stored for `pending`, each checked like {@link readSections}
   * checks; missing or malformed ones are left out (they are downloaded again).
   */
  readPendingSections(pending: PendingRecord, names: readonly TableName[]): Promise<PendingSection[]>;
  /** Releases the backend (closes the IndexedDB connection). Later calls reject with STORAGE. */
  close(): void;
}

/** A fresh install id: random, so concurrent installs from two tabs never share keys. */
export function newInstallId(): string {
  const random =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return random;
}

/** The ABORTED error of an install stopped by `signal` (its own reason when that is an OnetError). */
export function abortedError(signal: AbortSignal): OnetError {
  const reason: unknown = signal.reason;
  if (reason instanceof OnetError) return reason;
  return new OnetError('ABORTED', 'The install was aborted', { cause: reason });
}

/** A STORAGE error; the load continues from memory. */
export function storageError(message: string, cause?: unknown): OnetError {
  return new OnetError('STORAGE', message, { cause, suggestion: 'The engine can still run from memory; the snapshot will be downloaded again next time.' });
}

/** SNAPSHOT_CORRUPT for a stored copy that cannot be used. */
export function corruptStore(message: string): OnetError {
  return new OnetError('SNAPSHOT_CORRUPT', `Installed snapshot is unusable: ${message}`);
}

/**
 * Checks a stored section against the schema before it reaches the decoder: storage is outside our
 * control (other code on the origin, disk corruption, an older build's layout), and the decoder
 * trusts `entry.columns`.
 */
export function checkSection(value: unknown, expected: TableName): RawSection {
  if (typeof value !== 'object' || value === null) throw corruptStore(`section ${expected} is missing`);
  const { entry, data } = value as Partial<StoredSection>;
  if (!(data instanceof Uint8Array)) throw corruptStore(`section ${expected} has no bytes`);
  if (typeof entry !== 'object' || entry === null || entry.name !== expected) throw corruptStore(`section ${expected} has a wrong entry`);
  if (!Number.isSafeInteger(entry.rows) || entry.rows < 0 || entry.rawBytes !== data.length) throw corruptStore(`section ${expected} has wrong sizes`);
  const spec = Object.entries(SCHEMA[expected].columns);
  const columns = entry.columns;
  if (!Array.isArray(columns) || columns.length !== spec.length) throw corruptStore(`section ${expected} has wrong columns`);
  for (let i = 0; i < spec.length; i++) {
    const c = columns[i] as unknown;
    if (!Array.isArray(c) || c[0] !== spec[i]![0] || c[1] !== spec[i]![1]) throw corruptStore(`section ${expected} has wrong columns`);
  }
  return { entry, data };
}

/**
 * The stored values (`values[i]` stored for `names[i]`) that pass {@link checkSection}; missing or
 * malformed ones are left out, for the caller to download again
 * ({@link SnapshotStore.readInstalledSections}).
 */
export function usableSections(names: readonly TableName[], values: readonly unknown[]): RawSection[] {
  return names.flatMap((name, i) => {
    try {
      return [checkSection(values[i], name)];
    } catch {
      return [];
    }
  });
}

/** Checks the shape of a stored pending record; anything else counts as "no pending install". */
export function isPendingRecord(value: unknown): value is PendingRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<PendingRecord>;
  return typeof r.installId === 'string' && typeof r.sha256 === 'string' && typeof r.release === 'string' && typeof r.startedAt === 'number';
}

/** Checks the shape of a stored record; anything else counts as "nothing installed". */
export function isActiveRecord(value: unknown): value is ActiveRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<ActiveRecord>;
  return (
    typeof r.installId === 'string' &&
    typeof r.release === 'string' &&
    typeof r.sha256 === 'string' &&
    r.formatVersion === FORMAT_VERSION &&
    typeof r.info === 'object' &&
    r.info !== null &&
    typeof r.manifest === 'object' &&
    r.manifest !== null &&
    Array.isArray(r.sections) &&
    r.sections.every((n) => typeof n === 'string' && Object.prototype.hasOwnProperty.call(SCHEMA, n)) &&
    typeof r.installedAt === 'number' &&
    (r.digests === undefined || (Array.isArray(r.digests) && r.digests.length === r.sections.length && r.digests.every((d) => typeof d === 'string')))
  );
}

/** The table names of an install's sections; INTERNAL on a duplicate (a loader bug, never data). */
export function checkInstallInput(sections: readonly RawSection[]): TableName[] {
  const names = sections.map((s) => s.entry.name);
  if (new Set(names).size !== names.length) throw new OnetError('INTERNAL', 'Duplicate section names in an install');
  return names;
}
