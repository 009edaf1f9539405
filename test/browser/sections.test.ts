/**
 * Loads from section files, in real Chromium with real IndexedDB: answer first and install in the
 * background when nothing is installed; resume an interrupted install with only the missing
 * sections; update by downloading only the sections that changed; and the guarantees of
 * docs/reliability.md (atomic install, two tabs, storage failures, a deleted database) on this path;
 * and warm starts that read only what their first answers need, healing damaged sections one by one.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { OnetError } from '../../src/errors.js';
import { PRELOADED_TABLES, type Progress } from '../../src/protocol.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { loadSnapshot, type LoadOptions, type LoadResult } from '../../worker/loader.js';
import { withSections } from '../../worker/section-loader.js';
import type { SnapshotStore } from '../../worker/store.js';
import { openIdbStore } from '../../worker/store-idb.js';
import {
  buildFixture,
  deleteTestDatabases,
  fakeFetcher,
  flipMiddle,
  freshDbName,
  hangingResponse,
  jsonResponse,
  manifestFor,
  MANIFEST_URL,
  rawDb,
  serveSections,
  snapshotUrlOf,
  tamper,
  tinyTables,
  withSectionFiles,
  type FakeFetcher,
  type SectionFixture,
} from './support/snapshots.js';

let A: SectionFixture;
/** A with one table changed (an occupation renamed): only its occupations section differs. */
let A2: SectionFixture;
/** Another snapshot altogether. */
let B: SectionFixture;

beforeAll(async () => {
  A = await withSectionFiles(await buildFixture('28.0', ['Alpha One', 'Alpha Two']));
  A2 = await withSectionFiles(await buildFixture('28.1', ['Alpha One', 'Alpha Two, renamed']));
  B = await withSectionFiles(await buildFixture('29.3', ['Beta One', 'Beta Two', 'Beta Three']));
});

afterEach(deleteTestDatabases);

const served = (fixture: SectionFixture): FakeFetcher => {
  const fake = fakeFetcher();
  serveSections(fake, fixture);
  return fake;
};

const load = (fake: FakeFetcher, dbName: string, extra: Partial<LoadOptions> = {}) => loadSnapshot({ manifestUrl: MANIFEST_URL, fetcher: fake.fetcher, dbName, ...extra });

/** A query as the Worker runs it: waiting for the sections it reads. */
const query = (result: LoadResult, route: string) => withSections(result.installing?.loader ?? result.verifying?.loader, () => result.engine.get(route));

const sectionCalls = (fake: FakeFetcher, fixture: SectionFixture) => fake.calls.filter((url) => Object.values(fixture.urlOf).includes(url));
const allSections = (fixture: SectionFixture) => Object.keys(fixture.urlOf).length;

/** Waits until `check` holds (the pending sections are stored in the background). */
async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('answer first, install in the background', () => {
  test('a cold load answers after the sections the engine needs, then a query fetches only what it reads', async () => {
    const dbName = freshDbName();
    const fake = served(A);
    const result = await load(fake, dbName);
    expect(result).toMatchObject({ source: 'network', release: '28.0', storage: 'indexeddb' });
    expect(result.installing).toBeDefined();
    expect(fake.calls).not.toContain(snapshotUrlOf(A));
    const atOpen = sectionCalls(fake, A).length;
    expect(atOpen).toBeGreaterThan(0);
    expect(atOpen).toBeLessThan(allSections(A));
    // Nothing counts as installed yet.
    expect((await rawDb(dbName)).active).toBeUndefined();

    const list = (await query(result, '/v1/occupations')) as { data: { items: { title: string }[] } };
    expect(list.data.items.map((i) => i.title)).toEqual(['Alpha One', 'Alpha Two']);
    expect(sectionCalls(fake, A).length).toBeLessThan(allSections(A));
    // No section is downloaded twice.
    expect(new Set(sectionCalls(fake, A)).size).toBe(sectionCalls(fake, A).length);

    const finished = await result.installing!.finish();
    expect(finished).toEqual({ storage: 'indexeddb', storageError: null });
    expect(new Set(sectionCalls(fake, A)).size).toBe(allSections(A));
    expect(sectionCalls(fake, A).length).toBe(allSections(A));
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('28.0');
    expect(raw.active?.digests).toHaveLength(allSections(A));
    expect(raw.pending).toBeUndefined();
    expect(raw.keys.every(([id]) => id === raw.active!.installId)).toBe(true);
    expect(raw.keys).toHaveLength(allSections(A));

    // Installed: the next load is a warm start that downloads nothing.
    const again = served(A);
    const warm = await load(again, dbName);
    expect(warm).toMatchObject({ source: 'cache', release: '28.0' });
    expect(warm.installing).toBeUndefined();
    expect(again.calls).toEqual([MANIFEST_URL]);
  });

  test('progress: download until the answer, then the background install section by section', async () => {
    const progress: Progress[] = [];
    const result = await load(served(A), freshDbName(), { onProgress: (p) => progress.push(p) });
    const atAnswer = progress.length;
    expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['manifest', 'download', 'ready']));
    expect(progress.at(-1)?.stage).toBe('ready');
    await result.installing!.finish();
    const background = progress.slice(atAnswer);
    expect(background.length).toBeGreaterThan(1);
    expect(new Set(background.map((p) => p.stage))).toEqual(new Set(['install']));
    const loaded = background.map((p) => p.loaded);
    expect(loaded).toEqual([...loaded].sort((x, y) => x - y));
    expect(background.at(-1)!.loaded).toBe(background.at(-1)!.total);
  });

  /**
   * Loads A into `dbName` and runs its background install until the download of `tasks` (which
   * hangs), then aborts it, as a tab closed mid-install. Returns the sections stored by then.
   */
  async function interruptedInstall(dbName: string): Promise<string[]> {
    const first = served(A);
    first.routes[A.urlOf.tasks!] = hangingResponse;
    const controller = new AbortController();
    const result = await load(first, dbName, { signal: controller.signal });
    const finishing = result.installing!.finish();
    // Sections are stored in manifest order as the background install downloads them, up to tasks.
    const order = (A.manifest.sections as { name: string }[]).map((s) => s.name);
    const before = order.slice(0, order.indexOf('tasks'));
    await eventually(async () => (await rawDb(dbName)).keys.length === before.length);
    controller.abort();
    await expect(finishing).rejects.toMatchObject({ code: 'ABORTED' });
    const raw = await rawDb(dbName);
    expect(raw.active).toBeUndefined();
    expect(raw.pending).toBeDefined();
    expect(raw.keys.map(([, name]) => name).sort()).toEqual([...before].sort());
    return before;
  }

  test('sections are stored only once the first answers are out: a load closed right after answering stores nothing', async () => {
    const dbName = freshDbName();
    const controller = new AbortController();
    const result = await load(served(A), dbName, { signal: controller.signal });
    await query(result, '/v1/occupations');
    controller.abort();
    await expect(result.installing!.finish()).rejects.toMatchObject({ code: 'ABORTED' });
    const raw = await rawDb(dbName);
    expect(raw.keys).toEqual([]);
    expect(raw.active).toBeUndefined();
  });

  test('an interrupted install resumes with only the missing sections', async () => {
    const dbName = freshDbName();
    const stored = await interruptedInstall(dbName);
    expect(stored.length).toBeGreaterThan(3);

    const second = served(A);
    const resumed = await load(second, dbName);
    expect(resumed.installing).toBeDefined();
    expect(await resumed.installing!.finish()).toMatchObject({ storage: 'indexeddb' });
    const downloaded = sectionCalls(second, A);
    expect(downloaded.length).toBe(allSections(A) - stored.length);
    expect(downloaded.filter((url) => stored.some((name) => url === A.urlOf[name]))).toEqual([]);
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('28.0');
    expect(raw.pending).toBeUndefined();
    expect(raw.keys).toHaveLength(allSections(A));
  });

  test('a stored section that no longer matches its digest is downloaded again, not used', async () => {
    const dbName = freshDbName();
    await interruptedInstall(dbName);
    // Damage the stored occupations section.
    const db = await openDB(dbName);
    const key = ((await db.getAllKeys('sections')) as [string, string][]).find(([, name]) => name === 'occupations')!;
    const value = (await db.get('sections', key)) as { data: Uint8Array };
    value.data = value.data.slice();
    value.data[value.data.length - 1]! ^= 0xff;
    await db.put('sections', value, key);
    db.close();

    const second = served(A);
    const resumed = await load(second, dbName);
    expect(second.calls).toContain(A.urlOf.occupations);
    expect(((await query(resumed, '/v1/occupations')) as { data: { items: unknown[] } }).data.items).toHaveLength(2);
    expect(await resumed.installing!.finish()).toMatchObject({ storage: 'indexeddb' });
  });

  test('two tabs installing the same snapshot share one pending install and leave one complete install', async () => {
    const dbName = freshDbName();
    const [one, two] = await Promise.all([load(served(A), dbName), load(served(A), dbName)]);
    const outcomes = await Promise.all([one.installing!.finish(), two.installing!.finish()]);
    expect(outcomes.map((o) => o.storage)).toEqual(['indexeddb', 'indexeddb']);
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('28.0');
    expect(raw.keys.every(([id]) => id === raw.active!.installId)).toBe(true);
    expect(raw.keys).toHaveLength(allSections(A));
    expect(await load(served(A), dbName)).toMatchObject({ source: 'cache' });
  });

  test('a storage failure while storing sections: the engine answers from memory, nothing half-installed becomes active', async () => {
    const dbName = freshDbName();
    const real = await openIdbStore({ name: dbName });
    const quota = () => Promise.reject(new OnetError('STORAGE', 'QuotaExceededError: the quota has been exceeded'));
    const full: SnapshotStore = {
      kind: real.kind,
      readActive: () => real.readActive(),
      readSections: (r) => real.readSections(r),
      readInstalledSections: (r, names) => real.readInstalledSections(r, names),
      repairSection: (r, section) => real.repairSection(r, section),
      install: quota,
      beginPending: (sha, release) => real.beginPending(sha, release),
      readPending: () => real.readPending(),
      putPendingSection: quota,
      readPendingSections: (p, names) => real.readPendingSections(p, names),
      close: () => real.close(),
    };
    try {
      const result = await load(served(A), dbName, { store: full });
      expect(((await query(result, '/v1/occupations')) as { data: { items: unknown[] } }).data.items).toHaveLength(2);
      const finished = await result.installing!.finish();
      expect(finished.storage).toBe('memory');
      expect(finished.storageError?.code).toBe('STORAGE');
      expect(await real.readActive()).toBeUndefined();
      expect(((await query(result, '/online/soft_skills')) as { social: unknown[] }).social.length).toBeGreaterThan(0);
    } finally {
      real.close();
    }
  });

  test('a snapshot that fails a route-family check is never installed; the reason is the outcome', async () => {
    const tables = tinyTables(['Gamma One']);
    const { id, name, description } = tables.elements!.columns as unknown as Record<'id' | 'name' | 'description', string[]>;
    const keep = id.map((e, i) => (e === '2.B.1.a' ? -1 : i)).filter((i) => i >= 0);
    tables.elements = { rows: keep.length, columns: { id: keep.map((i) => id[i]), name: keep.map((i) => name[i]), description: keep.map((i) => description[i]) } as never };
    const bytes = encodeSnapshot({ release: '30.0', source: 'test 30.0', attribution: 'test' }, tables) as Uint8Array<ArrayBuffer>;
    const broken = await withSectionFiles({ release: '30.0', bytes, manifest: await manifestFor(bytes, '30.0') });
    const dbName = freshDbName();
    const result = await load(served(broken), dbName);
    expect(((await query(result, '/v1/occupations')) as { data: { items: unknown[] } }).data.items).toHaveLength(1);
    await expect(result.installing!.finish()).rejects.toMatchObject({ code: 'SNAPSHOT_CORRUPT', field: 'smoke.softSkills' });
    const raw = await rawDb(dbName);
    expect(raw.active).toBeUndefined();
  });

  test('the database deleted mid-install: the engine keeps answering, the next load installs afresh', async () => {
    const dbName = freshDbName();
    const result = await load(served(A), dbName);
    await deleteDB(dbName); // our connection steps aside (versionchange) and the delete goes through
    const finished = await result.installing!.finish();
    expect(finished.storage).toBe('memory');
    expect(finished.storageError?.code).toBe('STORAGE');
    expect(((await query(result, '/v1/occupations')) as { data: { items: unknown[] } }).data.items).toHaveLength(2);
    const next = await load(served(A), dbName);
    expect(await next.installing!.finish()).toMatchObject({ storage: 'indexeddb' });
    expect((await rawDb(dbName)).active?.release).toBe('28.0');
  });
});

describe('section downloads are verified on their own', () => {
  const faults: { name: string; code: string; timeoutMs?: number; serve: (f: FakeFetcher, url: string) => void }[] = [
    { name: 'HTTP 500', code: 'NETWORK', serve: (f, url) => void (f.routes[url] = () => new Response('boom', { status: 500 })) },
    { name: 'a 404', code: 'NETWORK', serve: (f, url) => void delete f.routes[url] },
    {
      name: 'other bytes of the same length (sha256 mismatch)',
      code: 'SNAPSHOT_CORRUPT',
      serve: (f, url) => {
        const bytes = A.files[url]!.slice();
        bytes[0]! ^= 0xff;
        f.routes[url] = () => new Response(bytes);
      },
    },
    { name: 'a truncated body', code: 'SNAPSHOT_CORRUPT', serve: (f, url) => void (f.routes[url] = () => new Response(A.files[url]!.slice(0, -1))) },
    { name: 'a hung request', code: 'TIMEOUT', timeoutMs: 150, serve: (f, url) => void (f.routes[url] = hangingResponse) },
  ];

  for (const fault of faults) {
    test(`${fault.name} on a section the engine needs rejects the load with ${fault.code}`, async () => {
      const fake = served(A);
      fault.serve(fake, A.urlOf.occupations!);
      const error = await load(fake, freshDbName(), fault.timeoutMs ? { timeoutMs: fault.timeoutMs } : {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OnetError);
      expect(error).toMatchObject({ code: fault.code });
    });

    test(`${fault.name} on a section a query reads rejects that query with ${fault.code}; the next try downloads it again`, async () => {
      const fake = served(A);
      const result = await load(fake, freshDbName(), fault.timeoutMs ? { timeoutMs: fault.timeoutMs } : {});
      const url = A.urlOf.tasks!;
      expect(url).toBeDefined();
      expect(fake.calls).not.toContain(url);
      fault.serve(fake, url);
      await expect(query(result, '/v1/occupation/11-1011.00/US?tasks=true')).rejects.toMatchObject({ code: fault.code });
      serveSections(fake, A);
      await expect(query(result, '/v1/occupation/11-1011.00/US?tasks=true')).resolves.toBeDefined();
    });
  }
});

describe('updates download only the sections that changed', () => {
  test('one table changed: one section file is downloaded, the rest come from the installed snapshot', async () => {
    const dbName = freshDbName();
    const first = await load(served(A), dbName);
    await first.installing!.finish();
    const fake = served(A2);
    const updated = await load(fake, dbName);
    expect(updated).toMatchObject({ source: 'network', release: '28.1', previousRelease: '28.0', storage: 'indexeddb' });
    // An update is installed before it is served, like a whole-file update.
    expect(updated.installing).toBeUndefined();
    expect(sectionCalls(fake, A2)).toEqual([A2.urlOf.occupations]);
    expect(fake.calls).not.toContain(snapshotUrlOf(A2));
    expect(((await query(updated, '/v1/occupations')) as { data: { items: { title: string }[] } }).data.items.map((i) => i.title)).toEqual(['Alpha One', 'Alpha Two, renamed']);
    const raw = await rawDb(dbName);
    expect(raw.active?.release).toBe('28.1');
    expect(raw.keys.every(([id]) => id === raw.active!.installId)).toBe(true);
    expect(raw.keys).toHaveLength(allSections(A2));
    expect(await load(served(A2), dbName)).toMatchObject({ source: 'cache', release: '28.1' });
  });

  test('a failed section download during an update serves the installed release, with updateError', async () => {
    const dbName = freshDbName();
    await (await load(served(A), dbName)).installing!.finish();
    const fake = served(B);
    delete fake.routes[B.urlOf.occupations!];
    const result = await load(fake, dbName);
    expect(result).toMatchObject({ source: 'cache', release: '28.0' });
    expect(result.updateError?.code).toBe('NETWORK');
    expect((await rawDb(dbName)).active?.release).toBe('28.0');
  });

  test('section files declaring more than any snapshot may have are refused before any request for them', async () => {
    const fake = served(A);
    const sections = (A.manifest.sections as Record<string, unknown>[]).map((s, i) => (i === 0 ? { ...s, rawBytes: 2 ** 30 } : s));
    fake.routes[MANIFEST_URL] = () => jsonResponse({ ...A.manifest, sections });
    await expect(load(fake, freshDbName())).rejects.toMatchObject({ code: 'SNAPSHOT_CORRUPT', field: 'sections' });
    expect(fake.calls).toEqual([MANIFEST_URL]);
  });

  test('snapshotUrl names the whole file: the section files are not used', async () => {
    const fake = served(A);
    const result = await load(fake, freshDbName(), { snapshotUrl: snapshotUrlOf(A) });
    expect(result.installing).toBeUndefined();
    expect(sectionCalls(fake, A)).toEqual([]);
    expect(fake.calls).toEqual([MANIFEST_URL, snapshotUrlOf(A)]);
  });
});

describe('warm starts read only what the first answers need', () => {
  /** The real store of `dbName`, recording which sections each read asked for. */
  async function spiedStore(dbName: string) {
    const real = await openIdbStore({ name: dbName });
    const reads: string[][] = [];
    const wholeReads: number[] = [];
    const store: SnapshotStore = {
      ...real,
      kind: real.kind,
      readActive: () => real.readActive(),
      readSections: (r) => (wholeReads.push(r.sections.length), real.readSections(r)),
      readInstalledSections: (r, names) => (reads.push([...names]), real.readInstalledSections(r, names)),
      repairSection: (r, section) => real.repairSection(r, section),
      install: (record, sections, signal, pending) => real.install(record, sections, signal, pending),
      beginPending: (sha, release) => real.beginPending(sha, release),
      readPending: () => real.readPending(),
      putPendingSection: (p, section, digest) => real.putPendingSection(p, section, digest),
      readPendingSections: (p, names) => real.readPendingSections(p, names),
      close: () => real.close(),
    };
    return { store, reads, wholeReads };
  }

  const installed = async (fixture: SectionFixture, dbName: string) => (await load(served(fixture), dbName)).installing!.finish();
  const softSkills = (result: LoadResult) => query(result, '/online/soft_skills') as Promise<{ social: unknown[] }>;

  test('the engine’s tables first, a query’s tables when it runs, the rest in the background; each read once, nothing downloaded', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    const { store, reads, wholeReads } = await spiedStore(dbName);
    try {
      const fake = served(A);
      const warm = await load(fake, dbName, { store });
      expect(warm).toMatchObject({ source: 'cache', release: '28.0', repaired: null });
      expect(warm.verifying).toBeDefined();
      expect(reads.flat().sort()).toEqual([...PRELOADED_TABLES].sort());
      expect(reads).toHaveLength(1); // one transaction for the engine's tables

      expect((await softSkills(warm)).social.length).toBeGreaterThan(0);
      const afterQuery = reads.flat().length;
      expect(afterQuery).toBeGreaterThan(PRELOADED_TABLES.length);
      expect(afterQuery).toBeLessThan(allSections(A));

      expect(await warm.verifying!.finish()).toEqual({ damaged: [], storageError: null });
      expect(reads.flat().sort()).toEqual(Object.keys(A.urlOf).sort());
      expect(wholeReads).toEqual([]);
      expect(fake.calls).toEqual([MANIFEST_URL]);
    } finally {
      store.close();
    }
  });

  test('a section damaged in storage is downloaded again when first read, answers as before, and is written back', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    const expected = await softSkills(await load(served(A), dbName));
    await tamper(dbName, 'skills', flipMiddle);

    const fake = served(A);
    const warm = await load(fake, dbName);
    expect(warm).toMatchObject({ source: 'cache', repaired: null });
    expect(sectionCalls(fake, A)).toEqual([]);
    expect(await softSkills(warm)).toEqual(expected);
    expect(sectionCalls(fake, A)).toEqual([A.urlOf.skills]);
    expect(warm.warnings.join('\n')).toMatch(/section skills .*damaged/);
    expect(await warm.verifying!.finish()).toEqual({ damaged: ['skills'], storageError: null });

    // Healed in place: same install, same digests; the next warm start downloads nothing.
    const again = served(A);
    const next = await load(again, dbName);
    expect(await softSkills(next)).toEqual(expected);
    expect(await next.verifying!.finish()).toEqual({ damaged: [], storageError: null });
    expect(again.calls).toEqual([MANIFEST_URL]);
  });

  test('a damaged table the engine needs: downloaded again before the load answers, reported as repaired', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    await tamper(dbName, 'occupations', flipMiddle);
    const fake = served(A);
    const warm = await load(fake, dbName);
    expect(warm).toMatchObject({ source: 'cache', release: '28.0' });
    expect(warm.repaired?.reason).toMatch(/section occupations .*damaged/);
    expect(sectionCalls(fake, A)).toEqual([A.urlOf.occupations]);
    expect(((await query(warm, '/v1/occupations')) as { data: { items: { title: string }[] } }).data.items.map((i) => i.title)).toEqual(['Alpha One', 'Alpha Two']);
    await warm.verifying!.finish();
    expect((await load(served(A), dbName)).repaired).toBeNull();
  });

  test('a damaged section whose file cannot be downloaded: the query that reads it fails with the network’s code, the next one tries again', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    await tamper(dbName, 'skills', flipMiddle);
    const fake = served(A);
    delete fake.routes[A.urlOf.skills!];
    const warm = await load(fake, dbName);
    expect(((await query(warm, '/v1/occupations')) as { data: { items: unknown[] } }).data.items).toHaveLength(2);
    await expect(softSkills(warm)).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(warm.verifying!.finish()).rejects.toMatchObject({ code: 'NETWORK' });
    // The damaged copy is never served; once the file is back, the next query reads it.
    serveSections(fake, A);
    expect((await softSkills(warm)).social.length).toBeGreaterThan(0);
  });

  test('a damaged table the engine needs and no network: the load fails with the network’s code, naming the damage', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    await tamper(dbName, 'occupations', flipMiddle);
    const fake = served(A);
    for (const url of [...Object.values(A.urlOf), snapshotUrlOf(A)]) delete fake.routes[url];
    const failed = await load(fake, dbName).then(
      () => undefined,
      (error: unknown) => error as OnetError,
    );
    expect(failed?.code).toBe('NETWORK');
    expect(failed?.message).toMatch(/damaged/);
    // Nothing was written over the install: with the network back, it is repaired.
    expect((await rawDb(dbName)).active?.release).toBe('28.0');
    serveSections(fake, A);
    expect(await load(fake, dbName)).toMatchObject({ release: '28.0' });
  });

  test('another tab installs a newer release meanwhile: the sections it swept are downloaded, not reported as damage, and nothing is written into the newer install', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    const fake = served(A);
    const warm = await load(fake, dbName);
    // The other tab: an update to A2, installed and swept while this engine has read only its engine tables.
    const other = await load(served(A2), dbName);
    expect(other).toMatchObject({ release: '28.1', previousRelease: '28.0' });
    const afterUpdate = await rawDb(dbName);
    expect(afterUpdate.keys.every(([id]) => id === afterUpdate.active!.installId)).toBe(true);

    expect((await softSkills(warm)).social.length).toBeGreaterThan(0);
    expect(sectionCalls(fake, A).length).toBeGreaterThan(0);
    expect(await warm.verifying!.finish()).toEqual({ damaged: [], storageError: null });
    expect(warm.warnings.join('\n')).toMatch(/removed by a newer install/);
    expect(((await query(warm, '/v1/occupations')) as { data: { items: { title: string }[] } }).data.items.map((i) => i.title)).toEqual(['Alpha One', 'Alpha Two']);
    expect(await rawDb(dbName)).toEqual(afterUpdate);
  });

  test('a repaired section that cannot be written back: the answers come from memory, the outcome says why, the install is untouched', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    const expected = await softSkills(await load(served(A), dbName));
    await tamper(dbName, 'skills', flipMiddle);
    const before = await rawDb(dbName);
    const { store } = await spiedStore(dbName);
    const full: SnapshotStore = { ...store, repairSection: () => Promise.reject(new OnetError('STORAGE', 'QuotaExceededError: the quota has been exceeded')) };
    try {
      const warm = await load(served(A), dbName, { store: full });
      expect(await softSkills(warm)).toEqual(expected);
      const outcome = await warm.verifying!.finish();
      expect(outcome.damaged).toEqual(['skills']);
      expect(outcome.storageError?.code).toBe('STORAGE');
      expect(await rawDb(dbName)).toEqual(before);
    } finally {
      store.close();
    }
  });

  test('an install without digests is read whole and checked by queries, as before', async () => {
    const dbName = freshDbName();
    await installed(A, dbName);
    await tamper(
      dbName,
      'skills',
      () => undefined,
      (record) => delete record.digests,
    );
    const warm = await load(served(A), dbName);
    expect(warm).toMatchObject({ source: 'cache', repaired: null });
    expect(warm.verifying).toBeUndefined();
    expect((await rawDb(dbName)).active?.digests).toHaveLength(allSections(A));
  });
});
