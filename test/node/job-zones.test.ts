/**
 * Job zones follow the snapshot's own Job Zone Reference: 1–5 up to O*NET 30.1, 2–5 from 30.2
 * ("Job Zone 1-2"). Checked on the fixture and on its `zones-2-5` variant (tools/fixture-variants.ts);
 * the goldens `zones-*` pin whole answers. Rules: docs/catalog.md, docs/ranking.md.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { OnetError } from '../../src/errors.js';
import { fixtureVariantSnapshot } from '../../tools/fixture-variants.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function errorOf(engine: Engine, route: string): OnetError {
  try {
    engine.get(route);
  } catch (error) {
    expect(error).toBeInstanceOf(OnetError);
    return error as OnetError;
  }
  throw new Error(`expected ${route} to fail`);
}

let classic: Engine;
let zones: Engine;
beforeAll(async () => {
  classic = createEngine(await fixtureVariantSnapshot('classic'));
  zones = createEngine(await fixtureVariantSnapshot('zones-2-5'));
});

describe('job zones 2–5', () => {
  test('the index lists the snapshot’s zones; no occupation is in zone 1', () => {
    expect(classic.indexes.occupations.zoneCodes).toEqual([1, 2, 3, 4, 5]);
    expect(zones.indexes.occupations.zoneCodes).toEqual([2, 3, 4, 5]);
    expect(Array.from(zones.indexes.occupations.jobZone)).not.toContain(1);
  });

  test('job_zone=1: a 422 on job_zone naming the merged zone, never an empty list', () => {
    const e = errorOf(zones, '/v1/occupations?job_zone=1');
    expect([e.code, e.status, e.field]).toEqual(['VALIDATION_ERROR', 422, 'job_zone']);
    expect(e.message).toBe('"job_zone" must be an integer from 2 to 5; got "1"');
    expect(e.suggestion).toBe('Use job_zone=2: O*NET merged job zone 1 into "Job Zone 1-2: Very Little to Some Preparation Needed"');
    // The same request on a 1–5 snapshot filters.
    expect((classic.get('/v1/occupations?job_zone=1') as Json).data.total).toBe(2);
  });

  test('zone 2 holds the old zones 1 and 2; the filter is an equality test on the item field', () => {
    const two = (zones.get('/v1/occupations?job_zone=2') as Json).data;
    const oldOneAndTwo = ['1', '2'].flatMap((z) => (classic.get(`/v1/occupations?job_zone=${z}`) as Json).data.items.map((i: Json) => i.soc_code)).sort();
    expect(two.items.map((i: Json) => i.soc_code)).toEqual(oldOneAndTwo);
    expect(two.items.every((i: Json) => i.job_zone === 2)).toBe(true);
    const all = (zones.get('/v1/occupations?page_size=100') as Json).data.items;
    let sum = 0;
    for (const z of [2, 3, 4, 5]) sum += (zones.get(`/v1/occupations?job_zone=${z}`) as Json).data.total;
    expect(sum).toBe(all.filter((i: Json) => i.job_zone !== null).length);
  });

  test('other bad values: same message shape, suggestion from the reference titles', () => {
    for (const raw of ['0', '6', '01', 'two', '2.0', '']) {
      const e = errorOf(zones, `/v1/occupations?job_zone=${raw}`);
      expect([e.code, e.field, e.message]).toEqual(['VALIDATION_ERROR', 'job_zone', `"job_zone" must be an integer from 2 to 5; got "${raw}"`]);
      expect(e.suggestion).toBe('Use job_zone=2 (very little to some preparation) … job_zone=5 (extensive preparation)');
    }
    expect(errorOf(classic, '/v1/occupations?job_zone=6').message).toBe('"job_zone" must be an integer from 1 to 5; got "6"');
  });

  test('zone sorts: the reference order, occupations without a zone last', () => {
    const route = '/online/soft_skills/results?skills=2.B.1.a,2.B.1.b,2.B.1.c,2.B.1.d,2.B.1.e,2.B.1.f&sort=zone&end=100';
    for (const engine of [classic, zones]) {
      const codes = (engine.get(route) as Json).occupation.map((o: Json) => o.job_zone?.code ?? Infinity);
      expect(codes).toEqual([...codes].sort((a, b) => a - b));
    }
    const related = (zones.get('/online/related_activities/results/51-9941.00?activities=4.A.1.b.2.I81.D01,4.A.3.b.6.I81.D01&sort=zone') as Json).occupation;
    expect(related.map((o: Json) => o.job_zone?.code ?? null)).toEqual([2, null]);
  });

  test('job_zone objects carry the snapshot’s own titles', () => {
    const detail = (zones.get('/v1/occupation/35-9941.00/US?training=true') as Json).OccupationDetail[0];
    expect(detail.EducationTraining.JobZone).toMatchObject({ Code: 2, Title: 'Job Zone 1-2: Very Little to Some Preparation Needed' });
    const page = zones.get('/online/soft_skills/results?skills=2.B.1.a&sort=zone&end=100') as Json;
    for (const o of page.occupation) if (o.job_zone) expect(zones.indexes.occupations.jobZones.get(o.job_zone.code)?.title).toBe(o.job_zone.title);
  });
});
