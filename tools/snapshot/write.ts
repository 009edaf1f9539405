/** Writes a built snapshot, its section files and its manifest to disk. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Manifest } from '../../src/snapshot/manifest.js';
import { SECTION_FILE_NAME_RE, type BuiltSnapshot } from './build.js';

/** manifest.json text: pretty JSON in a fixed key order, newline-terminated. */
export function manifestJson(manifest: Manifest): string {
  const ordered = {
    format: manifest.format,
    formatVersion: manifest.formatVersion,
    release: manifest.release,
    layout: manifest.layout,
    file: manifest.file,
    sha256: manifest.sha256,
    bytes: manifest.bytes,
    info: manifest.info && { release: manifest.info.release, source: manifest.info.source, attribution: manifest.info.attribution, layout: manifest.info.layout },
    sections: manifest.sections.map((s) => ({ name: s.name, rows: s.rows, bytes: s.bytes, rawBytes: s.rawBytes, file: s.file, sha256: s.sha256 })),
    missing: [...manifest.missing],
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Paths {@link writeSnapshot} wrote. */
export interface WrittenSnapshot {
  /** The container file. */
  readonly snapshot: string;
  /** manifest.json. */
  readonly manifest: string;
  /** The section files, in container order. */
  readonly sections: readonly string[];
  /** Section files of earlier builds that this build no longer names, deleted. */
  readonly removed: readonly string[];
}

/**
 * Writes `<outDir>/onet-<release>.snap`, one file per section and `<outDir>/manifest.json`
 * (creating `outDir`), then deletes the section files of earlier builds in `outDir` that the new
 * manifest does not name (only names of the section-file form are touched). The manifest is
 * written after every file it names, so a reader that finds it finds them too.
 */
export function writeSnapshot(built: BuiltSnapshot, outDir: string): WrittenSnapshot {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const sections = built.sectionFiles.map((s) => {
    const path = join(dir, s.file);
    writeFileSync(path, s.bytes);
    return path;
  });
  const snapshot = join(dir, built.manifest.file);
  const manifest = join(dir, 'manifest.json');
  writeFileSync(snapshot, built.bytes);
  writeFileSync(manifest, manifestJson(built.manifest));
  const current = new Set(built.sectionFiles.map((s) => s.file));
  const removed: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!SECTION_FILE_NAME_RE.test(name) || current.has(name)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return { snapshot, manifest, sections, removed };
}
