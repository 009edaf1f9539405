/**
 * IndexedDB under hostile conditions, in real Chromium: quota exhausted mid-install, the database
 * deleted while the page is open, a newer tab upgrading the database, two tabs installing
 * different releases at once. The engine recovers or falls back to memory, reports it, and never
 * reads a half-written snapshot.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { openDB } from 'idb';
import { loadSnapshot } from '../../worker/loader.js';
import type { SnapshotStore } from '../../worker/store.js';
import { openIdbStore } from '../../worker/store-idb.js';
import { openEngine } from '../../src/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';
import { buildFixture, deleteTestDatabases, fakeFetcher, freshDbName, MANIFEST_URL, serve, type Fixture } from './support/snapshots.js';

let A: Fixture;
let B: Fixture;
beforeAll(async () => {
  A = await buildFixture('28.0', ['Alpha One', 'Alpha Two']);
  B = await buildFixture('29.3', ['Beta One', 'Beta Two', 'Beta Three']);
});
afterEach(deleteTestDatabases);

const titles = (engine: { get(route: string): unknown }) => (engine.get('/v1/occupations') as { data: { items: { title: string }[] } }).data.items.map((i) => i.title);

/** Wraps a real IndexedDB store so that install() fails the way a full disk does. */
async function quotaStore(dbName: string): Promise<SnapshotStore> {
  const real = await openIdbStore({ name: dbName });
  return {
    ...real,
    kind: real.kind,
    readActive: () => real.readActive(),
    readSections: (r) => real.readSections(r),
    close: () => real.close(),
    install: async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
  };
}

describe('IndexedDB faults', () => {
  test('QuotaExceededError mid-install: the new snapshot is served from memory, the old one stays installed', async () => {
    const dbName = freshDbName();
    const fake = fakeFetcher(A);
    await loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName });
    serve(fake, B);
    const result = await loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, store: () => quotaStore(dbName) });
    expect(result.release).toBe('29.3');
    expect(titles(result.engine)).toEqual(['Beta One', 'Beta Two', 'Beta Three']);
    expect(result.warnings.join(' ')).toMatch(/quota|STORAGE|memory/i);
    const offline = await loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName, offline: true });
    expect(offline.release).toBe('28.0');
    expect(titles(offline.engine)).toEqual(['Alpha One', 'Alpha Two']);
  });

  test('the database deleted while the page is open: the engine keeps answering, the next open reinstalls', async () => {
    const dbName = freshDbName();
    const engine = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName });
    const before = await engine.softSkills();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('deleteDatabase blocked: the engine held its connection open'));
    });
    expect(await engine.softSkills()).toEqual(before);
    engine.close();
    const again = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName });
    expect(again.summary.source).toBe('network');
    expect(await again.softSkills()).toEqual(before);
    again.close();
  });

  test('a newer tab upgrading the database (versionchange) during a load: the load still serves, nothing is half-written', async () => {
    const dbName = freshDbName();
    const fake = fakeFetcher(A);
    const loading = loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName });
    // Another tab with a newer build opens the same database at a higher version.
    const upgraded = await new Promise<IDBDatabase | undefined>((resolve) => {
      const request = indexedDB.open(dbName, 99);
      request.onupgradeneeded = () => {
        const db = request.result;
        for (const store of ['sections', 'meta']) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
      request.onblocked = () => undefined; // resolves once our store closes on versionchange
    });
    const result = await loading;
    expect(titles(result.engine)).toEqual(['Alpha One', 'Alpha Two']);
    expect(['indexeddb', 'memory']).toContain(result.storage);
    upgraded?.close();
    // Whatever the newer tab left, a later load either warm-starts a complete snapshot or reinstalls.
    const later = await loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName });
    expect(titles(later.engine)).toEqual(['Alpha One', 'Alpha Two']);
  });
});

describe('two tabs installing different releases at once', () => {
  test('both load and answer their own release; afterwards one complete snapshot is installed', async () => {
    const dbName = freshDbName();
    const tabA = fakeFetcher(A);
    const tabB = fakeFetcher(B);
    const [a, b] = await Promise.all([
      loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: tabA.fetcher, dbName }),
      loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: tabB.fetcher, dbName }),
    ]);
    expect(titles(a.engine)).toEqual(['Alpha One', 'Alpha Two']);
    expect(titles(b.engine)).toEqual(['Beta One', 'Beta Two', 'Beta Three']);

    const db = await openDB(dbName);
    const active = (await db.get('meta', 'active')) as { installId: string; release: string; sections: string[] };
    const keys = (await db.getAllKeys('sections')) as [string, string][];
    db.close();
    expect(['28.0', '29.3']).toContain(active.release);
    // Only the active install's sections remain, and all of them.
    expect(new Set(keys.map(([id]) => id))).toEqual(new Set([active.installId]));
    expect(keys.map(([, name]) => name).sort()).toEqual([...active.sections].sort());

    const offline = await loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: tabA.fetcher, dbName, offline: true });
    expect(offline.release).toBe(active.release);
    expect(titles(offline.engine)).toEqual(active.release === '28.0' ? ['Alpha One', 'Alpha Two'] : ['Beta One', 'Beta Two', 'Beta Three']);
  });
});
