/**
 * Warm-start preload (src/api/preload.ts): the page reads the installed snapshot while the Worker
 * boots and transfers it; the Worker checks it like its own read. Real IndexedDB, real Worker.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, test } from 'vitest';
import { preloadInstalled } from '../../src/api/preload.js';
import type { PreloadedInstall } from '../../src/protocol.js';
import { ResilientWorker } from '../../src/api/worker-backend.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const manifestUrl = new URL(`/${FIXTURE_MANIFEST}`, location.href).href;
const SOFT = '/online/soft_skills/results?skills=2.B.1.b';
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function freshDb(): string {
  const name = `preload-${crypto.randomUUID()}`;
  cleanup.push(() => deleteDB(name));
  return name;
}

/** A ResilientWorker on worker/worker.ts whose preload goes through `preload`. */
function backend(preload: (db: string) => Promise<PreloadedInstall | undefined>, prefetchManifest = true): ResilientWorker {
  const engine = new ResilientWorker({
    createWorker: () => new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' }),
    callTimeoutMs: 10_000,
    restartTimeoutMs: 10_000,
    preload,
    prefetchManifest,
  });
  cleanup.push(() => engine.close());
  return engine;
}

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

describe('warm-start preload on the page', () => {
  test('finds nothing in a database that does not exist, and does not create it', async () => {
    const name = freshDb();
    expect(await preloadInstalled(name)).toBeUndefined();
    expect(await databaseExists(name)).toBe(false);
  });

  test('a warm start uses the page’s read: the buffers move to the Worker (no copy) and the answers are the same', async () => {
    const dbName = freshDb();
    const seen: (PreloadedInstall | undefined)[] = [];
    const spy = async (db: string) => {
      const result = await preloadInstalled(db);
      seen.push(result);
      return result;
    };
    const first = backend(spy);
    expect((await first.open({ manifestUrl, dbName })).source).toBe('network');
    const expected = await first.get(SOFT);
    await first.installed(); // answered first, installed in the background
    first.close();
    expect(seen).toEqual([undefined]); // nothing installed yet: the Worker installs

    const second = backend(spy);
    const summary = await second.open({ manifestUrl, dbName });
    expect(summary.source).toBe('cache');
    const preload = seen[1]!;
    expect(preload).toBeDefined();
    expect((preload.record as { sha256: string }).sha256).toBe(summary.sha256);
    // Transferred, not copied: the page's buffers are detached now.
    for (const section of preload.sections) expect((section as { data: Uint8Array }).data.byteLength).toBe(0);
    expect(await second.get(SOFT)).toEqual(expected);
    second.close();

    // Proof that the Worker serves the preload rather than reading for itself: with the database
    // gone, only the preload can make this a warm start.
    const kept = await preloadInstalled(dbName);
    await deleteDB(dbName);
    const third = backend(async () => kept);
    expect((await third.open({ manifestUrl, dbName })).source).toBe('cache');
    expect(await third.get(SOFT)).toEqual(expected);
  });

  test('the page fetches the manifest during the boot (the Worker then does not), unless told not to', async () => {
    // The page's own requests are in its resource timeline (the Worker's are in the Worker's). The
    // timeline holds 250 entries by default and the test page's modules fill it: make room first.
    performance.clearResourceTimings();
    const pageFetches = () => performance.getEntriesByName(manifestUrl).length;
    const dbName = freshDb();
    const before = pageFetches();
    const engine = backend(async () => undefined);
    expect((await engine.open({ manifestUrl, dbName })).source).toBe('network');
    expect(pageFetches()).toBe(before + 1);
    await engine.installed();
    engine.close();
    const quiet = backend(async () => undefined, false);
    expect((await quiet.open({ manifestUrl, dbName })).source).toBe('cache');
    expect(pageFetches()).toBe(before + 1);
  });

  test('a malformed preload is ignored: the Worker reads IndexedDB itself and still warm-starts', async () => {
    const dbName = freshDb();
    const installer = backend(async () => undefined);
    await installer.open({ manifestUrl, dbName });
    const expected = await installer.get(SOFT);
    await installer.installed();
    installer.close();

    // Each variant starts from a fresh read: an open transfers (detaches) the buffers it is given.
    const variants: ((p: PreloadedInstall) => PreloadedInstall)[] = [
      (p) => ({ record: p.record, sections: p.sections.slice(1) }), // a section missing
      (p) => ({ record: p.record, sections: [...p.sections].reverse() }), // out of order
      (p) => ({ record: { ...(p.record as object), formatVersion: 999 }, sections: p.sections }), // another layout
      (p) => ({ record: p.record, sections: p.sections.map((s) => ({ ...(s as object), data: new Uint8Array(3) })) }), // wrong sizes
      () => JSON.parse('{"record":{"__proto__":{"polluted":true}},"sections":[]}') as PreloadedInstall,
    ];
    for (const variant of variants) {
      const real = await preloadInstalled(dbName);
      expect(real).toBeDefined();
      const engine = backend(async () => variant(real!));
      const summary = await engine.open({ manifestUrl, dbName });
      expect(summary.source).toBe('cache');
      expect(await engine.get(SOFT)).toEqual(expected);
      engine.close();
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
