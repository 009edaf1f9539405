/**
 * Checks of the career routes on the real O*NET 29.3 snapshot: the similarity against O*NET's own
 * Related Occupations (the yardstick the ranking never reads), self-consistency of the person and
 * interest rankings over every rated occupation, and the typed errors of real unrated occupations.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { careerIndex } from '../../src/engine/careers/career-changers.js';
import { naiveLevelCorrelation, relatedRecall } from '../../src/engine/careers/evaluate.js';
import { scoreAgainst } from '../../src/engine/careers/similarity.js';
import { INTEREST_AREAS, interestIndex } from '../../src/engine/interests/interests.js';
import { hasRealData, realEngine } from '../support/engines.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!hasRealData)('career routes on O*NET 29.3', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  });
  const get = (route: string) => engine.get(route) as Json;

  test("finds at least 60 % of O*NET's Primary-Short related occupations in the top 10 (naive correlation: well below)", () => {
    const ix = engine.indexes;
    const { profiles, similarity } = careerIndex(ix);
    const ours = relatedRecall(ix.snapshot, ix.occupations, profiles, (t) => scoreAgainst(similarity, profiles, ix.occupations, t).score);
    const naive = relatedRecall(ix.snapshot, ix.occupations, profiles, naiveLevelCorrelation(profiles, ix.occupations.count));
    expect(ours.occupations).toBe(879);
    expect(ours.recall).toBeGreaterThanOrEqual(0.6);
    expect(naive.recall).toBeLessThan(0.5);
    // The route ranks exactly as the evaluated scores do.
    const pharmacists = ix.occupations.rowOf('29-1051.00')!;
    const { score } = scoreAgainst(similarity, profiles, ix.occupations, pharmacists);
    const top = get('/online/career_changers/29-1051.00?end=10').occupation.map((o: Json) => ix.occupations.rowOf(o.code)!);
    for (let i = 1; i < top.length; i++) expect(score[top[i - 1]]!).toBeGreaterThanOrEqual(score[top[i]]!);
  }, 120_000);

  test('computer programmers: software occupations first, each with reasons and gaps on 0–100 scales', () => {
    const res = get('/online/career_changers/15-1251.00?end=10');
    expect(res.total).toBe(878);
    expect(res.occupation.every((o: Json) => o.code.startsWith('15-'))).toBe(true);
    for (const o of res.occupation) {
      expect(o.similarity).toBeGreaterThan(50);
      expect(o.similarity).toBeLessThan(100);
      for (const g of o.to_learn) {
        expect(g.required_level - g.current_level).toBeGreaterThanOrEqual(14); // one LV point ≈ 14.3 on 0–100
        expect(g.importance).toBeGreaterThanOrEqual(50);
      }
    }
    expect(res.occupation.map((o: Json) => o.title)).toContain('Web Developers');
  });

  test('unrated occupations are a typed error naming rated relatives, not an empty ranking', () => {
    const res = engine.handle('/online/career_changers/15-1252.00');
    expect(res.status).toBe(501);
    const error = (res.body as Json).error;
    expect(error).toMatchObject({ code: 'NOT_AVAILABLE', field: 'code' });
    expect(error.message).toContain('Software Developers');
    expect(error.suggestion).toContain('15-1251.00');
  });

  test("a person who gives an occupation's own 35 skill levels finds it in the first 1 %", () => {
    const ix = engine.indexes;
    const skills = careerIndex(ix).profiles.skills;
    const width = skills.codes.length;
    const sample = Array.from({ length: ix.occupations.count }, (_, o) => o)
      .filter((o) => skills.rated[o])
      .filter((_, i) => i % 40 === 0);
    for (const o of sample) {
      const q = skills.codes.map((c, e) => `${c}:${Math.round(skills.level[o * width + e]! * 100) / 100}`).join(',');
      const res = get(`/online/career_changers/results?skills=${q}&end=9`);
      expect(
        res.occupation.map((r: Json) => r.code),
        ix.occupations.codes[o],
      ).toContain(ix.occupations.codes[o]);
    }
  });

  test("every rated occupation's own Interests profile ranks it within the first 1 % of the results", () => {
    const ix = engine.indexes;
    const interests = interestIndex(ix.snapshot, ix.occupations);
    let checked = 0;
    let worst = 0;
    for (let o = 0; o < ix.occupations.count; o++) {
      if (!interests.has[o]) continue;
      const q = INTEREST_AREAS.map((a, k) => `${a.param}=${Math.round(interests.scores[o * 6 + k]! * 100) / 100}`).join('&');
      const res = get(`/online/interests/results?${q}&end=${Math.ceil(0.01 * 923)}`);
      const rank = res.occupation.findIndex((r: Json) => r.code === ix.occupations.codes[o]) + 1;
      expect(rank, ix.occupations.codes[o]).toBeGreaterThan(0);
      worst = Math.max(worst, rank);
      checked++;
    }
    expect(checked).toBe(923);
    expect(worst).toBeLessThanOrEqual(10);
  }, 120_000);

  test('high-point code: Social-Investigative-Artistic puts social, investigative occupations first', () => {
    const res = get('/online/interests/results?code=SIA&end=20');
    expect(res.total).toBe(923);
    for (const o of res.occupation) {
      expect(o.fit_label).toBe('great');
      expect(o.high_point.startsWith('S') || o.high_point.startsWith('I')).toBe(true);
      expect(o.matching_interests.length).toBeGreaterThan(0);
    }
    const zone2 = get('/online/interests/results?code=SIA&job_zone=1-2&end=50').occupation;
    expect(zone2.every((o: Json) => o.job_zone && o.job_zone.code <= 2)).toBe(true);
  });
});
