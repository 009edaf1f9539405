/** Writes a built snapshot and its manifest to disk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Manifest } from '../../src/snapshot/manifest.js';
import type { BuiltSnapshot } from './build.js';

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
    sections: manifest.sections.map((s) => ({ name: s.name, rows: s.rows, bytes: s.bytes, rawBytes: s.rawBytes })),
    missing: [...manifest.missing],
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Writes `<outDir>/onet-<release>.snap` and `<outDir>/manifest.json` (creating `outDir`).
 * Returns the two paths.
 */
export function writeSnapshot(built: BuiltSnapshot, outDir: string): { snapshot: string; manifest: string } {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const snapshot = join(dir, built.manifest.file);
  const manifest = join(dir, 'manifest.json');
  writeFileSync(snapshot, built.bytes);
  writeFileSync(manifest, manifestJson(built.manifest));
  return { snapshot, manifest };
}
