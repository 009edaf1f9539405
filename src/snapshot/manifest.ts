/**
 * The snapshot manifest (`manifest.json`): what a client fetches first to learn which snapshot file
 * to download, how to verify it and what it contains. Pure validation, no I/O.
 */
import { OnetError } from '../errors.js';
import { FORMAT_VERSION } from './codec.js';
import { SOURCE_LAYOUTS, type SourceLayout } from './schema.js';

/** Per-section facts recorded in the manifest. */
export interface ManifestSection {
  /** Table name (see SCHEMA). */
  readonly name: string;
  /** Row count. */
  readonly rows: number;
  /** Compressed bytes of the section inside the snapshot. */
  readonly bytes: number;
  /** Inflated bytes of the section. */
  readonly rawBytes: number;
}

/** Contents of manifest.json. */
export interface Manifest {
  /** Always "onet-match-snapshot". */
  readonly format: 'onet-match-snapshot';
  /** Container format version; a client refuses versions it cannot read (SNAPSHOT_VERSION). */
  readonly formatVersion: number;
  /** O*NET database release, e.g. "29.3". */
  readonly release: string;
  /** Text layout of the source (`classic` ≤ 30.2, `modern` 30.3+); the builder always writes it. */
  readonly layout?: SourceLayout;
  /** Snapshot file name, relative to the manifest URL. */
  readonly file: string;
  /** Lower-case hex SHA-256 of the snapshot file. */
  readonly sha256: string;
  /** Byte size of the snapshot file. */
  readonly bytes: number;
  /** Sections present, in container order, with their sizes and row counts. */
  readonly sections: readonly ManifestSection[];
  /** Optional tables the source did not have (features needing them report NOT_AVAILABLE). */
  readonly missing: readonly string[];
}

/** Validates parsed manifest JSON. Throws SNAPSHOT_VERSION for another format version, SNAPSHOT_CORRUPT otherwise. */
export function parseManifest(value: unknown): Manifest {
  const bad = (what: string) => new OnetError('SNAPSHOT_CORRUPT', `Manifest is malformed: ${what}`, { field: what });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('manifest');
  const m = value as Record<string, unknown>;
  if (m.format !== 'onet-match-snapshot') throw bad('format');
  if (m.formatVersion !== FORMAT_VERSION) {
    throw new OnetError('SNAPSHOT_VERSION', `Snapshot format version ${String(m.formatVersion)} is not supported (this build reads ${FORMAT_VERSION})`, { field: 'formatVersion' });
  }
  if (typeof m.release !== 'string' || m.release.length === 0 || m.release.length > 64) throw bad('release');
  if (m.layout !== undefined && !SOURCE_LAYOUTS.includes(m.layout as SourceLayout)) throw bad('layout');
  if (typeof m.file !== 'string' || !/^[A-Za-z0-9._-]+$/.test(m.file)) throw bad('file');
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) throw bad('sha256');
  if (typeof m.bytes !== 'number' || !Number.isSafeInteger(m.bytes) || m.bytes <= 0) throw bad('bytes');
  if (!Array.isArray(m.sections)) throw bad('sections');
  const sections = m.sections.map((s: unknown) => {
    const r = s as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string') throw bad('sections');
    for (const k of ['rows', 'bytes', 'rawBytes'] as const) if (typeof r[k] !== 'number' || !Number.isSafeInteger(r[k])) throw bad(`sections.${k}`);
    return { name: r.name, rows: r.rows as number, bytes: r.bytes as number, rawBytes: r.rawBytes as number };
  });
  const missing = Array.isArray(m.missing) ? m.missing.filter((x): x is string => typeof x === 'string') : [];
  return {
    format: 'onet-match-snapshot',
    formatVersion: FORMAT_VERSION,
    release: m.release,
    ...(m.layout !== undefined ? { layout: m.layout as SourceLayout } : {}),
    file: m.file,
    sha256: m.sha256,
    bytes: m.bytes,
    sections,
    missing,
  };
}
