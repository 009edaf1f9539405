/**
 * Warm-start preload: the page reads the installed snapshot from IndexedDB, and fetches the
 * manifest, while the Worker boots.
 *
 * Why: on a warm start the two longest waits were sequential — starting the Worker (thread, script
 * fetch and compile) and then, inside it, opening IndexedDB and reading what the engine needs
 * to exist. Reading on the page during the boot overlaps them; the buffers then move to the
 * Worker by transfer (no copy). Only the record and the sections of PRELOADED_TABLES are read
 * here: reading every section made the preload, not the boot, the longest wait. The Worker
 * validates what it receives exactly as it validates its own reads and decides, with the
 * manifest, whether to use it.
 *
 * Best effort by design: any failure — no IndexedDB, no database, another layout version, a
 * blocked or failing read — resolves undefined and the Worker reads (or installs) as before. Raw
 * IndexedDB rather than idb keeps this out of the main-thread bundle's budget.
 */
import { ACTIVE_KEY, DEFAULT_TIMEOUT_MS, IDB_VERSION, MAX_MANIFEST_BYTES, META_STORE, PRELOADED_TABLES, SECTIONS_STORE, type PreloadedInstall } from '../protocol.js';
import { checkResponseOrigin, idleDeadline, readCapped } from '../read-capped.js';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens `name` only if it exists at our layout version; never creates or upgrades it. */
function openExisting(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      open = indexedDB.open(name); // throws too where there is no IndexedDB at all
    } catch {
      resolve(undefined);
      return;
    }
    let gaveUp = false;
    // No such database: abort the creation an unversioned open would do (the Worker creates it).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(undefined);
    open.onblocked = () => {
      gaveUp = true;
      resolve(undefined);
    };
    open.onsuccess = () => {
      const db = open.result;
      if (gaveUp) {
        db.close(); // opened after we stopped waiting: don't keep a connection nobody uses
        return;
      }
      // Step aside at once if another connection wants to upgrade or delete the database.
      db.onversionchange = () => db.close();
      if (db.version !== IDB_VERSION || !db.objectStoreNames.contains(META_STORE) || !db.objectStoreNames.contains(SECTIONS_STORE)) {
        db.close();
        resolve(undefined);
      } else resolve(db);
    };
  });
}

/**
 * Reads the installed snapshot's record of database `name` and its sections of PRELOADED_TABLES
 * (in one readonly transaction, so a concurrent install in another tab is seen entirely or not at
 * all), or undefined when there is none or anything goes wrong. The Worker reads the other
 * sections when queries need them.
 */
export async function preloadInstalled(name: string): Promise<PreloadedInstall | undefined> {
  const db = await openExisting(name);
  if (!db) return undefined;
  try {
    const tx = db.transaction([META_STORE, SECTIONS_STORE], 'readonly');
    const record = (await request(tx.objectStore(META_STORE).get(ACTIVE_KEY))) as { installId: string; sections: string[] } | undefined;
    if (!record) return undefined;
    // Unchecked on purpose (the Worker checks it like a read of its own): a malformed record
    // throws here, resolving undefined, or yields what the Worker's checks refuse.
    const sectionStore = tx.objectStore(SECTIONS_STORE);
    const wanted = PRELOADED_TABLES.filter((table) => record.sections.includes(table));
    const sections = await Promise.all(wanted.map((table) => request(sectionStore.get([record.installId, table]))));
    return { record, sections };
  } catch {
    return undefined;
  } finally {
    db.close();
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

/** The distinct ArrayBuffers under a preload's sections: what to transfer to the Worker. */
export function preloadTransferables(preloaded: PreloadedInstall): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const section of preloaded.sections) {
    const data = (section as { data?: unknown } | null)?.data;
    if (data instanceof Uint8Array && data.buffer instanceof ArrayBuffer) buffers.add(data.buffer);
  }
  return [...buffers];
}
