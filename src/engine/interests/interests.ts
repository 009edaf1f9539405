/**
 * "Careers that fit my interests": occupations ranked by how well their Interests profile (O*NET's
 * six RIASEC occupational-interest scores, OI 1–7) fits a person's six scores or high-point code.
 * This is not the official O*NET Interest Profiler scoring (which matches high-point codes within
 * job zones); the rule is documented in docs/ranking.md ("Careers that fit my interests").
 */
import { OnetError, validationError } from '../../errors.js';
import { str, type Snapshot } from '../../snapshot/schema.js';
import { memoised } from '../catalog/common.js';
import { jobZoneOf, occupationHref, tagsOf, type OccupationIndex } from '../occupations.js';
import { buildRoute, page, readWindow } from '../paging.js';
import { checkParams, enumParam, truncate, type Request } from '../request.js';
import type { EngineIndexes } from '../routes.js';
import { filterParams, passes, readFilter } from '../careers/params.js';
import { RIASEC } from '../careers/similarity.js';
import { readSpecificInterests, SPECIFIC_INTERESTS_TABLE, topSpecificInterests, type SpecificInterestIndex } from './specific.js';

/** The six areas: query parameter, letter, title, element id. */
export const INTEREST_AREAS = [
  { param: 'realistic', letter: 'R', title: 'Realistic', element: RIASEC[0] },
  { param: 'investigative', letter: 'I', title: 'Investigative', element: RIASEC[1] },
  { param: 'artistic', letter: 'A', title: 'Artistic', element: RIASEC[2] },
  { param: 'social', letter: 'S', title: 'Social', element: RIASEC[3] },
  { param: 'enterprising', letter: 'E', title: 'Enterprising', element: RIASEC[4] },
  { param: 'conventional', letter: 'C', title: 'Conventional', element: RIASEC[5] },
] as const;

/** Element ids of the high-point codes (value 1–6 = area, 0 = none). */
const HIGH_POINTS = ['1.B.1.g', '1.B.1.h', '1.B.1.i'];

/** Every occupation's OI scores and high-point areas. */
export interface InterestIndex {
  /** OI (1–7) of occupation o, area a at `o * 6 + a`. */
  readonly scores: Float32Array;
  /** 1 when the occupation has all six OI scores. */
  readonly has: Uint8Array;
  /** High-point areas (0–5) of each occupation, up to three, `-1` where none: `o * 3 + k`. */
  readonly highPoints: Int8Array;
  /** Specific Interest Areas, when the snapshot has them (see ./specific.ts). */
  readonly specific: SpecificInterestIndex | undefined;
}

/**
 * The tables {@link interestIndex} reads (test/node/engine-tables.test.ts pins it); the specific
 * interests only when the snapshot has them (releases from 30.0 on).
 */
export const INTEREST_INDEX_TABLES = ['interests', 'elements', SPECIFIC_INTERESTS_TABLE] as const;

/** Builds the interest index (memoised per snapshot). */
export function interestIndex(snapshot: Snapshot, occupations: OccupationIndex): InterestIndex {
  return memoised(snapshot, 'interests', () => {
    const n = occupations.count;
    const scores = new Float32Array(n * 6);
    const count = new Uint8Array(n);
    const highPoints = new Int8Array(n * 3).fill(-1);
    const table = snapshot.tables.interests;
    const elements = snapshot.tables.elements;
    if (table && elements) {
      const { occ, element, scale, value } = table.columns;
      for (let r = 0; r < table.rows; r++) {
        const id = str(elements.columns.id, element[r]!);
        const sc = str(scale, r);
        const o = occ[r]!;
        if (sc === 'OI') {
          const a = (RIASEC as readonly string[]).indexOf(id);
          if (a >= 0) {
            scores[o * 6 + a] = value[r]! / 100;
            count[o]!++;
          }
        } else if (sc === 'IH') {
          const k = HIGH_POINTS.indexOf(id);
          const area = Math.round(value[r]! / 100);
          if (k >= 0 && area >= 1 && area <= 6) highPoints[o * 3 + k] = area - 1;
        }
      }
    }
    return { scores, has: count.map((c) => (c === 6 ? 1 : 0)), highPoints, specific: readSpecificInterests(snapshot, occupations) };
  });
}

/** Scales the six scores may be given on. */
export const INTEREST_SCALES = ['oi', 'ip'] as const;
/** Sorts of the interests results route. */
export const INTEREST_SORTS = ['fit', 'zone', 'title', 'code'] as const;
/** One of {@link INTEREST_SORTS}. */
export type InterestSort = (typeof INTEREST_SORTS)[number];

/** The profile a high-point code stands for: its first, second and third letters, then the rest (OI scale). */
export const HIGH_POINT_PROFILE = [7, 5.5, 4] as const;
/** The OI value of the areas a high-point code does not name. */
export const HIGH_POINT_REST = 1;

/**
 * The person's six scores on the OI scale (1–7). `scale=ip` reads the Interest Profiler's raw
 * scores (0–40 each, 12 items × … as the short form reports them) and maps them linearly onto 1–7:
 * OI = 1 + 6 × raw / 40. `code=SIA` builds {@link HIGH_POINT_PROFILE}.
 */
function readPersonInterests(query: URLSearchParams): number[] {
  const code = query.get('code');
  const given = INTEREST_AREAS.filter((a) => query.has(a.param));
  if (code !== null) {
    if (given.length)
      throw validationError('code', `Give either "code" or the six scores, not both (got ${given[0]!.param} too)`, 'Use code=SIA, or realistic=…&investigative=…&…&conventional=…');
    if (query.has('scale')) throw validationError('scale', '"scale" applies to the six scores, not to "code"', 'Drop scale, or give the six scores');
    const letters = code.toUpperCase();
    if (!/^[RIASEC]{1,3}$/.test(letters) || new Set(letters).size !== letters.length) {
      throw validationError(
        'code',
        `"code" must be one to three different RIASEC letters; got "${truncate(code)}"`,
        'Use a high-point code such as code=SIA (R Realistic, I Investigative, A Artistic, S Social, E Enterprising, C Conventional)',
      );
    }
    const profile = INTEREST_AREAS.map(() => HIGH_POINT_REST as number);
    [...letters].forEach((l, k) => (profile[INTEREST_AREAS.findIndex((a) => a.letter === l)] = HIGH_POINT_PROFILE[k]!));
    return profile;
  }
  const scale = enumParam(query, 'scale', INTEREST_SCALES, 'oi');
  if (!given.length)
    throw validationError(
      'realistic',
      'Give the six interest scores or a high-point code',
      'Use realistic=…&investigative=…&artistic=…&social=…&enterprising=…&conventional=… (OI scale 1–7), or code=SIA',
    );
  const [lo, hi] = scale === 'oi' ? [1, 7] : [0, 40];
  const profile = INTEREST_AREAS.map((a) => {
    const raw = query.get(a.param);
    if (raw === null) throw validationError(a.param, `"${a.param}" is missing: give all six scores`, `Add ${a.param}=… (${lo}–${hi})`);
    if (!/^\d{1,2}(?:\.\d{1,4})?$/.test(raw)) throw validationError(a.param, `"${a.param}" must be a number; got "${truncate(raw)}"`, `Use a score from ${lo} to ${hi}`);
    const v = Number(raw);
    if (v < lo || v > hi) {
      throw validationError(
        a.param,
        `"${a.param}" ${raw} is outside the ${scale === 'oi' ? 'O*NET occupational-interest scale 1–7' : "Interest Profiler's raw-score range 0–40"}`,
        scale === 'oi' && v <= 40 ? 'For Interest Profiler raw scores (0–40) add scale=ip' : `Use a score from ${lo} to ${hi}`,
      );
    }
    return scale === 'oi' ? v : 1 + (6 * v) / 40;
  });
  if (profile.every((v) => v === profile[0])) {
    throw new OnetError('VALIDATION_ERROR', 'All six scores are equal: there is no strongest interest to match', {
      field: 'realistic',
      suggestion: 'Rate the areas differently, or give your high-point code (code=SIA)',
      errors: INTEREST_AREAS.map((a) => ({ field: a.param, message: 'All six scores are equal' })),
    });
  }
  return profile;
}

/** Fit labels: the correlation thresholds, highest first. */
export const FIT_LABELS = [
  { label: 'great', min: 0.8 },
  { label: 'good', min: 0.6 },
  { label: 'fair', min: 0.3 },
  { label: 'poor', min: -Infinity },
] as const;

/** Pearson correlation of two six-score profiles (0 when either is flat). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < 6; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= 6;
  mb /= 6;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < 6; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** The person's high-point areas: their three highest scores (ties in RIASEC order), only those above their own mean. */
function personHighPoints(profile: readonly number[]): number[] {
  const mean = profile.reduce((s, v) => s + v, 0) / 6;
  return [0, 1, 2, 3, 4, 5]
    .filter((a) => profile[a]! > mean)
    .sort((a, b) => profile[b]! - profile[a]! || a - b)
    .slice(0, 3);
}

/** One occupation of the interests results. */
export interface InterestResult {
  href: string;
  code: string;
  title: string;
  tags: { bright_outlook?: true };
  job_zone: { code: number; title: string } | null;
  /** 0–100: the correlation of the two profiles mapped from −1…1. */
  fit: number;
  fit_label: (typeof FIT_LABELS)[number]['label'];
  /** The occupation's high-point code (e.g. "SIA"). */
  high_point: string;
  /** Areas in both the occupation's and the person's high-point code, in the occupation's order. */
  matching_interests: { letter: string; title: string; score: number }[];
  /** The occupation's strongest Specific Interest Areas; present only when the snapshot has them. */
  specific_interests?: { code: string; title: string; score: number }[];
}

/** `/online/interests/results?realistic=…&…&conventional=…[&scale=ip] | ?code=SIA`, `job_zone`, `bright_outlook`, `sort`, `start`, `end`. */
export function interestResults(ix: EngineIndexes, request: Request) {
  const { query } = request;
  checkParams(query, [...INTEREST_AREAS.map((a) => a.param), 'scale', 'code', 'job_zone', 'bright_outlook', 'sort', 'start', 'end']);
  const profile = readPersonInterests(query);
  const filter = readFilter(query);
  const sort = enumParam(query, 'sort', INTEREST_SORTS, 'fit');
  const window = readWindow(query);
  const occupations = ix.occupations;
  const index = interestIndex(ix.snapshot, occupations);
  if (!index.has.some((h) => h === 1)) throw new OnetError('NOT_AVAILABLE', 'This snapshot has no Interests data', { field: 'interests' });

  const n = occupations.count;
  const fit = new Float64Array(n);
  const distance = new Float64Array(n);
  const rows: number[] = [];
  for (let o = 0; o < n; o++) {
    if (!index.has[o] || !passes(filter, occupations, o)) continue;
    const own = index.scores.subarray(o * 6, o * 6 + 6);
    fit[o] = correlation(profile, own);
    let d = 0;
    for (let a = 0; a < 6; a++) d += (profile[a]! - own[a]!) ** 2;
    distance[o] = d;
    rows.push(o);
  }
  const byTitle = (a: number, b: number) => occupations.titleRank[a]! - occupations.titleRank[b]!;
  const byFit = (a: number, b: number) => fit[b]! - fit[a]! || distance[a]! - distance[b]!;
  const zone = (o: number) => (occupations.jobZone[o]! === 0 ? 99 : occupations.jobZone[o]!);
  if (sort === 'fit') rows.sort((a, b) => byFit(a, b) || byTitle(a, b));
  else if (sort === 'zone') rows.sort((a, b) => zone(a) - zone(b) || byFit(a, b) || byTitle(a, b));
  else if (sort === 'title') rows.sort(byTitle);

  const params: Record<string, string | undefined> = {};
  for (const key of [...INTEREST_AREAS.map((a) => a.param), 'scale', 'code']) params[key] = query.get(key) ?? undefined;
  const { envelope, items } = page(rows, window, (start, end) =>
    buildRoute('/online/interests/results', { ...params, ...filterParams(query), sort: query.has('sort') ? sort : undefined, start, end }),
  );
  const mine = new Set(personHighPoints(profile));
  const occupation: InterestResult[] = items.map((o) => {
    const r = fit[o]!;
    const highs = [0, 1, 2].map((k) => index.highPoints[o * 3 + k]!).filter((a) => a >= 0);
    const result: InterestResult = {
      href: occupationHref(occupations.codes[o]!),
      code: occupations.codes[o]!,
      title: occupations.titles[o]!,
      tags: tagsOf(occupations, o),
      job_zone: jobZoneOf(occupations, o),
      fit: Math.round(50 * (r + 1)),
      fit_label: FIT_LABELS.find((l) => r >= l.min)!.label,
      high_point: highs.map((a) => INTEREST_AREAS[a]!.letter).join(''),
      matching_interests: highs
        .filter((a) => mine.has(a))
        .map((a) => ({ letter: INTEREST_AREAS[a]!.letter, title: INTEREST_AREAS[a]!.title, score: interestScore(index.scores[o * 6 + a]!) })),
    };
    if (index.specific) result.specific_interests = topSpecificInterests(index.specific, o);
    return result;
  });
  return { ...envelope, occupation };
}

/** An OI score (1–7) on 0–100, as O*NET Web Services publishes interest scores: (OI − 1) / 6 × 100, truncated. */
function interestScore(oi: number): number {
  return Math.floor(Math.max(0, Math.round(oi * 100) - 100) / 6);
}
