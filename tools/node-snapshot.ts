/**
 * Loads a snapshot in Node from a manifest path or http(s) URL — the CLI's, the tests' and the
 * benchmarks' reader. It reads through the Worker's own network path (worker/fetch.ts: manifest
 * limits and parsing, exact size, sha256) with a {@link fileFetcher} that serves local files as
 * responses, so Node and the browser check a snapshot by the same code.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OnetError, toOnetError } from '../src/errors.js';
import { decodeSnapshot } from '../src/snapshot/codec.js';
import type { Manifest } from '../src/snapshot/manifest.js';
import type { Snapshot } from '../src/snapshot/schema.js';
import { downloadSnapshot, fetchManifest, snapshotUrlFor, verifySnapshot, type Fetcher } from '../worker/fetch.js';

/** Where `npm run snapshot` writes the full snapshot by default (relative to the repository root). */
const DEFAULT_SNAPSHOT_DIR = 'build/snapshot';

/** Repository root, found from this file's location (works from tools/ and from dist/node/tools/). */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes('/dist/node/') ? resolve(here, '../../..') : resolve(here, '..');
}

/** The default manifest path: build/snapshot/manifest.json in the repository. */
export function defaultManifestPath(): string {
  return resolve(repoRoot(), DEFAULT_SNAPSHOT_DIR, 'manifest.json');
}

/**
 * A {@link Fetcher} for `file:` URLs (other URLs go to the global fetch). Only regular files are
 * served, streamed, so the reader's size limits apply while reading: `/dev/zero`, a FIFO or
 * `/dev/stdin` can neither hang the CLI nor exhaust memory. A missing file is NOT_FOUND.
 */
const fileFetcher: Fetcher = async (url, init) => {
  if (!url.startsWith('file:')) return fetch(url, init);
  const path = fileURLToPath(url);
  const notFound = (cause: unknown, detail = '') =>
    new OnetError('NOT_FOUND', `No file at ${path}${detail}`, {
      cause,
      field: 'snapshot',
      suggestion: 'Build one with "npm run snapshot", or pass --snapshot <manifest path or URL>',
    });
  try {
    if (!(await stat(path)).isFile()) throw notFound(undefined, ' (not a regular file)');
  } catch (cause) {
    throw cause instanceof OnetError ? cause : notFound(cause);
  }
  const stream = createReadStream(path);
  init.signal.addEventListener('abort', () => stream.destroy(), { once: true });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>);
};

/** `location` as a URL: http(s) URLs as they are, anything else as a local path. */
function locationUrl(location: string): string {
  return /^https?:\/\//.test(location) ? location : pathToFileURL(resolve(location)).href;
}

/** Errors of the shared reader name the Worker's options; on the command line the field is `snapshot`. */
function asCliError(error: unknown): OnetError {
  const e = toOnetError(error);
  if (e.field !== 'manifestUrl' && e.field !== 'snapshotUrl') return e;
  return new OnetError(e.code, e.message, { cause: e.cause, field: 'snapshot', suggestion: e.suggestion ?? undefined });
}

/** Options of {@link loadSnapshotFile}. */
export interface LoadSnapshotFileOptions {
  /**
   * Inactivity timeout of each HTTP read, ms (default DEFAULT_TIMEOUT_MS of src/protocol.ts): no
   * response or no body bytes for this long is TIMEOUT — the same rule as the Worker's.
   */
  readonly timeoutMs?: number;
}

/**
 * Reads and verifies the manifest and snapshot at `manifestLocation` (path or http(s) URL), by the
 * Worker's rules: every read capped (manifest 1 MiB, snapshot its declared size, a declared size
 * above MAX_SNAPSHOT_BYTES refused before the download), every HTTP read under the inactivity
 * timeout, and no redirect to another origin.
 */
export async function loadSnapshotFile(
  manifestLocation: string = defaultManifestPath(),
  options: LoadSnapshotFileOptions = {},
): Promise<{ manifest: Manifest; snapshot: Snapshot; bytes: Uint8Array }> {
  try {
    const manifestUrl = locationUrl(manifestLocation);
    const request = { fetcher: fileFetcher, timeoutMs: options.timeoutMs };
    const manifest = await fetchManifest(manifestUrl, request);
    const bytes = await downloadSnapshot(snapshotUrlFor(manifest, manifestUrl), manifest, request);
    await verifySnapshot(bytes, manifest);
    return { manifest, snapshot: decodeSnapshot(bytes), bytes };
  } catch (error) {
    throw asCliError(error);
  }
}
