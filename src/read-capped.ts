/**
 * The one way a response body is read — by the page (the manifest prefetch), the Worker and the
 * CLI (worker/fetch.ts): streamed, never more than a byte limit, and never waiting longer than a
 * deadline for the next chunk. A body can be endless or stall; neither may grow memory without
 * bound or leave a promise pending.
 *
 * Also the one origin rule for responses (see {@link checkResponseOrigin}).
 */
import { OnetError, validationError } from './errors.js';

/**
 * How a read waits: `race` makes a pending promise lose to the deadline (TIMEOUT) or an abort;
 * `touch` reports progress (an inactivity deadline starts again). worker/fetch.ts's request guard
 * is one; {@link idleDeadline} is the plain one.
 */
export interface ReadDeadline {
  race<T>(promise: Promise<T>): Promise<T>;
  touch(): void;
}

/** What {@link readCapped} reads and how it names failures. */
export interface CappedReadOptions {
  /** The URL read (for messages). */
  readonly url: string;
  /** The option the URL came from (the errors' `field`). */
  readonly field: string;
  /**
   * The body must be exactly `limit` bytes long (a download of announced size): the buffer is
   * allocated up front (up to 64 MiB; larger ones grow) and the message names the announcement.
   */
  readonly exact?: boolean;
  /** Bytes read so far, after each chunk. */
  readonly onBytes?: (loaded: number) => void;
}

/** Most bytes a read allocates before it has seen them (see {@link CappedReadOptions.exact}). */
const INITIAL_EXACT_BYTES = 64 << 20;

/**
 * Reads `response`'s body: more than `limit` bytes is SNAPSHOT_CORRUPT (the stream is cancelled at
 * once, so an endless body costs at most `limit` bytes), no chunk within the deadline is the
 * deadline's error (TIMEOUT), a body that breaks off is NETWORK.
 */
export async function readCapped(response: Response, limit: number, deadline: ReadDeadline, options: CappedReadOptions): Promise<Uint8Array<ArrayBuffer>> {
  const { url, field, exact = false, onBytes } = options;
  const tooLong = () =>
    new OnetError('SNAPSHOT_CORRUPT', exact ? `${url} is longer than the ${limit} bytes the manifest announces` : `${url} is larger than ${limit} bytes`, { field });
  const body = response.body;
  if (!body) {
    // Fetchers (tests, polyfills) may hand back a Response without a stream.
    const all = new Uint8Array(await deadline.race(response.arrayBuffer()));
    if (all.length > limit) throw tooLong();
    onBytes?.(all.length);
    return all;
  }
  let buffer = new Uint8Array(Math.min(limit, exact ? INITIAL_EXACT_BYTES : 64 * 1024));
  let loaded = 0;
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await deadline.race(reader.read());
      } catch (error) {
        if (error instanceof OnetError) throw error;
        throw new OnetError('NETWORK', `The download of ${url} broke off: ${error instanceof Error ? error.message : String(error)}`, {
          field,
          cause: error,
          suggestion: 'Check the connection and the URL.',
        });
      }
      deadline.touch();
      if (chunk.done) {
        finished = true;
        break;
      }
      const value = chunk.value;
      if (loaded + value.length > limit) throw tooLong();
      if (loaded + value.length > buffer.length) {
        const grown = new Uint8Array(Math.min(limit, Math.max(buffer.length * 2, loaded + value.length)));
        grown.set(buffer.subarray(0, loaded));
        buffer = grown;
      }
      buffer.set(value, loaded);
      loaded += value.length;
      onBytes?.(loaded);
    }
  } finally {
    if (!finished) void reader.cancel().catch(() => undefined);
  }
  return loaded === buffer.length ? buffer : buffer.slice(0, loaded);
}

/**
 * A {@link ReadDeadline} of `ms` of inactivity (TIMEOUT) that also loses to `signal` (ABORTED).
 * Its own `signal` aborts on either, to hand to fetch. Call `dispose` when done.
 */
export function idleDeadline(ms: number, what: string, signal?: AbortSignal): ReadDeadline & { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reject!: (error: OnetError) => void;
  const failed = new Promise<never>((_, r) => (reject = r));
  failed.catch(() => undefined);
  const fail = (error: OnetError) => {
    clearTimeout(timer);
    controller.abort(error);
    reject(error);
  };
  const onAbort = () => fail(new OnetError('ABORTED', `Aborted while ${what}`, { cause: signal?.reason }));
  const touch = () => {
    if (controller.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => fail(new OnetError('TIMEOUT', `Timed out after ${ms} ms without progress while ${what}`)), ms);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  touch();
  return {
    signal: controller.signal,
    race: (promise) => Promise.race([promise, failed]),
    touch,
    dispose() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** The origin of `url` ('null' for URLs without one, e.g. data:), or undefined when it does not parse. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The one origin rule for responses. fetch follows redirects, and `response.url` is where the body
 * came from: it must be the requested URL's origin or one of `allowedOrigins`, else the response
 * is refused (NETWORK, body cancelled unread) — a compromised or misconfigured server cannot send
 * the reader to a third party. Same-origin redirects are fine. Responses built by hand (fetchers in
 * tests, the CLI's file reader) have an empty `url`: there was no redirect to check.
 */
export function checkResponseOrigin(requested: string, response: Response, field: string, allowedOrigins?: readonly string[]): void {
  if (!response.url) return;
  const origin = originOf(response.url);
  if (origin === originOf(requested) || (origin !== undefined && allowedOrigins?.includes(origin))) return;
  void response.body?.cancel().catch(() => undefined);
  throw new OnetError('NETWORK', `${requested} redirected to another origin (${response.url}); refused`, {
    field,
    suggestion: 'Serve the manifest and the snapshot from the origin they are requested from (no cross-origin redirects), or list that origin in allowedOrigins.',
  });
}

/**
 * Throws VALIDATION_ERROR on `field` unless `url` is on one of `allowed` (origins such as
 * `https://cdn.example`); no restriction when `allowed` is undefined. Checked before a request,
 * so a URL on another origin is never contacted.
 */
export function checkAllowedOrigin(url: string, allowed: readonly string[] | undefined, field: string): void {
  if (allowed === undefined) return;
  const origin = originOf(url);
  if (origin !== undefined && allowed.includes(origin)) return;
  throw validationError(
    field,
    `${url} is not on an allowed origin (${allowed.join(', ') || 'none'})`,
    "Serve the snapshot from the page's origin, or list its origin in the allowedOrigins option.",
  );
}
