/**
 * The IndexedDB store seen through the page's preload (src/api/preload.ts reads the installed
 * snapshot while the Worker boots; the shape is {@link PreloadedInstall} in src/protocol.ts).
 */
import { OnetError } from '../src/errors.js';
import type { PreloadedInstall } from '../src/protocol.js';
import type { RawSection } from '../src/snapshot/codec.js';
import { checkSection, isActiveRecord, type ActiveRecord, type SnapshotStore } from './store.js';

/** A preload that passed the same checks as a read of our own. */
export interface CheckedPreload {
  readonly record: ActiveRecord;
  readonly sections: RawSection[];
}

/**
 * Checks a preload exactly like {@link SnapshotStore.readActive} + {@link SnapshotStore.readSections}
 * check their reads; undefined when anything is off (the loader then reads for itself).
 */
export function checkPreload(input: PreloadedInstall | undefined): CheckedPreload | undefined {
  if (!input || !isActiveRecord(input.record) || !Array.isArray(input.sections)) return undefined;
  const record = input.record;
  if (input.sections.length !== record.sections.length) return undefined;
  try {
    return { record, sections: record.sections.map((table, i) => checkSection(input.sections[i], table)) };
  } catch {
    return undefined;
  }
}

/**
 * The IndexedDB store seen through a preload: the installed record and its sections are answered
 * from the preload without touching IndexedDB; anything else (another install's sections, a new
 * install) opens the real store first, once. A warm start from a preload therefore opens no
 * connection in the Worker at all.
 */
export function preloadedStore(preload: CheckedPreload, open: () => Promise<SnapshotStore>): SnapshotStore {
  let opening: Promise<SnapshotStore> | undefined;
  let closed = false;
  const real = async () => {
    if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
    return (opening ??= open());
  };
  return {
    kind: 'indexeddb',
    async readActive() {
      if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
      return preload.record;
    },
    async readSections(record) {
      if (record === preload.record) return preload.sections;
      return (await real()).readSections(record);
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
      void opening?.then(
        (store) => store.close(),
        () => undefined,
      );
    },
  };
}
