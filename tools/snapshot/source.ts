/**
 * O*NET source access: an unpacked text-layout folder or the official zip, read by file basename.
 *
 * The official `db_29_3_text.zip` holds every file under a `db_29_3_text/` folder prefix; files are
 * found by basename wherever they sit in the zip (macOS `__MACOSX/` and `._*` entries are ignored).
 * A folder that does not itself hold "Occupation Data.txt" but has exactly one sub-folder that does
 * (a zip unpacked into a parent folder) is read from that sub-folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { OnetError } from '../../src/errors.js';

/** Read access to the files of one O*NET release. */
export interface OnetSource {
  /** Absolute path of the folder or zip. */
  readonly path: string;
  /** Base name used to infer the release when "Read Me.txt" is absent (e.g. "db_29_3_text"). */
  readonly name: string;
  /** True when `file` (a basename such as "Skills.txt") exists. */
  has(file: string): boolean;
  /** Every file name present (basenames, sorted). */
  names(): readonly string[];
  /** The file's bytes, or undefined when absent. */
  read(file: string): Uint8Array | undefined;
}

/** A marker file every text-layout release has. */
const MARKER = 'Occupation Data.txt';

function sourceInvalid(message: string, field: string | null = null, suggestion: string | null = null): OnetError {
  return new OnetError('SOURCE_INVALID', message, { field, suggestion });
}

/** Opens a source folder or zip. Throws SOURCE_INVALID when it does not exist or is unreadable. */
export function openSource(path: string, wanted?: readonly string[]): OnetSource {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw sourceInvalid(
      `O*NET source not found: ${absolute}`,
      absolute,
      'Point at an unpacked O*NET text-layout folder or the official zip (https://www.onetcenter.org/dl_files/database/db_29_3_text.zip).',
    );
  }
  const stat = statSync(absolute);
  if (stat.isDirectory()) return openFolder(absolute);
  if (stat.isFile() && /\.zip$/i.test(absolute)) return openZip(absolute, wanted);
  throw sourceInvalid(`O*NET source is neither a folder nor a .zip file: ${absolute}`, absolute);
}

/** What a folder entry is once symbolic links are followed (a dangling link is neither). */
function kindOf(path: string): 'file' | 'folder' | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'folder' : undefined;
  } catch {
    return undefined;
  }
}

function openFolder(folder: string): OnetSource {
  let dir = folder;
  if (kindOf(join(dir, MARKER)) !== 'file') {
    const subs = readdirSync(dir)
      .sort()
      .filter((name) => kindOf(join(dir, name)) === 'folder' && kindOf(join(dir, name, MARKER)) === 'file');
    if (subs.length === 1) dir = join(dir, subs[0]!);
  }
  // statSync follows symbolic links: a release assembled from links to the real files reads like the files.
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.startsWith('._') && kindOf(join(dir, name)) === 'file') files.set(name, join(dir, name));
  }
  const lookup = byName(files);
  return {
    path: dir,
    name: basename(dir),
    has: (file) => lookup(file) !== undefined,
    names: () => [...files.keys()].sort(),
    read: (file) => {
      const full = lookup(file);
      return full === undefined ? undefined : new Uint8Array(readFileSync(full));
    },
  };
}

function openZip(zipPath: string, wanted?: readonly string[]): OnetSource {
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(readFileSync(zipPath));
  } catch (cause) {
    throw new OnetError('SOURCE_INVALID', `Cannot read ${zipPath}: ${String(cause)}`, { field: zipPath, cause });
  }
  const wantedLower = wanted ? new Set(wanted.map((w) => w.toLowerCase())) : undefined;
  const usable = (name: string) => {
    if (name.endsWith('/') || name.startsWith('__MACOSX/') || name.includes('/__MACOSX/')) return false;
    const base = name.slice(name.lastIndexOf('/') + 1);
    return base.length > 0 && !base.startsWith('._');
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(raw, {
      filter: (f) => usable(f.name) && (wantedLower === undefined || wantedLower.has(f.name.slice(f.name.lastIndexOf('/') + 1).toLowerCase())),
    });
  } catch (cause) {
    throw new OnetError('SOURCE_INVALID', `${basename(zipPath)} is not a readable zip file: ${String(cause)}`, { field: zipPath, cause });
  }
  const files = new Map<string, Uint8Array>();
  let prefix: string | undefined;
  for (const name of Object.keys(entries).sort()) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (files.has(base)) throw sourceInvalid(`${basename(zipPath)} holds more than one file named "${base}"`, `${basename(zipPath)}:${name}`);
    files.set(base, entries[name]!);
    if (base === MARKER) prefix = name.slice(0, name.length - base.length).replace(/\/$/, '');
  }
  const lookup = byName(files);
  // The release is inferred from the folder inside the zip (db_29_3_text/) or else the zip's name.
  const inner = prefix ? prefix.slice(prefix.lastIndexOf('/') + 1) : '';
  return {
    path: zipPath,
    name: inner || basename(zipPath).replace(/\.zip$/i, ''),
    has: (file) => lookup(file) !== undefined,
    names: () => [...files.keys()].sort(),
    read: (file) => lookup(file),
  };
}

/** Exact basename match first, then a case-insensitive one. */
function byName<T>(files: Map<string, T>): (file: string) => T | undefined {
  const lower = new Map<string, T>();
  for (const [name, value] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!lower.has(name.toLowerCase())) lower.set(name.toLowerCase(), value);
  }
  return (file) => files.get(file) ?? lower.get(file.toLowerCase());
}
