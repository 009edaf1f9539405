/**
 * What an update downloads when a release changes one table: the real O*NET snapshot is built
 * twice — from the source as it is, and from a copy in which one file has some rows edited (and
 * another release number) — and the two manifests' section files are compared. A client holding
 * the first needs, to reach the second, only the section files whose sha256 differs (plus the
 * small manifest.json, fetched either way); without section files it downloads the whole snapshot.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Manifest } from '../../src/snapshot/manifest.js';
import { buildSnapshot, manifestJson } from '../../tools/snapshot/index.js';

/** One edit of the source: which file, and how its data rows change. */
export interface SourceEdit {
  /** Source file name, e.g. `Sample of Reported Titles.txt`. */
  readonly file: string;
  /** What the edit does, for the report. */
  readonly description: string;
  /** Edits the fields of data row `index` (0-based, header excluded) in place; true when it changed the row. */
  readonly edit: (fields: string[], index: number) => boolean;
}

/** The default edit: every 25th reported title revised (about 4 % of the file's rows). */
export const REPORTED_TITLES_EDIT: SourceEdit = {
  file: 'Sample of Reported Titles.txt',
  description: 'every 25th reported job title revised',
  edit: (fields, index) => {
    if (index % 25 !== 0 || fields[1] === undefined) return false;
    fields[1] = `${fields[1]} (revised)`;
    return true;
  },
};

/** A changed section: what the update downloads for it. */
export interface ChangedSection {
  readonly name: string;
  /** Bytes of the new section file. */
  readonly bytes: number;
  /** Its file name in the new manifest. */
  readonly file: string;
}

/** The update figure (results.json `snapshotUpdate`). */
export interface SnapshotUpdate {
  /** Releases compared: the source's and the variant's. */
  readonly from: string;
  readonly to: string;
  /** The source file edited, the edit, and how many data rows it changed. */
  readonly editedFile: string;
  readonly edit: string;
  readonly rowsEdited: number;
  /** The new release's whole snapshot file: what a client without section files downloads. */
  readonly snapshotBytes: number;
  /** Section files in the new manifest. */
  readonly sectionFiles: number;
  /** Bytes of the section files whose sha256 differs between the manifests: what an update downloads. */
  readonly updateBytes: number;
  /** snapshotBytes − updateBytes. */
  readonly savedBytes: number;
  /** updateBytes ÷ snapshotBytes. */
  readonly updateShare: number;
  /** The new manifest.json's size, fetched by either kind of client. */
  readonly manifestBytes: number;
  /** Sections whose file changed, in manifest order. */
  readonly changed: readonly ChangedSection[];
  /** Sections only in one of the manifests (none when one table's rows are edited). */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Both builds, seconds. */
  readonly buildSeconds: number;
}

/** Compares two manifests' section files. Throws when either has none. */
export function compareManifests(before: Manifest, after: Manifest): Pick<SnapshotUpdate, 'updateBytes' | 'changed' | 'added' | 'removed' | 'sectionFiles'> {
  for (const m of [before, after]) if (m.sections.some((s) => s.file === undefined || s.sha256 === undefined)) throw new Error(`manifest of ${m.release} has no section files`);
  const old = new Map(before.sections.map((s) => [s.name, s.sha256]));
  const changed = after.sections.filter((s) => old.get(s.name) !== s.sha256).map((s) => ({ name: s.name, bytes: s.bytes, file: s.file! }));
  const names = new Set(after.sections.map((s) => s.name));
  return {
    sectionFiles: after.sections.length,
    updateBytes: changed.reduce((sum, s) => sum + s.bytes, 0),
    changed,
    added: after.sections.filter((s) => !old.has(s.name)).map((s) => s.name),
    removed: before.sections.filter((s) => !names.has(s.name)).map((s) => s.name),
  };
}

/**
 * A copy of `source` (a folder) with `edit` applied: every other file is a symbolic link to the
 * original (the builder follows them), the edited one is rewritten. Returns the folder and the
 * number of rows changed.
 */
function editedCopy(source: string, edit: SourceEdit, into: string): { dir: string; rowsEdited: number } {
  const dir = join(into, basename(source));
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(source)) if (name !== edit.file) symlinkSync(join(source, name), join(dir, name));
  const text = readFileSync(join(source, edit.file), 'utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  let rowsEdited = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fields = lines[i]!.split('\t');
    if (edit.edit(fields, i - 1)) {
      lines[i] = fields.join('\t');
      rowsEdited++;
    }
  }
  if (rowsEdited === 0) throw new Error(`the edit changed no row of ${edit.file}`);
  writeFileSync(join(dir, edit.file), lines.join(eol));
  return { dir, rowsEdited };
}

/** Options of {@link snapshotUpdate}. */
export interface SnapshotUpdateOptions {
  /** O*NET text release, an unpacked folder. */
  readonly source: string;
  /** Extras folder (Bright Outlook, STEM), when present. */
  readonly extras?: string;
  /** The variant's release number (default 29.4: the next release after the source's 29.3). */
  readonly nextRelease?: string;
  readonly edit?: SourceEdit;
}

/** Builds both snapshots and measures {@link SnapshotUpdate}. */
export async function snapshotUpdate(options: SnapshotUpdateOptions): Promise<SnapshotUpdate> {
  const { source, extras, nextRelease = '29.4', edit = REPORTED_TITLES_EDIT } = options;
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new Error(`${source}: the update figure needs an unpacked O*NET folder`);
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'onet-match-delta-'));
  try {
    const withExtras = extras !== undefined && existsSync(extras) ? { extras } : {};
    const before = await buildSnapshot({ source, ...withExtras });
    const copy = editedCopy(resolve(source), edit, tmp);
    const after = await buildSnapshot({ source: copy.dir, ...withExtras, release: nextRelease });
    const buildSeconds = (performance.now() - started) / 1000;
    const compared = compareManifests(before.manifest, after.manifest);
    return {
      from: before.manifest.release,
      to: after.manifest.release,
      editedFile: edit.file,
      edit: edit.description,
      rowsEdited: copy.rowsEdited,
      snapshotBytes: after.manifest.bytes,
      manifestBytes: Buffer.byteLength(manifestJson(after.manifest)),
      ...compared,
      savedBytes: after.manifest.bytes - compared.updateBytes,
      updateShare: compared.updateBytes / after.manifest.bytes,
      buildSeconds: Math.round(buildSeconds * 10) / 10,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The target: an update that changed one table downloads at most this share of the snapshot. */
export const UPDATE_SHARE_TARGET = 0.25;

/** Markdown lines for the bench's results section. */
export function renderUpdate(u: SnapshotUpdate): string {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const met = u.updateShare <= UPDATE_SHARE_TARGET;
  return (
    `### Snapshot updates (bench/delta/)\n\n` +
    `${u.from} → ${u.to} with one table changed (${u.editedFile}: ${u.edit}, ${u.rowsEdited.toLocaleString('en-US')} rows): ` +
    `${u.changed.length} of ${u.sectionFiles} section files changed (${u.changed.map((c) => `${c.name} ${kb(c.bytes)}`).join(', ')}).\n\n` +
    `| download | bytes |\n|---|---:|\n` +
    `| whole snapshot (${u.to}) | ${u.snapshotBytes.toLocaleString('en-US')} |\n` +
    `| changed section files (update) | ${u.updateBytes.toLocaleString('en-US')} |\n` +
    `| saved | ${u.savedBytes.toLocaleString('en-US')} (${(100 * (1 - u.updateShare)).toFixed(1)} %) |\n` +
    `| manifest.json (either way) | ${u.manifestBytes.toLocaleString('en-US')} |\n\n` +
    `- ${met ? 'met' : 'MISSED'}: update downloads ≤ ${100 * UPDATE_SHARE_TARGET} % of the snapshot when one table changed — ${(100 * u.updateShare).toFixed(1)} %`
  );
}
