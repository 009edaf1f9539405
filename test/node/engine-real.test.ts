/**
 * Checks of the matching engine on the real O*NET 29.3 snapshot: the published soft-skills
 * example, search relevance, related activities for Pharmacists, and error handling.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { hasRealData, realEngine } from '../support/engines.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!hasRealData)('matching engine on O*NET 29.3', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  });
  const get = (route: string) => engine.get(route) as Json;

  describe('soft skills', () => {
    test('lists social and thinking skills in O*NET order with 0–100 anchor levels', () => {
      const list = get('/online/soft_skills');
      expect(list.social.map((s: Json) => s.title)).toEqual(['Coordination', 'Instructing', 'Negotiation', 'Persuasion', 'Service Orientation', 'Social Perceptiveness']);
      expect(list.thinking[0]).toMatchObject({ code: '2.A.2.b', title: 'Active Learning' });
      expect(list.social[0].description).toBe("Adjusting actions in relation to others' actions.");
      expect(list.social[0].example[0]).toEqual({ level: 28, description: 'Schedule appointments for a medical clinic' });
      expect(list.thinking[0].example[0]).toEqual({ level: 28, description: 'Think about the implications of a news article for job opportunities' });
    });

    test('reproduces the published example: total 294, Physical Therapist Aides and Door-to-Door Sales Workers', () => {
      const all = get('/online/soft_skills/results?skills=2.B.1.d,2.B.1.c,2.B.1.a&start=1&end=294');
      expect(all.total).toBe(294);
      expect(all.occupation).toHaveLength(294);
      const aides = all.occupation.find((o: Json) => o.code === '31-2022.00');
      expect(aides).toMatchObject({
        title: 'Physical Therapist Aides',
        tags: {},
        job_zone: { code: 2, title: 'Job Zone Two: Some Preparation Needed' },
        skills_matched: [{ code: '2.B.1.a', title: 'Social Perceptiveness', level: 48, importance: 53 }],
        skills_other: [],
      });
      const door = all.occupation.find((o: Json) => o.code === '41-9091.00');
      expect(door).toMatchObject({
        title: 'Door-to-Door Sales Workers, News and Street Vendors, and Related Workers',
        job_zone: { code: 1, title: 'Job Zone One: Little or No Preparation Needed' },
        skills_matched: [{ code: '2.B.1.c', title: 'Persuasion', level: 57, importance: 75 }],
        skills_other: [],
      });
    });

    test('default page is 20 with a next link; coverage never increases down the list', () => {
      const page = get('/online/soft_skills/results?skills=2.B.1.d,2.B.1.c,2.B.1.a');
      expect(page).toMatchObject({ start: 1, end: 20, total: 294, next: '/online/soft_skills/results?skills=2.B.1.d,2.B.1.c,2.B.1.a&start=21&end=40' });
      expect(page.prev).toBeUndefined();
      const all = get('/online/soft_skills/results?skills=2.B.1.d,2.B.1.c,2.B.1.a&end=294').occupation;
      const share = (o: Json) => o.skills_matched.length / (o.skills_matched.length + o.skills_other.length);
      for (let i = 1; i < all.length; i++) expect(share(all[i - 1])).toBeGreaterThanOrEqual(share(all[i]));
    });

    test('every sort returns the same set, ordered by its key', () => {
      const base = '/online/soft_skills/results?skills=2.B.1.b,2.A.2.b&end=2000';
      const bySort = (sort: string) => get(`${base}&sort=${sort}`).occupation as Json[];
      const codes = bySort('skills_covered')
        .map((o) => o.code)
        .sort();
      for (const sort of ['my_matches', 'title', 'code', 'zone'])
        expect(
          bySort(sort)
            .map((o) => o.code)
            .sort(),
        ).toEqual(codes);
      const byCode = bySort('code').map((o) => o.code);
      expect(byCode).toEqual([...byCode].sort());
      const zones = bySort('zone').map((o) => o.job_zone?.code ?? 99);
      expect(zones).toEqual([...zones].sort((a, b) => a - b));
      const matches = bySort('my_matches').map((o) => o.skills_matched.length);
      expect(matches).toEqual([...matches].sort((a, b) => b - a));
    });

    test('rejects bad input with typed validation errors', () => {
      const err = (route: string) => engine.handle(route).body as Json;
      expect(err('/online/soft_skills/results').error).toMatchObject({ code: 'VALIDATION_ERROR', status: 422, field: 'skills' });
      expect(err('/online/soft_skills/results?skills=').error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'skills' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a,,2.B.1.b').error).toMatchObject({ field: 'skills' });
      expect(err('/online/soft_skills/results?skills=2.C.1.a').error).toMatchObject({ field: 'skills' });
      expect(err('/online/soft_skills/results?skills=banana').error).toMatchObject({ field: 'skills' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a&sort=best').error).toMatchObject({ field: 'sort' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a&start=5&end=2').error).toMatchObject({ field: 'start' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a&start=abc').error).toMatchObject({ field: 'start' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a&end=-1').error).toMatchObject({ field: 'end' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a&start=100000').error).toMatchObject({ field: 'start' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a&strat=2').error).toMatchObject({ field: 'strat' });
      expect(err('/online/soft_skills/results?skills=2.B.1.a&skills=2.B.1.b').error).toMatchObject({ field: 'skills' });
      expect(err('/online/nothing').error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    });
  });

  describe('related activities', () => {
    test('"pharmacist" puts Pharmacists first; plural, case and prefix tolerant', () => {
      for (const keyword of ['pharmacist', 'Pharmacists', 'PHARMACIST', 'pharmac']) {
        const res = get(`/online/related_activities?keyword=${keyword}`);
        expect(res.occupation[0]).toEqual({ href: '/online/related_activities/activities/29-1051.00', code: '29-1051.00', title: 'Pharmacists', tags: { bright_outlook: true } });
      }
    });

    test('"29-1051" and other partial codes find Pharmacists', () => {
      for (const keyword of ['29-1051', '29-1051.00', '291051', '29-105']) {
        const res = get(`/online/related_activities?keyword=${keyword}`);
        expect(res.occupation.map((o: Json) => o.code)).toContain('29-1051.00');
      }
      expect(get('/online/related_activities?keyword=29-1051').total).toBe(1);
    });

    test('finds occupations by alternate and reported titles, exact title first', () => {
      expect(get('/online/related_activities?keyword=registered nurse').occupation[0].code).toBe('29-1141.00');
      expect(get('/online/related_activities?keyword=chief executives').occupation[0].code).toBe('11-1011.00');
      // "CEO" is an alternate / reported title of Chief Executives.
      expect(get('/online/related_activities?keyword=CEO').occupation.map((o: Json) => o.code)).toContain('11-1011.00');
      expect(get('/online/related_activities?keyword=software developer').occupation[0].code).toBe('15-1252.00');
    });

    test('Pharmacists: activities in a stable order, related occupations for two of them', () => {
      const activities = get('/online/related_activities/activities/29-1051.00') as Json[];
      expect(activities.length).toBeGreaterThan(10);
      expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
      for (const a of activities) expect(a.id).toMatch(/^4\.A\.[0-9a-z.]+\.I\d+\.D\d+$/);
      expect(get('/online/related_activities/activities/29-1051.00')).toEqual(activities);

      const chosen = activities.slice(0, 2).map((a) => a.id);
      const res = get(`/online/related_activities/results/29-1051.00?activities=${chosen.join(',')}&end=1000`);
      expect(res.total).toBeGreaterThan(0);
      expect(res.occupation.length).toBe(res.total);
      expect(res.occupation.map((o: Json) => o.code)).not.toContain('29-1051.00');
      for (const o of res.occupation) {
        const shared = o.activities.shared.map((a: Json) => a.id);
        expect(shared.length).toBeGreaterThan(0);
        for (const id of shared) expect(chosen).toContain(id);
        const full = o.activities.full.map((a: Json) => a.id);
        for (const id of [...shared, ...o.activities.similar.map((a: Json) => a.id)]) expect(full).toContain(id);
        for (const a of o.activities.similar) expect(chosen).not.toContain(a.id);
      }
      const counts = res.occupation.map((o: Json) => o.activities.shared.length);
      expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    });

    test('errors: unknown occupation 404, malformed code, DWA not of the occupation, bad sort', () => {
      const err = (route: string) => (engine.handle(route).body as Json).error;
      expect(err('/online/related_activities/activities/99-9999.00')).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      expect(err('/online/related_activities/activities/pharmacist')).toMatchObject({ code: 'VALIDATION_ERROR' });
      expect(err('/online/related_activities/results/29-1051.00')).toMatchObject({ field: 'activities' });
      expect(err('/online/related_activities/results/29-1051.00?activities=4.A.1.a.1.I01.D01')).toMatchObject({ field: 'activities' });
      expect(err('/online/related_activities/results/29-1051.00?activities=x')).toMatchObject({ field: 'activities' });
      const first = (get('/online/related_activities/activities/29-1051.00') as Json[])[0].id;
      expect(err(`/online/related_activities/results/29-1051.00?activities=${first}&sort=best`)).toMatchObject({ field: 'sort' });
      expect(err('/online/related_activities?keyword=')).toMatchObject({ field: 'keyword' });
      expect(err('/online/related_activities?keyword=%20%2C%20')).toMatchObject({ field: 'keyword' });
    });
  });
});
