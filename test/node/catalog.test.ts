/**
 * Occupation catalog: golden responses on the fixture database, properties of the
 * list / STEM / details routes, and checks on the real O*NET 29.3 data. Decisions: docs/catalog.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { OnetError } from '../../src/errors.js';
import type { FixtureVariant } from '../../tools/fixture-variants.js';
import { GOLDEN_CASES, GOLDEN_DIR, VARIANT_GOLDEN_CASES, fixtureCatalogEngine, fixtureVariantEngine, goldenRecord, type GoldenRecord } from '../../tools/update-golden-catalog.js';
import { hasRealData, realEngine } from '../support/engines.js';
import { REAL_EXTRAS, REAL_SOURCE } from '../support/paths.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = resolve(import.meta.dirname, '../..');

/** The error an engine throws for `route`. */
function errorOf(engine: Engine, route: string): OnetError {
  try {
    engine.get(route);
  } catch (error) {
    expect(error).toBeInstanceOf(OnetError);
    return error as OnetError;
  }
  throw new Error(`expected ${route} to fail`);
}

describe('catalog on the fixture database', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await fixtureCatalogEngine();
  });
  const get = (route: string) => engine.get(route) as Json;

  describe('golden responses (fixtures/golden/catalog, reviewed in fixtures/golden/README-catalog.md)', () => {
    const files = existsSync(GOLDEN_DIR)
      ? readdirSync(GOLDEN_DIR)
          .filter((f) => f.endsWith('.json'))
          .sort()
      : [];

    test('every golden case has a file and every file is a case', () => {
      expect(files).toEqual([...Object.keys(GOLDEN_CASES), ...Object.keys(VARIANT_GOLDEN_CASES)].map((name) => `${name}.json`).sort());
    });

    const variantEngines = new Map<FixtureVariant, Promise<Engine>>();
    test.each(files)('%s', async (file) => {
      const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')) as GoldenRecord;
      const name = file.replace(/\.json$/, '');
      const variantCase = VARIANT_GOLDEN_CASES[name];
      if (!variantCase) {
        expect(golden.route).toBe(GOLDEN_CASES[name]);
        expect(goldenRecord(engine, golden.route)).toEqual(golden);
        return;
      }
      expect([golden.variant, golden.route]).toEqual([variantCase.variant, variantCase.route]);
      if (!variantEngines.has(variantCase.variant)) variantEngines.set(variantCase.variant, fixtureVariantEngine(variantCase.variant));
      expect(goldenRecord(await variantEngines.get(variantCase.variant)!, golden.route, variantCase.variant)).toEqual(golden);
    });
  });

  describe('/v1/occupations', () => {
    test('request ids are local, distinct and counted per engine', () => {
      const a = get('/v1/occupations').metadata.request_id;
      const b = get('/v1/occupations').metadata.request_id;
      expect(a).toMatch(/^local-\d+$/);
      expect(b).toMatch(/^local-\d+$/);
      expect(Number(b.slice(6))).toBe(Number(a.slice(6)) + 1);
    });

    test('pages partition the list in code order; a page past the end is empty', () => {
      const all = get('/v1/occupations?page_size=100').data;
      const codes = all.items.map((i: Json) => i.soc_code);
      expect(codes).toEqual([...codes].sort());
      const paged: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const d = get(`/v1/occupations?page=${page}&page_size=3`).data;
        expect(d).toMatchObject({ total: all.total, page, page_size: 3, pages: Math.ceil(all.total / 3) });
        paged.push(...d.items.map((i: Json) => i.soc_code));
      }
      expect(paged).toEqual(codes);
      expect(get('/v1/occupations?page=6&page_size=3').data).toMatchObject({ items: [], total: all.total, pages: 5 });
    });

    test('bright_outlook=true and =false split the list; job zones 1–5 cover every zoned occupation', () => {
      const total = get('/v1/occupations').data.total;
      const yes = get('/v1/occupations?bright_outlook=true').data;
      const no = get('/v1/occupations?bright_outlook=False').data;
      expect(yes.total + no.total).toBe(total);
      expect(yes.items.every((i: Json) => i.bright_outlook)).toBe(true);
      expect(no.items.every((i: Json) => !i.bright_outlook)).toBe(true);
      expect(get('/v1/occupations?bright_outlook=1').data.total).toBe(yes.total);
      let zoned = 0;
      for (let z = 1; z <= 5; z++) {
        const d = get(`/v1/occupations?job_zone=${z}&page_size=100`).data;
        expect(d.items.every((i: Json) => i.job_zone === z)).toBe(true);
        zoned += d.total;
      }
      const unzoned = get('/v1/occupations?page_size=100').data.items.filter((i: Json) => i.job_zone === null).length;
      expect(zoned + unzoned).toBe(total);
    });

    test.each([
      ['page_size=101', 'page_size'],
      ['page_size=0', 'page_size'],
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=1.5', 'page'],
      ['job_zone=6', 'job_zone'],
      ['job_zone=0', 'job_zone'],
      ['job_zone=two', 'job_zone'],
      ['bright_outlook=maybe', 'bright_outlook'],
      ['bright_outlook=', 'bright_outlook'],
      ['green=yes', 'green'],
      ['sort=title', 'sort'],
      ['page=1&page=2', 'page'],
    ])('%s is a VALIDATION_ERROR on %s with the list API error body', (query, field) => {
      const response = engine.handle(`/v1/occupations?${query}`);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', status: 422, field, errors: [{ field }] } });
    });

    test('green=true is NOT_AVAILABLE (no green data); green=false keeps every occupation', () => {
      const e = errorOf(engine, '/v1/occupations?green=true');
      expect(e.code).toBe('NOT_AVAILABLE');
      expect(e.field).toBe('green');
      expect(e.message).toMatch(/no green-economy/);
      expect(get('/v1/occupations?green=false').data.total).toBe(get('/v1/occupations').data.total);
    });
  });

  describe('STEM', () => {
    test('every sort returns the same set; type listings are subsets of all', () => {
      const all = get('/online/stem_occupations/all?end=1000');
      const codes = (r: Json) => r.occupation.map((o: Json) => o.code).sort();
      for (const sort of ['job_family', 'title', 'code', 'stem_occupation_type']) {
        expect(codes(get(`/online/stem_occupations/all?end=1000&sort=${sort}`))).toEqual(codes(all));
      }
      for (let type = 1; type <= 5; type++) {
        const list = get(`/online/stem_occupations/${type}?end=1000`);
        for (const o of list.occupation) {
          expect(all.occupation.find((a: Json) => a.code === o.code).stem_occupation_type.map((t: Json) => t.code)).toContain(type);
        }
      }
    });

    test('errors: unknown type, bad job_family, bad sort, sort only for all, start past the end', () => {
      expect(errorOf(engine, '/online/stem_occupations/0').code).toBe('NOT_FOUND');
      expect(errorOf(engine, '/online/stem_occupations/stem').code).toBe('NOT_FOUND');
      expect(errorOf(engine, '/online/stem_occupations/1?job_family=15').field).toBe('job_family');
      expect(errorOf(engine, '/online/stem_occupations/1?job_family=98-0000').field).toBe('job_family');
      expect(errorOf(engine, '/online/stem_occupations/1?sort=stem_occupation_type').field).toBe('sort');
      expect(errorOf(engine, '/online/stem_occupations/1?start=50').field).toBe('start');
      expect(errorOf(engine, '/online/stem_occupations?sort=title').field).toBe('sort');
    });
  });

  describe('/v1/occupation/{keyword}/{location}', () => {
    test('code and case-insensitive exact title give the same occupation', () => {
      const byCode = get('/v1/occupation/51-9941.00/US?skills=true');
      for (const title of ['Widget%20Inspectors', 'widget%20inspectors', 'WIDGET%20%20INSPECTORS']) {
        expect(get(`/v1/occupation/${title}/0?skills=true`)).toEqual({
          ...byCode,
          OccupationDetail: [{ ...byCode.OccupationDetail[0], Location: '0' }],
        });
      }
    });

    test.each(['US', 'us', '0', 'IL', 'Illinois', '61299', 'Chicago, IL', 'Reston,VA'])('location %s is accepted and echoed', (location) => {
      expect(get(`/v1/occupation/51-9941.00/${encodeURIComponent(location)}`).OccupationDetail[0].Location).toBe(location);
    });

    test.each(['Mars', 'ZZ', '1234', 'Chicago, ZZ'])('location %s is a VALIDATION_ERROR', (location) => {
      const e = errorOf(engine, `/v1/occupation/51-9941.00/${encodeURIComponent(location)}`);
      expect(e.code).toBe('VALIDATION_ERROR');
      expect(e.field).toBe('location');
    });

    test('unrequested parts are absent; requested unavailable parts are named in NotAvailable', () => {
      const d = get('/v1/occupation/51-9941.00/US?wages=true&ability=true');
      expect(Object.keys(d.OccupationDetail[0]).sort()).toEqual(
        ['BrightOutlook', 'BrightOutlookCategory', 'Location', 'OnetCode', 'OnetDescription', 'OnetTitle', 'SocInfo'].sort(),
      );
      expect(d.NotAvailable.map((n: Json) => n.Flag)).toEqual(['ability', 'wages']);
      expect(d.MetaData.Publisher).toBe('onet-match');
      expect(d.MetaData).not.toHaveProperty('LastAccessDate');
    });

    test('keyword errors: NOT_FOUND with suggestions, malformed codes, empty or long keywords', () => {
      const unknown = errorOf(engine, '/v1/occupation/Widget%20Inspector/US');
      expect(unknown.code).toBe('NOT_FOUND');
      expect(unknown.suggestion).toMatch(/^Did you mean: Widget Inspectors \(51-9941\.00\)/);
      expect(errorOf(engine, '/v1/occupation/99-9999.00/US').code).toBe('NOT_FOUND');
      for (const code of ['51-9941', '519941', '51-9941.0', '51-9941.000', '51.9941.00']) {
        const e = errorOf(engine, `/v1/occupation/${code}/US`);
        expect(e.code).toBe('VALIDATION_ERROR');
        expect(e.field).toBe('keyword');
      }
      expect(errorOf(engine, '/v1/occupation/%20/US').code).toBe('VALIDATION_ERROR');
      expect(errorOf(engine, `/v1/occupation/${'a'.repeat(201)}/US`).code).toBe('VALIDATION_ERROR');
      expect(errorOf(engine, '/v1/occupation/51-9941.00').code).toBe('NOT_FOUND'); // no location: no such route
    });

    test('flags must be booleans; unknown flags are rejected', () => {
      expect(errorOf(engine, '/v1/occupation/51-9941.00/US?tasks=yes').field).toBe('tasks');
      expect(errorOf(engine, '/v1/occupation/51-9941.00/US?Tasks=true').field).toBe('Tasks');
      expect(errorOf(engine, '/v1/occupation/51-9941.00/US?enableMetaData=no').field).toBe('enableMetaData');
    });
  });
});

/** Codes in the first column of a CSV or TSV file (header skipped). */
function firstColumn(file: string, separator: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(separator)[0]!.trim());
}

describe.skipIf(!hasRealData)('catalog on O*NET 29.3', () => {
  let engine: Engine;
  const source = resolve(root, REAL_SOURCE);
  const extras = resolve(root, REAL_EXTRAS);
  let occupationCodes: Set<string>;
  beforeAll(async () => {
    engine = await realEngine();
    occupationCodes = new Set(firstColumn(join(source, 'Occupation Data.txt'), '\t'));
  });
  const get = (route: string) => engine.get(route) as Json;

  test('the list has all 1,016 occupations in code order', () => {
    const d = get('/v1/occupations?page_size=100').data;
    expect(d).toMatchObject({ total: 1016, page: 1, page_size: 100, pages: 11 });
    expect(d.items[0]).toEqual({ soc_code: '11-1011.00', title: 'Chief Executives', job_zone: 5, bright_outlook: false, green_occupation: false });
    expect(get('/v1/occupations').data).toMatchObject({ page_size: 20, pages: 51 });
    expect(get('/v1/occupations?page=51').data.items).toHaveLength(16);
    expect(get('/v1/occupations?page=52').data).toMatchObject({ items: [], total: 1016, pages: 51 });
  });

  test('bright_outlook=true lists exactly the extras Bright Outlook codes present in Occupation Data', () => {
    const expected = firstColumn(join(extras, 'bright_outlook_occupations.csv'), ',').filter((c) => occupationCodes.has(c));
    expect(expected).toHaveLength(346);
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const d = get(`/v1/occupations?bright_outlook=true&page=${page}&page_size=100`).data;
      listed.push(...d.items.map((i: Json) => i.soc_code));
      if (page >= d.pages) break;
    }
    expect(listed).toEqual([...expected].sort());
    expect(get('/v1/occupations?bright_outlook=false').data.total).toBe(1016 - 346);
  });

  test('job_zone=N counts equal the Job Zones.txt counts', () => {
    const counts = new Map<number, number>();
    for (const line of readFileSync(join(source, 'Job Zones.txt'), 'utf8').split(/\r?\n/).slice(1)) {
      if (!line.trim()) continue;
      const zone = Number(line.split('\t')[1]);
      counts.set(zone, (counts.get(zone) ?? 0) + 1);
    }
    expect(counts.get(5)).toBe(154);
    for (let z = 1; z <= 5; z++) expect(get(`/v1/occupations?job_zone=${z}`).data.total).toBe(counts.get(z));
  });

  test('STEM: type 1 has 187 occupations, all 287; the type list follows the published order', () => {
    const listed = firstColumn(join(extras, 'stem_occupations.csv'), ',').filter((c) => occupationCodes.has(c));
    expect(listed).toHaveLength(287); // no STEM code is missing from Occupation Data
    const types = get('/online/stem_occupations');
    expect(types.map((t: Json) => t.code)).toEqual([4, 3, 1, 5, 2]);
    expect(types[0]).toEqual({
      href: '/online/stem_occupations/4',
      code: 4,
      title: 'Managerial',
      job_family: [{ href: '/online/stem_occupations/4?job_family=11-0000', code: '11-0000', title: 'Management' }],
    });
    expect(types[1].job_family).toEqual([{ href: '/online/stem_occupations/3?job_family=25-0000', code: '25-0000', title: 'Educational Instruction and Library' }]);

    const type1 = get('/online/stem_occupations/1');
    expect(type1).toMatchObject({ start: 1, end: 20, total: 187, next: '/online/stem_occupations/1?start=21&end=40' });
    expect(type1.occupation.slice(0, 2).map((o: Json) => [o.code, o.title, o.job_family.code])).toEqual([
      ['17-2011.00', 'Aerospace Engineers', '17-0000'],
      ['17-2021.00', 'Agricultural Engineers', '17-0000'],
    ]);
    expect(type1.occupation[0].href).toBe('/v1/occupation/17-2011.00/US');
    expect(type1.occupation[0].tags).toEqual({ bright_outlook: true }); // as in the published example
    expect(type1.occupation[0].job_family).toEqual({ code: '17-0000', title: 'Architecture and Engineering' });

    const all = get('/online/stem_occupations/all');
    expect(all).toMatchObject({ start: 1, end: 20, total: 287, next: '/online/stem_occupations/all?start=21&end=40' });
    expect(all.occupation[0]).toMatchObject({
      code: '15-2011.00',
      title: 'Actuaries',
      tags: { bright_outlook: true },
      job_family: { code: '15-0000', title: 'Computer and Mathematical' },
      stem_occupation_type: [{ code: 1, title: 'Research, Development, Design, and Practitioners' }],
    });
    const everything = get('/online/stem_occupations/all?end=300').occupation.map((o: Json) => o.code);
    expect([...everything].sort()).toEqual([...listed].sort());
    let sum = 0;
    for (let t = 1; t <= 5; t++) sum += get(`/online/stem_occupations/${t}`).total;
    expect(sum).toBeGreaterThanOrEqual(287);
  });

  test('details of Pharmacists 29-1051.00', () => {
    const brightCodes = new Set(firstColumn(join(extras, 'bright_outlook_occupations.csv'), ','));
    const d = get(
      '/v1/occupation/29-1051.00/US?training=true&interest=true&tasks=true&dwas=true&alternateOnetTitles=true&relatedOnetTitles=true&skills=true&knowledge=true&ability=true&toolsAndTechnology=true&workValues=true',
    );
    expect(d.RecordCount).toBe(1);
    const p = d.OccupationDetail[0];
    expect(p.OnetTitle).toBe('Pharmacists');
    expect(p.OnetCode).toBe('29-1051.00');
    expect(p.OnetDescription.startsWith('Dispense drugs prescribed by physicians and other health practitioners')).toBe(true);
    expect(p.BrightOutlook).toBe(brightCodes.has('29-1051.00') ? 'Bright' : '');
    expect(p.Tasks.length).toBeGreaterThan(0);
    expect(p.Tasks[0]).toMatchObject({ TaskId: expect.stringMatching(/^\d+$/), DataValue: null });
    expect(p.DWAs.length).toBeGreaterThan(0);
    expect(p.EducationTraining.JobZone).toMatchObject({ Code: 5, Title: 'Job Zone Five: Extensive Preparation Needed' });
    expect(p.EducationTraining.EducationType).toHaveLength(12);
    expect(p.EducationTraining.EducationType.find((e: Json) => e.Category === 11)).toMatchObject({ EducationLevel: 'Doctoral Degree', Value: 78.36 });
    expect(Object.keys(p.RelatedOnetTitles)).toEqual(expect.arrayContaining(['29-2052.00', '31-9095.00'])); // Pharmacy Technicians, Pharmacy Aides
    expect(p.RelatedOnetTitles['29-2052.00']).toBe('Pharmacy Technicians');
    expect(p.AlternateTitles).toEqual(['Clinical Pharmacist', 'Hospital Pharmacist', 'Pharm D (Pharmacy Doctor)', 'Pharmacist in Charge (PIC)']);
    expect(p.SkillsDataList).toHaveLength(35);
    expect(p.KnowledgeDataList[0]).toMatchObject({ ElementName: 'Medicine and Dentistry' });
    expect(p.InterestDataList[0]).toMatchObject({ ElementName: 'Investigative', DataValue: 77 });
    expect(p.WorkValuesOccupationDetails).toMatchObject({ Workvalue: 'Recognition', ElementID: '1.B.2.c' });
    expect(p.SocInfo).toMatchObject({ SocCode: '29-1051', SocTitle: 'Pharmacists' });
    expect(p).not.toHaveProperty('AbilityDataList'); // the real 29.3 source has no Abilities.txt
    expect(d.NotAvailable.map((n: Json) => n.Flag)).toContain('ability');
    expect(d.MetaData.DataSource[0]).toMatchObject({ DataVintageOrVersion: '29.3' });
  });

  test('exact title lookup is case-insensitive', () => {
    expect(get('/v1/occupation/pharmacists/US').OccupationDetail[0].OnetCode).toBe('29-1051.00');
    expect(get('/v1/occupation/REGISTERED%20NURSES/0').OccupationDetail[0].OnetCode).toBe('29-1141.00');
    expect(get(`/v1/occupation/${encodeURIComponent('computer systems engineers/architects')}/US`).OccupationDetail[0].OnetCode).toBe('15-1299.08');
  });

  test('an unknown keyword is NOT_FOUND with the closest titles as suggestions', () => {
    const e = errorOf(engine, '/v1/occupation/pharmacist/US');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.field).toBe('keyword');
    expect(e.suggestion).toMatch(/^Did you mean: Pharmacists \(29-1051\.00\); .+; .+$/);
    expect(errorOf(engine, '/v1/occupation/29-1051.99/US').code).toBe('NOT_FOUND');
    expect(errorOf(engine, '/v1/occupation/29-1051/US').code).toBe('VALIDATION_ERROR');
  });

  test('validation errors on the list', () => {
    for (const [query, field] of [
      ['page_size=101', 'page_size'],
      ['page=0', 'page'],
      ['job_zone=6', 'job_zone'],
      ['bright_outlook=maybe', 'bright_outlook'],
      ['colour=green', 'colour'],
    ] as const) {
      const r = engine.handle(`/v1/occupations?${query}`);
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field, errors: [{ field }] } });
    }
    expect(engine.handle('/v1/occupations?green=true')).toMatchObject({ status: 501, body: { error: { code: 'NOT_AVAILABLE', field: 'green' } } });
  });
});
