/**
 * Every load settles, every read is capped, every fetch stays on the allowed origins — in real
 * Chromium with real Workers, and real other origins (test/setup/foreign-origins.ts). Each case is
 * one of the guarantees of docs/reliability.md ("The first open settles", "Every read is capped",
 * "The engine fetches only from the page's origin and the origins the host allows", "A stale
 * release says so"): a Worker that never answers, never starts or dies during the first open; a
 * call that is never answered; an endless or stalled manifest body on the page; absurd declared
 * sizes; redirects and snapshot URLs on other origins.
 */
import { afterEach, describe, expect, inject, test } from 'vitest';
import { openEngine, type OnetEngine, type OpenEngineOptions } from '../../src/index.js';
import '../../src/define.js';
import { configureSharedEngines, type OnetSoftSkillsElement } from '../../src/elements/index.js';
import { prefetchManifest } from '../../src/api/preload.js';
import { MAX_MANIFEST_BYTES } from '../../src/protocol.js';
import { loadSnapshot } from '../../worker/loader.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';
import { next } from './support/events.js';
import { rejection, resetPage } from './support/page.js';
import { buildFixture, fakeFetcher, freshDbName, jsonResponse, MANIFEST_URL, snapshotUrlOf, type Fixture } from './support/snapshots.js';

const manifest = `/${FIXTURE_MANIFEST}`;
/** Two origins other than this page's, serving build/test-snapshots/ with CORS headers. */
const [ORIGIN_A, ORIGIN_B] = inject('foreignOrigins');
/** The fixture's manifest path on the foreign servers (relative to build/test-snapshots/). */
const FIXTURE_PATH = 'fixture/manifest.json';

const cleanup: (() => void)[] = [];
afterEach(() => resetPage(cleanup));

/** Opens an engine that is closed after the test. */
async function open(options: OpenEngineOptions): Promise<OnetEngine> {
  const engine = await openEngine({ dbName: freshDbName(), ...options });
  cleanup.push(() => engine.close());
  return engine;
}

/** A module Worker from `source` (a blob: URL), terminated after the test. */
function blobWorker(source: string): Worker {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module' });
  cleanup.push(() => {
    worker.terminate();
    URL.revokeObjectURL(url);
  });
  return worker;
}

/** The engine's real Worker, terminated after the test. */
function engineWorker(): Worker {
  const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' });
  cleanup.push(() => worker.terminate());
  return worker;
}

describe('the first open settles', () => {
  const quick = { timeoutMs: 400, callTimeoutMs: 400 };

  test('a Worker that never answers rejects with TIMEOUT', async () => {
    const error = await rejection(openEngine({ snapshot: manifest, dbName: freshDbName(), createWorker: () => blobWorker('/* answers nothing */'), ...quick }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/Opening the engine/);
  });

  test('a Worker whose script request stalls rejects with TIMEOUT', async () => {
    // The module graph waits forever for an import that never gets headers: the Worker never starts.
    const stalled = () => blobWorker(`import ${JSON.stringify(`${ORIGIN_A}/stall/worker.js`)};`);
    const error = await rejection(openEngine({ snapshot: manifest, dbName: freshDbName(), createWorker: stalled, ...quick }));
    expect(error.code).toBe('TIMEOUT');
  });

  test.each([
    ['manifest', `${ORIGIN_A}/stall/${FIXTURE_PATH}`],
    ['download', `${ORIGIN_A}/half/${FIXTURE_PATH}`],
  ] as const)('a Worker killed during the first open (%s stage) rejects with TIMEOUT', async (stage, snapshot) => {
    // The stage stalls on the server, so the Worker is surely still in it when the kill arrives.
    let worker: Worker | undefined;
    let killed = false;
    const error = await rejection(
      openEngine({
        snapshot,
        allowedOrigins: [ORIGIN_A],
        dbName: freshDbName(),
        // Long enough for a cold machine to boot the Worker and reach the stage before the deadline
        // on silence would end the open first; after the kill, that same deadline must end it.
        timeoutMs: 2500,
        callTimeoutMs: 2500,
        createWorker: () => (worker = engineWorker()),
        onProgress: (p) => {
          if (p.stage !== stage || killed) return;
          killed = true;
          worker!.terminate();
        },
      }),
    );
    expect(killed).toBe(true);
    expect(error.code).toBe('TIMEOUT');
    // The page's deadline, not the (dead) Worker's own fetch timeout.
    expect(error.message).toMatch(/from its Worker/);
  });

  test('progress keeps a slow open alive: the deadline is on silence, not on the total', async () => {
    // Section files in 40 pieces 100 ms apart (4 s) against a 3.5 s deadline on silence: the
    // deadline also covers the Worker's boot, which a loaded machine can make long (its modules
    // come from the dev server here).
    const progress: number[] = [];
    const engine = await open({
      snapshot: `${ORIGIN_A}/trickle/${FIXTURE_PATH}`,
      allowedOrigins: [ORIGIN_A],
      timeoutMs: 3500,
      callTimeoutMs: 3500,
      onProgress: (p) => void (p.stage === 'download' && progress.push(p.loaded)),
    });
    expect(engine.summary.release).toBe('0.1');
    expect(progress.length).toBeGreaterThan(10);
  });

  test('a call that gets no answer, also from a replacement Worker, rejects with TIMEOUT', async () => {
    /** The engine's Worker, deaf to queries (it still opens): comlink's APPLY messages for `get` are dropped. */
    const deaf = () => {
      const worker = engineWorker();
      const post = worker.postMessage.bind(worker) as (message: unknown, transfer?: Transferable[]) => void;
      worker.postMessage = ((message: { type?: string; path?: string[] }, transfer?: Transferable[]) => {
        if (message?.type === 'APPLY' && message.path?.[0] === 'get') return;
        post(message, transfer);
      }) as Worker['postMessage'];
      return worker;
    };
    const engine = await open({ snapshot: manifest, createWorker: deaf, callTimeoutMs: 300 });
    const error = await rejection(engine.softSkills());
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/also after restarting/);
  });

  test('timeouts that are not whole milliseconds from 1 are refused', async () => {
    for (const options of [{ timeoutMs: 0.5 }, { callTimeoutMs: 0.25 }, { timeoutMs: 1.5 }, { timeoutMs: 0 }]) {
      const error = await rejection(openEngine({ snapshot: manifest, ...options }));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.field).toBe(Object.keys(options)[0]);
    }
    const fake = fakeFetcher();
    expect((await rejection(loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, timeoutMs: 0.5 }))).code).toBe('VALIDATION_ERROR');
    expect(fake.calls).toEqual([]);
  });
});

describe('the elements after a failed open', () => {
  test('an element shows TIMEOUT and opens again on the next change', async () => {
    configureSharedEngines({ createWorker: () => blobWorker('/* answers nothing */'), timeoutMs: 400, callTimeoutMs: 400, dbName: freshDbName() });
    const el = document.createElement('onet-soft-skills') as OnetSoftSkillsElement;
    el.setAttribute('snapshot', manifest);
    const failed = next(el, 'onet-error');
    document.body.append(el);
    expect((await failed).code).toBe('TIMEOUT');
    expect(el.shadowRoot!.querySelector('[part=error-code]')?.textContent).toBe('TIMEOUT');

    configureSharedEngines({ dbName: freshDbName() });
    const ready = next(el, 'onet-ready');
    const results = next(el, 'onet-results');
    el.skills = ['2.B.1.a']; // any change: here a property
    await ready;
    expect((await results).total).toBeGreaterThan(0);
    expect(el.shadowRoot!.querySelector('[part=error-code]')).toBeNull();
  });
});

describe('byte limits', () => {
  /** Replaces the page's fetch for one call of `run`. */
  async function withFetch<T>(fake: typeof fetch, run: () => Promise<T>): Promise<T> {
    const original = globalThis.fetch;
    globalThis.fetch = fake;
    try {
      return await run();
    } finally {
      globalThis.fetch = original;
    }
  }

  test('the page-side manifest prefetch stops reading an endless body at the manifest limit', async () => {
    let pulled = 0;
    const endless = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 64 * 1024;
            controller.enqueue(new Uint8Array(64 * 1024).fill(32));
          },
        }),
      );
    expect(await withFetch(endless, () => prefetchManifest('https://page.test/manifest.json'))).toBeUndefined();
    // The stream may run a few chunks ahead of the reader, never megabytes.
    expect(pulled).toBeLessThan(MAX_MANIFEST_BYTES + 8 * 64 * 1024);
  });

  test('the page-side prefetch gives up on a body that stalls', async () => {
    const stalling = async () => new Response(new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) }));
    expect(
      await withFetch(stalling, () =>
        Promise.race([prefetchManifest('https://page.test/manifest.json', undefined, 200), new Promise((resolve) => setTimeout(resolve, 20_000, 'hung'))]),
      ),
    ).toBeUndefined();
  });

  test('the page-side prefetch does not use a body that was redirected to another origin', async () => {
    const redirected = async () => {
      const response = jsonResponse({ format: 'onet-match-snapshot' });
      Object.defineProperty(response, 'url', { value: 'https://elsewhere.test/manifest.json' });
      return response;
    };
    expect(await withFetch(redirected, () => prefetchManifest('https://page.test/manifest.json'))).toBeUndefined();
  });

  test.each([1.5e9, 4e9, 2 ** 53 - 1, -1, 1000.5, 0])('a manifest declaring %d bytes is SNAPSHOT_CORRUPT before any download', async (bytes) => {
    const fixture: Fixture = await buildFixture('29.3');
    const fake = fakeFetcher(fixture);
    fake.routes[MANIFEST_URL] = () => jsonResponse({ ...fixture.manifest, bytes });
    const error = await rejection(loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName: freshDbName() }));
    expect(error.code).toBe('SNAPSHOT_CORRUPT');
    expect(error.field).toBe('bytes'); // the manifest's field, like every malformed-manifest error
    expect(fake.calls).toEqual([MANIFEST_URL]);
  });
});

describe('origins', () => {
  /** A response as fetch returns it after following redirects to `finalUrl`. */
  function redirectedTo(finalUrl: string, response: Response): Response {
    Object.defineProperty(response, 'url', { value: finalUrl });
    Object.defineProperty(response, 'redirected', { value: true });
    return response;
  }

  test('a manifest redirected to another origin is refused (NETWORK), a same-origin redirect is followed', async () => {
    const fixture = await buildFixture('29.3');
    const fake = fakeFetcher(fixture);
    fake.routes[MANIFEST_URL] = () => redirectedTo('https://elsewhere.test/manifest.json', jsonResponse(fixture.manifest));
    const error = await rejection(loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName: freshDbName() }));
    expect(error.code).toBe('NETWORK');
    expect(error.field).toBe('manifestUrl');
    expect(error.message).toMatch(/elsewhere\.test/);

    fake.routes[MANIFEST_URL] = () => redirectedTo('https://cdn.test/onet/v2/manifest.json', jsonResponse(fixture.manifest));
    expect((await loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName: freshDbName() })).release).toBe('29.3');
  });

  test('a snapshot redirected to another origin is refused (NETWORK)', async () => {
    const fixture = await buildFixture('29.3');
    const fake = fakeFetcher(fixture);
    const serveBytes = fake.routes[snapshotUrlOf(fixture)]!;
    fake.routes[snapshotUrlOf(fixture)] = async () => redirectedTo('https://evil.test/snapshot.bin', await serveBytes());
    const error = await rejection(loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName: freshDbName() }));
    expect(error.code).toBe('NETWORK');
    expect(error.field).toBe('snapshotUrl');
  });

  test('the Worker fetches only from the allowed origins: a snapshot URL elsewhere is refused before any request', async () => {
    const fixture = await buildFixture('29.3');
    const fake = fakeFetcher(fixture);
    const error = await rejection(
      loadSnapshot({
        manifestUrl: MANIFEST_URL,
        snapshotUrl: 'https://other.test/snapshot.bin',
        fetcher: fake.fetcher,
        dbName: freshDbName(),
        allowedOrigins: ['https://cdn.test'],
      }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.field).toBe('snapshotUrl');
    expect(fake.calls).toEqual([MANIFEST_URL]);
    const manifestElsewhere = await rejection(loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName: freshDbName(), allowedOrigins: ['https://page.test'] }));
    expect(manifestElsewhere.code).toBe('VALIDATION_ERROR');
    expect(manifestElsewhere.field).toBe('manifestUrl');
    expect(fake.calls).toEqual([MANIFEST_URL]);
  });

  test('a snapshot on another origin is refused unless the host allows that origin', async () => {
    // ORIGIN_A serves the fixture with CORS headers: the load would work if it were made.
    const foreign = `${ORIGIN_A}/${FIXTURE_PATH}`;
    const error = await rejection(openEngine({ snapshot: foreign, dbName: freshDbName() }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.field).toBe('snapshot');
    expect(error.suggestion).toMatch(/allowedOrigins/);

    const engine = await open({ snapshot: foreign, allowedOrigins: [ORIGIN_A] });
    expect(engine.summary.release).toBe('0.1');
    expect(await engine.softSkills()).toMatchObject({ social: expect.any(Array) });
  });

  test('a real redirect to another origin is refused (NETWORK) unless that origin is allowed too', async () => {
    const redirecting = `${ORIGIN_A}/to-other/${FIXTURE_PATH}`; // 302 to ORIGIN_B
    const error = await rejection(openEngine({ snapshot: redirecting, allowedOrigins: [ORIGIN_A], dbName: freshDbName() }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain(ORIGIN_B);

    const engine = await open({ snapshot: redirecting, allowedOrigins: [ORIGIN_A, ORIGIN_B] });
    expect(engine.summary.release).toBe('0.1');
  });

  test('allowedOrigins must be a list of URLs', async () => {
    for (const allowedOrigins of ['https://cdn.test', ['not a url'], [42], ['data:text/plain,x']]) {
      const error = await rejection(openEngine({ snapshot: manifest, allowedOrigins } as never));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.field).toBe('allowedOrigins');
    }
  });
});

describe('a stale release says so', () => {
  test('an unreachable manifest serves the installed release with stale: true and the reason', async () => {
    const dbName = freshDbName();
    const first = await open({ snapshot: manifest, dbName });
    expect(first.summary).toMatchObject({ stale: false, updateError: null });
    await first.installed();
    first.close();

    const unreachable = `${ORIGIN_A}/stall/${FIXTURE_PATH}`;
    const again = await open({ snapshot: unreachable, allowedOrigins: [ORIGIN_A], dbName, timeoutMs: 400 });
    expect(again.summary).toMatchObject({ source: 'cache', release: '0.1', stale: true, updateError: { code: 'TIMEOUT' } });

    const offline = await open({ snapshot: manifest, dbName, offline: true });
    expect(offline.summary).toMatchObject({ source: 'cache', stale: true, updateError: null });
  });
});
