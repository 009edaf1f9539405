/**
 * Install and load, in real Chromium: real IndexedDB (a fresh database per test), real fetch over
 * blob: URLs, a real module Worker through comlink. See docs/install-and-storage.md.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { expose, proxy, wrap, type Remote } from 'comlink';
import { openDB } from 'idb';
import { OnetError } from '../../src/errors.js';
import { FORMAT_VERSION, inflateSections } from '../../src/snapshot/codec.js';
import { installErrorTransfer } from '../../src/transfer.js';
import type { Progress, WorkerApi } from '../../src/protocol.js';
import { loadSnapshot, type LoadOptions } from '../../worker/loader.js';
import type { InstallRecord, SnapshotStore } from '../../worker/store.js';
import { openIdbStore } from '../../worker/store-idb.js';
import { createMemoryStore } from '../../worker/store-memory.js';
import {
  buildFixture,
  chunkedResponse,
  deleteTestDatabases,
  fakeFetcher,
  freshDbName,
  hangingResponse,
  jsonResponse,
  manifestFor,
  MANIFEST_URL,
  rawDb,
  snapshotUrlOf,
  stallingResponse,
  type FakeFetcher,
  type Fixture,
} from './support/snapshots.js';

let A: Fixture;
let B: Fixture;

beforeAll(async () => {
  A = await buildFixture('28.0', ['Alpha One', 'Alpha Two']);
  B = await buildFixture('29.3', ['Beta One', 'Beta Two', 'Beta Three']);
});

afterEach(deleteTestDatabases);

/** Loads through the fake fetcher with a given database, collecting progress. */
async function load(fake: FakeFetcher, dbName: string, extra: Partial<LoadOptions> = {}) {
  const progress: Progress[] = [];
  const result = await loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName, onProgress: (p) => progress.push(p), ...extra });
  return { result, progress, stages: [...new Set(progress.map((p) => p.stage))] };
}

/** What an installed fixture looks like to `install()`. */
function installInput(fixture: Fixture) {
  const { header, sections } = inflateSections(fixture.bytes);
  const record: InstallRecord = {
    release: header.info.release,
    sha256: String(fixture.manifest.sha256),
    formatVersion: FORMAT_VERSION,
    info: header.info,
    manifest: fixture.manifest as unknown as InstallRecord['manifest'],
  };
  return { record, sections };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<OnetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OnetError);
  expect((error as OnetError).code).toBe(code);
  return error as OnetError;
}

describe('loader with IndexedDB', () => {
  test('cold install: stages in order, bytes reported, data in IndexedDB', async () => {
    const dbName = freshDbName();
    const fake = fakeFetcher(A);
    const { result, progress, stages } = await load(fake, dbName);

    expect(stages).toEqual(['manifest', 'download', 'verify', 'decompress', 'decode', 'index', 'install', 'ready']);
    const downloads = progress.filter((p) => p.stage === 'download');
    expect(downloads.length).toBeGreaterThan(2);
    expect(downloads.every((p) => p.total === A.bytes.length)).toBe(true);
    expect(downloads.map((p) => p.loaded)).toEqual([...downloads.map((p) => p.loaded)].sort((x, y) => x - y));
    expect(downloads.at(-1)!.loaded).toBe(A.bytes.length);

    expect(result).toMatchObject({ source: 'network', storage: 'indexeddb', release: '28.0', sha256: A.manifest.sha256, updateError: null, storageError: null });
    expect(result.engine.info.release).toBe('28.0');
    expect((result.engine.get('/info') as { release: string }).release).toBe('28.0');
    expect(fake.calls).toEqual([MANIFEST_URL, snapshotUrlOf(A)]);

    const { keys, active } = await rawDb(dbName);
    expect(active?.release).toBe('28.0');
    expect(keys.length).toBe(active!.sections.length);
    expect(keys.every(([id]) => id === active!.installId)).toBe(true);
  });

  test('a timeout that setTimeout cannot honour is a VALIDATION_ERROR before any request', async () => {
    for (const timeoutMs of [Number.NaN, 0, -5, 2 ** 31, Number.POSITIVE_INFINITY]) {
      const fake = fakeFetcher(A);
      const error = await expectCode(load(fake, freshDbName(), { timeoutMs }), 'VALIDATION_ERROR');
      expect(error.field).toBe('timeoutMs');
      expect(fake.calls).toEqual([]);
    }
  });

  test('a manifest the page already fetched is used instead of fetching it again; a bad one is SNAPSHOT_CORRUPT', async () => {
    const dbName = freshDbName();
    const bytesOf = (fixture: Fixture) => new TextEncoder().encode(JSON.stringify(fixture.manifest));
    // The page's copy of the manifest announces B: B is downloaded, the manifest is not requested again.
    const fake = fakeFetcher(B);
    const { result } = await load(fake, dbName, { manifestBytes: bytesOf(B) });
    expect(result.release).toBe('29.3');
    expect(fake.calls).not.toContain(MANIFEST_URL);
    // Unparsable page copy with B installed: the update check fails like a bad download, B keeps serving.
    const again = fakeFetcher(B);
    const { result: fallback } = await load(again, dbName, { manifestBytes: new TextEncoder().encode('{not json') });
    expect(fallback).toMatchObject({ source: 'cache', release: '29.3' });
    expect(fallback.updateError?.code).toBe('SNAPSHOT_CORRUPT');
    expect(again.calls).toEqual([]);
  });

  test('warm start reads IndexedDB and does not fetch the snapshot', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const fake = fakeFetcher(A);
    const { result, stages } = await load(fake, dbName);
    expect(fake.calls).toEqual([MANIFEST_URL]);
    expect(stages).toEqual(['manifest', 'decode', 'index', 'ready']);
    expect(result).toMatchObject({ source: 'cache', storage: 'indexeddb', release: '28.0', warnings: [] });
    expect(result.engine.info.release).toBe('28.0');
    expect(result.snapshot.tables.occupations?.rows).toBe(2);
  });

  test('offline (manifest unreachable) warm-starts from IndexedDB with a warning; offline: true skips the network', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const down = fakeFetcher();
    down.routes[MANIFEST_URL] = () => Promise.reject(new TypeError('Failed to fetch'));
    const { result } = await load(down, dbName);
    expect(result).toMatchObject({ source: 'cache', release: '28.0' });
    expect(result.updateError?.code).toBe('NETWORK');
    expect(result.warnings.join('\n')).toMatch(/Serving the installed release 28\.0/);

    const none = fakeFetcher();
    const offline = await load(none, dbName, { offline: true });
    expect(none.calls).toEqual([]);
    expect(offline.result.release).toBe('28.0');
    await expectCode(load(fakeFetcher(), freshDbName(), { offline: true }), 'NETWORK');
  });

  test('upgrade to a new release replaces the old one and deletes its sections', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const before = await rawDb(dbName);

    const fake = fakeFetcher(B);
    const { result } = await load(fake, dbName);
    expect(result).toMatchObject({ source: 'network', release: '29.3' });
    expect(result.snapshot.tables.occupations?.rows).toBe(3);
    const after = await rawDb(dbName);
    expect(after.active?.release).toBe('29.3');
    expect(after.active?.installId).not.toBe(before.active?.installId);
    expect(after.keys.length).toBe(after.active!.sections.length);
    expect(after.keys.every(([id]) => id === after.active!.installId)).toBe(true);

    const again = fakeFetcher(B);
    expect((await load(again, dbName)).result).toMatchObject({ source: 'cache', release: '29.3' });
    expect(again.calls).toEqual([MANIFEST_URL]);
  });

  test('a store missing a section is treated as corrupt: reinstalled, never decoded partially', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const { active } = await rawDb(dbName);
    const db = await openDB(dbName);
    await db.delete('sections', [active!.installId, 'elements']);
    db.close();

    const fake = fakeFetcher(A);
    const { result } = await load(fake, dbName);
    expect(fake.calls).toEqual([MANIFEST_URL, snapshotUrlOf(A)]);
    expect(result).toMatchObject({ source: 'network', release: '28.0' });
    expect(result.warnings.join('\n')).toMatch(/could not be loaded.*elements/);
    const after = await rawDb(dbName);
    expect(after.keys.length).toBe(after.active!.sections.length);
  });
});

describe('interrupted install keeps the previous snapshot', () => {
  test('abort while the install transaction is in flight rolls it back', async () => {
    const dbName = freshDbName();
    const store = await openIdbStore({ name: dbName });
    try {
      const a = await store.install(installInput(A).record, installInput(A).sections);
      const controller = new AbortController();
      const { record, sections } = installInput(B);
      const pending = store.install(record, sections, controller.signal);
      controller.abort(); // the puts are queued, the transaction has not committed
      await expectCode(pending, 'ABORTED');

      expect((await store.readActive())?.installId).toBe(a.installId);
      const raw = await rawDb(dbName);
      expect(raw.keys.every(([id]) => id === a.installId)).toBe(true);
      expect(raw.keys.length).toBe(a.sections.length);
      expect((await store.readSections(a)).map((s) => s.entry.name)).toEqual(a.sections);
    } finally {
      store.close();
    }
  });

  test('a write that fails inside the transaction rolls everything back (STORAGE)', async () => {
    const dbName = freshDbName();
    const store = await openIdbStore({ name: dbName });
    try {
      const a = await store.install(installInput(A).record, installInput(A).sections);
      const { record, sections } = installInput(B);
      // A function cannot be structured-cloned: put() throws DataCloneError mid-transaction,
      // after the first sections were queued — the same shape as a quota error halfway through.
      const poisoned = [...sections.slice(0, -1), { entry: sections.at(-1)!.entry, data: (() => 0) as unknown as Uint8Array }];
      await expectCode(store.install(record, poisoned), 'STORAGE');
      expect((await store.readActive())?.release).toBe('28.0');
      const raw = await rawDb(dbName);
      expect(raw.keys.every(([id]) => id === a.installId)).toBe(true);
    } finally {
      store.close();
    }
  });

  test('loader: abort during the install stage rejects ABORTED; the next load serves the previous release', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const controller = new AbortController();
    const error = await expectCode(
      loadSnapshot({
        manifestUrl: MANIFEST_URL,
        fetcher: fakeFetcher(B).fetcher,
        dbName,
        signal: controller.signal,
        onProgress: (p) => p.stage === 'install' && controller.abort(),
      }),
      'ABORTED',
    );
    expect(error.message).toMatch(/abort/i);
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('28.0');
    expect(raw.keys.every(([id]) => id === raw.active!.installId)).toBe(true);
    expect((await load(fakeFetcher(A), dbName)).result).toMatchObject({ source: 'cache', release: '28.0' });
  });

  test('loader: a failing install serves the new snapshot from memory and keeps the old one installed', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const real = await openIdbStore({ name: dbName });
    const failing: SnapshotStore = {
      kind: real.kind,
      readActive: () => real.readActive(),
      readSections: (r) => real.readSections(r),
      readInstalledSections: (r, names) => real.readInstalledSections(r, names),
      repairSection: (r, section) => real.repairSection(r, section),
      install: (record, sections, signal) => real.install(record, [...sections.slice(0, -1), { entry: sections.at(-1)!.entry, data: (() => 0) as unknown as Uint8Array }], signal),
      beginPending: (sha, release) => real.beginPending(sha, release),
      readPending: () => real.readPending(),
      putPendingSection: (pending, section, digest) => real.putPendingSection(pending, section, digest),
      readPendingSections: (pending, names) => real.readPendingSections(pending, names),
      close: () => real.close(),
    };
    try {
      const { result } = await load(fakeFetcher(B), dbName, { store: failing });
      expect(result).toMatchObject({ source: 'network', storage: 'memory', release: '29.3' });
      expect(result.storageError?.code).toBe('STORAGE');
    } finally {
      real.close();
    }
    expect((await load(fakeFetcher(), dbName, { offline: true })).result.release).toBe('28.0');
  });
});

describe('bad updates keep the previous snapshot', () => {
  type Case = { name: string; code: string; setup: (fake: FakeFetcher) => Promise<void> | void; timeoutMs?: number };
  const cases: Case[] = [
    {
      name: 'flipped byte',
      code: 'SNAPSHOT_CORRUPT',
      setup: (f) => {
        const bytes = B.bytes.slice();
        bytes[bytes.length - 3]! ^= 0xff;
        f.routes[snapshotUrlOf(B)] = () => chunkedResponse(bytes);
      },
    },
    { name: 'truncated body', code: 'SNAPSHOT_CORRUPT', setup: (f) => void (f.routes[snapshotUrlOf(B)] = () => chunkedResponse(B.bytes.slice(0, -10))) },
    { name: 'overlong body', code: 'SNAPSHOT_CORRUPT', setup: (f) => void (f.routes[snapshotUrlOf(B)] = () => chunkedResponse(new Uint8Array([...B.bytes, 1, 2]))) },
    { name: 'wrong sha256 in the manifest', code: 'SNAPSHOT_CORRUPT', setup: (f) => void (f.routes[MANIFEST_URL] = () => jsonResponse({ ...B.manifest, sha256: '0'.repeat(64) })) },
    { name: 'manifest is not JSON', code: 'SNAPSHOT_CORRUPT', setup: (f) => void (f.routes[MANIFEST_URL] = () => new Response('<html>')) },
    { name: 'manifest formatVersion unknown', code: 'SNAPSHOT_VERSION', setup: (f) => void (f.routes[MANIFEST_URL] = () => jsonResponse({ ...B.manifest, formatVersion: 99 })) },
    {
      name: 'container formatVersion unknown (sha256 matches)',
      code: 'SNAPSHOT_VERSION',
      setup: async (f) => {
        const bytes = B.bytes.slice();
        bytes[8] = 99;
        const manifest = await manifestFor(bytes, '29.3');
        f.routes[MANIFEST_URL] = () => jsonResponse(manifest);
        f.routes[snapshotUrlOf(B)] = () => chunkedResponse(bytes);
      },
    },
    { name: 'HTTP 500 on the snapshot', code: 'NETWORK', setup: (f) => void (f.routes[snapshotUrlOf(B)] = () => new Response('boom', { status: 500 })) },
    { name: 'HTTP 500 on the manifest', code: 'NETWORK', setup: (f) => void (f.routes[MANIFEST_URL] = () => new Response('boom', { status: 500 })) },
    {
      name: 'connection drops mid-body',
      code: 'NETWORK',
      setup: (f) => void (f.routes[snapshotUrlOf(B)] = () => new Response(new ReadableStream({ pull: (c) => c.error(new TypeError('network error')) }))),
    },
    { name: 'hung snapshot fetch', code: 'TIMEOUT', timeoutMs: 150, setup: (f) => void (f.routes[snapshotUrlOf(B)] = hangingResponse) },
    { name: 'stalled snapshot body', code: 'TIMEOUT', timeoutMs: 150, setup: (f) => void (f.routes[snapshotUrlOf(B)] = () => stallingResponse(B.bytes)) },
  ];

  test.each(cases)('$name → $code, previous release served and still installed', async ({ code, setup, timeoutMs }) => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const fake = fakeFetcher(B);
    await setup(fake);
    const timing = timeoutMs === undefined ? {} : { timeoutMs };

    // Default policy: serve what is installed, report the typed error.
    const { result } = await load(fake, dbName, timing);
    expect(result).toMatchObject({ source: 'cache', release: '28.0' });
    expect(result.updateError).toBeInstanceOf(OnetError);
    expect(result.updateError?.code).toBe(code);

    // Strict policy: reject with the typed error.
    await expectCode(load(fake, dbName, { ...timing, fallbackToInstalled: false }), code);

    // Either way the previous snapshot is intact and complete.
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('28.0');
    expect(raw.keys.length).toBe(raw.active!.sections.length);
    expect((await load(fakeFetcher(A), dbName)).result).toMatchObject({ source: 'cache', release: '28.0' });
  });

  test('with nothing installed a bad download rejects with its code', async () => {
    const fake = fakeFetcher(B);
    fake.routes[snapshotUrlOf(B)] = () => new Response('boom', { status: 500 });
    await expectCode(load(fake, freshDbName()), 'NETWORK');
  });

  test('the caller aborting the download rejects ABORTED', async () => {
    const controller = new AbortController();
    const fake = fakeFetcher(B);
    fake.routes[snapshotUrlOf(B)] = hangingResponse;
    const pending = load(fake, freshDbName(), { signal: controller.signal, onProgress: (p) => p.stage === 'download' && setTimeout(() => controller.abort(), 10) });
    await expectCode(pending, 'ABORTED');
  });
});

describe('storage fallback', () => {
  test('a store factory that throws falls back to memory and says so', async () => {
    const { result } = await load(fakeFetcher(A), freshDbName(), {
      store: () => Promise.reject(new DOMException('The user denied permission to access the database.', 'UnknownError')),
    });
    expect(result).toMatchObject({ source: 'network', storage: 'memory', release: '28.0' });
    expect(result.storageError?.code).toBe('STORAGE');
    expect(result.warnings.join('\n')).toMatch(/IndexedDB is unavailable/);
    expect(result.engine.info.release).toBe('28.0');
  });

  test('IndexedDB refusing to open (newer database version) falls back to memory', async () => {
    const dbName = freshDbName();
    (await openDB(dbName, 5)).close();
    const { result } = await load(fakeFetcher(A), dbName);
    expect(result).toMatchObject({ storage: 'memory', release: '28.0' });
    expect(result.storageError?.code).toBe('STORAGE');
    expect(result.storageError?.message).toMatch(/VersionError/);
  });

  test('a memory store kept by the caller warm-starts', async () => {
    const store = createMemoryStore();
    await load(fakeFetcher(A), freshDbName(), { store });
    const fake = fakeFetcher(A);
    const { result } = await load(fake, freshDbName(), { store });
    expect(result).toMatchObject({ source: 'cache', storage: 'memory', release: '28.0' });
    expect(fake.calls).toEqual([MANIFEST_URL]);
  });
});

describe('error transfer across comlink', () => {
  test('OnetError keeps code, field, status, suggestion, errors; anything else becomes INTERNAL', async () => {
    installErrorTransfer();
    const { port1, port2 } = new MessageChannel();
    expose(
      {
        validation() {
          throw new OnetError('VALIDATION_ERROR', 'bad skills', { field: 'skills', suggestion: 'Use element ids', errors: [{ field: 'skills', message: 'unknown 9.Z' }] });
        },
        bug() {
          throw new TypeError('x is undefined');
        },
        async text() {
          throw 'plain string';
        },
      },
      port1,
    );
    const remote = wrap<{ validation(): void; bug(): void; text(): Promise<void> }>(port2);
    try {
      const e = await expectCode(Promise.resolve(remote.validation()), 'VALIDATION_ERROR');
      expect(e.toJSON()).toEqual({
        code: 'VALIDATION_ERROR',
        message: 'bad skills',
        status: 422,
        field: 'skills',
        suggestion: 'Use element ids',
        errors: [{ field: 'skills', message: 'unknown 9.Z' }],
      });
      expect(e.stack).toMatch(/validation/);
      expect((await expectCode(Promise.resolve(remote.bug()), 'INTERNAL')).message).toBe('x is undefined');
      expect((await expectCode(remote.text(), 'INTERNAL')).message).toBe('plain string');
    } finally {
      port1.close();
      port2.close();
    }
  });
});

describe('real fetch and a real Worker', () => {
  /** Serves a fixture from blob: URLs (a blob URL cannot be a base URL, hence snapshotUrl). */
  function blobUrls(fixture: Fixture) {
    const snapshotUrl = URL.createObjectURL(new Blob([fixture.bytes]));
    const manifestUrl = URL.createObjectURL(new Blob([JSON.stringify(fixture.manifest)], { type: 'application/json' }));
    return { manifestUrl, snapshotUrl, revoke: () => [manifestUrl, snapshotUrl].forEach((u) => URL.revokeObjectURL(u)) };
  }

  test('cold install then warm start through the global fetch', async () => {
    const dbName = freshDbName();
    const urls = blobUrls(A);
    try {
      const progress: Progress[] = [];
      const first = await loadSnapshot({ manifestUrl: urls.manifestUrl, snapshotUrl: urls.snapshotUrl, dbName, onProgress: (p) => progress.push(p) });
      expect(first).toMatchObject({ source: 'network', storage: 'indexeddb', release: '28.0' });
      expect(progress.filter((p) => p.stage === 'download').at(-1)).toEqual({ stage: 'download', loaded: A.bytes.length, total: A.bytes.length });
      const second = await loadSnapshot({ manifestUrl: urls.manifestUrl, snapshotUrl: urls.snapshotUrl, dbName });
      expect(second).toMatchObject({ source: 'cache', release: '28.0' });
    } finally {
      urls.revoke();
    }
  });

  let worker: Worker | undefined;
  let api: Remote<WorkerApi> | undefined;
  afterEach(() => {
    worker?.terminate();
    worker = undefined;
    api = undefined;
  });

  test('module Worker: open → info() → get(), typed errors cross the boundary', async () => {
    installErrorTransfer();
    worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' });
    api = wrap<WorkerApi>(worker);
    const dbName = freshDbName();

    await expectCode(Promise.resolve(api.get('/info')), 'ENGINE_CLOSED');

    const urls = blobUrls(A);
    try {
      const stages: string[] = [];
      const summary = await api.open(
        { manifestUrl: urls.manifestUrl, snapshotUrl: urls.snapshotUrl, dbName },
        proxy((p: Progress) => void stages.push(p.stage)),
      );
      expect(summary).toMatchObject({ source: 'network', storage: 'indexeddb', release: '28.0', updateError: null });
      expect(await api.info()).toEqual(summary);
      expect(await api.get('/info')).toMatchObject({ release: '28.0', attribution: 'test' });
      await expect.poll(() => stages.at(-1)).toBe('ready');
      expect(stages).toContain('download');

      const notFound = await expectCode(Promise.resolve(api.get('/no/such/route')), 'NOT_FOUND');
      expect(notFound.status).toBe(404);

      // Re-open in the same Worker: warm start from IndexedDB.
      expect(await api.open({ manifestUrl: urls.manifestUrl, snapshotUrl: urls.snapshotUrl, dbName })).toMatchObject({ source: 'cache', release: '28.0' });
    } finally {
      urls.revoke();
    }

    // A manifest URL that is not there: NETWORK with its field and suggestion, on the main thread.
    const missing = new URL(`/__onet_missing__/${Date.now()}/manifest.json`, location.href).href;
    const error = await expectCode(api.open({ manifestUrl: missing, dbName: freshDbName() }), 'NETWORK');
    expect(error.field).toBe('manifestUrl');
    expect(error.status).toBe(503);
    expect(error.suggestion).toMatch(/manifestUrl/);

    await api.close();
    await expectCode(Promise.resolve(api.get('/info')), 'ENGINE_CLOSED');
  });
});
