/**
 * Loads a snapshot in Node from a manifest path or http(s) URL, verifying size and sha256 —
 * the Node counterpart of the Worker's loader, used by the CLI, the tests and the benchmarks.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OnetError } from '../src/errors.js';
import { decodeSnapshot } from '../src/snapshot/codec.js';
import { parseManifest, type Manifest } from '../src/snapshot/manifest.js';
import type { Snapshot } from '../src/snapshot/schema.js';

/** Where `npm run snapshot` writes the full snapshot by default (relative to the repository root). */
export const DEFAULT_SNAPSHOT_DIR = 'build/snapshot';

/** Repository root, found from this file's location (works from tools/ and from dist/node/tools/). */
export function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes('/dist/node/') ? resolve(here, '../../..') : resolve(here, '..');
}

/** The default manifest path: build/snapshot/manifest.json in the repository. */
export function defaultManifestPath(): string {
  return resolve(repoRoot(), DEFAULT_SNAPSHOT_DIR, 'manifest.json');
}

async function readBytes(location: string, what: string): Promise<Uint8Array> {
  if (/^https?:\/\//.test(location)) {
    let response: Response;
    try {
      response = await fetch(location);
    } catch (cause) {
      throw new OnetError('NETWORK', `Could not fetch the ${what} at ${location}`, { cause, field: 'snapshot' });
    }
    if (!response.ok) throw new OnetError('NETWORK', `Fetching the ${what} at ${location} failed with HTTP ${response.status}`, { field: 'snapshot' });
    return new Uint8Array(await response.arrayBuffer());
  }
  try {
    return new Uint8Array(await readFile(location));
  } catch (cause) {
    throw new OnetError('NOT_FOUND', `No ${what} at ${location}`, {
      cause,
      field: 'snapshot',
      suggestion: 'Build one with "npm run snapshot", or pass --snapshot <manifest path or URL>',
    });
  }
}

/** Reads and verifies the manifest and snapshot at `manifestLocation` (path or http(s) URL). */
export async function loadSnapshotFile(manifestLocation: string = defaultManifestPath()): Promise<{ manifest: Manifest; snapshot: Snapshot; bytes: Uint8Array }> {
  const manifestBytes = await readBytes(manifestLocation, 'snapshot manifest');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    throw new OnetError('SNAPSHOT_CORRUPT', `The manifest at ${manifestLocation} is not valid JSON`, { field: 'snapshot' });
  }
  const manifest = parseManifest(json);
  const snapshotLocation = /^https?:\/\//.test(manifestLocation)
    ? new URL(manifest.file, manifestLocation).href
    : resolve(dirname(manifestLocation), manifest.file);
  const bytes = await readBytes(snapshotLocation, 'snapshot');
  if (bytes.length !== manifest.bytes) throw new OnetError('SNAPSHOT_CORRUPT', `Snapshot is ${bytes.length} bytes, the manifest says ${manifest.bytes}`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== manifest.sha256) throw new OnetError('SNAPSHOT_CORRUPT', `Snapshot sha256 ${sha} does not match the manifest (${manifest.sha256})`);
  return { manifest, snapshot: decodeSnapshot(bytes), bytes };
}
