/**
 * The snapshot builder: reads an O*NET text download (folder or zip) in either layout — classic
 * (≤ 30.2) or modern (30.3+), see docs/releases.md — plus the extras lists, validates it,
 * converts every table to the column form of {@link SCHEMA} and encodes the container.
 * Deterministic: the same input gives byte-identical output (no timestamps, no locale, no
 * directory-listing order). The format is described in docs/snapshot-format.md.
 *
 * Each table family reads both layouts in its own module under tables/.
 */
import { createHash } from 'node:crypto';
import { OnetError } from '../../src/errors.js';
import { FORMAT_VERSION, readHeader } from '../../src/snapshot/codec.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import type { Manifest, ManifestSection } from '../../src/snapshot/manifest.js';
import { SCHEMA, type SourceLayout } from '../../src/snapshot/schema.js';
import { BuildContext, compareStrings } from './context.js';
import { ALL_FILES, checkRequiredFiles, detectLayout } from './layout.js';
import { buildDwaAliases, type PairingReport } from './pairing.js';
import { releaseInfo } from './release.js';
import { openSource } from './source.js';
import { buildActivities } from './tables/activities.js';
import { buildExtras, type ExtrasOptions } from './tables/extras.js';
import { buildJobFamilies, buildJobZones, buildOccupations, buildRelated } from './tables/occupations.js';
import { buildEducationCategories, buildRatings } from './tables/ratings.js';
import { buildElements, buildLevelAnchors, readScales } from './tables/reference.js';
import { buildTasks } from './tables/tasks.js';
import { buildTechnology } from './tables/technology.js';
import { buildTitles } from './tables/titles.js';

/** Options of {@link buildSnapshot}. */
export interface BuildOptions extends ExtrasOptions {
  /** O*NET text download, either layout: an unpacked folder or the official zip. */
  source: string;
  /** The release number ("31.0"), overriding Read Me.txt and the folder name. */
  release?: string;
  /** Another release (folder or zip, either layout) whose DWA IDs become `dwaAliases`. */
  pairWith?: string;
}

/** Size and row count of one section. */
export interface SectionReport {
  readonly name: string;
  readonly rows: number;
  /** Compressed bytes. */
  readonly bytes: number;
  /** Inflated bytes. */
  readonly rawBytes: number;
}

/** What the build did. */
export interface BuildReport {
  /** Layout of the source. */
  readonly layout: SourceLayout;
  readonly sections: readonly SectionReport[];
  /** Non-fatal problems (e.g. extras codes not in Occupation Data, skipped). */
  readonly warnings: readonly string[];
  /** Optional tables (and extras-derived columns) the source did not have; same as manifest.missing. */
  readonly missing: readonly string[];
  /** DWA pairing with `pairWith`, when given. */
  readonly pairing?: PairingReport;
}

/** One section's compressed blob as a file of its own (what a manifest section's `file` names). */
export interface SectionFileBytes {
  /** File name, `<table>.<first 16 hex digits of sha256>.bin` (see {@link sectionFileName}). */
  readonly file: string;
  /** The section's raw-deflate blob, byte for byte as inside the container. */
  readonly bytes: Uint8Array;
}

/** A built snapshot: container bytes, its section files, its manifest, and the build report. */
export interface BuiltSnapshot {
  readonly bytes: Uint8Array;
  /** One file per section, in container order: concatenated, they are the container's body. */
  readonly sectionFiles: readonly SectionFileBytes[];
  readonly manifest: Manifest;
  readonly report: BuildReport;
}

/**
 * Name of a section file: the table and the first 16 hex digits of the file's sha256. Named by
 * content, so a file never changes under its name: an update fetches only sections whose name
 * changed, and caches may keep the files forever.
 */
export function sectionFileName(table: string, sha256: string): string {
  return `${table}.${sha256.slice(0, 16)}.bin`;
}

/** Matches the names {@link sectionFileName} gives (and nothing else a build folder holds). */
export const SECTION_FILE_NAME_RE = /^[a-z][A-Za-z0-9]*\.[0-9a-f]{16}\.bin$/;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Builds the snapshot from an O*NET release (folder or zip, either layout) and the extras lists. */
export async function buildSnapshot(options: BuildOptions): Promise<BuiltSnapshot> {
  const source = openSource(options.source, ALL_FILES);
  const layout = detectLayout(source);
  checkRequiredFiles(source, layout);
  const info = releaseInfo(source, layout, options.release);
  const b = new BuildContext(source, layout);

  buildOccupations(b);
  buildJobZones(b);
  buildJobFamilies(b);
  buildElements(b);
  readScales(b);
  buildLevelAnchors(b);
  for (const table of ['skills', 'knowledge', 'abilities', 'workActivities', 'workContext', 'interests', 'specificInterests', 'workValues', 'workStyles', 'education'] as const) {
    buildRatings(b, table);
  }
  buildEducationCategories(b);
  const activities = buildActivities(b);
  buildTasks(b, activities);
  buildTitles(b);
  buildRelated(b);
  buildTechnology(b);
  buildExtras(b, options);
  const pairing = options.pairWith === undefined ? undefined : buildDwaAliases(b, activities, options.pairWith);

  const bytes = encodeSnapshot(info, b.tables);
  const { header, bodyOffset } = readHeader(bytes);
  // Each section's blob, sliced out of the container in header order: the section files hold the
  // very bytes the container does, so the container stays as it was and a client may use either.
  let offset = bodyOffset;
  const sectionFiles: SectionFileBytes[] = [];
  const sections: ManifestSection[] = header.sections.map((s) => {
    const blob = bytes.slice(offset, offset + s.bytes);
    offset += s.bytes;
    const sha256 = sha256Hex(blob);
    const file = sectionFileName(s.name, sha256);
    sectionFiles.push({ file, bytes: blob });
    return { name: s.name, rows: s.rows, bytes: s.bytes, rawBytes: s.rawBytes, file, sha256 };
  });
  if (offset !== bytes.length) throw new OnetError('INTERNAL', `Snapshot body is ${bytes.length - bodyOffset} bytes, its sections ${offset - bodyOffset}`);
  const schemaOrder = Object.keys(SCHEMA);
  const missing = [...b.missing].sort((x, y) => {
    const ix = schemaOrder.indexOf(x.split('.')[0]!);
    const iy = schemaOrder.indexOf(y.split('.')[0]!);
    return ix - iy || compareStrings(x, y);
  });
  const manifest: Manifest = {
    format: 'onet-match-snapshot',
    formatVersion: FORMAT_VERSION,
    release: info.release,
    layout,
    file: `onet-${info.release}.snap`,
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    info: header.info,
    sections,
    missing,
  };
  const reported: SectionReport[] = sections.map((s) => ({ name: s.name, rows: s.rows, bytes: s.bytes, rawBytes: s.rawBytes }));
  return { bytes, sectionFiles, manifest, report: { layout, sections: reported, warnings: b.warnings, missing, ...(pairing ? { pairing } : {}) } };
}
