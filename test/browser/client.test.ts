/** The promise API end to end in Chromium: real module Worker, comlink, IndexedDB, fixture snapshot. */
import { afterEach, describe, expect, test } from 'vitest';
import { openEngine, type OnetEngine, type Progress } from '../../src/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const manifest = `/${FIXTURE_MANIFEST}`;
let engines: OnetEngine[] = [];
const fresh = () => `onet-match-test-${crypto.randomUUID()}`;

afterEach(() => {
  for (const e of engines) e.close();
  engines = [];
});

async function open(options: Parameters<typeof openEngine>[0] = {}): Promise<OnetEngine> {
  const engine = await openEngine({ snapshot: manifest, dbName: fresh(), ...options });
  engines.push(engine);
  return engine;
}

describe('openEngine (Worker)', () => {
  test('installs the fixture snapshot, reports progress, answers typed methods and routes', async () => {
    const progress: Progress[] = [];
    const engine = await open({ onProgress: (p) => progress.push(p) });
    expect(engine.mode).toBe('worker');
    expect(engine.summary).toMatchObject({ source: 'network', storage: 'indexeddb', release: '0.1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(progress.map((p) => p.stage)).toContain('download');
    expect(progress.at(-1)?.stage).toBe('ready');
    const skills = await engine.softSkills();
    expect(skills.social).toHaveLength(6);
    const results = await engine.softSkillResults({ skills: [skills.social[0]!.code] });
    expect(results).toEqual(await engine.get(`/online/soft_skills/results?skills=${skills.social[0]!.code}`));
  });

  test('errors keep their code, status and field across the Worker boundary', async () => {
    const engine = await open();
    await expect(engine.softSkillResults({ skills: ['nope'] })).rejects.toMatchObject({ name: 'OnetError', code: 'VALIDATION_ERROR', status: 422, field: 'skills' });
    await expect(engine.occupationActivities('99-9999.00')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('close() terminates; later calls reject with ENGINE_CLOSED', async () => {
    const engine = await open();
    engine.close();
    await expect(engine.softSkills()).rejects.toMatchObject({ code: 'ENGINE_CLOSED' });
  });

  test('an AbortSignal cancels opening with ABORTED', async () => {
    const controller = new AbortController();
    const opening = openEngine({ snapshot: manifest, dbName: fresh(), signal: controller.signal });
    controller.abort();
    await expect(opening).rejects.toMatchObject({ code: 'ABORTED' });
  });

  test("persist: true asks for persistent storage and reports the browser's answer; without it, null", async () => {
    const asked = await open({ persist: true });
    expect(asked.summary.storage).toBe('indexeddb');
    expect(asked.summary.persisted).toBe(await navigator.storage.persisted());
    expect((await open()).summary.persisted).toBeNull();
    // Nothing is stored, so nothing can be kept: false whatever the browser would answer.
    expect((await open({ persist: true, storage: 'memory' })).summary.persisted).toBe(false);
    await expect(openEngine({ snapshot: manifest, persist: 'yes' as unknown as boolean })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'persist' });
  });

  test('a missing manifest rejects with NETWORK', async () => {
    await expect(openEngine({ snapshot: '/no/such/manifest.json', dbName: fresh(), timeoutMs: 5000 })).rejects.toMatchObject({ code: 'NETWORK' });
  });
});

describe('openEngine (inline)', () => {
  test('runs the same engine in-page and gives the same answers', async () => {
    const inline = await open({ mode: 'inline', storage: 'memory' });
    const worker = await open();
    expect(inline.mode).toBe('inline');
    expect(inline.summary.storage).toBe('memory');
    const route = '/online/soft_skills/results?skills=2.B.1.a,2.B.1.b&sort=title';
    expect(await inline.get(route)).toEqual(await worker.get(route));
  });
});
