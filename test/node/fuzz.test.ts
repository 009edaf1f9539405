/**
 * Property-based robustness: thousands of generated requests against the route dispatcher and
 * thousands of mutated snapshots against the decoder. Every call must end in a valid response or
 * a typed error — never a crash, an INTERNAL error, a hang or a polluted prototype.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { isOnetError } from '../../src/errors.js';
import { decodeSnapshot } from '../../src/snapshot/codec.js';
import { fixtureEngine, hasRealData, realEngine } from '../support/engines.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const ROUTES = [
  '/online/soft_skills',
  '/online/soft_skills/results',
  '/online/related_activities',
  '/online/related_activities/activities/29-1051.00',
  '/online/related_activities/results/29-1051.00',
  '/online/related_activities/resolve',
  '/v1/occupations',
  '/online/stem_occupations',
  '/online/stem_occupations/1',
  '/online/stem_occupations/all',
  '/v1/occupation/29-1051.00/US',
  '/info',
];
const PARAMS = [
  'skills',
  'sort',
  'start',
  'end',
  'keyword',
  'activities',
  'page',
  'page_size',
  'job_zone',
  'bright_outlook',
  'green',
  'job_family',
  'tasks',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];
const ALLOWED_STATUS = new Set([200, 404, 422, 501]);

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    ',',
    ',,',
    '0',
    '-1',
    '1e9',
    '99999999999',
    'NaN',
    'Infinity',
    '1.5',
    '0x10',
    '２',
    '__proto__',
    'constructor',
    '%00',
    '%',
    '%E0%A4%A',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '2.B.1.a',
    '2.B.1.a,2.B.1.b',
    '29-1051.00',
    '4.A.1.a.1.I01.D01',
    'title',
    'code',
    'zone',
    'shared',
    'true',
    'false',
    '15-0000',
  ),
  fc.array(fc.constantFrom('2.B.1.a', '2.B.1.b', '2.A.2.b', 'x', '', '2.B.1.a'), { maxLength: 40 }).map((a) => a.join(',')),
  fc.integer({ min: -5, max: 3000 }).map(String),
);

const routeArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...ROUTES), fc.array(fc.tuple(fc.constantFrom(...PARAMS), nasty), { maxLength: 5 }))
      .map(([path, params]) => path + (params.length ? '?' + params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&') : '')),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ROUTES), nasty).map(([path, extra]) => path + '/' + extra) },
  { weight: 1, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((s) => '/' + s) },
  { weight: 1, arbitrary: fc.constant('/online/soft_skills/results?skills=' + Array(5000).fill('2.B.1.a').join(',')) },
);

/**
 * `damaged`: the snapshot may hold bytes the decoder cannot check (a flipped letter in a string
 * pool: deflate has no checksum), so a route may also answer with the typed SNAPSHOT_CORRUPT that
 * the engine raises when the table it reads does not hold what it must (status 500).
 */
function checkResponse(engine: Engine, route: string, damaged = false): void {
  const response = engine.handle(route);
  if (damaged && response.status === 500 && (response.body as { error?: { code?: string } }).error?.code === 'SNAPSHOT_CORRUPT') return;
  expect(ALLOWED_STATUS.has(response.status), `status ${response.status} for ${JSON.stringify(route)}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(true);
  if (response.status === 200) {
    expect(typeof response.body).toBe('object');
    expect(response.body).not.toBeNull();
    JSON.stringify(response.body);
  } else {
    const error = (response.body as { error: { code: string; message: string } }).error;
    expect(['VALIDATION_ERROR', 'NOT_FOUND', 'NOT_AVAILABLE']).toContain(error.code);
    expect(error.message.length).toBeGreaterThan(0);
  }
}

describe('route dispatcher under generated input', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = hasRealData ? await realEngine() : await fixtureEngine();
  });

  test('10,000 generated routes all answer or fail with a typed error', () => {
    fc.assert(
      fc.property(routeArb, (route) => checkResponse(engine, route)),
      { numRuns: 10_000, seed: 20261122 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  test('non-string routes are validation errors', () => {
    for (const route of [undefined, null, 42, {}, [], Symbol.iterator] as unknown[]) {
      const response = engine.handle(route as string);
      expect(response.status).toBe(422);
    }
  });
});

describe('snapshot decoder under mutated bytes', () => {
  const bytes = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../..', FIXTURE_MANIFEST.replace('manifest.json', 'onet-0.1.snap'))));

  test('2,000 mutations decode to a working engine or fail with SNAPSHOT_CORRUPT / SNAPSHOT_VERSION', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(bytes.length - 1), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(bytes.length - 1) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(bytes.length - 1), value: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
      fc.record({ kind: fc.constant('header' as const), at: fc.nat(400), value: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(mutation, (m) => {
        let mutated: Uint8Array;
        if (m.kind === 'flip') {
          mutated = bytes.slice();
          mutated[m.at] = mutated[m.at]! ^ m.bits;
        } else if (m.kind === 'truncate') mutated = bytes.slice(0, m.at);
        else if (m.kind === 'insert') mutated = new Uint8Array([...bytes.subarray(0, m.at), ...m.value, ...bytes.subarray(m.at)]);
        else {
          mutated = bytes.slice();
          mutated.set(m.value, Math.min(16 + m.at, mutated.length - m.value.length));
        }
        try {
          const engine = createEngine(decodeSnapshot(mutated));
          // A mutation the format cannot detect (deflate has no checksum; the sha256 in the manifest
          // is the integrity gate) must still give an engine that answers without crashing.
          for (const route of ROUTES) checkResponse(engine, route, true);
        } catch (error) {
          expect(isOnetError(error), String(error)).toBe(true);
          expect(['SNAPSHOT_CORRUPT', 'SNAPSHOT_VERSION', 'NOT_AVAILABLE']).toContain((error as { code: string }).code);
        }
      }),
      { numRuns: 2_000, seed: 7 },
    );
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
