/**
 * Typed request → local route builders, shared by the promise API, the components and the tests.
 * Pure: the engine validates every parameter again, so these only assemble strings.
 */

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
  /** Selected DWA ids (from `occupationActivities(code)`). */
  activities: readonly string[];
  sort?: 'shared' | 'similar' | 'title' | 'code' | 'zone';
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

function query(params: Record<string, string | number | boolean | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value)).replace(/%2C/g, ',')}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** `/online/soft_skills/results?…` */
export function softSkillResultsRoute(q: SoftSkillQuery): string {
  return `/online/soft_skills/results${query({ skills: q.skills.join(','), sort: q.sort, start: q.start, end: q.end })}`;
}

/** `/online/related_activities?keyword=…` */
export function searchRoute(q: SearchQuery): string {
  return `/online/related_activities${query({ keyword: q.keyword, start: q.start, end: q.end })}`;
}

/** `/online/related_activities/activities/{code}` */
export function activitiesRoute(code: string): string {
  return `/online/related_activities/activities/${encodeURIComponent(code)}`;
}

/** `/online/related_activities/results/{code}?activities=…` */
export function relatedActivitiesRoute(q: RelatedActivitiesQuery): string {
  return `/online/related_activities/results/${encodeURIComponent(q.code)}${query({ activities: q.activities.join(','), sort: q.sort, start: q.start, end: q.end })}`;
}

/** `/v1/occupations?…` */
export function occupationListRoute(q: OccupationListQuery = {}): string {
  return `/v1/occupations${query({ page: q.page, page_size: q.pageSize, job_zone: q.jobZone, bright_outlook: q.brightOutlook, green: q.green })}`;
}

/** `/online/stem_occupations/{type|all}?…` */
export function stemRoute(q: StemQuery): string {
  return `/online/stem_occupations/${encodeURIComponent(String(q.type))}${query({ job_family: q.jobFamily, sort: q.sort, start: q.start, end: q.end })}`;
}

/** `/v1/occupation/{keyword}/{location}?…` */
export function detailsRoute(q: DetailsQuery): string {
  return `/v1/occupation/${encodeURIComponent(q.keyword)}/${encodeURIComponent(q.location ?? 'US')}${query({ ...q.sections })}`;
}
