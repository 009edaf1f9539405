/** The in-memory snapshot store: the fallback when IndexedDB is unusable, and `storage: 'memory'`. */
import { OnetError } from '../src/errors.js';
import type { RawSection } from '../src/snapshot/codec.js';
import type { TableName } from '../src/snapshot/schema.js';
import {
  abortedError,
  checkInstallInput,
  checkSection,
  corruptStore,
  newInstallId,
  usableSections,
  type ActiveRecord,
  type PendingRecord,
  type PendingSection,
  type SnapshotStore,
} from './store.js';

/**
 * A store that lives as long as the Worker: the fallback when IndexedDB is unusable. Sections are
 * kept by reference (not copied) to avoid doubling a snapshot's memory; callers must not mutate
 * what they installed. Install is atomic by construction: the new state replaces the old in one
 * assignment after all checks.
 */
export function createMemoryStore(): SnapshotStore {
  let state: { record: ActiveRecord; sections: Map<TableName, RawSection> } | undefined;
  let closed = false;
  // A memory store lives as long as the Worker: a pending install only has to survive a re-open.
  let pending: { record: PendingRecord; sections: Map<TableName, PendingSection> } | undefined;
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
    async readInstalledSections(record, names) {
      live();
      if (!state || state.record.installId !== record.installId) return [];
      const { sections } = state;
      return usableSections(
        names,
        names.map((name) => sections.get(name)),
      );
    },
    async repairSection(record, section) {
      live();
      if (!state || state.record.installId !== record.installId) return false;
      state.sections.set(section.entry.name, section);
      return true;
    },
    async install(input, sections, signal, committing) {
      live();
      if (signal?.aborted) throw abortedError(signal);
      const names = checkInstallInput(sections);
      const record: ActiveRecord = { ...input, installId: committing?.installId ?? newInstallId(), sections: names, installedAt: Date.now() };
      state = { record, sections: new Map(sections.map((s) => [s.entry.name, s])) };
      if (committing && pending?.record.installId === committing.installId) pending = undefined;
      return record;
    },
    async beginPending(sha256, release) {
      live();
      if (pending?.record.sha256 !== sha256) pending = { record: { installId: newInstallId(), sha256, release, startedAt: Date.now() }, sections: new Map() };
      return pending.record;
    },
    async readPending() {
      live();
      return pending?.record;
    },
    async putPendingSection(record, section, digest) {
      live();
      if (pending?.record.installId === record.installId) pending.sections.set(section.entry.name, { section, digest });
    },
    async readPendingSections(record, names) {
      live();
      if (pending?.record.installId !== record.installId) return [];
      const { sections } = pending;
      return names.flatMap((name) => sections.get(name) ?? []);
    },
    close() {
      closed = true;
      state = undefined;
      pending = undefined;
    },
  };
}
