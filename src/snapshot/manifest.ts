/**
 * The snapshot manifest (`manifest.json`): what a client fetches first to learn which snapshot file
 * to download, how to verify it and what it contains. Pure validation, no I/O.
 */
import { OnetError } from '../errors.js';
import { FORMAT_VERSION } from './codec.js';
import { SCHEMA, SOURCE_LAYOUTS, type SnapshotInfo, type SourceLayout, type TableName } from './schema.js';

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
  /**
   * The section's compressed bytes as a file of their own, relative to the manifest URL, named by
   * content (`<table>.<first 16 hex digits of sha256>.bin`): the same bytes as the section's blob
   * inside the snapshot file. Lets a client fetch only the sections it needs, and an update only
   * the sections that changed. Absent in manifests of builds without section files.
   */
  readonly file?: string;
  /** Lower-case hex SHA-256 of the section file (present exactly when {@link file} is). */
  readonly sha256?: string;
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
  /**
   * The snapshot's info (release, source, attribution, layout) as its container header holds it,
   * so that a client loading section files never needs the header. Absent in manifests of builds
   * without section files.
   */
  readonly info?: SnapshotInfo;
  /** Sections present, in container order, with their sizes and row counts. */
  readonly sections: readonly ManifestSection[];
  /** Optional tables the source did not have (features needing them report NOT_AVAILABLE). */
  readonly missing: readonly string[];
}

/** A section file name: flat (no folders, no `..`), plain characters. */
const SECTION_FILE_RE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const SHA256_RE = /^[0-9a-f]{64}$/;

/** A manifest section that names its own file. */
export type SectionFile = ManifestSection & { readonly file: string; readonly sha256: string };

/**
 * The manifest's section files, when a client can load the snapshot from them alone: the info is
 * there, every section names its file, and every required table is listed. Undefined otherwise
 * (the client downloads the whole snapshot file).
 */
export function sectionFilesOf(manifest: Manifest): { info: SnapshotInfo; sections: readonly SectionFile[] } | undefined {
  if (!manifest.info || manifest.sections.length === 0) return undefined;
  if (!manifest.sections.every((s): s is SectionFile => s.file !== undefined && s.sha256 !== undefined)) return undefined;
  const names = new Set(manifest.sections.map((s) => s.name));
  for (const name of Object.keys(SCHEMA) as TableName[]) if (!('optional' in SCHEMA[name]) && !names.has(name)) return undefined;
  return { info: manifest.info, sections: manifest.sections as readonly SectionFile[] };
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
  const seen = new Set<string>();
  const sections = m.sections.map((s: unknown): ManifestSection => {
    const r = s as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string') throw bad('sections');
    for (const k of ['rows', 'bytes', 'rawBytes'] as const) if (typeof r[k] !== 'number' || !Number.isSafeInteger(r[k]) || (r[k] as number) < 0) throw bad(`sections.${k}`);
    const section = { name: r.name, rows: r.rows as number, bytes: r.bytes as number, rawBytes: r.rawBytes as number };
    if (r.file === undefined && r.sha256 === undefined) return section;
    // Section files are fetched and decoded on their own: their names must be tables of this build, once each.
    if (!Object.prototype.hasOwnProperty.call(SCHEMA, r.name) || seen.has(r.name)) throw bad('sections.name');
    seen.add(r.name);
    if (typeof r.file !== 'string' || !SECTION_FILE_RE.test(r.file)) throw bad('sections.file');
    if (typeof r.sha256 !== 'string' || !SHA256_RE.test(r.sha256)) throw bad('sections.sha256');
    return { ...section, file: r.file, sha256: r.sha256 };
  });
  let info: SnapshotInfo | undefined;
  if (m.info !== undefined) {
    const i = m.info as Record<string, unknown>;
    if (typeof i !== 'object' || i === null || typeof i.release !== 'string' || typeof i.source !== 'string' || typeof i.attribution !== 'string') throw bad('info');
    if (i.layout !== undefined && !SOURCE_LAYOUTS.includes(i.layout as SourceLayout)) throw bad('info.layout');
    info = { release: i.release, source: i.source, attribution: i.attribution, ...(i.layout !== undefined ? { layout: i.layout as SourceLayout } : {}) };
  }
  const missing = Array.isArray(m.missing) ? m.missing.filter((x): x is string => typeof x === 'string') : [];
  return {
    format: 'onet-match-snapshot',
    formatVersion: FORMAT_VERSION,
    release: m.release,
    ...(m.layout !== undefined ? { layout: m.layout as SourceLayout } : {}),
    file: m.file,
    sha256: m.sha256,
    bytes: m.bytes,
    ...(info ? { info } : {}),
    sections,
    missing,
  };
}
