/**
 * Network side of the install: fetch the manifest, stream the snapshot with progress, verify it.
 *
 * Everything goes through the narrow {@link Fetcher} type (global fetch by default) so tests can
 * serve bytes, faults and hangs without a server. Every failure is an OnetError:
 *   HTTP status ≥ 400, a failed connection, a body that breaks off   → NETWORK
 *   no response / no body bytes for `timeoutMs`                      → TIMEOUT
 *   the caller's AbortSignal                                         → ABORTED
 *   a redirect to another origin                                     → NETWORK
 *   a URL outside the allowed origins (checked before any request)   → VALIDATION_ERROR
 *   manifest not JSON or invalid, size or sha256 mismatch            → SNAPSHOT_CORRUPT
 *   a declared size above MAX_SNAPSHOT_BYTES (before any download)   → SNAPSHOT_CORRUPT
 *   manifest format version this build cannot read                   → SNAPSHOT_VERSION
 */
import { OnetError } from '../src/errors.js';
import { DEFAULT_TIMEOUT_MS, MAX_MANIFEST_BYTES, MAX_SNAPSHOT_BYTES } from '../src/protocol.js';
import { checkAllowedOrigin, checkResponseOrigin, readCapped } from '../src/read-capped.js';
import { parseManifest, type Manifest, type SectionFile } from '../src/snapshot/manifest.js';
import { resolveUrl } from '../src/url.js';

/**
 * The part of `fetch` the loader uses. Implementations must honour `signal` where they can; the
 * loader does not rely on it (a hung fetcher is abandoned on timeout or abort all the same).
 */
export type Fetcher = (url: string, init: { signal: AbortSignal; cache: RequestCache }) => Promise<Response>;

/** Options shared by the requests of this module. */
export interface RequestOptions {
  /** Defaults to the global fetch. */
  fetcher?: Fetcher;
  /** Aborts the request (ABORTED). */
  signal?: AbortSignal;
  /**
   * Inactivity timeout in ms (default {@link DEFAULT_TIMEOUT_MS}): the request fails with TIMEOUT
   * when it gets no response, or its body no bytes, for this long. Deliberately not a total
   * deadline, so a large snapshot on a slow but live connection still completes.
   */
  timeoutMs?: number;
  /**
   * Origins the request and the response may be on (see LoadOptions.allowedOrigins). A URL
   * elsewhere is refused before the request (VALIDATION_ERROR); a redirect to another origin than
   * the requested one is refused (NETWORK) unless it is listed here.
   */
  allowedOrigins?: readonly string[];
}

const defaultFetcher: Fetcher = (url, init) => fetch(url, init);

/**
 * Ties one request to the caller's signal and the inactivity timer. `race` lets a pending promise
 * lose to the first failure, so even a fetcher or stream that ignores its signal cannot hang us.
 */
class Guard {
  readonly controller = new AbortController();
  private failure: OnetError | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rejectFailed!: (error: OnetError) => void;
  private readonly failed = new Promise<never>((_, reject) => {
    this.rejectFailed = reject;
  });
  private readonly onCallerAbort = () => this.fail(new OnetError('ABORTED', `Aborted while ${this.what}`, { cause: this.signal?.reason }));

  constructor(
    private readonly what: string,
    private readonly signal: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    this.failed.catch(() => undefined);
    if (signal?.aborted) this.onCallerAbort();
    else signal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.touch();
  }

  /** Progress was made: restart the inactivity timer. */
  touch(): void {
    if (this.failure) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () =>
        this.fail(
          new OnetError('TIMEOUT', `Timed out after ${this.timeoutMs} ms without progress while ${this.what}`, {
            suggestion: 'Check the connection, or raise timeoutMs.',
          }),
        ),
      this.timeoutMs,
    );
  }

  /** Throws the failure if one happened (checked before starting work). */
  check(): void {
    if (this.failure) throw this.failure;
  }

  async race<T>(promise: Promise<T>): Promise<T> {
    // Handled here too: when the request already failed, `promise` (a fetch given the aborted
    // signal) rejects later with nobody listening.
    promise.catch(() => undefined);
    this.check();
    try {
      return await Promise.race([promise, this.failed]);
    } catch (error) {
      // After a timeout/abort the underlying promise rejects with some AbortError: report the cause.
      throw this.failure ?? error;
    }
  }

  private fail(error: OnetError): void {
    if (this.failure) return;
    this.failure = error;
    clearTimeout(this.timer);
    this.controller.abort(error);
    this.rejectFailed(error);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onCallerAbort);
  }
}

function networkError(message: string, field: string, cause?: unknown, suggestion?: string): OnetError {
  return new OnetError('NETWORK', message, { field, cause, suggestion: suggestion ?? 'Check the connection and the URL.' });
}

/** Performs the request and checks the status; transport failures become NETWORK. */
async function request(url: string, field: 'manifestUrl' | 'snapshotUrl', guard: Guard, options: RequestOptions): Promise<Response> {
  checkAllowedOrigin(url, options.allowedOrigins, field);
  const fetcher = options.fetcher ?? defaultFetcher;
  let response: Response;
  try {
    response = await guard.race(Promise.resolve().then(() => fetcher(url, { signal: guard.controller.signal, cache: 'no-cache' })));
  } catch (error) {
    if (error instanceof OnetError) throw error;
    throw networkError(`Could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}`, field, error);
  }
  guard.touch();
  checkResponseOrigin(url, response, field, options.allowedOrigins);
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    throw networkError(
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} fetching ${url}`,
      field,
      undefined,
      response.status === 404 ? `Nothing at ${url}: check ${field}.` : undefined,
    );
  }
  return response;
}

/**
 * A manifest declaring more than {@link MAX_SNAPSHOT_BYTES} is refused before anything is
 * requested or allocated (a manifest is a fetched document: its sizes are input, not facts).
 */
function checkDeclaredSize(manifest: Manifest, manifestUrl: string): Manifest {
  if (manifest.bytes > MAX_SNAPSHOT_BYTES) {
    // `field` names the manifest's own field, like the other malformed-manifest errors (parseManifest).
    throw new OnetError(
      'SNAPSHOT_CORRUPT',
      `The manifest at ${manifestUrl} declares a ${manifest.bytes}-byte snapshot, more than the ${MAX_SNAPSHOT_BYTES} bytes any snapshot may have`,
      {
        field: 'bytes',
        suggestion: 'Rebuild the manifest with npm run snapshot.',
      },
    );
  }
  // Section files are fetched and inflated on their own: the same bound holds for what they declare.
  const sectionBytes = manifest.sections.reduce((sum, section) => sum + (section.file === undefined ? 0 : section.bytes), 0);
  const largest = manifest.sections.reduce((max, section) => Math.max(max, section.file === undefined ? 0 : section.rawBytes), 0);
  if (sectionBytes > MAX_SNAPSHOT_BYTES || largest > MAX_SNAPSHOT_BYTES) {
    throw new OnetError('SNAPSHOT_CORRUPT', `The manifest at ${manifestUrl} declares section files larger than the ${MAX_SNAPSHOT_BYTES} bytes any snapshot may have`, {
      field: 'sections',
      suggestion: 'Rebuild the manifest with npm run snapshot.',
    });
  }
  return manifest;
}

/** Streams a response body into memory through the shared capped reader (src/read-capped.ts). */
function readBody(
  response: Response,
  url: string,
  field: string,
  guard: Guard,
  limit: number,
  exact: boolean,
  onBytes?: (loaded: number) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  return readCapped(response, limit, guard, { url, field, exact, onBytes });
}

/** Fetches and validates the manifest (revalidating any HTTP cache: it is the "what is current" pointer). */
export async function fetchManifest(manifestUrl: string, options: RequestOptions = {}): Promise<Manifest> {
  const guard = new Guard('fetching the manifest', options.signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const response = await request(manifestUrl, 'manifestUrl', guard, options);
    const bytes = await readBody(response, manifestUrl, 'manifestUrl', guard, MAX_MANIFEST_BYTES, false);
    return manifestFromBytes(bytes, manifestUrl);
  } finally {
    guard.dispose();
  }
}

/**
 * Parses and validates a manifest body (UTF-8 JSON) — fetched here or by the page on the Worker's
 * behalf (LoadOptions.manifestBytes). SNAPSHOT_CORRUPT when it is not a valid manifest.
 */
export function manifestFromBytes(bytes: Uint8Array, manifestUrl: string): Manifest {
  if (bytes.length > MAX_MANIFEST_BYTES)
    throw new OnetError('SNAPSHOT_CORRUPT', `The manifest at ${manifestUrl} is larger than ${MAX_MANIFEST_BYTES} bytes`, { field: 'manifestUrl' });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new OnetError('SNAPSHOT_CORRUPT', `The manifest at ${manifestUrl} is not valid JSON`, { field: 'manifestUrl' });
  }
  return checkDeclaredSize(parseManifest(json), manifestUrl);
}

/**
 * Where the snapshot file is: `override` when given (needed when the manifest URL cannot serve as
 * a base, e.g. a blob: URL), else `manifest.file` resolved against the manifest URL.
 */
export function snapshotUrlFor(manifest: Manifest, manifestUrl: string, override?: string): string {
  if (override !== undefined) return override;
  return resolveUrl(manifest.file, {
    base: manifestUrl,
    field: 'manifestUrl',
    message: `Cannot resolve the snapshot file "${manifest.file}" against ${manifestUrl}`,
    suggestion: 'Use an absolute http(s) manifest URL, or pass snapshotUrl explicitly.',
  });
}

/**
 * A file the manifest announces: its size and sha256, how messages name it ("The snapshot",
 * "Section skills") and the option its URL comes from (the error's `field`).
 */
interface AnnouncedFile {
  readonly bytes: number;
  readonly sha256: string;
  readonly what: string;
  readonly field: 'manifestUrl' | 'snapshotUrl';
}

const theSnapshot = (manifest: Manifest): AnnouncedFile => ({ bytes: manifest.bytes, sha256: manifest.sha256, what: 'The snapshot', field: 'snapshotUrl' });

/** Downloads exactly `file.bytes` bytes (a longer or shorter body is SNAPSHOT_CORRUPT), within `guard`. */
async function downloadExact(url: string, file: AnnouncedFile, guard: Guard, options: RequestOptions & { onBytes?: (loaded: number) => void }): Promise<Uint8Array<ArrayBuffer>> {
  const response = await request(url, file.field, guard, options);
  const bytes = await readBody(response, url, file.field, guard, file.bytes, true, options.onBytes);
  if (bytes.length !== file.bytes) {
    throw new OnetError('SNAPSHOT_CORRUPT', `${file.what} is truncated: got ${bytes.length} bytes, the manifest announces ${file.bytes}`, { field: file.field });
  }
  return bytes;
}

/** Checks size and sha256 against what the manifest announces; any mismatch is SNAPSHOT_CORRUPT. */
async function checkAnnounced(bytes: Uint8Array<ArrayBuffer>, file: AnnouncedFile, digest: (bytes: Uint8Array<ArrayBuffer>) => Promise<string> = sha256Hex): Promise<void> {
  if (bytes.length !== file.bytes) {
    throw new OnetError('SNAPSHOT_CORRUPT', `${file.what} is ${bytes.length} bytes, the manifest announces ${file.bytes}`, { field: file.field });
  }
  const actual = await digest(bytes);
  if (actual !== file.sha256) {
    throw new OnetError('SNAPSHOT_CORRUPT', `${file.what}'s sha256 ${actual} does not match the manifest (${file.sha256})`, {
      field: file.field,
      suggestion: 'The download was damaged or the server holds a different file than its manifest describes.',
    });
  }
}

/**
 * Downloads the snapshot file, reporting `(loaded, total)` bytes with total = manifest.bytes.
 * A body longer or shorter than manifest.bytes is SNAPSHOT_CORRUPT. Does not hash: see
 * {@link verifySnapshot}, kept separate so the caller can report a distinct "verify" stage.
 */
export async function downloadSnapshot(
  url: string,
  manifest: Manifest,
  options: RequestOptions & { onBytes?: (loaded: number, total: number) => void } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const guard = new Guard('downloading the snapshot', options.signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const onBytes = options.onBytes;
    return await downloadExact(url, theSnapshot(manifest), guard, { ...options, onBytes: onBytes && ((loaded) => onBytes(loaded, manifest.bytes)) });
  } finally {
    guard.dispose();
  }
}

/** Where a section file is: its `file` resolved against the manifest URL. */
export function sectionUrlFor(section: SectionFile, manifestUrl: string): string {
  return resolveUrl(section.file, {
    base: manifestUrl,
    field: 'manifestUrl',
    message: `Cannot resolve the section file "${section.file}" against ${manifestUrl}`,
    suggestion: 'Use an absolute http(s) manifest URL.',
  });
}

/**
 * Downloads one section file and verifies it on its own, like the snapshot file: exactly
 * `section.bytes` bytes with the manifest's sha256 (else SNAPSHOT_CORRUPT), so a damaged file never
 * reaches the inflater. Same transport errors as {@link downloadSnapshot}; `field` is
 * `manifestUrl`, the URL the section's address comes from. (Section sizes are bounded when the
 * manifest is read.)
 */
export async function downloadSection(url: string, section: SectionFile, options: RequestOptions & { onBytes?: (loaded: number) => void } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const guard = new Guard(`downloading section ${section.name}`, options.signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const file: AnnouncedFile = { bytes: section.bytes, sha256: section.sha256, what: `Section ${section.name}`, field: 'manifestUrl' };
    const bytes = await downloadExact(url, file, guard, options);
    await checkAnnounced(bytes, file, (b) => guard.race(sha256Hex(b)));
    return bytes;
  } finally {
    guard.dispose();
  }
}

/** Lower-case hex SHA-256 via SubtleCrypto (INTERNAL where there is none: not a secure context). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new OnetError('INTERNAL', 'SubtleCrypto is not available, so the snapshot cannot be verified', {
      suggestion: 'Serve the page over https:// or from localhost: browsers only expose crypto.subtle in secure contexts.',
    });
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Checks size and sha256 against the manifest; any mismatch is SNAPSHOT_CORRUPT. */
export async function verifySnapshot(bytes: Uint8Array<ArrayBuffer>, manifest: Manifest): Promise<void> {
  await checkAnnounced(bytes, theSnapshot(manifest));
}
