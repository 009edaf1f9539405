/**
 * Loads a snapshot in Node from a manifest path or http(s) URL, verifying size and sha256 —
 * the Node counterpart of the Worker's loader, used by the CLI, the tests and the benchmarks.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
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

/** Manifests are small; a larger file is not a manifest (the Worker's loader has the same limit). */
const MAX_MANIFEST_BYTES = 1 << 20;

/**
 * Reads a local file or an http(s) URL. A local path must be a regular file of at most `maxBytes`
 * (checked with stat before reading, so `/dev/zero`, a FIFO or `/dev/stdin` cannot hang the CLI
 * or exhaust memory).
 */
async function readBytes(location: string, what: string, maxBytes: number): Promise<Uint8Array> {
  if (/^https?:\/\//.test(location)) {
    let response: Response;
    try {
      response = await fetch(location);
    } catch (cause) {
      throw new OnetError('NETWORK', `Could not fetch the ${what} at ${location}`, { cause, field: 'snapshot' });
    }
    if (!response.ok) throw new OnetError('NETWORK', `Fetching the ${what} at ${location} failed with HTTP ${response.status}`, { field: 'snapshot' });
    const tooLarge = (size: number) => new OnetError('SNAPSHOT_CORRUPT', `The ${what} at ${location} is ${size} bytes; at most ${maxBytes} were expected`, { field: 'snapshot' });
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(declared);
    }
    let body: ArrayBuffer;
    try {
      body = await response.arrayBuffer();
    } catch (cause) {
      throw new OnetError('NETWORK', `The ${what} download from ${location} broke off`, { cause, field: 'snapshot' });
    }
    if (body.byteLength > maxBytes) throw tooLarge(body.byteLength);
    return new Uint8Array(body);
  }
  const notFound = (cause: unknown, detail = '') =>
    new OnetError('NOT_FOUND', `No ${what} at ${location}${detail}`, {
      cause,
      field: 'snapshot',
      suggestion: 'Build one with "npm run snapshot", or pass --snapshot <manifest path or URL>',
    });
  let size: number;
  try {
    const info = await stat(location);
    if (!info.isFile()) throw notFound(undefined, ' (not a regular file)');
    size = info.size;
  } catch (cause) {
    throw cause instanceof OnetError ? cause : notFound(cause);
  }
  if (size > maxBytes) throw new OnetError('SNAPSHOT_CORRUPT', `The ${what} at ${location} is ${size} bytes; at most ${maxBytes} were expected`, { field: 'snapshot' });
  try {
    return new Uint8Array(await readFile(location));
  } catch (cause) {
    throw notFound(cause);
  }
}

/** Reads and verifies the manifest and snapshot at `manifestLocation` (path or http(s) URL). */
export async function loadSnapshotFile(manifestLocation: string = defaultManifestPath()): Promise<{ manifest: Manifest; snapshot: Snapshot; bytes: Uint8Array }> {
  const manifestBytes = await readBytes(manifestLocation, 'snapshot manifest', MAX_MANIFEST_BYTES);
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
  const bytes = await readBytes(snapshotLocation, 'snapshot', manifest.bytes);
  if (bytes.length !== manifest.bytes) throw new OnetError('SNAPSHOT_CORRUPT', `Snapshot is ${bytes.length} bytes, the manifest says ${manifest.bytes}`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== manifest.sha256) throw new OnetError('SNAPSHOT_CORRUPT', `Snapshot sha256 ${sha} does not match the manifest (${manifest.sha256})`);
  return { manifest, snapshot: decodeSnapshot(bytes), bytes };
}
