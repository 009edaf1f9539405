/**
 * The same data in either O*NET layout gives the same answers: the fixture snapshot (classic) and
 * `fixture-modern` (the fixture re-laid out in the modern layout, test/support/modern-layout.ts)
 * answer every route alike, once classic DWA/IWA IDs are written in their modern form. Parts
 * whose data the modern layout does not have (Work Values, Tools Used) are NOT_AVAILABLE there.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { fixtureEngine, fixtureModernEngine } from '../support/engines.js';
import { modernActivityId } from '../support/modern-layout.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let classic: Engine;
let modern: Engine;
beforeAll(async () => {
  [classic, modern] = await Promise.all([fixtureEngine(), fixtureModernEngine()]);
});

const CLASSIC_ACTIVITY_ID = /^\d+(?:\.[A-Za-z0-9]+)*\.I\d+(?:\.D\d+)?$/;
/** `value` with every classic IWA/DWA id (also inside query strings) in its modern form. */
function modernIds(value: Json): Json {
  if (typeof value === 'string') {
    if (CLASSIC_ACTIVITY_ID.test(value)) return modernActivityId(value);
    return value.replace(/\d+(?:\.[A-Za-z0-9]+)*\.I\d+(?:\.D\d+)?/g, (id) => modernActivityId(id));
  }
  if (Array.isArray(value)) return value.map(modernIds);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, modernIds(v)]));
  return value;
}

const CODES = [
  '11-9941.00',
  '11-9942.00',
  '15-2941.00',
  '15-2941.01',
  '29-9941.00',
  '31-9941.00',
  '35-9941.00',
  '41-9941.00',
  '41-9942.00',
  '43-9941.00',
  '51-9941.00',
  '51-9941.01',
  '53-6949.00',
  '53-7941.00',
];

describe('classic and modern layouts of the same data answer alike', () => {
  test('info: same release and attribution, its own layout', () => {
    const a = classic.get('/info') as Json;
    const b = modern.get('/info') as Json;
    expect(a.layout).toBe('classic');
    expect(b.layout).toBe('modern');
    expect(b.release).toBe(a.release);
    expect(b.attribution).toBe(a.attribution);
    expect(b.tables).toContain('dwaAliases');
    expect(b.tables).not.toContain('workValues');
  });

  test('soft skills', () => {
    for (const route of [
      '/online/soft_skills',
      '/online/soft_skills/results?skills=2.B.1.a,2.B.1.f',
      '/online/soft_skills/results?skills=2.B.2.i&sort=title',
      '/online/soft_skills/results?skills=2.B.1.a,2.B.1.b,2.B.2.i&start=2&end=4',
    ]) {
      expect(modern.get(route), route).toEqual(classic.get(route));
    }
  });

  test('catalog: occupation list, STEM', () => {
    for (const route of ['/v1/occupations?page=1&page_size=50', '/v1/occupations?job_zone=3', '/online/stem_occupations/all', '/online/stem_occupations']) {
      expect(modern.get(route), route).toEqual(classic.get(route));
    }
  });

  test('related activities: every occupation, keyword search and results, with IDs in the modern form', () => {
    for (const code of CODES) {
      const route = `/online/related_activities/activities/${code}`;
      expect(modern.get(route), route).toEqual(modernIds(classic.get(route)));
    }
    for (const keyword of ['widget', 'inspect', 'records']) {
      const route = `/online/related_activities?keyword=${keyword}`;
      expect(modern.get(route), route).toEqual(modernIds(classic.get(route)));
    }
    for (const route of [
      '/online/related_activities/results/51-9941.00?activities=4.A.1.b.2.I81.D01',
      '/online/related_activities/results/51-9941.00?activities=4.A.3.b.6.I81.D01,4.A.4.a.1.I81.D01&sort=similar',
    ]) {
      expect(modern.get(modernIds(route)), route).toEqual(modernIds(classic.get(route)));
    }
  });

  test('occupation details: every part the modern layout has data for', () => {
    const parts = 'training=true&interest=true&tasks=true&dwas=true&alternateOnetTitles=true&relatedOnetTitles=true&skills=true&knowledge=true';
    for (const code of CODES) {
      const route = `/v1/occupation/${code}/US?${parts}`;
      expect(modern.get(route), route).toEqual(modernIds(classic.get(route)));
    }
  });

  test('Work Values and Tools Used are named in NotAvailable in the modern layout', () => {
    for (const flag of ['workValues', 'toolsAndTechnology']) {
      const route = `/v1/occupation/51-9941.00/US?${flag}=true`;
      expect((classic.get(route) as Json).NotAvailable, flag).toEqual([]);
      expect(
        (modern.get(route) as Json).NotAvailable.map((entry: Json) => entry.Flag),
        flag,
      ).toEqual([flag]);
    }
    const technology = (modern.get('/v1/occupation/51-9941.00/US?toolsAndTechnology=true') as Json).OccupationDetail[0].ToolsandTechOccupationDetails;
    expect(technology.Tools).toBeUndefined();
    expect(technology.Technology.CategoryList).toEqual(
      (classic.get('/v1/occupation/51-9941.00/US?toolsAndTechnology=true') as Json).OccupationDetail[0].ToolsandTechOccupationDetails.Technology.CategoryList,
    );
  });
});
