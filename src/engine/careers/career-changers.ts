/**
 * "Careers like mine": occupations similar to a person's occupation — or to their own skill
 * profile — with why (the strongest shared skills and knowledge, shared activities) and what it
 * takes (skills and knowledge the other occupation needs at a materially higher level). Rules,
 * weights and tie-breaks: docs/ranking.md ("Careers like mine").
 */
import { OnetError } from '../../errors.js';
import { str } from '../../snapshot/schema.js';
import { occupationFromPath } from '../activities.js';
import { memoised } from '../catalog/common.js';
import { groupRows } from '../groups.js';
import { jobZoneOf, occupationHref, requireTable, tagsOf, type OccupationIndex } from '../occupations.js';
import { buildRoute, page, readWindow } from '../paging.js';
import { checkParams, enumParam, type Request } from '../request.js';
import type { EngineIndexes } from '../routes.js';
import { importanceScore, levelScore } from '../soft-skills.js';
import { filterParams, passes, readFilter, readPersonSkills, type PersonSkill } from './params.js';
import { buildCareerProfiles, type CareerProfiles, type RatingDomain } from './profiles.js';
import { buildSimilarityIndex, scoreAgainst, similarityPercent, type SimilarityIndex } from './similarity.js';

/** Profiles and similarity vectors, built on the first career query (memoised per snapshot). */
export interface CareerIndex {
  readonly profiles: CareerProfiles;
  readonly similarity: SimilarityIndex;
}

/** The tables {@link careerIndex} reads (test/node/engine-tables.test.ts pins it). */
export const CAREER_INDEX_TABLES = ['skills', 'elements', 'knowledge', 'occupationDwas', 'dwas', 'iwas', 'interests'] as const;

/** The tables `/online/career_changers/skills` reads: the career index's and the level anchors. */
export const RATEABLE_SKILL_TABLES = [...CAREER_INDEX_TABLES, 'levelAnchors'] as const;

/** The career index of an engine's snapshot, built once. */
export function careerIndex(ix: EngineIndexes): CareerIndex {
  return memoised(ix.snapshot, 'careers', () => {
    const profiles = buildCareerProfiles(ix.snapshot, ix.occupations);
    return { profiles, similarity: buildSimilarityIndex(ix.snapshot, profiles, ix.occupations) };
  });
}

/** A skill or knowledge element with the two levels and the importance, on O*NET's 0–100 scales. */
export interface ElementLevels {
  code: string;
  title: string;
  /** `skills` or `knowledge`. */
  domain: 'skills' | 'knowledge';
  /** Level in the person's occupation (or the level the person gave), 0–100. */
  current_level: number;
  /** Level the other occupation needs, 0–100. */
  required_level: number;
  /** Importance in the other occupation, 0–100. */
  importance: number;
}

/** One occupation of the career-changers results. */
export interface CareerChangerResult {
  href: string;
  code: string;
  title: string;
  tags: { bright_outlook?: true };
  job_zone: { code: number; title: string } | null;
  /** 0–100 (docs/ranking.md). */
  similarity: number;
  /** Why: the strongest skills and knowledge both need, and (occupation mode) the shared DWAs. */
  strengths: { skills: ElementLevels[]; knowledge: ElementLevels[]; shared_activities?: number };
  /** What it takes: elements the other occupation needs at a materially higher level. */
  to_learn: ElementLevels[];
}

/** Response of the career-changers routes. */
export interface CareerChangerResults {
  start: number;
  end: number;
  total: number;
  prev?: string;
  next?: string;
  occupation: CareerChangerResult[];
}

/** Sorts of the career-changers routes. */
export const CAREER_SORTS = ['similarity', 'zone', 'title', 'code'] as const;
/** One of {@link CAREER_SORTS}. */
export type CareerSort = (typeof CAREER_SORTS)[number];

/** An element counts (strength or to learn) when the other occupation rates its importance at least 3.00 (50 on 0–100). */
export const IMPORTANT_IM = 300;
/** A level gap of a full scale point (LV, hundredths) is material: about 3× the 90th percentile of O*NET's level standard errors. */
export const MATERIAL_GAP = 100;
/** Strengths listed per domain. */
export const MAX_STRENGTHS = 5;

const hundredths = (v: number) => Math.round(v * 100);

/** Levels of one element for the response. */
function levels(domain: RatingDomain, e: number, current: number, requiredLv: number, requiredIm: number): ElementLevels {
  return {
    code: domain.codes[e]!,
    title: domain.titles[e]!,
    domain: domain.name as 'skills' | 'knowledge',
    current_level: levelScore(current),
    required_level: levelScore(requiredLv),
    importance: importanceScore(requiredIm),
  };
}

/**
 * Strengths and gaps of moving to occupation `o` from levels `current(e)` (hundredths, or
 * undefined when unknown) in one domain. Strength: important in `o` and the current level reaches
 * `o`'s level (occupation mode: important in both; ranked by the lower level). Gap: important in
 * `o` and `o`'s level is at least {@link MATERIAL_GAP} higher.
 */
function compare(domain: RatingDomain, o: number, current: (e: number) => number | undefined, currentImportant: (e: number) => boolean) {
  const width = domain.codes.length;
  // [sort key, importance, element, current level, required level]; objects only for what is listed.
  type Row = [number, number, number, number, number];
  const strengths: Row[] = [];
  const gaps: Row[] = [];
  for (let e = 0; e < width; e++) {
    const im = hundredths(domain.importance[o * width + e]!);
    const cur = current(e);
    if (cur === undefined || im < IMPORTANT_IM) continue;
    const lv = hundredths(domain.level[o * width + e]!);
    if (lv - cur >= MATERIAL_GAP) gaps.push([lv - cur, im, e, cur, lv]);
    else if (currentImportant(e)) strengths.push([Math.min(lv, cur), im, e, cur, lv]);
  }
  // Descending by the first key, then the importance, then element id order (stable sort).
  const order = (a: Row, b: Row) => b[0] - a[0] || b[1] - a[1];
  const list = (rows: Row[]) => rows.map(([, im, e, cur, lv]) => levels(domain, e, cur, lv, im));
  return { strengths: list(strengths.sort(order).slice(0, MAX_STRENGTHS)), gaps: list(gaps.sort(order)) };
}

/** Orders candidate rows for a sort; `score` higher first; ties by title then code (title rank is unique). */
function sortRows(rows: number[], sort: CareerSort, occupations: OccupationIndex, score: Float64Array): void {
  const byTitle = (a: number, b: number) => occupations.titleRank[a]! - occupations.titleRank[b]!;
  const byScore = (a: number, b: number) => score[b]! - score[a]!;
  const zone = (o: number) => (occupations.jobZone[o]! === 0 ? 99 : occupations.jobZone[o]!);
  switch (sort) {
    case 'similarity':
      rows.sort((a, b) => byScore(a, b) || byTitle(a, b));
      return;
    case 'zone':
      rows.sort((a, b) => zone(a) - zone(b) || byScore(a, b) || byTitle(a, b));
      return;
    case 'title':
      rows.sort(byTitle);
      return;
    case 'code':
      rows.sort((a, b) => a - b);
      return;
  }
}

/** The rows passing the filter, sorted and paged; the caller builds each result. */
function rankAndPage<T>(
  ix: EngineIndexes,
  request: Request,
  candidate: (o: number) => boolean,
  score: Float64Array,
  path: string,
  extra: Record<string, string | undefined>,
  build: (o: number) => T,
): { start: number; end: number; total: number; prev?: string; next?: string; occupation: T[] } {
  const { query } = request;
  const filter = readFilter(query);
  const sort = enumParam(query, 'sort', CAREER_SORTS, 'similarity');
  const window = readWindow(query);
  const rows: number[] = [];
  for (let o = 0; o < ix.occupations.count; o++) if (candidate(o) && passes(filter, ix.occupations, o)) rows.push(o);
  sortRows(rows, sort, ix.occupations, score);
  const { envelope, items } = page(rows, window, (start, end) => buildRoute(path, { ...extra, ...filterParams(query), sort: query.has('sort') ? sort : undefined, start, end }));
  return { ...envelope, occupation: items.map(build) };
}

function head(occupations: OccupationIndex, o: number) {
  return {
    href: occupationHref(occupations.codes[o]!),
    code: occupations.codes[o]!,
    title: occupations.titles[o]!,
    tags: tagsOf(occupations, o),
    job_zone: jobZoneOf(occupations, o),
  };
}

/** Suggestion for an occupation without skill ratings: its rated relatives by code. */
function unratedError(occupations: OccupationIndex, profiles: CareerProfiles, o: number, field: string): OnetError {
  const code = occupations.codes[o]!;
  const near: string[] = [];
  for (let r = 0; r < occupations.count && near.length < 3; r++)
    if (r !== o && profiles.skills.rated[r] && occupations.codes[r]!.slice(0, 6) === code.slice(0, 6)) near.push(`${occupations.codes[r]} ${occupations.titles[r]}`);
  return new OnetError('NOT_AVAILABLE', `${code} ${occupations.titles[o]} has no skill ratings in O*NET, so no similar careers can be computed`, {
    field,
    suggestion: near.length
      ? `Try a related rated occupation: ${near.join('; ')}`
      : 'Pick another occupation, or rate your own skills with /online/career_changers/results?skills=…',
  });
}

const PARAMS = ['sort', 'job_zone', 'bright_outlook', 'start', 'end'];

/** `/online/career_changers/{code}?sort=&job_zone=&bright_outlook=&start=&end=` */
export function careerChangers(ix: EngineIndexes, request: Request, code: string | undefined): CareerChangerResults {
  checkParams(request.query, PARAMS);
  const target = occupationFromPath(ix.occupations, code);
  const { profiles, similarity } = careerIndex(ix);
  if (!profiles.skills.rated[target]) throw unratedError(ix.occupations, profiles, target, 'code');
  const { score, selfScore, sharedDwas } = scoreAgainst(similarity, profiles, ix.occupations, target);
  const rated = profiles.skills.rated;
  const compared = profiles.domains.filter((d) => d.name === 'skills' || d.name === 'knowledge');
  return rankAndPage(
    ix,
    request,
    (o) => o !== target && rated[o] === 1,
    score,
    `/online/career_changers/${code}`,
    {},
    (o) => {
      const strengths: CareerChangerResult['strengths'] = { skills: [], knowledge: [], shared_activities: sharedDwas[o]! };
      const to_learn: ElementLevels[] = [];
      for (const domain of compared) {
        const width = domain.codes.length;
        if (!domain.rated[o] || !domain.rated[target]) continue;
        const { strengths: s, gaps } = compare(
          domain,
          o,
          (e) => hundredths(domain.level[target * width + e]!),
          (e) => hundredths(domain.importance[target * width + e]!) >= IMPORTANT_IM,
        );
        strengths[domain.name as 'skills' | 'knowledge'] = s;
        to_learn.push(...gaps);
      }
      return { ...head(ix.occupations, o), similarity: similarityPercent(score[o]!, selfScore), strengths, to_learn: sortGaps(to_learn) };
    },
  );
}

/** Gaps of both domains together: largest level gap first, then importance, then skills before knowledge. */
function sortGaps(gaps: ElementLevels[]): ElementLevels[] {
  return gaps.sort((a, b) => b.required_level - b.current_level - (a.required_level - a.current_level) || b.importance - a.importance);
}

/** Overqualification counts half as much as a shortfall: the person can do the work, the job uses less of it. */
export const OVER_LEVEL_FACTOR = 0.5;

/**
 * A person's fit to every skill-rated occupation, 0–1: one minus the weighted mean level gap over
 * the skills the person rated, divided by the scale's 7 points. A skill's weight is the larger of
 * its importance to the occupation (0–1) and the person's level (0–1): a skill the job needs
 * counts, and so does one the person offers that the job would leave unused (docs/ranking.md).
 */
function personScores(domain: RatingDomain, person: readonly PersonSkill[], count: number): Float64Array {
  const width = domain.codes.length;
  const score = new Float64Array(count);
  for (let o = 0; o < count; o++) {
    if (!domain.rated[o]) continue;
    let gap = 0;
    let weight = 0;
    for (const { element, level } of person) {
      // A skill counts as much as the occupation needs it or the person offers it, whichever is more.
      const w = Math.max((domain.importance[o * width + element]! - 1) / 4, level / 7);
      const d = domain.level[o * width + element]! - level;
      gap += w * (d > 0 ? d : -d * OVER_LEVEL_FACTOR);
      weight += w;
    }
    score[o] = weight > 0 ? 1 - gap / (7 * weight) : 0;
  }
  return score;
}

/** `/online/career_changers/results?skills=2.A.1.a:4,…&sort=&job_zone=&bright_outlook=&start=&end=` */
export function careerChangersForPerson(ix: EngineIndexes, request: Request): CareerChangerResults {
  checkParams(request.query, ['skills', ...PARAMS]);
  const { profiles } = careerIndex(ix);
  const skills = profiles.skills;
  const person = readPersonSkills(request.query.get('skills'), skills);
  const score = personScores(skills, person, ix.occupations.count);
  const given = new Map(person.map((p) => [p.element, Math.round(p.level * 100)]));
  const canonical = person.map((p) => `${skills.codes[p.element]}:${p.level}`).join(',');
  return rankAndPage(
    ix,
    request,
    (o) => skills.rated[o] === 1,
    score,
    '/online/career_changers/results',
    { skills: canonical },
    (o) => {
      const { strengths, gaps } = compare(
        skills,
        o,
        (e) => given.get(e),
        () => true,
      );
      return { ...head(ix.occupations, o), similarity: Math.round(100 * score[o]!), strengths: { skills: strengths, knowledge: [] }, to_learn: gaps };
    },
  );
}

/** A skill a person can rate, with O*NET's level anchors (0–100). */
export interface RateableSkill {
  code: string;
  title: string;
  description: string;
  anchors: { level: number; description: string }[];
}

/** `/online/career_changers/skills`: the skills a person can rate, in element-id order, with their level anchors. */
export function rateableSkills(ix: EngineIndexes, request: Request): { skill: RateableSkill[] } {
  checkParams(request.query, []);
  const skills = careerIndex(ix).profiles.skills;
  const elements = requireTable(ix.snapshot, 'elements');
  const anchors = requireTable(ix.snapshot, 'levelAnchors');
  const groups = groupRows(anchors.columns.element, elements.rows);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < elements.rows; i++) rowOf.set(str(elements.columns.id, i), i);
  return {
    skill: skills.codes.map((code, e) => {
      const row = rowOf.get(code)!;
      const list: { level: number; description: string }[] = [];
      for (let i = groups.start[row]!; i < groups.start[row + 1]!; i++) {
        const a = groups.rows[i]!;
        if (str(anchors.columns.scale, a) === 'LV') list.push({ level: levelScore(anchors.columns.anchor[a]!), description: str(anchors.columns.description, a) });
      }
      return { code, title: skills.titles[e]!, description: str(elements.columns.description, row), anchors: list.sort((x, y) => x.level - y.level) };
    }),
  };
}
