/**
 * Typed request → local route builders of the career routes (careers like mine, careers that fit
 * my interests), used by the promise API and the career explorer element. Same contract as
 * ./routes.ts: arguments are checked so they become a route faithfully; the engine checks values.
 */
import { encode, INVALID, isScalar, MAX_LIST_ITEMS, readArgs, routeQuery } from './validate.js';
import type { Range } from './routes.js';

/** Filters shared by the career routes. */
export interface CareerFilters extends Range {
  /** Job zone: `3` (exactly) or `'1-3'` (a range; a maximum is a range from 1). */
  jobZone?: number | string;
  /** true: only Bright Outlook occupations; false: only the others. */
  brightOutlook?: boolean;
}

/** Parameters of `/online/career_changers/{code}`. */
export interface CareerChangersQuery extends CareerFilters {
  /** The person's occupation (O*NET-SOC code). */
  code: string;
  sort?: 'similarity' | 'zone' | 'title' | 'code';
}

/** Parameters of `/online/career_changers/results`: the person's own skill levels. */
export interface SkillProfileQuery extends CareerFilters {
  /** Skill element id → level on O*NET's level scale 0–7 (at most every skill once). */
  skills: Readonly<Record<string, number>>;
  sort?: 'similarity' | 'zone' | 'title' | 'code';
}

/** Parameters of `/online/interests/results`: six scores, or a high-point code. */
export interface InterestQuery extends CareerFilters {
  realistic?: number;
  investigative?: number;
  artistic?: number;
  social?: number;
  enterprising?: number;
  conventional?: number;
  /** 'oi' (default): O*NET's 1–7 occupational-interest scale; 'ip': Interest Profiler raw scores 0–40. */
  scale?: 'oi' | 'ip';
  /** High-point code instead of scores, e.g. 'SIA'. */
  code?: string;
  sort?: 'fit' | 'zone' | 'title' | 'code';
}

const FILTERS = ' jobZone:job_zone brightOutlook:bright_outlook sort start end';

/** `/online/career_changers/{code}?…` */
export function careerChangersRoute(q: CareerChangersQuery): string {
  const { code, ...rest } = readArgs(q, 'code' + FILTERS, ['code'], 'query', careerValue);
  return `/online/career_changers/${encode(code, 'code')}${routeQuery(rest)}`;
}

/** A route value: a string, number or boolean; `skills`: an object of element id → finite level, as `id:level,…`. */
function careerValue(value: unknown, param: string): unknown {
  if (param !== 'skills') return isScalar(value) ? value : INVALID;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return INVALID;
  const entries = Object.entries(value);
  const ok = entries.length > 0 && entries.length <= MAX_LIST_ITEMS && entries.every(([k, v]) => !/[,:]/.test(k) && typeof v === 'number' && Number.isFinite(v));
  return ok ? entries.map(([k, v]) => `${k}:${v}`).join(',') : INVALID;
}

/** `/online/career_changers/results?skills=code:level,…` */
export function skillProfileRoute(q: SkillProfileQuery): string {
  return `/online/career_changers/results${routeQuery(readArgs(q, 'skills' + FILTERS, ['skills'], 'query', careerValue))}`;
}

/** `/online/interests/results?…` */
export function interestRoute(q: InterestQuery): string {
  return `/online/interests/results${routeQuery(readArgs(q, 'realistic investigative artistic social enterprising conventional scale code' + FILTERS, [], 'query', careerValue))}`;
}
