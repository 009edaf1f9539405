/**
 * Soft-skills coverage ranking (O*NET Web Services "Soft skills custom list").
 *
 * Each occupation's *high-level* soft skills are decided by a named, swappable
 * {@link HighLevelPolicy}; results list occupations with at least one selected high-level soft
 * skill, ranked by the share of their high-level soft skills that were selected. Rules, sorts and
 * tie-breaks: docs/ranking.md.
 */
import { OnetError, validationError } from '../errors.js';
import { RATING_FLAGS, str, type Snapshot } from '../snapshot/schema.js';
import { groupRows } from './groups.js';
import { jobZoneOf, occupationHref, requireTable, tagsOf, type OccupationIndex } from './occupations.js';
import { page, readWindow, buildRoute } from './paging.js';
import { checkParams, enumParam, listParam, truncate, type Request } from './request.js';
import { sortByBucket, sortByUniqueRank } from './sortkey.js';

/** Soft-skill groups, in response order. */
export type SoftSkillGroup = 'social' | 'thinking';

/** A soft skill's definition (code, display order, group). */
export interface SoftSkillDefinition {
  readonly code: string;
  readonly group: SoftSkillGroup;
}

/** O*NET's six social skills (2.B.1.a–f), alphabetical by title as O*NET lists them. */
export const SOCIAL_SKILLS: readonly SoftSkillDefinition[] = [
  { code: '2.B.1.b', group: 'social' }, // Coordination
  { code: '2.B.1.e', group: 'social' }, // Instructing
  { code: '2.B.1.d', group: 'social' }, // Negotiation
  { code: '2.B.1.c', group: 'social' }, // Persuasion
  { code: '2.B.1.f', group: 'social' }, // Service Orientation
  { code: '2.B.1.a', group: 'social' }, // Social Perceptiveness
];

/**
 * The default thinking skills: Active Learning and Complex Problem Solving, the set with which the
 * default policy reproduces the published example (docs/soft-skills-policy.md).
 */
export const THINKING_SKILLS: readonly SoftSkillDefinition[] = [
  { code: '2.A.2.b', group: 'thinking' }, // Active Learning
  { code: '2.B.2.i', group: 'thinking' }, // Complex Problem Solving
];

/**
 * A wider thinking set — O*NET's Basic Skills: Process (2.A.2.a–d), Complex Problem Solving and
 * the Systems Skills (2.B.4.e/g/h) — alphabetical, for callers who prefer it to the fitted default.
 */
export const BROAD_THINKING_SKILLS: readonly SoftSkillDefinition[] = [
  { code: '2.A.2.b', group: 'thinking' }, // Active Learning
  { code: '2.B.2.i', group: 'thinking' }, // Complex Problem Solving
  { code: '2.A.2.a', group: 'thinking' }, // Critical Thinking
  { code: '2.B.4.e', group: 'thinking' }, // Judgment and Decision Making
  { code: '2.A.2.c', group: 'thinking' }, // Learning Strategies
  { code: '2.A.2.d', group: 'thinking' }, // Monitoring
  { code: '2.B.4.g', group: 'thinking' }, // Systems Analysis
  { code: '2.B.4.h', group: 'thinking' }, // Systems Evaluation
];

/** One occupation × skill rating as the policy sees it (O*NET's raw scales). */
export interface SkillRating {
  /** Importance, IM scale 1–5, in hundredths (3.12 → 312). */
  readonly importance: number;
  /** Level, LV scale 0–7, in hundredths. */
  readonly level: number;
  /** O*NET flagged the importance or level estimate "Recommend Suppress". */
  readonly suppressed: boolean;
  /** O*NET marked the level "Not Relevant". */
  readonly notRelevant: boolean;
}

/**
 * Decides which soft skills are "high-level" for an occupation, and which soft skills exist at all.
 * Swappable: pass another policy to `createEngine(snapshot, { highLevelPolicy })`.
 */
export interface HighLevelPolicy {
  /** Stable name, reported by `/info` and in docs. */
  readonly name: string;
  /** The rule in one sentence, for documentation. */
  readonly description: string;
  /** The soft skills offered, in display order (social first, then thinking). At most 31. */
  readonly skills: readonly SoftSkillDefinition[];
  /**
   * Given one occupation's ratings of `skills` (index-aligned; undefined where the occupation has
   * no IM/LV pair for the skill), returns which are high-level.
   */
  highLevel(ratings: readonly (SkillRating | undefined)[]): boolean[];
}

/**
 * Default policy, "top-soft-level": a soft skill is high-level for an occupation when its level is
 * within 0.125 (one eighth of a scale point) of the occupation's highest soft-skill level. Fitted to
 * O*NET's published example, which no absolute threshold can reproduce: see
 * docs/soft-skills-policy.md for the evidence and the figures it yields.
 */
export const DEFAULT_HIGH_LEVEL_POLICY: HighLevelPolicy = {
  name: 'top-soft-level',
  description: "A soft skill is high-level for an occupation when its level (LV) is at least the occupation's highest soft-skill level minus 0.125.",
  skills: [...SOCIAL_SKILLS, ...THINKING_SKILLS],
  highLevel(ratings) {
    let max = -1;
    for (const r of ratings) if (r && r.level > max) max = r.level;
    // level ≥ max − 0.125, in integer hundredths: 8·level ≥ 8·max − 100.
    return ratings.map((r) => r !== undefined && r.level * 8 >= max * 8 - 100);
  },
};

/**
 * An absolute-threshold policy: high-level when importance ≥ `importance` (1–5) and level ≥ `level`
 * (0–7), excluding ratings O*NET recommends suppressing. Simple to explain; does not reproduce the
 * published example (docs/soft-skills-policy.md).
 */
export function thresholdPolicy(options: { importance: number; level: number; skills?: readonly SoftSkillDefinition[] }): HighLevelPolicy {
  const im = Math.round(options.importance * 100);
  const lv = Math.round(options.level * 100);
  return {
    name: `threshold-im${options.importance}-lv${options.level}`,
    description: `A soft skill is high-level when its importance is at least ${options.importance} and its level at least ${options.level}, unless O*NET recommends suppressing the rating.`,
    skills: options.skills ?? [...SOCIAL_SKILLS, ...BROAD_THINKING_SKILLS],
    highLevel: (ratings) => ratings.map((r) => r !== undefined && !r.suppressed && r.importance >= im && r.level >= lv),
  };
}

/** Published 0–100 importance: (IM − 1) / 4 × 100, truncated. Input in hundredths. */
export function importanceScore(imHundredths: number): number {
  return Math.floor(Math.max(0, imHundredths - 100) / 4);
}

/** Published 0–100 level: LV / 7 × 100, truncated. Input in hundredths. */
export function levelScore(lvHundredths: number): number {
  return Math.floor(lvHundredths / 7);
}

/** A soft skill as listed by `/online/soft_skills`. */
export interface SoftSkillItem {
  code: string;
  title: string;
  description: string;
  example: { level: number; description: string }[];
}

/** A skill entry of a result. */
export interface SoftSkillMatch {
  code: string;
  title: string;
  level: number;
  importance: number;
}

/** One occupation of `/online/soft_skills/results`. */
export interface SoftSkillResult {
  href: string;
  code: string;
  title: string;
  tags: { bright_outlook?: true };
  job_zone: { code: number; title: string } | null;
  skills_matched: SoftSkillMatch[];
  skills_other: SoftSkillMatch[];
}

/** Sorts of the results route. */
export const SOFT_SKILL_SORTS = ['skills_covered', 'my_matches', 'title', 'code', 'zone'] as const;
/** One of {@link SOFT_SKILL_SORTS}. */
export type SoftSkillSort = (typeof SOFT_SKILL_SORTS)[number];

/** Precomputed soft-skill data: per occupation a bit mask of high-level skills and 0–100 scores. */
export interface SoftSkillIndex {
  readonly skills: readonly (SoftSkillItem & { group: SoftSkillGroup })[];
  readonly policy: HighLevelPolicy;
  /** Bit k set when skill k (index into `skills`) is high-level for the occupation. */
  readonly highMask: Uint32Array;
  /** Number of high-level skills per occupation (the set bits of `highMask`). */
  readonly highCount: Uint8Array;
  /** Published level/importance per occupation × skill (occupation * skills.length + k). */
  readonly level: Uint8Array;
  readonly importance: Uint8Array;
}

/** The tables {@link buildSoftSkillIndex} reads (test/node/engine-tables.test.ts pins it). */
export const SOFT_SKILL_INDEX_TABLES = ['elements', 'levelAnchors', 'skills'] as const;

/** Builds the soft-skill index for a policy. */
export function buildSoftSkillIndex(snapshot: Snapshot, occupations: OccupationIndex, policy: HighLevelPolicy = DEFAULT_HIGH_LEVEL_POLICY): SoftSkillIndex {
  const elements = requireTable(snapshot, 'elements');
  const elementRow = new Map<string, number>();
  for (let i = 0; i < elements.rows; i++) elementRow.set(str(elements.columns.id, i), i);

  const anchors = requireTable(snapshot, 'levelAnchors');
  const anchorGroups = groupRows(anchors.columns.element, elements.rows);

  if (policy.skills.length === 0 || policy.skills.length > 31) throw new OnetError('INTERNAL', `A policy offers 1–31 soft skills, not ${policy.skills.length}`);
  const skills = policy.skills.map((def) => {
    const row = elementRow.get(def.code);
    if (row === undefined) throw new OnetError('SNAPSHOT_CORRUPT', `Soft skill ${def.code} is missing from the Content Model Reference`);
    const example: { level: number; description: string }[] = [];
    for (let i = anchorGroups.start[row]!; i < anchorGroups.start[row + 1]!; i++) {
      const a = anchorGroups.rows[i]!;
      if (str(anchors.columns.scale, a) !== 'LV') continue;
      example.push({ level: levelScore(anchors.columns.anchor[a]!), description: str(anchors.columns.description, a) });
    }
    example.sort((x, y) => x.level - y.level);
    return { code: def.code, title: str(elements.columns.name, row), description: str(elements.columns.description, row), example, group: def.group, element: row };
  });
  // Element row → skill index (−1: not a soft skill), as a typed array: the loop below visits every Skills row.
  const skillOfElement = new Int8Array(elements.rows).fill(-1);
  skills.forEach((s, k) => (skillOfElement[s.element] = k));

  const ratings = requireTable(snapshot, 'skills');
  const k = skills.length;
  const n = occupations.count;
  const im = new Int16Array(n * k).fill(-1);
  const lv = new Int16Array(n * k).fill(-1);
  const flags = new Uint8Array(n * k * 2);
  const { occ, element, scale, value } = ratings.columns;
  // Classify the scale dictionary once (1 IM, 2 LV, 0 other) instead of comparing strings per row.
  const scaleKind = Uint8Array.from(scale.values, (v) => (v === 'IM' ? 1 : v === 'LV' ? 2 : 0));
  for (let r = 0; r < ratings.rows; r++) {
    const s = skillOfElement[element[r]!]!;
    if (s < 0) continue;
    const slot = occ[r]! * k + s;
    const sc = scaleKind[scale.index[r]!]!;
    if (sc === 1) {
      im[slot] = value[r]!;
      flags[slot * 2] = ratings.columns.flags[r]!;
    } else if (sc === 2) {
      lv[slot] = value[r]!;
      flags[slot * 2 + 1] = ratings.columns.flags[r]!;
    }
  }
  const highMask = new Uint32Array(n);
  const level = new Uint8Array(n * k);
  const importance = new Uint8Array(n * k);
  const ratingsOf: (SkillRating | undefined)[] = new Array(k);
  for (let o = 0; o < n; o++) {
    let any = false;
    for (let s = 0; s < k; s++) {
      const slot = o * k + s;
      if (im[slot]! < 0 || lv[slot]! < 0) {
        ratingsOf[s] = undefined;
        continue;
      }
      any = true;
      importance[slot] = importanceScore(im[slot]!);
      level[slot] = levelScore(lv[slot]!);
      ratingsOf[s] = {
        importance: im[slot]!,
        level: lv[slot]!,
        suppressed: ((flags[slot * 2]! | flags[slot * 2 + 1]!) & RATING_FLAGS.suppress) !== 0,
        notRelevant: (flags[slot * 2 + 1]! & RATING_FLAGS.notRelevant) !== 0,
      };
    }
    if (!any) continue;
    const high = policy.highLevel(ratingsOf);
    for (let s = 0; s < k; s++) if (high[s] === true && ratingsOf[s] !== undefined) highMask[o]! |= 1 << s;
  }
  const highCount = new Uint8Array(n);
  for (let o = 0; o < n; o++) highCount[o] = popcount(highMask[o]!);
  return { skills: skills.map(({ element: _e, ...rest }) => rest), policy, highMask, highCount, level, importance };
}

/** `/online/soft_skills`: the social and thinking skills with descriptions and level examples. */
export function listSoftSkills(index: SoftSkillIndex, request: Request): { social: SoftSkillItem[]; thinking: SoftSkillItem[] } {
  checkParams(request.query, []);
  const out = { social: [] as SoftSkillItem[], thinking: [] as SoftSkillItem[] };
  for (const s of index.skills) out[s.group].push({ code: s.code, title: s.title, description: s.description, example: s.example.map((e) => ({ ...e })) });
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Parses the `skills` parameter into a bit mask of selected skills. */
function selectedSkillMask(index: SoftSkillIndex, codes: readonly string[]): number {
  let mask = 0;
  for (const code of codes) {
    const k = index.skills.findIndex((s) => s.code === code);
    if (k < 0) {
      const well = /^\d(\.[A-Za-z0-9]+)+$/.test(code);
      throw validationError(
        'skills',
        well ? `"${truncate(code)}" is not one of the soft skills` : `"${truncate(code)}" is not a skill code`,
        'List the codes with /online/soft_skills',
      );
    }
    mask |= 1 << k;
  }
  return mask;
}

/**
 * Per index, the selected skills each occupation matches in one results query: allocated once, as
 * a fresh typed array per query cost more than the counting it serves (queries run synchronously).
 */
const matchedScratch = new WeakMap<SoftSkillIndex, Uint8Array>();

/** `/online/soft_skills/results?skills=…&sort=…&start=…&end=…` */
export function softSkillResults(index: SoftSkillIndex, occupations: OccupationIndex, request: Request) {
  const { query } = request;
  checkParams(query, ['skills', 'sort', 'start', 'end']);
  const codes = listParam(query, 'skills', index.skills.length);
  const selected = selectedSkillMask(index, codes);
  const sort = enumParam(query, 'sort', SOFT_SKILL_SORTS, 'skills_covered');
  const window = readWindow(query);

  const rows: number[] = [];
  // Written for every row before it is read, so reused across queries without clearing.
  let matched = matchedScratch.get(index);
  if (matched?.length !== occupations.count) matchedScratch.set(index, (matched = new Uint8Array(occupations.count)));
  for (let o = 0; o < occupations.count; o++) {
    const m = index.highMask[o]! & selected;
    if (m === 0) continue;
    rows.push(o);
    matched[o] = popcount(m);
  }
  sortSoftSkillRows(rows, sort, occupations, matched, index.highCount, index.skills.length);

  const { envelope, items } = page(rows, window, (start, end) =>
    buildRoute('/online/soft_skills/results', { skills: codes.join(','), sort: query.has('sort') ? sort : undefined, start, end }),
  );
  const k = index.skills.length;
  const occupation: SoftSkillResult[] = items.map((o) => {
    const skills_matched: SoftSkillMatch[] = [];
    const skills_other: SoftSkillMatch[] = [];
    for (let s = 0; s < k; s++) {
      if ((index.highMask[o]! & (1 << s)) === 0) continue;
      const entry = { code: index.skills[s]!.code, title: index.skills[s]!.title, level: index.level[o * k + s]!, importance: index.importance[o * k + s]! };
      ((selected & (1 << s)) !== 0 ? skills_matched : skills_other).push(entry);
    }
    return {
      href: occupationHref(occupations.codes[o]!),
      code: occupations.codes[o]!,
      title: occupations.titles[o]!,
      tags: tagsOf(occupations, o),
      job_zone: jobZoneOf(occupations, o),
      skills_matched,
      skills_other,
    };
  });
  return { ...envelope, occupation };
}

/**
 * Ranks of (matched, high) pairs — pair id `matched * 32 + high`, high ≤ k — under the orders the
 * sorts use, computed once per skill count with the exact (cross-multiplied) coverage comparison.
 * Equal rank = tie under that order.
 */
interface PairRanks {
  /** coverage desc, then matched desc (skills_covered). */
  readonly coverageMatched: Uint16Array;
  /** matched desc, then coverage desc (my_matches). */
  readonly matchedCoverage: Uint16Array;
  /** coverage desc only (zone's second key). */
  readonly coverage: Uint16Array;
  /** Number of distinct ranks of each table. */
  readonly counts: readonly [number, number, number];
}

const pairRankCache = new Map<number, PairRanks>();

function pairRanks(k: number): PairRanks {
  let ranks = pairRankCache.get(k);
  if (ranks) return ranks;
  const pairs: (readonly [number, number])[] = [];
  for (let h = 1; h <= k; h++) for (let m = 1; m <= h; m++) pairs.push([m, h]);
  type Pair = (typeof pairs)[number];
  const coverage = (a: Pair, b: Pair) => b[0] * a[1] - a[0] * b[1];
  const rank = (cmp: (a: Pair, b: Pair) => number): [Uint16Array, number] => {
    const table = new Uint16Array(32 * 32);
    const sorted = pairs.slice().sort(cmp);
    let r = 0;
    sorted.forEach((p, i) => {
      if (i > 0 && cmp(sorted[i - 1]!, p) !== 0) r++;
      table[p[0] * 32 + p[1]] = r;
    });
    return [table, r + 1];
  };
  const [coverageMatched, a] = rank((x, y) => coverage(x, y) || y[0] - x[0]);
  const [matchedCoverage, b] = rank((x, y) => y[0] - x[0] || coverage(x, y));
  const [coverageOnly, c] = rank(coverage);
  ranks = { coverageMatched, matchedCoverage, coverage: coverageOnly, counts: [a, b, c] };
  pairRankCache.set(k, ranks);
  return ranks;
}

/**
 * Sorts result rows (collected in code order) for `sort` without comparisons: every sort key is
 * small — (matched, high) pairs, job zones, the unique title rank — so stable counting sorts
 * (./sortkey.ts) give exactly the comparator's order, the code tie-break coming from the input
 * order. The comparator below is the definition and the fallback.
 */
function sortSoftSkillRows(rows: number[], sort: SoftSkillSort, occ: OccupationIndex, matched: Uint8Array, high: Uint8Array, k: number): void {
  if (sort === 'code') return; // already in code order
  if (k > 31) {
    rows.sort(softSkillComparator(sort, occ, matched, high));
    return;
  }
  const ranks = pairRanks(k);
  const pair = (o: number) => matched[o]! * 32 + high[o]!;
  switch (sort) {
    case 'skills_covered':
      sortByBucket(rows, (o) => ranks.coverageMatched[pair(o)]!, ranks.counts[0]);
      return;
    case 'my_matches':
      sortByBucket(rows, (o) => ranks.matchedCoverage[pair(o)]!, ranks.counts[1]);
      return;
    case 'title':
      sortByUniqueRank(rows, occ.titleRank, occ.count);
      return;
    case 'zone':
      // LSD: coverage first, then (stable) the job zone's rank in the snapshot's Job Zone Reference, none last.
      sortByBucket(rows, (o) => ranks.coverage[pair(o)]!, ranks.counts[2]);
      sortByBucket(rows, (o) => occ.jobZoneRank[o]!, occ.zoneCodes.length + 1);
      return;
  }
}

/**
 * Comparator for a sort. Coverage is compared exactly (cross-multiplied, no floating point).
 * Tie-breaks (docs/ranking.md): skills_covered → matched desc → code; my_matches → coverage desc →
 * code; title → code; zone → job zone in the snapshot's Job Zone Reference order (none last) →
 * coverage desc → code.
 */
function softSkillComparator(sort: SoftSkillSort, occ: OccupationIndex, matched: Uint8Array, high: Uint8Array): (a: number, b: number) => number {
  const coverage = (a: number, b: number) => matched[b]! * high[a]! - matched[a]! * high[b]!;
  const byMatched = (a: number, b: number) => matched[b]! - matched[a]!;
  const byCode = (a: number, b: number) => a - b; // rows are in code order
  const zoneKey = (o: number) => occ.jobZoneRank[o]!;
  switch (sort) {
    case 'skills_covered':
      return (a, b) => coverage(a, b) || byMatched(a, b) || byCode(a, b);
    case 'my_matches':
      return (a, b) => byMatched(a, b) || coverage(a, b) || byCode(a, b);
    case 'title':
      return (a, b) => occ.titleRank[a]! - occ.titleRank[b]!;
    case 'code':
      return byCode;
    case 'zone':
      return (a, b) => zoneKey(a) - zoneKey(b) || coverage(a, b) || byCode(a, b);
  }
}
