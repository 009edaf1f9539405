/**
 * Warm-start preload: the page reads the installed snapshot from IndexedDB, and fetches the
 * manifest, while the Worker boots.
 *
 * Why: on a warm start the two longest waits were sequential — starting the Worker (thread, script
 * fetch and compile) and then, inside it, opening IndexedDB and reading what the engine needs
 * to exist. Reading on the page during the boot overlaps them; the buffers then move to the
 * Worker by transfer (no copy). Only the record, the sections of PRELOADED_TABLES and those the
 * last session's first query read are read here: reading every section made the preload, not the
 * boot, the longest wait; the first query's sections, read by the Worker after its boot, were most
 * of the wait for the first answer. The Worker validates what it receives exactly as it
 * validates its own reads and decides, with the manifest, whether to use it.
 *
 * Best effort by design: any failure — no IndexedDB, no database, another layout version, a
 * blocked or failing read — resolves undefined and the Worker reads (or installs) as before. Raw
 * IndexedDB rather than idb keeps this out of the main-thread bundle's budget.
 */
import {
  ACTIVE_KEY,
  DEFAULT_TIMEOUT_MS,
  FIRST_READS_KEY,
  MAX_FIRST_READS,
  MAX_MANIFEST_BYTES,
  META_STORE,
  PRELOADED_TABLES,
  SECTIONS_STORE,
  type PreloadedInstall,
} from '../protocol.js';
import { openExisting } from '../idb-existing.js';
import { checkResponseOrigin, idleDeadline, readCapped } from '../read-capped.js';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A page preload: what the open carries, and a way to read the first reads' sections after it. */
export interface PagePreload extends PreloadedInstall {
  /**
   * Reads the sections of the remembered first reads (FIRST_READS_KEY), for
   * WorkerApi.supplyPreloaded; undefined when there are none. Called once the Worker has started
   * (its first progress event): read during its boot, they slowed the boot as much as they saved
   * later on a machine with few cores. Never rejects (empty when the read failed or came too late:
   * the connection is kept for PRELOAD_LATER_MS only).
   */
  readonly readFirstSections?: () => Promise<unknown[]>;
}

/** How long the preload keeps its connection open for {@link PagePreload.readFirstSections}. */
const PRELOAD_LATER_MS = 5000;

/**
 * Reads the installed snapshot's record of database `name` and its sections of PRELOADED_TABLES in
 * one readonly transaction, so a concurrent install in another tab is seen entirely or not at all;
 * or undefined when there is none or anything goes wrong. The tables the last session's first
 * query read (FIRST_READS_KEY) are read later, on request ({@link PagePreload.readFirstSections});
 * the Worker reads the other sections when queries need them.
 */
export async function preloadInstalled(name: string): Promise<PagePreload | undefined> {
  const db = await openExisting(name);
  if (!db) return undefined;
  let keep = false;
  try {
    const tx = db.transaction([META_STORE, SECTIONS_STORE], 'readonly');
    const meta = tx.objectStore(META_STORE);
    const remembered = request(meta.get(FIRST_READS_KEY));
    const record = (await request(meta.get(ACTIVE_KEY))) as { installId: string; sections: string[] } | undefined;
    if (!record) return undefined;
    // Unchecked on purpose (the Worker checks it like a read of its own): a malformed record
    // throws here, resolving undefined, or yields what the Worker's checks refuse.
    const firstReads: unknown = await remembered;
    const read = (store: IDBObjectStore, tables: readonly string[]) =>
      Promise.all(tables.filter((table) => record.sections.includes(table)).map((table) => request(store.get([record.installId, table]))));
    const sections = await read(tx.objectStore(SECTIONS_STORE), PRELOADED_TABLES);
    const rest = Array.isArray(firstReads) ? (firstReads.slice(0, MAX_FIRST_READS) as string[]).filter((table) => !PRELOADED_TABLES.includes(table)) : [];
    if (rest.length === 0) return { record, sections, firstReads };
    // A second transaction: the record it belongs to may have been replaced meanwhile, which the
    // Worker's digest checks catch (the install's sections are swept only with its record).
    keep = true;
    const timer = setTimeout(() => db.close(), PRELOAD_LATER_MS);
    const readFirstSections = () => {
      clearTimeout(timer);
      return Promise.resolve()
        .then(() => read(db.transaction(SECTIONS_STORE, 'readonly').objectStore(SECTIONS_STORE), rest))
        .catch(() => [])
        .finally(() => db.close());
    };
    return { record, sections, firstReads, readFirstSections };
  } catch {
    return undefined;
  } finally {
    if (!keep) db.close();
  }
}

/**
 * The manifest's body when `url` answers 200, else undefined (the Worker then fetches it itself and
 * reports any failure with its usual code). Started on the page so that the request, too, overlaps
 * the Worker's boot; sent like the Worker's own request (no HTTP-cache reuse without revalidation)
 * and read by the same rules: at most MAX_MANIFEST_BYTES, at most `idleMs` without a byte, and not
 * from another origin than `url`'s or `allowedOrigins` after a redirect.
 */
export async function prefetchManifest(url: string, signal?: AbortSignal, idleMs = DEFAULT_TIMEOUT_MS, allowedOrigins?: readonly string[]): Promise<Uint8Array | undefined> {
  const deadline = idleDeadline(idleMs, 'prefetching the manifest', signal);
  try {
    const response = await deadline.race(fetch(url, { cache: 'no-cache', signal: deadline.signal }));
    checkResponseOrigin(url, response, 'snapshot', allowedOrigins);
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    return await readCapped(response, MAX_MANIFEST_BYTES, deadline, { url, field: 'snapshot' });
  } catch {
    return undefined;
  } finally {
    deadline.dispose();
  }
}

/** The distinct ArrayBuffers under preloaded sections: what to transfer to the Worker. */
export function preloadTransferables(sections: readonly unknown[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const section of sections) {
    const data = (section as { data?: unknown } | null)?.data;
    if (data instanceof Uint8Array && data.buffer instanceof ArrayBuffer) buffers.add(data.buffer);
  }
  return [...buffers];
}
