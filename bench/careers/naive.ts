/**
 * The naive career baseline: what a team writes first over the JSON rows of bench/naive/data.ts —
 * every query reads the rating rows directly and ranks every occupation, with no index built at
 * load (like bench/naive/engine.ts for the other kinds).
 *
 *   by occupation    Pearson correlation of the two occupations' skill and knowledge levels (LV,
 *                    "Not Relevant" as 0) — the naive design of docs/ranking.md, the one
 *                    `naiveLevelCorrelation` scores in the quality check; similarity 0–100 from
 *                    the correlation; `to_learn`: elements important to the other occupation
 *                    (IM ≥ 3) whose level is at least one point higher
 *   by skill levels  1 − mean absolute level gap over the given skills ÷ 7; the same `to_learn`
 *   interests        Pearson correlation of the person's six scores with the occupation's six OI
 *                    scores; the occupation's high-point code
 *
 * Its answers differ from onet-match's by design (a different algorithm): only the time is
 * compared, never the answers.
 */
import { HIGH_POINT_PROFILE, HIGH_POINT_REST, INTEREST_AREAS } from '../../src/engine/interests/interests.js';
import { compareTitles } from '../../src/engine/text.js';
import { RATING_FLAGS } from '../../src/snapshot/schema.js';
import { buildRoute, envelope, importanceScore, levelScore, occupationHead, windowOf } from '../lib/format.js';
import type { NaiveData } from '../naive/data.js';
import type { CareerChangersQuery, CareerProfileQuery, CareerQuery, InterestsQuery, ZoneRange } from './queries.js';

interface Occ {
  code: string;
  title: string;
  jobZone: number;
  brightOutlook: number;
}
interface JobZone {
  zone: number;
  name: string;
}
interface Rating {
  code: string;
  elementId: string;
  scale: string;
  value: number;
  flags?: number;
}

/** One ranked occupation: its row, the sort score and what the answer lists. */
interface Ranked {
  occ: Occ;
  score: number;
}

/** An element listed as to learn: the other occupation needs it (IM ≥ 3.00) at least a point (LV) higher. */
const IMPORTANT = 300;
const GAP = 100;
/** O*NET's high-point code elements (first, second, third interest; IH scale, value = area 1–6). */
const HIGH_POINT_ELEMENTS = ['1.B.1.g', '1.B.1.h', '1.B.1.i'];

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

export class NaiveCareers {
  readonly name = 'naive' as const;

  constructor(private readonly data: NaiveData) {}

  private rows<T>(name: keyof NaiveData['tables']): T[] {
    return (this.data.tables[name] ?? []) as unknown as T[];
  }

  answer(q: CareerQuery): unknown {
    switch (q.kind) {
      case 'careerChangers':
        return this.careerChangers(q);
      case 'careerProfile':
        return this.careerProfile(q);
      case 'interests':
        return this.interests(q);
    }
  }

  /** Level and importance of every element of the given rating tables, per occupation code (hundredths). */
  private ratings(tables: readonly ('skills' | 'knowledge')[]) {
    const level = new Map<string, Map<string, number>>();
    const importance = new Map<string, Map<string, number>>();
    for (const table of tables) {
      for (const r of this.rows<Rating>(table)) {
        if (r.scale !== 'LV' && r.scale !== 'IM') continue;
        const into = r.scale === 'LV' ? level : importance;
        let m = into.get(r.code);
        if (!m) into.set(r.code, (m = new Map()));
        m.set(r.elementId, r.scale === 'LV' && ((r.flags ?? 0) & RATING_FLAGS.notRelevant) !== 0 ? 0 : r.value);
      }
    }
    return { level, importance };
  }

  private passes(o: Occ, q: { jobZone?: ZoneRange; brightOutlook?: boolean }): boolean {
    if (q.jobZone && (o.jobZone < q.jobZone.min || o.jobZone > q.jobZone.max)) return false;
    if (q.brightOutlook !== undefined && (o.brightOutlook !== 0) !== q.brightOutlook) return false;
    return true;
  }

  /** Sorts (zone, title, code, else the score; ties by title, then code) and pages the ranked list. */
  private page<T>(
    ranked: Ranked[],
    q: { sort?: string; jobZone?: ZoneRange; brightOutlook?: boolean; start?: number; end?: number },
    path: string,
    params: Record<string, string | undefined>,
    item: (r: Ranked) => T,
  ) {
    const byTitle = (a: Ranked, b: Ranked) => compareTitles(a.occ.title, b.occ.title) || (a.occ.code < b.occ.code ? -1 : a.occ.code > b.occ.code ? 1 : 0);
    const byScore = (a: Ranked, b: Ranked) => b.score - a.score;
    const zone = (r: Ranked) => (r.occ.jobZone === 0 ? 99 : r.occ.jobZone);
    const sort = q.sort ?? 'similarity';
    if (sort === 'title') ranked.sort(byTitle);
    else if (sort === 'code') ranked.sort((a, b) => (a.occ.code < b.occ.code ? -1 : 1));
    else if (sort === 'zone') ranked.sort((a, b) => zone(a) - zone(b) || byScore(a, b) || byTitle(a, b));
    else ranked.sort((a, b) => byScore(a, b) || byTitle(a, b));
    const w = windowOf(q);
    const zoneParam = q.jobZone ? (q.jobZone.min === q.jobZone.max ? String(q.jobZone.max) : `${q.jobZone.min}-${q.jobZone.max}`) : undefined;
    const env = envelope(ranked.length, w, (start, end) =>
      buildRoute(path, { ...params, job_zone: zoneParam, bright_outlook: q.brightOutlook === undefined ? undefined : String(q.brightOutlook), sort: q.sort, start, end }),
    );
    return { ...env, occupation: ranked.slice(w.start - 1, env.end).map(item) };
  }

  private head(o: Occ) {
    const z = this.rows<JobZone>('jobZones').find((j) => j.zone === o.jobZone);
    return occupationHead(o.code, o.title, o.brightOutlook, o.jobZone !== 0 && z ? { code: o.jobZone, title: z.name } : null);
  }

  /** Elements the other occupation needs (IM ≥ 3) at least a level point above `current`. */
  private toLearn(current: ReadonlyMap<string, number>, level: ReadonlyMap<string, number>, importance: ReadonlyMap<string, number> | undefined) {
    const gaps: { code: string; current_level: number; required_level: number; importance: number }[] = [];
    for (const [element, required] of level) {
      const im = importance?.get(element) ?? 0;
      const cur = current.get(element);
      if (cur === undefined || im < IMPORTANT || required - cur < GAP) continue;
      gaps.push({ code: element, current_level: levelScore(cur), required_level: levelScore(required), importance: importanceScore(im) });
    }
    return gaps.sort((a, b) => b.required_level - b.current_level - (a.required_level - a.current_level) || b.importance - a.importance);
  }

  careerChangers(q: CareerChangersQuery) {
    const { level, importance } = this.ratings(['skills', 'knowledge']);
    const mine = level.get(q.code);
    if (!mine) throw new Error(`${q.code} has no skill ratings`);
    const elements = [...mine.keys()];
    const a = elements.map((e) => mine.get(e)!);
    const ranked: Ranked[] = [];
    for (const occ of this.rows<Occ>('occupations')) {
      const theirs = level.get(occ.code);
      if (occ.code === q.code || !theirs || !this.passes(occ, q)) continue;
      const b = elements.map((e) => theirs.get(e) ?? 0);
      ranked.push({ occ, score: pearson(a, b) });
    }
    return this.page(ranked, q, `/online/career_changers/${q.code}`, {}, (r) => ({
      ...this.head(r.occ),
      similarity: Math.round(50 * (r.score + 1)),
      to_learn: this.toLearn(mine, level.get(r.occ.code)!, importance.get(r.occ.code)),
    }));
  }

  careerProfile(q: CareerProfileQuery) {
    const { level, importance } = this.ratings(['skills']);
    const given = new Map(q.skills.map(([code, lv]) => [code, Math.round(lv * 100)]));
    const ranked: Ranked[] = [];
    for (const occ of this.rows<Occ>('occupations')) {
      const theirs = level.get(occ.code);
      if (!theirs || !this.passes(occ, q)) continue;
      let gap = 0;
      for (const [code, lv] of given) gap += Math.abs((theirs.get(code) ?? 0) - lv);
      ranked.push({ occ, score: 1 - gap / (700 * given.size) });
    }
    const skills = q.skills.map(([code, lv]) => `${code}:${lv}`).join(',');
    return this.page(ranked, q, '/online/career_changers/results', { skills }, (r) => ({
      ...this.head(r.occ),
      similarity: Math.round(100 * r.score),
      to_learn: this.toLearn(given, level.get(r.occ.code)!, importance.get(r.occ.code)),
    }));
  }

  interests(q: InterestsQuery) {
    let person: number[];
    if (q.code) {
      person = INTEREST_AREAS.map(() => HIGH_POINT_REST as number);
      [...q.code].forEach((letter, k) => (person[INTEREST_AREAS.findIndex((a) => a.letter === letter)] = HIGH_POINT_PROFILE[k]!));
    } else person = q.scores!.map((v) => (q.scale === 'ip' ? 1 + (6 * v) / 40 : v));
    const areas: string[] = INTEREST_AREAS.map((a) => a.element);
    const scores = new Map<string, number[]>();
    const highPoints = new Map<string, string[]>();
    for (const r of this.rows<Rating>('interests')) {
      if (r.scale === 'OI') {
        const a = areas.indexOf(r.elementId);
        if (a < 0) continue;
        let s = scores.get(r.code);
        if (!s) scores.set(r.code, (s = []));
        s[a] = r.value / 100;
      } else if (r.scale === 'IH') {
        const k = HIGH_POINT_ELEMENTS.indexOf(r.elementId);
        const area = Math.round(r.value / 100);
        if (k < 0 || area < 1 || area > 6) continue;
        let h = highPoints.get(r.code);
        if (!h) highPoints.set(r.code, (h = []));
        h[k] = INTEREST_AREAS[area - 1]!.letter;
      }
    }
    const ranked: Ranked[] = [];
    for (const occ of this.rows<Occ>('occupations')) {
      const s = scores.get(occ.code);
      if (!s || s.filter((v) => v !== undefined).length !== 6 || !this.passes(occ, q)) continue;
      ranked.push({ occ, score: pearson(person, s) });
    }
    const params = q.code ? { code: q.code } : { ...Object.fromEntries(INTEREST_AREAS.map((a, k) => [a.param, String(q.scores![k])])), scale: q.scale };
    return this.page(ranked, q, '/online/interests/results', params, (r) => ({
      ...this.head(r.occ),
      fit: Math.round(50 * (r.score + 1)),
      high_point: (highPoints.get(r.occ.code) ?? []).filter(Boolean).join(''),
    }));
  }
}
