/**
 * Installs that heal, and upgrades in the page — real Chromium, real IndexedDB, real Workers:
 *
 *  - a candidate snapshot that cannot answer a route family (here: a soft-skill element missing)
 *    is refused before it is installed; the previous release keeps answering, also offline;
 *  - a stored snapshot damaged in IndexedDB is found on the next load, never served, replaced by a
 *    fresh download and reported as `repaired` (with section files: found when first read, only
 *    that section downloaded again and written back); without the network the load fails with the
 *    network's code instead of serving it;
 *  - release A → B: B is installed atomically while A keeps answering; the summary names the
 *    previous release and the elements dispatch `onet-release-change`, keeping their selections.
 *
 * See docs/reliability.md (guarantees 19–21) and docs/install-and-storage.md.
 */
import { afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { openEngine, type OnetEngine } from '../../src/index.js';
import '../../src/define.js';
import { closeSharedEngines, configureSharedEngines, type OnetReleaseChangeDetail, type OnetSoftSkillsElement } from '../../src/elements/index.js';
import type { Progress } from '../../src/protocol.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { loadSnapshot, type LoadOptions } from '../../worker/loader.js';
import { FIXTURE_MANIFEST, NEXT_RELEASE, RENAMED_TITLE } from '../support/paths.js';
import { next } from './support/events.js';
import { rejection, resetPage } from './support/page.js';
import {
  buildFixture,
  chunkedResponse,
  fakeFetcher,
  flipMiddle,
  freshDbName,
  manifestFor,
  MANIFEST_URL,
  rawDb,
  snapshotUrlOf,
  tamper,
  tinyTables,
  type FakeFetcher,
  type Fixture,
} from './support/snapshots.js';

const [ORIGIN] = inject('foreignOrigins');

let A: Fixture;
let B: Fixture;
/** Release 29.3 whose Content Model lacks soft skill 2.B.1.a: decodes, verifies, cannot answer soft skills. */
let noSoftSkill: Fixture;

beforeAll(async () => {
  A = await buildFixture('28.0', ['Alpha One', 'Alpha Two']);
  B = await buildFixture('29.3', ['Beta One', 'Beta Two', 'Beta Three']);
  const tables = tinyTables(['Beta One', 'Beta Two', 'Beta Three']);
  const { id, name, description } = tables.elements!.columns as unknown as Record<'id' | 'name' | 'description', string[]>;
  const keep = id.map((e, i) => (e === '2.B.1.a' ? -1 : i)).filter((i) => i >= 0);
  tables.elements = { rows: keep.length, columns: { id: keep.map((i) => id[i]), name: keep.map((i) => name[i]), description: keep.map((i) => description[i]) } as never };
  const bytes = encodeSnapshot({ release: '29.3', source: 'test 29.3', attribution: 'test' }, tables) as Uint8Array<ArrayBuffer>;
  noSoftSkill = { release: '29.3', bytes, manifest: await manifestFor(bytes, '29.3') };
});

const cleanup: (() => void)[] = [];
afterEach(() => resetPage(cleanup));

const load = (fake: FakeFetcher, dbName: string, extra: Partial<LoadOptions> = {}) => loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName, ...extra });

const titles = (engine: { get(route: string): unknown }) => (engine.get('/v1/occupations') as { data: { items: { title: string }[] } }).data.items.map((i) => i.title);

describe('a candidate that cannot answer a route family is refused', () => {
  test('a soft-skill element missing: SNAPSHOT_CORRUPT on smoke.softSkills, the previous release stays installed and answers offline', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);

    const fake = fakeFetcher(noSoftSkill);
    const result = await load(fake, dbName);
    expect(fake.calls).toEqual([MANIFEST_URL, snapshotUrlOf(noSoftSkill)]);
    expect(result).toMatchObject({ source: 'cache', release: '28.0', previousRelease: null, repaired: null });
    expect(result.updateError?.code).toBe('SNAPSHOT_CORRUPT');
    expect(result.updateError?.field).toBe('smoke.softSkills');
    expect(result.updateError?.message).toMatch(/softSkills.*2\.B\.1\.a/);
    expect(result.updateError?.suggestion).toMatch(/soft skills/);
    expect(result.warnings.join('\n')).toMatch(/Serving the installed release 28\.0/);
    expect(titles(result.engine)).toEqual(['Alpha One', 'Alpha Two']);

    // Strict policy: the same refusal, as the load's error.
    const strict = await rejection(load(fakeFetcher(noSoftSkill), dbName, { fallbackToInstalled: false }));
    expect(strict.code).toBe('SNAPSHOT_CORRUPT');
    expect(strict.field).toBe('smoke.softSkills');

    // Nothing of the candidate was written; offline, the previous release answers every family checked.
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('28.0');
    expect(raw.keys.every(([id]) => id === raw.active!.installId)).toBe(true);
    const offline = await load(fakeFetcher(), dbName, { offline: true });
    expect(offline.release).toBe('28.0');
    expect((offline.engine.get('/online/soft_skills') as { social: unknown[] }).social.length).toBeGreaterThan(0);
    expect(titles(offline.engine)).toEqual(['Alpha One', 'Alpha Two']);
  });

  test('with nothing installed the refused candidate is the load error, and nothing is installed', async () => {
    const dbName = freshDbName();
    const error = await rejection(load(fakeFetcher(noSoftSkill), dbName));
    expect(error.code).toBe('SNAPSHOT_CORRUPT');
    expect(error.field).toBe('smoke.softSkills');
    expect((await rawDb(dbName)).active).toBeUndefined();
  });

  test('through the Worker: the summary says why the update was refused, the installed release answers', async () => {
    const dbName = freshDbName();
    const urls = (fixture: Fixture) => {
      const snapshotUrl = URL.createObjectURL(new Blob([fixture.bytes]));
      const manifestUrl = URL.createObjectURL(new Blob([JSON.stringify(fixture.manifest)], { type: 'application/json' }));
      cleanup.push(() => [snapshotUrl, manifestUrl].forEach((u) => URL.revokeObjectURL(u)));
      return { manifestUrl, snapshotUrl };
    };
    const { createWorkerApi } = await import('../../worker/worker.js');
    const api = createWorkerApi({ warmUp: false });
    cleanup.push(() => api.close());
    await api.open({ ...urls(A), dbName });
    const summary = await api.open({ ...urls(noSoftSkill), dbName });
    expect(summary).toMatchObject({ source: 'cache', release: '28.0', stale: true, previousRelease: null, repaired: null });
    expect(summary.updateError).toMatchObject({ code: 'SNAPSHOT_CORRUPT', field: 'smoke.softSkills' });
    expect(await api.get('/online/soft_skills')).toMatchObject({ social: expect.any(Array) });
  });
});

describe('a damaged stored snapshot is repaired on the next load', () => {
  test('a section changed in IndexedDB: not served, downloaded again, `repaired` says why; the load after is a warm start', async () => {
    const dbName = freshDbName();
    const first = await load(fakeFetcher(A), dbName);
    const answer = first.engine.get('/online/soft_skills');
    expect((await rawDb(dbName)).active?.digests).toHaveLength(first.snapshot ? Object.keys(first.snapshot.tables).length : 0);
    await tamper(dbName, 'elements', flipMiddle);

    const fake = fakeFetcher(A);
    const repaired = await load(fake, dbName);
    expect(fake.calls).toEqual([MANIFEST_URL, snapshotUrlOf(A)]);
    expect(repaired).toMatchObject({ source: 'network', release: '28.0', previousRelease: null, updateError: null });
    expect(repaired.repaired?.reason).toMatch(/section elements .*damaged/);
    expect(repaired.warnings.join('\n')).toMatch(/replaced by a fresh download/);
    expect(repaired.engine.get('/online/soft_skills')).toEqual(answer);

    const again = fakeFetcher(A);
    const warm = await load(again, dbName);
    expect(again.calls).toEqual([MANIFEST_URL]);
    expect(warm).toMatchObject({ source: 'cache', repaired: null, warnings: [] });
    expect(warm.engine.get('/online/soft_skills')).toEqual(answer);
  });

  test('damaged and the network down: the network error (never SNAPSHOT_CORRUPT), then repaired once the network is back', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    await tamper(dbName, 'occupations', flipMiddle);

    // Manifest reachable, snapshot not: the download's code, the damage named in the message.
    const noSnapshot = fakeFetcher(A);
    noSnapshot.routes[snapshotUrlOf(A)] = () => new Response('down', { status: 503 });
    const failed = await rejection(load(noSnapshot, dbName));
    expect(failed.code).toBe('NETWORK');
    expect(failed.message).toMatch(/damaged.*occupations/);

    // Manifest unreachable: the installed copy is the only fallback, and it is damaged.
    const down = fakeFetcher();
    down.routes[MANIFEST_URL] = () => Promise.reject(new TypeError('Failed to fetch'));
    expect((await rejection(load(down, dbName))).code).toBe('NETWORK');
    const offline = await rejection(load(fakeFetcher(), dbName, { offline: true }));
    expect(offline.code).toBe('NETWORK');
    expect(offline.message).toMatch(/damaged/);

    const back = await load(fakeFetcher(A), dbName);
    expect(back).toMatchObject({ source: 'network', release: '28.0' });
    expect(back.repaired?.reason).toMatch(/occupations/);
    expect(titles(back.engine)).toEqual(['Alpha One', 'Alpha Two']);
  });

  test('an intact install recorded without digests is checked once: served from the store, then recorded with its digests', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    const installed = await rawDb(dbName);
    await tamper(
      dbName,
      'elements',
      () => undefined,
      (record) => delete record.digests,
    );
    const fake = fakeFetcher(A);
    const result = await load(fake, dbName);
    expect(fake.calls).toEqual([MANIFEST_URL]);
    expect(result).toMatchObject({ source: 'cache', release: '28.0', repaired: null });
    expect(titles(result.engine)).toEqual(['Alpha One', 'Alpha Two']);
    const after = await rawDb(dbName);
    expect(after.active?.digests).toEqual(installed.active?.digests);
    expect(after.active?.release).toBe('28.0');
  });

  test('an install recorded without digests is smoke-checked on warm start: an undecodable section is repaired', async () => {
    const dbName = freshDbName();
    await load(fakeFetcher(A), dbName);
    // An older build's record (no digests), and a section whose first string column claims more
    // values than it holds: only decoding the table finds it, and only a query decodes it lazily.
    await tamper(
      dbName,
      'elements',
      (data) => new DataView(data.buffer, data.byteOffset).setUint32(0, 0xfffffff0, true),
      (record) => delete record.digests,
    );
    const fake = fakeFetcher(A);
    const result = await load(fake, dbName);
    expect(fake.calls).toEqual([MANIFEST_URL, snapshotUrlOf(A)]);
    expect(result.repaired?.reason).toMatch(/softSkills|elements/);
    expect((result.engine.get('/online/soft_skills') as { social: unknown[] }).social.length).toBeGreaterThan(0);
    expect((await rawDb(dbName)).active?.digests).toBeDefined();
  });

  test('through openEngine and the page preload: the damaged section downloaded again when read, answers as before, reported once checked', async () => {
    const dbName = freshDbName();
    const first = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName });
    const before = await first.softSkills();
    expect(first.summary.repaired).toBeNull();
    expect((await first.installed()).installing).toBe(false);
    first.close();
    await tamper(dbName, 'skills', flipMiddle);

    const second = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName });
    cleanup.push(() => second.close());
    // The warm start reads only what the engine needs to exist; skills is read (and found damaged)
    // by the first query that needs it.
    expect(second.summary).toMatchObject({ source: 'cache', previousRelease: null, repaired: null });
    expect(await second.softSkills()).toEqual(before);
    expect((await second.softSkillResults({ skills: ['2.B.1.a'] })).total).toBeGreaterThan(0);
    expect((await second.installed()).repaired?.reason).toMatch(/section skills .*damaged/);
    second.close();

    // Written back: the next warm start finds nothing damaged.
    const third = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName });
    cleanup.push(() => third.close());
    expect(await third.softSkills()).toEqual(before);
    expect((await third.installed()).repaired).toBeNull();
  });
});

describe('upgrade from release A to release B', () => {
  test('B is installed atomically: until its install commits, A is installed, answers, and serves an offline load', async () => {
    const dbName = freshDbName();
    const a = await load(fakeFetcher(A), dbName);
    expect(a.previousRelease).toBeNull();

    const fake = fakeFetcher(B);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let downloading!: () => void;
    const started = new Promise<void>((resolve) => (downloading = resolve));
    fake.routes[snapshotUrlOf(B)] = async () => {
      downloading();
      await gate;
      return chunkedResponse(B.bytes);
    };
    const stages: Progress['stage'][] = [];
    const upgrading = load(fake, dbName, { onProgress: (p) => void stages.push(p.stage) });
    await started;
    expect((await rawDb(dbName)).active?.release).toBe('28.0');
    expect(titles(a.engine)).toEqual(['Alpha One', 'Alpha Two']);
    const meanwhile = await load(fakeFetcher(), dbName, { offline: true });
    expect(meanwhile).toMatchObject({ source: 'cache', release: '28.0' });
    expect(stages).not.toContain('install');
    release();

    const b = await upgrading;
    expect(b).toMatchObject({ source: 'network', release: '29.3', previousRelease: '28.0', repaired: null });
    expect(titles(b.engine)).toEqual(['Beta One', 'Beta Two', 'Beta Three']);
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('29.3');
    expect(raw.keys.every(([id]) => id === raw.active!.installId)).toBe(true);
    // The next load is a warm start of B: nothing was replaced.
    expect(await load(fakeFetcher(B), dbName)).toMatchObject({ source: 'cache', release: '29.3', previousRelease: null });
  });

  test('the Worker API: a second open() installing a new release leaves get() answering from the current one until it completes', async () => {
    const dbName = freshDbName();
    const { createWorkerApi } = await import('../../worker/worker.js');
    const api = createWorkerApi({ warmUp: false });
    cleanup.push(() => api.close());
    expect(await api.open({ manifestUrl: `${ORIGIN}/fixture/manifest.json`, dbName })).toMatchObject({ release: '0.1', previousRelease: null, installing: true });
    expect(await api.installed()).toMatchObject({ installing: false, storage: 'indexeddb' });
    let downloading!: () => void;
    const midDownload = new Promise<void>((resolve) => (downloading = resolve));
    // The next release, its snapshot sent in 40 pieces 100 ms apart.
    const upgrading = api.open({ manifestUrl: `${ORIGIN}/trickle/fixture-next/manifest.json`, dbName }, (p) => {
      if (p.stage === 'download' && p.loaded > 0 && p.loaded < p.total) downloading();
    });
    await midDownload;
    expect(await api.get('/info')).toMatchObject({ release: '0.1' });
    expect(api.info()).toMatchObject({ release: '0.1' });
    expect(await upgrading).toMatchObject({ source: 'network', release: NEXT_RELEASE, previousRelease: '0.1' });
    expect(await api.get('/info')).toMatchObject({ release: NEXT_RELEASE });
  });

  test('real Workers: A answers while B downloads; summary.previousRelease; the element dispatches onet-release-change and keeps its selection', async () => {
    const dbName = freshDbName();
    const key = `upgrade-${dbName}`;
    const point = async (target: string) => {
      const response = await fetch(`${ORIGIN}/alias/${key}?to=${encodeURIComponent(target)}`, { method: 'POST' });
      expect(response.status).toBe(204);
    };
    const snapshot = `${ORIGIN}/alias/${key}/manifest.json`;
    const options = { dbName, allowedOrigins: [ORIGIN] };
    await point('fixture');

    // The page as the user left it: release 0.1 installed by the element's shared engine, a skill selected.
    configureSharedEngines(options);
    const el = document.createElement('onet-soft-skills') as OnetSoftSkillsElement;
    el.setAttribute('snapshot', snapshot);
    el.skills = ['2.B.1.a'];
    const firstResults = next(el, 'onet-results');
    document.body.append(el);
    const shown = () => [...el.shadowRoot!.querySelectorAll('[part~="result"] [part~="title"]')].map((t) => t.textContent);
    await firstResults;
    const engineA = el.engine!;
    expect(engineA.summary).toMatchObject({ release: '0.1', previousRelease: null });
    await engineA.installed(); // the first visit answered first and installed in the background
    expect(shown()).toContain(RENAMED_TITLE[0]);

    // The manifest moves to release 0.2, served slowly (40 pieces 100 ms apart): while a second
    // Worker downloads it, the page's engine answers from 0.1 and IndexedDB still holds 0.1.
    await point('trickle/fixture-next');
    let downloading!: () => void;
    const midDownload = new Promise<void>((resolve) => (downloading = resolve));
    const opening = openEngine({
      snapshot,
      ...options,
      onProgress: (p) => void (p.stage === 'download' && p.loaded > 0 && p.loaded < p.total && downloading()),
    });
    await midDownload;
    expect((await engineA.softSkillResults({ skills: ['2.B.1.a'] })).occupation.map((o) => o.title)).toContain(RENAMED_TITLE[0]);
    expect((await rawDb(dbName)).active?.release).toBe('0.1');
    const installer: OnetEngine = await opening;
    expect(installer.summary).toMatchObject({ source: 'network', release: NEXT_RELEASE, previousRelease: '0.1', repaired: null });
    expect((await rawDb(dbName)).active?.release).toBe(NEXT_RELEASE);
    installer.close();

    // As when another tab installed 0.2: this page's next open is a warm start of it (nothing
    // replaced, previousRelease null), so the element compares with the engine it used before.
    const engineB = await openEngine({ snapshot, ...options });
    cleanup.push(() => engineB.close());
    expect(engineB.summary).toMatchObject({ source: 'cache', release: NEXT_RELEASE, previousRelease: null });

    // The host hands the element the new engine: one onet-release-change, the selection kept,
    // the results rendered from 0.2.
    const changes: OnetReleaseChangeDetail[] = [];
    el.addEventListener('onet-release-change', (e) => changes.push(e.detail));
    const rendered = next(el, 'onet-results');
    el.engine = engineB;
    await rendered;
    expect(changes).toEqual([{ release: NEXT_RELEASE, previousRelease: '0.1' }]);
    expect(el.skills).toEqual(['2.B.1.a']);
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[value="2.B.1.a"]')?.checked).toBe(true);
    expect(shown()).toContain(RENAMED_TITLE[1]);
    expect(shown()).not.toContain(RENAMED_TITLE[0]);

    // Same engine again (a property set twice): no second event.
    el.engine = null;
    el.engine = engineB;
    await next(el, 'onet-results');
    expect(changes).toHaveLength(1);

    // A later page load after the manifest moved again (back to 0.1 here): the shared engine
    // installs it, and an element that never saw 0.2 announces the change too.
    el.remove();
    closeSharedEngines();
    await point('fixture');
    const later = document.createElement('onet-soft-skills') as OnetSoftSkillsElement;
    later.setAttribute('snapshot', snapshot);
    later.setAttribute('skills', '2.B.1.a');
    const changed = next(later, 'onet-release-change');
    const laterResults = next(later, 'onet-results');
    document.body.append(later);
    expect(await changed).toEqual({ release: '0.1', previousRelease: NEXT_RELEASE });
    await laterResults;
    expect(later.skills).toEqual(['2.B.1.a']);
    expect([...later.shadowRoot!.querySelectorAll('[part~="result"] [part~="title"]')].map((t) => t.textContent)).toContain(RENAMED_TITLE[0]);
  });
});
