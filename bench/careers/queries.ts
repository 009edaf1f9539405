/**
 * The career query sets: seeded, generated from the snapshot like bench/queries.ts, and kept only
 * when the engine answers them (no error answers). Three kinds, timed in the browser bench Worker
 * for onet-match and the naive career baseline (bench/careers/naive.ts):
 *
 *   careers by occupation   a random skill-rated occupation; mostly the default sort, sometimes
 *                           zone/title/code; some job-zone (single or range) and Bright Outlook
 *                           filters; mostly the first page, sometimes a later or longer one
 *   careers by skill levels 3–35 random skills, each with a random level 0–7 (one decimal)
 *   interests               six random OI scores (1–7), or Interest Profiler raw scores (0–40,
 *                           `scale=ip`), or a random high-point code of one to three letters
 *
 * Each query carries its route (what onet-match answers) and the structured parameters (what the
 * naive baseline reads, skipping route parsing as the other baselines do).
 */
import { careerChangersRoute, interestRoute, skillProfileRoute } from '../../src/api/career-routes.js';
import type { Engine } from '../../src/engine/engine.js';
import { careerIndex } from '../../src/engine/careers/career-changers.js';
import { INTEREST_AREAS } from '../../src/engine/interests/interests.js';
import { createRng, type Rng } from '../lib/prng.js';

/** The three timed career kinds (not in QUERY_KINDS: the sql.js contender does not answer them). */
export const CAREER_KINDS = ['careerChangers', 'careerProfile', 'interests'] as const;
export type CareerKind = (typeof CAREER_KINDS)[number];

/** Human labels, in report order. */
export const CAREER_KIND_LABELS: Record<CareerKind, string> = {
  careerChangers: 'careers like mine, by occupation',
  careerProfile: "careers like mine, by a person's skill levels",
  interests: 'careers that fit my interests',
};

/** Job zones `min`–`max` (`job_zone=3` is 3–3, `job_zone=1-3` is 1–3). */
export interface ZoneRange {
  min: number;
  max: number;
}

/** Filters, sort and paging shared by the three kinds. */
interface CareerWindow {
  jobZone?: ZoneRange;
  brightOutlook?: boolean;
  start?: number;
  end?: number;
}

export interface CareerChangersQuery extends CareerWindow {
  kind: 'careerChangers';
  route: string;
  code: string;
  sort?: 'similarity' | 'zone' | 'title' | 'code';
}

export interface CareerProfileQuery extends CareerWindow {
  kind: 'careerProfile';
  route: string;
  /** [skill element id, level 0–7]. */
  skills: [string, number][];
  sort?: 'similarity' | 'zone' | 'title' | 'code';
}

export interface InterestsQuery extends CareerWindow {
  kind: 'interests';
  route: string;
  /** Six scores in RIASEC order, on `scale` (absent with `code`). */
  scores?: number[];
  scale?: 'oi' | 'ip';
  /** High-point code, e.g. "SIA" (instead of scores). */
  code?: string;
  sort?: 'fit' | 'zone' | 'title' | 'code';
}

export type CareerQuery = CareerChangersQuery | CareerProfileQuery | InterestsQuery;

/** The career query sets, one list per kind. */
export type CareerQuerySet = { [K in CareerKind]: Extract<CareerQuery, { kind: K }>[] };

export interface CareerQueryOptions {
  count: number;
  seed: number;
}

/** Generates the three career query sets; `engine` validates each route and lists the rated occupations and the skills. */
export function generateCareerQueries(engine: Engine, options: CareerQueryOptions): CareerQuerySet {
  const ix = engine.indexes;
  const skills = careerIndex(ix).profiles.skills;
  const rated = ix.occupations.codes.filter((_, o) => skills.rated[o] === 1);
  if (rated.length === 0) throw new Error('The snapshot has no skill-rated occupation');

  const make = <Q extends CareerQuery>(salt: number, gen: (rng: Rng) => Q): Q[] => {
    const rng = createRng(options.seed * 7919 + salt);
    const out: Q[] = [];
    let attempts = 0;
    while (out.length < options.count) {
      if (++attempts > options.count * 50) throw new Error(`Could not generate ${options.count} valid career queries (salt ${salt})`);
      const q = gen(rng);
      if (engine.handle(q.route).status === 200) out.push(q);
    }
    return out;
  };

  /** Filters and paging: mostly none and the first page, as a person's first look. */
  const window = (rng: Rng): CareerWindow => {
    const w: CareerWindow = {};
    if (rng.chance(0.35)) {
      const max = rng.range(1, 5);
      w.jobZone = rng.chance(0.5) ? { min: max, max } : { min: 1, max };
    }
    if (rng.chance(0.15)) w.brightOutlook = rng.chance(0.5);
    const r = rng.next();
    if (r >= 0.75 && r < 0.9) {
      w.start = 1 + 20 * rng.range(1, 3);
      w.end = w.start + 19;
    } else if (r >= 0.9) {
      w.start = 1;
      w.end = rng.pick([10, 50, 100]);
    }
    return w;
  };
  const zoneParam = (z: ZoneRange | undefined) => (z === undefined ? undefined : z.min === z.max ? z.max : `${z.min}-${z.max}`);
  // The route builders skip properties that are undefined.
  const filters = (w: CareerWindow) => ({ jobZone: zoneParam(w.jobZone), brightOutlook: w.brightOutlook, start: w.start, end: w.end });

  const careerChangers = make<CareerChangersQuery>(6, (rng) => {
    const code = rng.pick(rated);
    const sort = rng.chance(0.7) ? undefined : rng.pick(['similarity', 'zone', 'title', 'code'] as const);
    const w = window(rng);
    return { kind: 'careerChangers', route: careerChangersRoute({ code, sort, ...filters(w) }), code, sort, ...w };
  });

  const careerProfile = make<CareerProfileQuery>(7, (rng) => {
    const chosen = rng.sample(skills.codes, rng.range(3, skills.codes.length));
    const given: [string, number][] = chosen.map((c) => [c, rng.int(71) / 10]);
    const sort = rng.chance(0.7) ? undefined : rng.pick(['similarity', 'zone', 'title', 'code'] as const);
    const w = window(rng);
    return { kind: 'careerProfile', route: skillProfileRoute({ skills: Object.fromEntries(given), sort, ...filters(w) }), skills: given, sort, ...w };
  });

  const interests = make<InterestsQuery>(8, (rng) => {
    const sort = rng.chance(0.7) ? undefined : rng.pick(['fit', 'zone', 'title', 'code'] as const);
    const w = window(rng);
    const r = rng.next();
    if (r < 0.25) {
      const letters = INTEREST_AREAS.map((a) => a.letter);
      const code = rng.sample(letters, rng.range(1, 3)).join('');
      return { kind: 'interests', route: interestRoute({ code, sort, ...filters(w) }), code, sort, ...w };
    }
    const scale = r < 0.5 ? ('ip' as const) : undefined;
    const scores = INTEREST_AREAS.map(() => (scale === 'ip' ? rng.int(41) : 1 + rng.int(601) / 100));
    const params = Object.fromEntries(INTEREST_AREAS.map((a, k) => [a.param, scores[k]!]));
    return { kind: 'interests', route: interestRoute({ ...params, scale, sort, ...filters(w) }), scores, scale, sort, ...w };
  });

  return { careerChangers, careerProfile, interests };
}
