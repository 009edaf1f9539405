/**
 * The fixed, seeded query sets: realistic requests generated from the snapshot's own data with a
 * seeded PRNG, so every run (and every contender) answers exactly the same queries.
 *
 *   soft skills      1–4 random soft skills; mostly the default sort, sometimes another sort or page
 *   related acts     a random occupation with DWAs + 1–3 of its DWAs; sorts and pages as above
 *   keyword search   full titles, titles as typed (partial last word), single title words, alternate
 *                    and reported titles, full/partial O*NET-SOC codes, two-word mixes
 *   occupation list  pages (with page sizes) under job-zone / Bright Outlook / green=false filters
 *   details          random codes (some by exact title) with a random subset of sections
 *
 * `isValid(route)` (the engine) filters out requests the API would reject (e.g. a page past the
 * end): the sets contain only answerable queries.
 */
import { DEFAULT_HIGH_LEVEL_POLICY } from '../src/engine/soft-skills.js';
import { words } from '../src/engine/text.js';
import { detailsRoute, occupationListRoute, relatedActivitiesRoute, searchRoute, softSkillResultsRoute } from '../src/api/routes.js';
import { str, type Snapshot } from '../src/snapshot/schema.js';
import { createRng, type Rng } from './lib/prng.js';
import { BENCH_DETAIL_FLAGS, type DetailsQuery, type ListQuery, type Query, type QuerySet, type RelatedActivitiesQuery, type SearchQuery, type SoftSkillsQuery } from './types.js';

export interface QueryOptions {
  /** Queries per kind (≥ 200 for a full run). */
  count: number;
  seed: number;
  isValid: (route: string) => boolean;
}

const SOFT_SORTS = ['my_matches', 'title', 'code', 'zone'] as const;
const ACTIVITY_SORTS = ['similar', 'title', 'code', 'zone'] as const;

/** Generates the five query sets. */
export function generateQueries(snapshot: Snapshot, options: QueryOptions): QuerySet {
  const t = snapshot.tables;
  const occ = t.occupations!;
  const codes = Array.from({ length: occ.rows }, (_, i) => str(occ.columns.code, i));
  const titles = Array.from({ length: occ.rows }, (_, i) => str(occ.columns.title, i));
  const dwaIds = Array.from({ length: t.dwas!.rows }, (_, i) => str(t.dwas!.columns.id, i));
  const dwasOfOcc: string[][] = codes.map(() => []);
  for (let r = 0; r < t.occupationDwas!.rows; r++) dwasOfOcc[t.occupationDwas!.columns.occ[r]!]!.push(dwaIds[t.occupationDwas!.columns.dwa[r]!]!);
  const withDwas = codes.map((_, i) => i).filter((i) => dwasOfOcc[i]!.length > 0);
  const alt = t.alternateTitles!;
  const reported = t.reportedTitles!;
  const softCodes = DEFAULT_HIGH_LEVEL_POLICY.skills.map((s) => s.code);

  const make = <Q extends Query>(salt: number, gen: (rng: Rng) => Q): Q[] => {
    const rng = createRng(options.seed * 7919 + salt);
    const out: Q[] = [];
    let attempts = 0;
    while (out.length < options.count) {
      if (++attempts > options.count * 50) throw new Error(`Could not generate ${options.count} valid queries (salt ${salt})`);
      const q = gen(rng);
      if (options.isValid(q.route)) out.push(q);
    }
    return out;
  };

  /** A paging window: mostly the first page, sometimes a later or longer page. */
  const window = (rng: Rng): { start?: number; end?: number } => {
    const r = rng.next();
    if (r < 0.75) return {};
    if (r < 0.9) {
      const start = 1 + 20 * rng.range(1, 4);
      return { start, end: start + 19 };
    }
    return { start: 1, end: rng.pick([10, 50, 100]) };
  };

  /** A query's route options: the typed route builders reject properties they do not know. */
  const routeOptions = <Q extends { kind: string; route: string }>({ kind: _kind, route: _route, ...rest }: Q) => rest;

  const softSkills = make<SoftSkillsQuery>(1, (rng) => {
    const skills = rng.sample(softCodes, rng.range(1, 4));
    const sort = rng.chance(0.7) ? undefined : rng.pick(SOFT_SORTS);
    const w = window(rng);
    const q: SoftSkillsQuery = { kind: 'softSkills', route: '', skills, ...(sort ? { sort } : {}), ...w };
    q.route = softSkillResultsRoute(routeOptions(q));
    return q;
  });

  const relatedActivities = make<RelatedActivitiesQuery>(2, (rng) => {
    const o = rng.pick(withDwas);
    const activities = rng.sample(dwasOfOcc[o]!, rng.range(1, 3));
    const sort = rng.chance(0.7) ? undefined : rng.pick(ACTIVITY_SORTS);
    const w = window(rng);
    const q: RelatedActivitiesQuery = { kind: 'relatedActivities', route: '', code: codes[o]!, activities, ...(sort ? { sort } : {}), ...w };
    q.route = relatedActivitiesRoute(routeOptions(q));
    return q;
  });

  /** The text as a user types it: whole words, then part of the next one. */
  const typed = (rng: Rng, text: string): string => {
    const ws = text.split(/\s+/).filter(Boolean);
    const keep = rng.range(1, Math.max(1, ws.length));
    const last = ws[keep - 1]!;
    const cut = rng.chance(0.6) && last.length > 3 ? last.slice(0, rng.range(2, last.length - 1)) : last;
    return [...ws.slice(0, keep - 1), cut].join(' ');
  };
  const search = make<SearchQuery>(3, (rng) => {
    const o = rng.int(codes.length);
    const r = rng.next();
    let keyword: string;
    if (r < 0.15) keyword = titles[o]!;
    else if (r < 0.35) keyword = typed(rng, titles[o]!);
    else if (r < 0.5)
      keyword = rng.pick(
        words(titles[o]!)
          .filter((w) => w.length > 2)
          .concat(['worker']),
      );
    else if (r < 0.62) keyword = str(alt.columns.title, rng.int(alt.rows));
    else if (r < 0.72) keyword = typed(rng, str(alt.columns.title, rng.int(alt.rows)));
    else if (r < 0.8) keyword = str(reported.columns.title, rng.int(reported.rows));
    else if (r < 0.85) keyword = codes[o]!;
    else if (r < 0.9) keyword = rng.pick([codes[o]!.slice(0, 2), codes[o]!.slice(0, 5), codes[o]!.slice(0, 7).replace('-', ''), codes[o]!.slice(0, 7)]);
    else if (r < 0.95) keyword = `${rng.pick(words(titles[o]!))} ${rng.pick(words(titles[rng.int(codes.length)]!))}`;
    else keyword = `${titles[o]!.toLowerCase().split(' ')[0]} `; // finished word (trailing space): exact-word match
    const w = rng.chance(0.85) ? {} : { start: 21, end: 40 };
    const q: SearchQuery = { kind: 'search', route: '', keyword, ...w };
    q.route = searchRoute(routeOptions(q));
    return q;
  });

  const list = make<ListQuery>(4, (rng) => {
    const pageSize = rng.chance(0.5) ? undefined : rng.pick([10, 50, 100]);
    const jobZone = rng.chance(0.35) ? rng.range(1, 5) : undefined;
    const brightOutlook = rng.chance(0.25) ? rng.chance(0.5) : undefined;
    const green = rng.chance(0.05) ? false : undefined;
    let total = 0;
    for (let o = 0; o < occ.rows; o++) {
      if (jobZone !== undefined && occ.columns.jobZone[o] !== jobZone) continue;
      if (brightOutlook !== undefined && (occ.columns.brightOutlook[o] !== 0) !== brightOutlook) continue;
      total++;
    }
    const pages = Math.max(1, Math.ceil(total / (pageSize ?? 20)));
    const page = rng.chance(0.5) ? undefined : rng.range(1, pages);
    const q: ListQuery = { kind: 'list', route: '' };
    if (page !== undefined) q.page = page;
    if (pageSize !== undefined) q.pageSize = pageSize;
    if (jobZone !== undefined) q.jobZone = jobZone;
    if (brightOutlook !== undefined) q.brightOutlook = brightOutlook;
    if (green !== undefined) q.green = green;
    q.route = occupationListRoute({ page, pageSize, jobZone: jobZone as 1 | undefined, brightOutlook, green });
    return q;
  });

  const details = make<DetailsQuery>(5, (rng) => {
    const o = rng.int(codes.length);
    const keyword = rng.chance(0.85) ? codes[o]! : titles[o]!;
    const flags = BENCH_DETAIL_FLAGS.filter(() => rng.chance(0.5));
    const q: DetailsQuery = { kind: 'details', route: '', keyword, flags };
    q.route = detailsRoute({ keyword, location: 'US', sections: Object.fromEntries(flags.map((f) => [f, true])) });
    return q;
  });

  return { softSkills, relatedActivities, search, list, details };
}
