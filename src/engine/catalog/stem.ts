/**
 * Browse STEM occupations (O*NET Web Services v2, stem-occupations-api.txt): the STEM occupation
 * types, the occupations of one type, and all STEM occupations. Type membership comes from the
 * snapshot's `occupations.stemTypes` bit mask (SOC 2018 Attachment C, via the extras list).
 * Orders and tie-breaks: docs/catalog.md.
 */
import { OnetError, validationError } from '../../errors.js';
import { STEM_TYPES } from '../../snapshot/schema.js';
import { jobFamilyOf, occupationHref, tagsOf, type OccupationIndex } from '../occupations.js';
import { buildRoute, page, readWindow, type PageEnvelope } from '../paging.js';
import { checkParams, enumParam, truncate, type Request } from '../request.js';
import type { EngineIndexes } from '../routes.js';
import { compareTitles } from '../text.js';

/** A STEM type as `{code, title}`. */
export interface StemType {
  code: number;
  title: string;
}

let typeOrder: readonly StemType[] | undefined;

/**
 * STEM types in response order: by title (Managerial, Postsecondary Teaching, Research…, Sales,
 * Technologists…). Sorted on first use, not when the module loads: the Worker's start-up runs every
 * module's top level, and this list is only needed by a STEM route.
 */
export function stemTypeOrder(): readonly StemType[] {
  return (typeOrder ??= [...STEM_TYPES].map((t) => ({ code: t.code, title: t.title })).sort((a, b) => compareTitles(a.title, b.title)));
}

/** One entry of `/online/stem_occupations`. */
export interface StemTypeItem {
  href: string;
  code: number;
  title: string;
  job_family: { href: string; code: string; title: string }[];
}

/** One occupation of a STEM listing. */
export interface StemOccupationItem {
  href: string;
  code: string;
  title: string;
  tags: { bright_outlook?: true };
  job_family: { code: string; title: string };
  stem_occupation_type?: StemType[];
}

/** Response of `/online/stem_occupations`: the five types in response order. */
export type StemTypesResponse = StemTypeItem[];

/** Response of `/online/stem_occupations/{type}` and `/online/stem_occupations/all`: one page of occupations. */
export interface StemOccupationsResponse extends PageEnvelope {
  occupation: StemOccupationItem[];
}

/** Sorts of one type's listing (default job_family). */
export const STEM_TYPE_SORTS = ['job_family', 'title', 'code'] as const;
/** Sorts of the all-STEM listing (default title). */
export const STEM_ALL_SORTS = ['job_family', 'title', 'code', 'stem_occupation_type'] as const;
type StemSort = (typeof STEM_ALL_SORTS)[number];

const BASE = '/online/stem_occupations';

function typesOf(mask: number): StemType[] {
  return STEM_TYPES.filter((t) => (mask & (1 << (t.code - 1))) !== 0).map((t) => ({ code: t.code, title: t.title }));
}

/** Job family codes (sorted) of the occupations whose STEM mask intersects `mask`. */
function familiesIn(occ: OccupationIndex, mask: number): string[] {
  const codes = new Set<string>();
  for (let o = 0; o < occ.count; o++) if ((occ.stemTypes[o]! & mask) !== 0) codes.add(`${occ.codes[o]!.slice(0, 2)}-0000`);
  return [...codes].sort();
}

/** `/online/stem_occupations`: the five types, each with the job families present in it. */
export function listStemTypes(ix: EngineIndexes, request: Request): StemTypesResponse {
  checkParams(request.query, []);
  const occ = ix.occupations;
  return stemTypeOrder().map((t) => ({
    href: `${BASE}/${t.code}`,
    code: t.code,
    title: t.title,
    job_family: familiesIn(occ, 1 << (t.code - 1)).map((code) => ({
      href: buildRoute(`${BASE}/${t.code}`, { job_family: code }),
      code,
      title: occ.jobFamilies.get(code) ?? code,
    })),
  }));
}

/** Reads `job_family`: a known `NN-0000` SOC major group. */
function jobFamilyParam(occ: OccupationIndex, query: URLSearchParams): string | undefined {
  const raw = query.get('job_family');
  if (raw === null) return undefined;
  if (!/^\d{2}-0000$/.test(raw)) {
    throw validationError(
      'job_family',
      `"job_family" must be a SOC major group code such as 15-0000; got "${truncate(raw)}"`,
      'List the job families of each type with /online/stem_occupations',
    );
  }
  if (!occ.jobFamilies.has(raw)) {
    throw validationError('job_family', `"${raw}" is not a known job family`, 'List the job families of each type with /online/stem_occupations');
  }
  return raw;
}

/**
 * Comparator for a sort. Tie-breaks (docs/catalog.md): job_family → job family title (the
 * published example lists Architecture and Engineering before Computer and Mathematical) → title → code;
 * title → title → code; code; stem_occupation_type → type codes (ascending, compared as a
 * sequence) → title → code. Rows are in code order and `titleRank` already breaks ties by code.
 */
function comparator(sort: StemSort, occ: OccupationIndex): (a: number, b: number) => number {
  const byTitle = (a: number, b: number) => occ.titleRank[a]! - occ.titleRank[b]!;
  const family = (o: number) => jobFamilyOf(occ, o).title;
  switch (sort) {
    case 'job_family':
      return (a, b) => compareTitles(family(a), family(b)) || byTitle(a, b);
    case 'title':
      return byTitle;
    case 'code':
      return (a, b) => a - b;
    case 'stem_occupation_type':
      return (a, b) => compareTypeMasks(occ.stemTypes[a]!, occ.stemTypes[b]!) || byTitle(a, b);
  }
}

/** Compares the ascending type-code sequences of two masks: [1] < [1, 3] < [2] < [2, 4] < [3]. */
function compareTypeMasks(a: number, b: number): number {
  const x = typesOf(a);
  const y = typesOf(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i]!.code !== y[i]!.code) return x[i]!.code - y[i]!.code;
  return x.length - y.length;
}

/**
 * `/online/stem_occupations/{type}` (type 1–5) and `/online/stem_occupations/all`, with
 * `job_family`, `sort`, `start`, `end`.
 */
export function stemOccupations(ix: EngineIndexes, request: Request, typeSegment: string | undefined): StemOccupationsResponse {
  const all = typeSegment === 'all';
  const type = all ? undefined : STEM_TYPES.find((t) => String(t.code) === typeSegment);
  if (!all && !type) {
    throw new OnetError('NOT_FOUND', `No STEM occupation type "${truncate(typeSegment ?? '')}"`, {
      field: 'type',
      suggestion: 'Types are 1–5 or "all"; list them with /online/stem_occupations',
    });
  }
  const { query } = request;
  checkParams(query, ['job_family', 'sort', 'start', 'end']);
  const occ = ix.occupations;
  const family = jobFamilyParam(occ, query);
  const sort: StemSort = all ? enumParam(query, 'sort', STEM_ALL_SORTS, 'title') : enumParam(query, 'sort', STEM_TYPE_SORTS, 'job_family');
  const window = readWindow(query);

  const mask = type ? 1 << (type.code - 1) : 0xff;
  const rows: number[] = [];
  for (let o = 0; o < occ.count; o++) {
    if ((occ.stemTypes[o]! & mask) === 0) continue;
    if (family !== undefined && !occ.codes[o]!.startsWith(family.slice(0, 3))) continue;
    rows.push(o);
  }
  rows.sort(comparator(sort, occ));

  const path = `${BASE}/${all ? 'all' : type!.code}`;
  const { envelope, items } = page(rows, window, (start, end) => buildRoute(path, { job_family: family, sort: query.has('sort') ? sort : undefined, start, end }));
  const occupation: StemOccupationItem[] = items.map((o) => {
    const item: StemOccupationItem = {
      href: occupationHref(occ.codes[o]!),
      code: occ.codes[o]!,
      title: occ.titles[o]!,
      tags: tagsOf(occ, o),
      job_family: jobFamilyOf(occ, o),
    };
    if (all) item.stem_occupation_type = typesOf(occ.stemTypes[o]!);
    return item;
  });
  return { ...envelope, occupation };
}
