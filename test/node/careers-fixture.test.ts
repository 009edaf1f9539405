/**
 * Golden tests of the career routes on the hand-made fixture database (fixtures/README.md,
 * "Careers"): careers like mine from an occupation and from a person's skills, careers that fit
 * my interests, filters, sorts, paging and typed errors. Figures marked "by hand" are computed in
 * the comments from the fixture's rows; the similarity order is pinned as a golden list.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { loadSnapshotFile } from '../../tools/node-snapshot.js';
import { resolve } from 'node:path';
import { FIXTURE_MANIFEST } from '../support/paths.js';
import { main } from '../../tools/cli.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let engine: Engine;
let snapshot: Snapshot;
beforeAll(async () => {
  snapshot = (await loadSnapshotFile(resolve(import.meta.dirname, '../..', FIXTURE_MANIFEST))).snapshot;
  engine = createEngine(snapshot);
});
const get = (route: string, e = engine) => e.get(route) as Json;
const codes = (res: Json) => res.occupation.map((o: Json) => o.code);
const fail = (route: string) => {
  const res = engine.handle(route);
  expect(res.status).not.toBe(200);
  return (res.body as Json).error;
};
/** The 12 occupations with skill ratings (all but 35-9941.00 and 53-6949.00). */
const RATED = [
  '11-9941.00',
  '11-9942.00',
  '15-2941.00',
  '15-2941.01',
  '29-9941.00',
  '31-9941.00',
  '41-9941.00',
  '41-9942.00',
  '43-9941.00',
  '51-9941.00',
  '51-9941.01',
  '53-7941.00',
];

describe('careers like mine (fixture)', () => {
  test('C1 Widget Inspectors: every other rated occupation, golden similarity order, envelope', () => {
    const res = get('/online/career_changers/51-9941.00');
    expect(res).toMatchObject({ start: 1, end: 11, total: 11 });
    expect(res.prev).toBeUndefined();
    expect(res.next).toBeUndefined();
    // Itself and the two unrated occupations are never listed.
    expect([...codes(res)].sort()).toEqual(RATED.filter((c) => c !== '51-9941.00'));
    expect(codes(res)).toEqual([
      '51-9941.01',
      '53-7941.00',
      '41-9942.00',
      '11-9942.00',
      '15-2941.01',
      '43-9941.00',
      '11-9941.00',
      '15-2941.00',
      '41-9941.00',
      '31-9941.00',
      '29-9941.00',
    ]);
    const sims = res.occupation.map((o: Json) => o.similarity);
    for (let i = 1; i < sims.length; i++) expect(sims[i - 1]).toBeGreaterThanOrEqual(sims[i]);
    for (const s of sims) expect(s >= 0 && s < 100).toBe(true);
    expect(res.occupation[0]).toMatchObject({ href: '/v1/occupation/51-9941.01/US', title: 'Widget Inspectors and Testers', job_zone: null, tags: {} });
  });

  test('C1 why and what to learn, by hand', () => {
    const first = get('/online/career_changers/51-9941.00?end=1').occupation[0];
    // Shared DWAs with 51-9941.00: 4.A.1.b.2.I81.D01 and 4.A.3.b.6.I81.D01 (fixtures/README.md, DWA table).
    expect(first.strengths.shared_activities).toBe(2);
    // Complex Problem Solving: 51-9941.00 LV 2.50 → 35; 51-9941.01 LV 4.88 → 69, IM 3.88 → 72; gap 2.38 ≥ 1 and IM ≥ 3.
    expect(first.to_learn).toEqual([{ code: '2.B.2.i', title: 'Complex Problem Solving', domain: 'skills', current_level: 35, required_level: 69, importance: 72 }]);
    // Strengths: important (IM ≥ 3) in both, no material gap; the lower level first; at most 5.
    expect(first.strengths.skills.length).toBeLessThanOrEqual(5);
    expect(first.strengths.skills[0]).toMatchObject({ code: '2.B.3.m', title: 'Quality Control Analysis', current_level: 71, required_level: 69 });
    for (const s of first.strengths.skills) expect(s.importance).toBeGreaterThanOrEqual(50);
    const shared = Object.fromEntries(get('/online/career_changers/51-9941.00').occupation.map((o: Json) => [o.code, o.strengths.shared_activities]));
    // 43-9941.00 shares 4.A.2.a.2.I81.D01, 4.A.3.b.6.I81.D01, .D03; 41-9941.00 shares 4.A.4.a.1.I81.D01, 4.A.3.b.6.I81.D03; 53-7941.00 nothing.
    expect(shared).toMatchObject({ '43-9941.00': 3, '41-9941.00': 2, '53-7941.00': 0, '41-9942.00': 0 });
  });

  test('similarity is symmetric for occupations with the same kinds of evidence', () => {
    const sim = (a: string, b: string) => get(`/online/career_changers/${a}?end=20`).occupation.find((o: Json) => o.code === b).similarity;
    expect(sim('51-9941.00', '51-9941.01')).toBe(sim('51-9941.01', '51-9941.00'));
    expect(sim('15-2941.00', '15-2941.01')).toBe(sim('15-2941.01', '15-2941.00'));
  });

  test('sorts, filters and paging', () => {
    const s = (q: string) => codes(get(`/online/career_changers/51-9941.00?${q}`));
    expect(s('sort=code')).toEqual(RATED.filter((c) => c !== '51-9941.00'));
    // Café Managers, Cargo Weighers, Data Wranglers, Data Wrangling Technicians, Herbal Remedy
    // Consultants, Inspection Records Clerks, Robot Fleet Managers, Wellness Aides, Widget
    // Demonstrators, Widget Inspectors and Testers, Widget Sales Representatives.
    expect(s('sort=title')).toEqual([
      '11-9941.00',
      '53-7941.00',
      '15-2941.00',
      '15-2941.01',
      '29-9941.00',
      '43-9941.00',
      '11-9942.00',
      '31-9941.00',
      '41-9942.00',
      '51-9941.01',
      '41-9941.00',
    ]);
    // zone 1 → 5, none last; within a zone by similarity.
    expect(s('sort=zone')).toEqual([
      '53-7941.00',
      '41-9942.00',
      '43-9941.00',
      '31-9941.00',
      '15-2941.01',
      '11-9941.00',
      '41-9941.00',
      '11-9942.00',
      '15-2941.00',
      '29-9941.00',
      '51-9941.01',
    ]);
    expect(s('job_zone=2')).toEqual(['41-9942.00', '43-9941.00', '31-9941.00']);
    expect(s('job_zone=1-2')).toEqual(['53-7941.00', '41-9942.00', '43-9941.00', '31-9941.00']);
    expect(s('bright_outlook=true')).toEqual(['11-9942.00', '11-9941.00', '15-2941.00', '31-9941.00']);
    expect(s('bright_outlook=false&job_zone=3')).toEqual(['15-2941.01', '41-9941.00']);
    const p = get('/online/career_changers/51-9941.00?job_zone=1-3&sort=title&start=2&end=3');
    expect(p).toMatchObject({
      start: 2,
      end: 3,
      total: 7,
      prev: '/online/career_changers/51-9941.00?job_zone=1-3&sort=title&start=1&end=1',
      next: '/online/career_changers/51-9941.00?job_zone=1-3&sort=title&start=4&end=5',
    });
    expect(get('/online/career_changers/51-9941.00?job_zone=5&bright_outlook=true')).toEqual({ start: 1, end: 0, total: 0, occupation: [] });
  });

  test('typed errors: unknown, malformed, unrated, bad parameters', () => {
    expect(fail('/online/career_changers/51-9999.00')).toMatchObject({ code: 'NOT_FOUND', field: 'code' });
    expect(fail('/online/career_changers/widget')).toMatchObject({ code: 'VALIDATION_ERROR', field: 'code' });
    const unrated = fail('/online/career_changers/35-9941.00');
    expect(unrated).toMatchObject({ code: 'NOT_AVAILABLE', field: 'code' });
    expect(unrated.message).toContain('no skill ratings');
    expect(fail('/online/career_changers/53-6949.00')).toMatchObject({ code: 'NOT_AVAILABLE' });
    for (const [q, field] of [
      ['sort=zones', 'sort'],
      ['job_zone=6', 'job_zone'],
      ['job_zone=3-1', 'job_zone'],
      ['job_zone=1-', 'job_zone'],
      ['bright_outlook=maybe', 'bright_outlook'],
      ['start=0', 'start'],
      ['skills=2.A.1.a:4', 'skills'],
      ['strat=2', 'strat'],
    ]) {
      const e = fail(`/online/career_changers/51-9941.00?${q}`);
      expect(e, q).toMatchObject({ code: 'VALIDATION_ERROR', field });
      if (field !== 'start') expect(e.suggestion, q).toBeTruthy();
    }
  });
});

describe("careers like mine from a person's skills (fixture)", () => {
  test('P1 one skill, by hand: Critical Thinking 4.5', () => {
    const res = get('/online/career_changers/results?skills=2.A.2.a:4.5&end=20');
    expect(res.total).toBe(12);
    const dw = res.occupation.find((o: Json) => o.code === '15-2941.00');
    // 15-2941.00 Critical Thinking IM 3.00 (0.5 on 0–1), LV 4.00. Weight max(0.5, 4.5/7) = 0.643;
    // the person is 0.5 above: over-level gap 0.5 × 0.5 = 0.25; fit 1 − 0.25/7 = 0.964 → 96.
    expect(dw.similarity).toBe(96);
    expect(dw.strengths).toEqual({
      skills: [{ code: '2.A.2.a', title: 'Critical Thinking', domain: 'skills', current_level: 64, required_level: 57, importance: 50 }],
      knowledge: [],
    });
    expect(dw.to_learn).toEqual([]);
  });

  test('P2 two skills: golden order, gaps only where the level falls short by a full point', () => {
    const res = get('/online/career_changers/results?skills=2.A.2.a:4.5,2.B.1.e:2');
    expect(codes(res)).toEqual([
      '15-2941.00',
      '51-9941.00',
      '51-9941.01',
      '29-9941.00',
      '15-2941.01',
      '41-9941.00',
      '11-9941.00',
      '43-9941.00',
      '53-7941.00',
      '11-9942.00',
      '31-9941.00',
      '41-9942.00',
    ]);
    const demo = res.occupation.find((o: Json) => o.code === '41-9942.00');
    expect(demo.to_learn).toEqual([{ code: '2.B.1.e', title: 'Instructing', domain: 'skills', current_level: 28, required_level: 69, importance: 78 }]);
    expect(res.next).toBeUndefined();
    const p = get('/online/career_changers/results?skills=2.A.2.a:4.5,2.B.1.e:2&end=5&job_zone=1-4');
    expect(p.next).toBe('/online/career_changers/results?skills=2.A.2.a%3A4.5,2.B.1.e%3A2&job_zone=1-4&start=6&end=10');
    expect(codes(get(p.next))).toEqual(codes(get('/online/career_changers/results?skills=2.A.2.a:4.5,2.B.1.e:2&job_zone=1-4')).slice(5, 10));
  });

  test('bad skill profiles are typed errors on "skills" with a suggestion', () => {
    for (const q of [
      '',
      'skills=',
      'skills=2.A.2.a',
      'skills=2.A.2.a:',
      'skills=2.A.2.a:7.5',
      'skills=2.A.2.a:-1',
      'skills=2.A.2.a:high',
      'skills=9.Z.9:3',
      'skills=widgets:3',
      'skills=2.A.2.a:3,2.A.2.a:4',
      'skills=2.C.1.e:3',
    ]) {
      const e = fail(`/online/career_changers/results?${q}`);
      expect(e, q).toMatchObject({ code: 'VALIDATION_ERROR', field: 'skills' });
      expect(e.suggestion, q).toBeTruthy();
    }
    const many = get('/online/career_changers/skills').skill.map((s: Json) => `${s.code}:3`);
    expect(many).toHaveLength(35);
    expect(get(`/online/career_changers/results?skills=${many.join(',')}`).total).toBe(12);
  });

  test('/online/career_changers/skills lists the 35 skills with level anchors', () => {
    const list = get('/online/career_changers/skills').skill;
    expect(list[0]).toMatchObject({ code: '2.A.1.a', title: 'Reading Comprehension' });
    expect(list.map((s: Json) => s.code)).toContain('2.B.5.d');
    const ct = list.find((s: Json) => s.code === '2.A.2.a');
    expect(ct.anchors.map((a: Json) => a.level)).toEqual([28, 57, 85]);
    expect(fail('/online/career_changers/skills?x=1')).toMatchObject({ field: 'x' });
  });
});

describe('careers that fit my interests (fixture)', () => {
  test('I1 code=RC: correlation order, fit labels, matching areas', () => {
    const res = get('/online/interests/results?code=RC');
    expect(res.total).toBe(11); // the 11 occupations with Interests rows
    expect(codes(res)).toEqual([
      '53-7941.00',
      '51-9941.00',
      '51-9941.01',
      '43-9941.00',
      '15-2941.01',
      '11-9942.00',
      '15-2941.00',
      '31-9941.00',
      '41-9941.00',
      '11-9941.00',
      '29-9941.00',
    ]);
    // 53-7941.00: OI R 6.38, I 1.62, A 1.12, S 1.75, E 2.00, C 5.12; high points IH 1 (R), 6 (C).
    expect(res.occupation[0]).toMatchObject({
      fit_label: 'great',
      high_point: 'RC',
      matching_interests: [
        { letter: 'R', title: 'Realistic', score: 89 },
        { letter: 'C', title: 'Conventional', score: 68 },
      ],
    });
    const labels = res.occupation.map((o: Json) => o.fit_label);
    expect(labels.indexOf('poor')).toBeGreaterThan(labels.lastIndexOf('great'));
  });

  test("every occupation's own profile ranks it first", () => {
    const oi = snapshot.tables.interests!;
    const profile = new Map<string, number[]>();
    for (let r = 0; r < oi.rows; r++) {
      const scale = oi.columns.scale.values[oi.columns.scale.index[r]!];
      if (scale !== 'OI') continue;
      const code = snapshot.tables.occupations!.columns.code.values[snapshot.tables.occupations!.columns.code.index[oi.columns.occ[r]!]!]!;
      const list = profile.get(code) ?? [];
      list.push(oi.columns.value[r]! / 100);
      profile.set(code, list);
    }
    expect(profile.size).toBe(11);
    for (const [code, p] of profile) {
      const q = ['realistic', 'investigative', 'artistic', 'social', 'enterprising', 'conventional'].map((a, i) => `${a}=${p[i]}`).join('&');
      expect(get(`/online/interests/results?${q}&end=1`).occupation[0].code, code).toBe(code);
    }
  });

  test('Interest Profiler raw scores (scale=ip) rank like the same profile on the OI scale', () => {
    // raw 0–40 → OI 1 + 6 × raw / 40: 40 → 7, 20 → 4, 0 → 1.
    const ip = get('/online/interests/results?realistic=40&investigative=0&artistic=0&social=0&enterprising=20&conventional=40&scale=ip');
    const oi = get('/online/interests/results?realistic=7&investigative=1&artistic=1&social=1&enterprising=4&conventional=7');
    expect(codes(ip)).toEqual(codes(oi));
    expect(ip.occupation.map((o: Json) => o.fit)).toEqual(oi.occupation.map((o: Json) => o.fit));
  });

  test('filters, sorts and paging', () => {
    expect(codes(get('/online/interests/results?code=RC&job_zone=2'))).toEqual(['51-9941.00', '43-9941.00', '31-9941.00']);
    expect(codes(get('/online/interests/results?code=RC&sort=zone&job_zone=1-2'))).toEqual(['53-7941.00', '51-9941.00', '43-9941.00', '31-9941.00']);
    expect(codes(get('/online/interests/results?code=S&sort=code'))).toEqual([...codes(get('/online/interests/results?code=S'))].sort());
    expect(codes(get('/online/interests/results?code=RC&bright_outlook=true'))).toEqual(['11-9942.00', '15-2941.00', '31-9941.00', '11-9941.00']);
    const p = get('/online/interests/results?code=rc&end=4');
    expect(p.next).toBe('/online/interests/results?code=rc&start=5&end=8');
  });

  test('bad interest input is a typed error naming the field', () => {
    const cases: [string, string][] = [
      ['', 'realistic'],
      ['code=XYZ', 'code'],
      ['code=SS', 'code'],
      ['code=SIAC', 'code'],
      ['code=S&social=3', 'code'],
      ['code=S&scale=ip', 'scale'],
      ['realistic=3&investigative=4', 'artistic'],
      ['realistic=8&investigative=4&artistic=4&social=4&enterprising=4&conventional=4', 'realistic'],
      ['realistic=0&investigative=4&artistic=4&social=4&enterprising=4&conventional=4', 'realistic'],
      ['realistic=41&investigative=4&artistic=4&social=4&enterprising=4&conventional=4&scale=ip', 'realistic'],
      ['realistic=3&investigative=x&artistic=4&social=4&enterprising=4&conventional=4', 'investigative'],
      ['realistic=4&investigative=4&artistic=4&social=4&enterprising=4&conventional=4', 'realistic'],
      ['code=S&scale=raw', 'scale'],
      ['code=S&sort=best', 'sort'],
      ['code=S&job_zone=0', 'job_zone'],
    ];
    for (const [q, field] of cases) {
      const e = fail(`/online/interests/results?${q}`);
      expect(e, q).toMatchObject({ code: 'VALIDATION_ERROR', field });
      expect(e.suggestion, q).toBeTruthy();
    }
    expect(fail('/online/interests/results?realistic=12&investigative=4&artistic=4&social=4&enterprising=4&conventional=4').suggestion).toContain('scale=ip');
  });

  test("Specific Interest Areas hook: a snapshot with the optional table lists each occupation's strongest areas", () => {
    const occ = snapshot.tables.occupations!;
    const elements = snapshot.tables.elements!;
    // Three invented areas rated for Cargo Weighers only, on elements that exist in the fixture.
    const ids = ['1.B.1.a', '1.B.1.b', '1.B.1.c'].map((id) => elements.columns.id.values.indexOf(id));
    const row = (code: string) => Array.from({ length: occ.rows }, (_, i) => i).find((i) => occ.columns.code.values[occ.columns.code.index[i]!] === code)!;
    const cargo = row('53-7941.00');
    const table = {
      rows: 3,
      columns: {
        occ: Uint16Array.of(cargo, cargo, cargo),
        element: Uint16Array.from(ids.map((v) => elements.columns.id.index.indexOf(v))),
        scale: { kind: 'str', values: ['OI'], index: Uint8Array.of(0, 0, 0) },
        value: Uint16Array.of(400, 700, 550),
      },
    };
    const withAreas = createEngine({ ...snapshot, tables: { ...snapshot.tables, specificInterests: table } as Snapshot['tables'] });
    const res = get('/online/interests/results?code=RC&end=2', withAreas);
    expect(res.occupation[0].code).toBe('53-7941.00');
    expect(res.occupation[0].specific_interests).toEqual([
      { code: '1.B.1.b', title: 'Investigative', score: 100 },
      { code: '1.B.1.c', title: 'Artistic', score: 75 },
      { code: '1.B.1.a', title: 'Realistic', score: 50 },
    ]);
    expect(res.occupation[1].specific_interests).toEqual([]);
    expect(get('/online/interests/results?code=RC&end=1').occupation[0].specific_interests).toBeUndefined();
  });
});

describe('the CLI dispatches the career routes', () => {
  test('onet-match get prints the same JSON as the engine, and errors with exit 1', async () => {
    const manifest = resolve(import.meta.dirname, '../..', FIXTURE_MANIFEST);
    for (const route of ['/online/career_changers/51-9941.00?end=3', '/online/career_changers/results?skills=2.A.2.a:4.5', '/online/interests/results?code=RC&sort=zone']) {
      let out = '';
      expect(await main(['get', route, '--snapshot', manifest], (t) => (out += t))).toBe(0);
      expect(JSON.parse(out)).toEqual(get(route));
    }
    let out = '';
    expect(await main(['get', '/online/career_changers/35-9941.00', '--snapshot', manifest], (t) => (out += t))).toBe(1);
    expect(JSON.parse(out).error).toMatchObject({ code: 'NOT_AVAILABLE', field: 'code' });
  });
});
