/**
 * The typed methods over a real module Worker (comlink) under generated input: 600 calls with
 * hostile arguments. Complements test/node/fuzz-api.test.ts (in-page engine, 15,000 calls): here
 * the point is the boundary — values structured clone cannot copy (functions, symbols) must never
 * reach postMessage, and every rejection must arrive as an OnetError with its code and field.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { OnetError, openEngine, type OnetEngine } from '../../src/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

let engine: OnetEngine;
beforeAll(async () => {
  engine = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName: `onet-match-test-${crypto.randomUUID()}`, mode: 'worker' });
});
afterAll(() => engine.close());

const METHODS = ['get', 'softSkillResults', 'searchOccupations', 'occupationActivities', 'relatedActivities', 'listOccupations', 'stemOccupations', 'occupationDetails'] as const;
const value = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    NaN,
    -1,
    1.5,
    2 ** 53,
    '',
    '\uD800',
    '41-9941.00',
    '2.B.1.a',
    'all',
    'title',
    Symbol('s'),
    10n,
    () => 1,
    new Map(),
    document.createElement('div'),
    new Error('e'),
    JSON.parse('{"__proto__": {"polluted": 1}}'),
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -3, max: 30 }),
  fc.array(
    fc.constantFrom<unknown>('2.B.1.a', '4.A.4.a.1.I81.D03', 1, () => 1, Symbol('s')),
    { maxLength: 4 },
  ),
);
const arg = fc.oneof(
  value,
  fc.dictionary(fc.constantFrom('skills', 'keyword', 'code', 'activities', 'sort', 'start', 'end', 'page', 'pageSize', 'type', 'sections', '__proto__', 'extra'), value, {
    maxKeys: 4,
  }),
);

test('600 generated calls over the Worker settle with a response or a typed OnetError', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...METHODS), arg, async (method, a) => {
      const call = (engine[method] as (x: unknown) => Promise<unknown>)(a);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([
        call.then(
          () => null,
          (e: unknown) => e,
        ),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${method} did not settle`)), 5_000))),
      ]).finally(() => clearTimeout(timer));
      if (outcome === null) return;
      const error = outcome as OnetError;
      if (!(error instanceof OnetError) || !['VALIDATION_ERROR', 'NOT_FOUND', 'NOT_AVAILABLE'].includes(error.code))
        expect.fail(`${method} rejected with ${String(error)} (${(error as { code?: string }).code})`);
      if (error.code === 'VALIDATION_ERROR' && !error.field) expect.fail(`${method}: VALIDATION_ERROR without field`);
    }),
    { numRuns: 600, seed: 77 },
  );
  // Values postMessage cannot clone are refused before they reach the Worker.
  await expect(engine.get((() => '/info') as never)).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'route' });
  await expect(engine.get(Symbol('route') as never)).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'route' });
  // The Worker still answers.
  expect(await engine.get('/info')).toMatchObject({ release: '0.1' });
  expect(Object.keys(Object.prototype)).toEqual([]);
}, 60_000);
