/**
 * Per-section digests of an install: taken once the candidate passed its checks, compared on every
 * warm start. IndexedDB keeps what it was given, but the disk, other code on the origin or a
 * browser bug can change stored bytes; a lazily decoded warm start would only notice when a query
 * reads the damaged table, and then fail that query on every load. Comparing digests finds the
 * damage during the load, where it can be repaired, for the cost of one SubtleCrypto pass over
 * the stored bytes.
 */
import type { RawSection } from '../src/snapshot/codec.js';
import { sha256Hex } from './fetch.js';
import { corruptStore, type ActiveRecord } from './store.js';

/** The sha256 of each section's bytes, in order. */
export function sectionDigests(sections: readonly RawSection[]): Promise<string[]> {
  return Promise.all(sections.map((s) => sha256Hex(s.data as Uint8Array<ArrayBuffer>)));
}

/**
 * Checks sections read back from the store against the digests the install recorded; SNAPSHOT_CORRUPT
 * naming the first damaged section. True when checked, false when the record has no digests (an
 * install by a build that did not record them: the caller must check the snapshot otherwise).
 */
export async function checkDigests(record: ActiveRecord, sections: readonly RawSection[]): Promise<boolean> {
  const expected = record.digests;
  if (!expected) return false;
  const actual = await sectionDigests(sections);
  const damaged = actual.findIndex((digest, i) => digest !== expected[i]);
  if (damaged >= 0) throw corruptStore(`section ${sections[damaged]!.entry.name} is not what was installed (damaged in storage)`);
  return true;
}
