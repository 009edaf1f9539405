/**
 * The IndexedDB store seen through the page's preload (src/api/preload.ts reads the installed
 * snapshot while the Worker boots; the shape is {@link PreloadedInstall} in src/protocol.ts).
 */
import { OnetError } from '../src/errors.js';
import { PRELOADED_TABLES, type PreloadedInstall } from '../src/protocol.js';
import type { RawSection } from '../src/snapshot/codec.js';
import type { TableName } from '../src/snapshot/schema.js';
import { checkSection, corruptStore, isActiveRecord, type ActiveRecord, type SnapshotStore } from './store.js';

/** A preload that passed the same checks as a read of our own. */
export interface CheckedPreload {
  readonly record: ActiveRecord;
  /** The preloaded sections that passed (those of PRELOADED_TABLES the record lists, at most). */
  readonly sections: ReadonlyMap<TableName, RawSection>;
}

/**
 * Checks a preload exactly like {@link SnapshotStore.readActive} + {@link SnapshotStore.readSections}
 * check their reads; undefined when the record is off (the loader then reads for itself). A
 * section that does not pass is left out: the store reads it again.
 */
export function checkPreload(input: PreloadedInstall | undefined): CheckedPreload | undefined {
  if (!input || !isActiveRecord(input.record) || !Array.isArray(input.sections)) return undefined;
  const record = input.record;
  const sections = new Map<TableName, RawSection>();
  for (const value of input.sections) {
    const name = (value as { entry?: { name?: unknown } } | null)?.entry?.name;
    if (typeof name !== 'string' || !PRELOADED_TABLES.includes(name) || !record.sections.includes(name as TableName)) continue;
    try {
      sections.set(name as TableName, checkSection(value, name as TableName));
    } catch {
      // read again from the store
    }
  }
  return { record, sections };
}

/**
 * The IndexedDB store seen through a preload: the installed record and its preloaded sections are
 * answered without touching IndexedDB; anything else (the other sections, another install, a new
 * install) goes to the real store, which is opened at once (almost every load needs it, and the
 * connection is then ready when the first query reads its sections).
 */
export function preloadedStore(preload: CheckedPreload, open: () => Promise<SnapshotStore>): SnapshotStore {
  const opening = open();
  opening.catch(() => undefined); // reported by the first call that needs it
  let closed = false;
  const real = async () => {
    if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
    return opening;
  };
  const isPreloaded = (record: ActiveRecord) => record === preload.record || record.installId === preload.record.installId;
  /** The preloaded sections of `names` and, read from the real store, the others (missing ones left out). */
  const readSome = async (record: ActiveRecord, names: readonly TableName[]): Promise<RawSection[]> => {
    if (!isPreloaded(record)) return (await real()).readInstalledSections(record, names);
    const rest = names.filter((name) => !preload.sections.has(name));
    const read = rest.length > 0 ? new Map((await (await real()).readInstalledSections(record, rest)).map((s) => [s.entry.name, s])) : undefined;
    return names.flatMap((name) => preload.sections.get(name) ?? read?.get(name) ?? []);
  };
  let recordRead = false;
  return {
    kind: 'indexeddb',
    async readActive() {
      if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
      // The load's own read is the preload's record; a later one asks what is active now (another
      // tab may have installed since).
      if (recordRead) return (await real()).readActive();
      recordRead = true;
      return preload.record;
    },
    async readSections(record) {
      if (!isPreloaded(record)) return (await real()).readSections(record);
      const sections = await readSome(record, record.sections);
      if (sections.length !== record.sections.length) {
        const missing = record.sections.find((name) => !sections.some((s) => s.entry.name === name));
        throw corruptStore(`section ${missing} is missing`);
      }
      return sections;
    },
    readInstalledSections: readSome,
    async repairSection(record, section) {
      return (await real()).repairSection(record, section);
    },
    async install(record, sections, signal, pending) {
      return (await real()).install(record, sections, signal, pending);
    },
    async beginPending(sha256, release) {
      return (await real()).beginPending(sha256, release);
    },
    async readPending() {
      return (await real()).readPending();
    },
    async putPendingSection(pending, section, digest) {
      return (await real()).putPendingSection(pending, section, digest);
    },
    async readPendingSections(pending, names) {
      return (await real()).readPendingSections(pending, names);
    },
    close() {
      closed = true;
      void opening.then(
        (store) => store.close(),
        () => undefined,
      );
    },
  };
}
