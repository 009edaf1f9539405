/**
 * Golden tests of the matching engine on the hand-made fixture database. Every expectation below
 * was computed by hand from the fixture files and is explained in fixtures/README.md (sections
 * "Soft skills", "Work activities" and "Expected keyword search"); ids refer to that document.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { createEngine } from '../../src/engine/engine.js';
import { thresholdPolicy } from '../../src/engine/soft-skills.js';
import { loadSnapshotFile } from '../../tools/node-snapshot.js';
import { resolve } from 'node:path';
import { FIXTURE_MANIFEST } from '../support/paths.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let engine: Engine;
let threshold: Engine;
beforeAll(async () => {
  const { snapshot } = await loadSnapshotFile(resolve(import.meta.dirname, '../..', FIXTURE_MANIFEST));
  engine = createEngine(snapshot);
  threshold = createEngine(snapshot, { highLevelPolicy: thresholdPolicy({ importance: 3, level: 3 }) });
});
const get = (route: string, e = engine) => e.get(route) as Json;
const codes = (res: Json) => res.occupation.map((o: Json) => o.code);
const ids = (list: Json[]) => list.map((a) => a.id);
const brief = (o: Json) => ({ matched: o.skills_matched.map((s: Json) => [s.code, s.level, s.importance]), other: o.skills_other.map((s: Json) => s.code) });

describe('soft skills (fixture)', () => {
  test('S1 Social Perceptiveness + Service Orientation, default policy: order, coverage, figures', () => {
    const res = get('/online/soft_skills/results?skills=2.B.1.a,2.B.1.f');
    expect(res).toMatchObject({ start: 1, end: 5, total: 5 });
    expect(res.next).toBeUndefined();
    expect(codes(res)).toEqual(['29-9941.00', '31-9941.00', '11-9941.00', '41-9941.00', '41-9942.00']);
    expect(res.occupation.map(brief)).toEqual([
      {
        matched: [
          ['2.B.1.f', 71, 84],
          ['2.B.1.a', 71, 87],
        ],
        other: [],
      },
      {
        matched: [
          ['2.B.1.f', 66, 81],
          ['2.B.1.a', 66, 75],
        ],
        other: ['2.B.1.e'],
      },
      { matched: [['2.B.1.f', 67, 84]], other: ['2.B.1.b'] },
      { matched: [['2.B.1.f', 64, 87]], other: ['2.B.1.c'] },
      { matched: [['2.B.1.a', 69, 72]], other: ['2.B.1.e'] },
    ]);
    expect(res.occupation[0]).toMatchObject({ href: '/v1/occupation/29-9941.00/US', title: 'Herbal Remedy Consultants', job_zone: { code: 5 } });
  });

  test('S1 sorts and tie-breaks', () => {
    const s = (sort: string) => codes(get(`/online/soft_skills/results?skills=2.B.1.a,2.B.1.f&sort=${sort}`));
    expect(s('title')).toEqual(['11-9941.00', '29-9941.00', '31-9941.00', '41-9942.00', '41-9941.00']);
    expect(s('zone')).toEqual(['31-9941.00', '41-9942.00', '11-9941.00', '41-9941.00', '29-9941.00']);
    expect(s('my_matches')).toEqual(['29-9941.00', '31-9941.00', '11-9941.00', '41-9941.00', '41-9942.00']);
    expect(s('code')).toEqual(['11-9941.00', '29-9941.00', '31-9941.00', '41-9941.00', '41-9942.00']);
  });

  test('S1 under the threshold policy', () => {
    const res = get('/online/soft_skills/results?skills=2.B.1.a,2.B.1.f', threshold);
    expect(codes(res)).toEqual(['31-9941.00', '29-9941.00', '41-9941.00', '41-9942.00', '11-9941.00']);
    expect(brief(res.occupation[1]).other).toEqual(['2.A.2.a', '2.B.4.e']);
    expect(brief(res.occupation[4]).other).toEqual(
      ['2.B.1.b', '2.A.2.d', '2.B.4.e'].sort((a, b) => ['2.B.1.b', '2.B.4.e', '2.A.2.d'].indexOf(a) - ['2.B.1.b', '2.B.4.e', '2.A.2.d'].indexOf(b)),
    );
  });

  test('S2–S4: relative boundary rows, empty result, "top low" skills', () => {
    const s2 = get('/online/soft_skills/results?skills=2.B.2.i');
    expect(codes(s2)).toEqual(['51-9941.01', '15-2941.01', '11-9942.00']); // 15-2941.00 absent: R2 is 0.13 below its top
    expect(s2.occupation[0].job_zone).toBeNull();
    expect(brief(s2.occupation[2]).other).toEqual(['2.B.1.b', '2.B.1.e']); // R1 (0.12 below) counts
    expect(codes(get('/online/soft_skills/results?skills=2.B.2.i', threshold))).toEqual(['15-2941.01', '51-9941.01', '15-2941.00', '11-9942.00']);
    expect(get('/online/soft_skills/results?skills=2.B.1.d')).toEqual({ start: 1, end: 0, total: 0, occupation: [] });
    expect(codes(get('/online/soft_skills/results?skills=2.B.1.d', threshold))).toEqual(['11-9942.00']);
    const s4 = get('/online/soft_skills/results?skills=2.B.1.b');
    expect(codes(s4)).toEqual(['43-9941.00', '11-9941.00', '53-7941.00', '11-9942.00']);
    expect(brief(s4.occupation[0]).matched).toEqual([['2.B.1.b', 41, 43]]);
    expect(codes(get('/online/soft_skills/results?skills=2.A.2.a,2.B.2.i', threshold))).toEqual([
      '51-9941.01',
      '15-2941.01',
      '51-9941.00',
      '15-2941.00',
      '29-9941.00',
      '11-9942.00',
    ]);
  });

  test('paging: windows, prev/next links, totals', () => {
    const p = get('/online/soft_skills/results?skills=2.B.1.a,2.B.1.f&start=2&end=3&sort=title');
    expect(p).toMatchObject({
      start: 2,
      end: 3,
      total: 5,
      prev: '/online/soft_skills/results?skills=2.B.1.a,2.B.1.f&sort=title&start=1&end=1',
      next: '/online/soft_skills/results?skills=2.B.1.a,2.B.1.f&sort=title&start=4&end=5',
    });
    expect(codes(p)).toEqual(['29-9941.00', '31-9941.00']);
    expect(get(p.next).occupation.map((o: Json) => o.code)).toEqual(['41-9942.00', '41-9941.00']);
    expect(engine.handle('/online/soft_skills/results?skills=2.B.1.a&start=6').status).toBe(422);
  });

  test('a skill the default policy does not offer is a validation error', () => {
    expect((engine.handle('/online/soft_skills/results?skills=2.A.2.a').body as Json).error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'skills' });
  });
});

describe('related activities (fixture)', () => {
  test('per-occupation DWA order: Core tasks first, several DWAs of a task by title', () => {
    expect(ids(get('/online/related_activities/activities/51-9941.00'))).toEqual([
      '4.A.1.b.2.I81.D01',
      '4.A.1.b.2.I81.D02',
      '4.A.3.b.6.I81.D01',
      '4.A.2.a.2.I81.D01',
      '4.A.2.a.2.I82.D01',
      '4.A.4.a.1.I81.D01',
      '4.A.3.b.6.I81.D03',
    ]);
    expect(get('/online/related_activities/activities/51-9941.00')[0]).toEqual({ id: '4.A.1.b.2.I81.D01', title: 'Inspect finished widgets for surface defects.' });
    expect(ids(get('/online/related_activities/activities/43-9941.00'))).toEqual(['4.A.2.a.2.I81.D02', '4.A.2.a.2.I81.D01', '4.A.3.b.6.I81.D01', '4.A.3.b.6.I81.D03']);
    expect(ids(get('/online/related_activities/activities/31-9941.00'))).toEqual(['4.A.3.b.6.I82.D01', '4.A.4.a.1.I82.D01']);
    expect(get('/online/related_activities/activities/41-9942.00')).toEqual([]);
    expect(get('/online/related_activities/activities/53-6949.00')).toEqual([]);
  });

  test('E1: one selected DWA, similar activity through the shared IWA', () => {
    const res = get('/online/related_activities/results/51-9941.00?activities=4.A.1.b.2.I81.D01');
    expect(res).toMatchObject({ start: 1, end: 1, total: 1 });
    const [o] = res.occupation;
    expect(o).toMatchObject({ code: '51-9941.01', title: 'Widget Inspectors and Testers', job_zone: null, tags: {} });
    expect(ids(o.activities.shared)).toEqual(['4.A.1.b.2.I81.D01']);
    expect(ids(o.activities.similar)).toEqual(['4.A.1.b.2.I81.D03']);
    expect(ids(o.activities.full)).toEqual(['4.A.1.b.2.I81.D01', '4.A.3.b.6.I81.D01', '4.A.1.b.2.I81.D03']);
  });

  test('E2: equal shared counts ranked by similar', () => {
    const res = get('/online/related_activities/results/51-9941.00?activities=4.A.3.b.6.I81.D01,4.A.4.a.1.I81.D01');
    expect(codes(res)).toEqual(['41-9941.00', '43-9941.00', '51-9941.01']);
    expect(res.occupation.map((o: Json) => [ids(o.activities.shared), ids(o.activities.similar)])).toEqual([
      [['4.A.4.a.1.I81.D01'], ['4.A.4.a.1.I81.D03', '4.A.3.b.6.I81.D03']],
      [['4.A.3.b.6.I81.D01'], ['4.A.3.b.6.I81.D03']],
      [['4.A.3.b.6.I81.D01'], []],
    ]);
  });

  test('E3: every sort', () => {
    const base = '/online/related_activities/results/51-9941.00?activities=4.A.3.b.6.I81.D01,4.A.4.a.1.I81.D01,4.A.3.b.6.I81.D03';
    expect(codes(get(base))).toEqual(['41-9941.00', '43-9941.00', '11-9941.00', '51-9941.01']);
    expect(codes(get(`${base}&sort=similar`))).toEqual(['41-9941.00', '43-9941.00', '11-9941.00', '51-9941.01']);
    expect(codes(get(`${base}&sort=title`))).toEqual(['11-9941.00', '43-9941.00', '51-9941.01', '41-9941.00']);
    expect(codes(get(`${base}&sort=code`))).toEqual(['11-9941.00', '41-9941.00', '43-9941.00', '51-9941.01']);
    expect(codes(get(`${base}&sort=zone`))).toEqual(['43-9941.00', '41-9941.00', '11-9941.00', '51-9941.01']);
    const first = get(`${base}&end=1`);
    expect(first.next).toBe('/online/related_activities/results/51-9941.00?activities=4.A.3.b.6.I81.D01,4.A.4.a.1.I81.D01,4.A.3.b.6.I81.D03&start=2&end=2');
  });

  test('E4: no other occupation shares the activities → empty result', () => {
    expect(get('/online/related_activities/results/53-7941.00?activities=4.A.3.b.6.I83.D01,4.A.3.b.6.I83.D02')).toEqual({ start: 1, end: 0, total: 0, occupation: [] });
  });

  test('an activity of another occupation is rejected', () => {
    expect((engine.handle('/online/related_activities/results/51-9941.00?activities=4.A.3.b.6.I83.D01').body as Json).error).toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'activities',
    });
  });
});

describe('keyword search (fixture)', () => {
  test.each([
    ['widget inspector', ['51-9941.00', '51-9941.01']],
    ['gemba', ['51-9941.01']],
    ['quality checker', ['43-9941.00', '51-9941.00']],
    ['café', ['11-9941.00', '35-9941.00']],
    ['cafe', ['11-9941.00', '35-9941.00']],
    ['data wrangler', ['15-2941.00', '15-2941.01']],
    ['data wrangl', ['15-2941.00', '15-2941.01']],
    ['manager', ['11-9941.00', '11-9942.00', '41-9941.00']],
    ['showcase', ['41-9942.00']],
    ['51-9941', ['51-9941.00', '51-9941.01']],
    ['inspector', ['51-9941.00', '51-9941.01']],
  ])('%s', (keyword, expected) => {
    const res = get(`/online/related_activities?keyword=${encodeURIComponent(keyword)}`);
    expect(codes(res)).toEqual(expected);
    expect(res.total).toBe(expected.length);
    expect(res.occupation[0].href).toBe(`/online/related_activities/activities/${expected[0]}`);
  });
});
