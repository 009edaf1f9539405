/** The in-memory snapshot store: the fallback when IndexedDB is unusable, and `storage: 'memory'`. */
import { OnetError } from '../src/errors.js';
import type { RawSection } from '../src/snapshot/codec.js';
import type { TableName } from '../src/snapshot/schema.js';
import { abortedError, checkInstallInput, checkSection, corruptStore, newInstallId, type ActiveRecord, type SnapshotStore } from './store.js';

/**
 * A store that lives as long as the Worker: the fallback when IndexedDB is unusable. Sections are
 * kept by reference (not copied) to avoid doubling a snapshot's memory; callers must not mutate
 * what they installed. Install is atomic by construction: the new state replaces the old in one
 * assignment after all checks.
 */
export function createMemoryStore(): SnapshotStore {
  let state: { record: ActiveRecord; sections: Map<TableName, RawSection> } | undefined;
  let closed = false;
  const live = () => {
    if (closed) throw new OnetError('STORAGE', 'The snapshot store is closed');
  };
  return {
    kind: 'memory',
    async readActive() {
      live();
      return state?.record;
    },
    async readSections(record) {
      live();
      if (!state || state.record.installId !== record.installId) throw corruptStore(`install ${record.installId} is gone`);
      const { sections } = state;
      return record.sections.map((table) => checkSection(sections.get(table), table));
    },
    async install(input, sections, signal) {
      live();
      if (signal?.aborted) throw abortedError(signal);
      const names = checkInstallInput(sections);
      const record: ActiveRecord = { ...input, installId: newInstallId(), sections: names, installedAt: Date.now() };
      state = { record, sections: new Map(sections.map((s) => [s.entry.name, s])) };
      return record;
    },
    close() {
      closed = true;
      state = undefined;
    },
  };
}
