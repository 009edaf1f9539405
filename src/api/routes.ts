/**
 * Typed request → local route builders, shared by the promise API, the components and the tests.
 * Pure. Each builder checks that the argument can become a route faithfully (src/api/validate.ts:
 * an object with only the documented properties, scalar values, lists of strings) and throws a
 * VALIDATION_ERROR OnetError otherwise; the engine validates every value (types, ranges, enums,
 * known codes) when it answers the route.
 */
import { encode, readArgs, routeQuery } from './validate.js';

/** Paging window (1-based, inclusive). */
export interface Range {
  /** First result, 1-based (default 1). */
  start?: number;
  /** Last result (default start + 19). */
  end?: number;
}

/** Parameters of the soft-skills results route. */
export interface SoftSkillQuery extends Range {
  /** Selected soft-skill codes (from `softSkills()`). */
  skills: readonly string[];
  sort?: 'skills_covered' | 'my_matches' | 'title' | 'code' | 'zone';
}

/** Parameters of the occupation keyword search. */
export interface SearchQuery extends Range {
  keyword: string;
}

/** Parameters of the related-activities results route. */
export interface RelatedActivitiesQuery extends Range {
  /** The user's current occupation (O*NET-SOC code). */
  code: string;
  /** Selected DWA ids (from `occupationActivities(code)`; IDs of the other O*NET layout too when the snapshot was built with `--pair-with`). */
  activities: readonly string[];
  sort?: 'shared' | 'similar' | 'title' | 'code' | 'zone';
}

/** Parameters of the DWA ID resolution route. */
export interface ResolveActivitiesQuery {
  /** DWA ids of either O*NET layout (classic `4.A.4.b.4.I09.D03`, modern `4.A.4.b.4.j.12`). */
  activities: readonly string[];
}

/** Parameters of the occupation list route. */
export interface OccupationListQuery {
  page?: number;
  pageSize?: number;
  jobZone?: 1 | 2 | 3 | 4 | 5;
  brightOutlook?: boolean;
  green?: boolean;
}

/** Parameters of the STEM occupations routes. */
export interface StemQuery extends Range {
  /** STEM type code 1–5, or 'all'. */
  type: number | 'all';
  /** SOC major group, e.g. '15-0000'. */
  jobFamily?: string;
  sort?: 'job_family' | 'title' | 'code' | 'stem_occupation_type';
}

/** Parameters of the occupation details route. */
export interface DetailsQuery {
  /** O*NET-SOC code or exact occupation title. */
  keyword: string;
  /** Location (only national O*NET data exists; default 'US'). */
  location?: string;
  /** Section flags as in the CareerOneStop API (e.g. `{ tasks: true, skills: true }`). */
  sections?: Readonly<Record<string, boolean>>;
}

const RANGE = ' start end';

/** `/online/soft_skills/results?…` */
export function softSkillResultsRoute(q: SoftSkillQuery): string {
  return `/online/soft_skills/results${routeQuery(readArgs(q, 'skills sort' + RANGE, ['skills']))}`;
}

/** `/online/related_activities?keyword=…` */
export function searchRoute(q: SearchQuery): string {
  return `/online/related_activities${routeQuery(readArgs(q, 'keyword' + RANGE, ['keyword']))}`;
}

/** `/online/related_activities/activities/{code}` */
export function activitiesRoute(code: string): string {
  return `/online/related_activities/activities/${encode(readArgs({ code }, 'code', ['code']).code, 'code')}`;
}

/** `/online/related_activities/results/{code}?activities=…` */
export function relatedActivitiesRoute(q: RelatedActivitiesQuery): string {
  const { code, ...rest } = readArgs(q, 'code activities sort' + RANGE, ['code', 'activities']);
  return `/online/related_activities/results/${encode(code, 'code')}${routeQuery(rest)}`;
}

/** `/online/related_activities/resolve?activities=…` */
export function resolveActivitiesRoute(q: ResolveActivitiesQuery): string {
  return `/online/related_activities/resolve${routeQuery(readArgs(q, 'activities', ['activities']))}`;
}

/** `/v1/occupations?…` */
export function occupationListRoute(q: OccupationListQuery = {}): string {
  return `/v1/occupations${routeQuery(readArgs(q, 'page pageSize:page_size jobZone:job_zone brightOutlook:bright_outlook green'))}`;
}

/** `/online/stem_occupations/{type|all}?…` */
export function stemRoute(q: StemQuery): string {
  const { type, ...rest } = readArgs(q, 'type jobFamily:job_family sort' + RANGE, ['type']);
  return `/online/stem_occupations/${encode(type, 'type')}${routeQuery(rest)}`;
}

/** `/v1/occupation/{keyword}/{location}?…` */
export function detailsRoute(q: DetailsQuery): string {
  const { keyword, location = 'US', sections = {} } = readArgs(q, 'keyword location sections', ['keyword']);
  return `/v1/occupation/${encode(keyword, 'keyword')}/${encode(location, 'location')}${routeQuery(sections as Record<string, unknown>)}`;
}
