/**
 * A Worker that dies mid-query: the client replaces it once and retries (queries are reads), and
 * rejects with a typed error when that fails too. No call is ever left hanging.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { openEngine, type OnetEngine } from '../../src/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const manifest = `/${FIXTURE_MANIFEST}`;
let engines: OnetEngine[] = [];
afterEach(() => {
  for (const e of engines) e.close();
  engines = [];
});

function recordingFactory(onCreate: (worker: Worker, index: number) => void = () => undefined) {
  const workers: Worker[] = [];
  const create = () => {
    const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' });
    onCreate(worker, workers.length);
    workers.push(worker);
    return worker;
  };
  return { workers, create };
}

async function open(create: () => Worker, extra: Parameters<typeof openEngine>[0] = {}) {
  const engine = await openEngine({ snapshot: manifest, dbName: `resilience-${crypto.randomUUID()}`, createWorker: create, callTimeoutMs: 400, ...extra });
  engines.push(engine);
  return engine;
}

describe('Worker failure during queries', () => {
  test('a Worker terminated behind our back is replaced and the query retried', async () => {
    const { workers, create } = recordingFactory();
    const engine = await open(create);
    const expected = await engine.softSkills();
    workers[0]!.terminate();
    expect(await engine.softSkills()).toEqual(expected);
    expect(workers).toHaveLength(2);
    expect(await engine.get('/online/related_activities?keyword=widget')).toMatchObject({ total: expect.any(Number) });
  });

  test('a crashing Worker (uncaught error event) is replaced at once, without waiting for the deadline', async () => {
    const { workers, create } = recordingFactory();
    const engine = await open(create, { callTimeoutMs: 60_000 });
    const started = performance.now();
    const pending = engine.softSkills();
    workers[0]!.terminate();
    workers[0]!.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
    expect((await pending).social).toHaveLength(6);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(workers).toHaveLength(2);
  });

  test('concurrent calls share one replacement', async () => {
    const { workers, create } = recordingFactory();
    const engine = await open(create);
    workers[0]!.terminate();
    const answers = await Promise.all([engine.softSkills(), engine.softSkills(), engine.get('/info')]);
    expect(answers).toHaveLength(3);
    expect(workers).toHaveLength(2);
  });

  test('when the replacement dies too, calls reject with ENGINE_CLOSED instead of hanging', async () => {
    const { workers, create } = recordingFactory((worker, index) => {
      if (index > 0) worker.terminate(); // every replacement is dead on arrival
    });
    // Long enough for a cold first open on a loaded machine; it also bounds the wait for the dead replacement.
    const engine = await open(create, { timeoutMs: 2500 });
    workers[0]!.terminate();
    await expect(engine.softSkills()).rejects.toMatchObject({ name: 'OnetError', code: 'ENGINE_CLOSED' });
  });

  test('typed errors from a live Worker are not mistaken for a crash', async () => {
    const { workers, create } = recordingFactory();
    const engine = await open(create);
    await expect(engine.get('/online/soft_skills/results?skills=bad')).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'skills' });
    expect(workers).toHaveLength(1);
  });
});
