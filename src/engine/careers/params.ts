/**
 * Query parameters shared by the career routes (careers like mine, careers that fit my
 * interests): the job-zone and Bright Outlook filters and the person's skill profile. Every
 * problem is a VALIDATION_ERROR naming the parameter, with a suggestion.
 */
import { validationError } from '../../errors.js';
import { booleanValue } from '../catalog/common.js';
import type { OccupationIndex } from '../occupations.js';
import { truncate } from '../request.js';
import type { RatingDomain } from './profiles.js';

/** An occupation filter: job zones `min`–`max` (none: every zone, and occupations without one), Bright Outlook. */
export interface OccupationFilter {
  readonly zone?: { readonly min: number; readonly max: number };
  /** true: only Bright Outlook occupations; false: only the others. */
  readonly bright?: boolean;
}

/**
 * `job_zone`: `3` (exactly zone 3) or `1-3` (zones 1 to 3: a maximum is a range from 1). Zones are
 * 1–5. An occupation without a job zone passes only when no job_zone is given.
 */
function jobZoneFilter(raw: string | null): OccupationFilter['zone'] {
  if (raw === null) return undefined;
  const m = /^([1-5])(?:-([1-5]))?$/.exec(raw);
  if (!m)
    throw validationError(
      'job_zone',
      `"job_zone" must be a zone from 1 to 5 (job_zone=3) or a range (job_zone=1-3); got "${truncate(raw)}"`,
      'Use job_zone=3 for exactly zone 3, job_zone=1-3 for zone 3 at most',
    );
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min > max) throw validationError('job_zone', `"job_zone" range ${raw} is empty: the first zone must not be greater than the second`, `Use job_zone=${max}-${min}`);
  return { min, max };
}

/** Reads `job_zone` and `bright_outlook`. */
export function readFilter(query: URLSearchParams): OccupationFilter {
  const bright = query.get('bright_outlook');
  return { zone: jobZoneFilter(query.get('job_zone')), bright: bright === null ? undefined : booleanValue('bright_outlook', bright) };
}

/** True when occupation `o` passes the filter. */
export function passes(filter: OccupationFilter, occupations: OccupationIndex, o: number): boolean {
  if (filter.zone) {
    const z = occupations.jobZone[o]!;
    if (z < filter.zone.min || z > filter.zone.max) return false;
  }
  if (filter.bright !== undefined && (occupations.brightOutlook[o]! !== 0) !== filter.bright) return false;
  return true;
}

/** The filter parameters as given, for prev/next links. */
export function filterParams(query: URLSearchParams): Record<string, string | undefined> {
  return { job_zone: query.get('job_zone') ?? undefined, bright_outlook: query.get('bright_outlook') ?? undefined };
}

/** A person's skill: element position in the skills domain and level on LV 0–7. */
export interface PersonSkill {
  readonly element: number;
  readonly level: number;
}

/**
 * `skills=2.A.1.a:4,2.B.1.a:3.5`: up to every skill of the snapshot (35 in O*NET), each a skill
 * element id, a colon and a level on O*NET's level scale 0–7 (decimals allowed). Each skill once.
 */
export function readPersonSkills(raw: string | null, skills: RatingDomain): PersonSkill[] {
  const example = `${skills.codes[0] ?? '2.A.1.a'}:4,${skills.codes[1] ?? '2.A.1.b'}:3`;
  if (raw === null || raw.trim() === '')
    throw validationError('skills', '"skills" is required', `Rate skills on O*NET's level scale 0–7, e.g. skills=${example}; list them with /online/career_changers/skills`);
  const items = raw.split(',').map((s) => s.trim());
  if (items.length > skills.codes.length) throw validationError('skills', `"skills" lists ${items.length} skills; there are ${skills.codes.length}`, 'Give each skill once');
  const seen = new Set<number>();
  return items.map((item) => {
    const m = /^([^:]+):(\d+(?:\.\d+)?)$/.exec(item);
    if (!m) throw validationError('skills', `"${truncate(item)}" is not a skill with a level`, `Write each skill as code:level, e.g. skills=${example}`);
    const element = skills.indexOf(m[1]!);
    if (element === undefined) {
      const well = /^\d(\.[A-Za-z0-9]+)+$/.test(m[1]!);
      throw validationError(
        'skills',
        well ? `"${truncate(m[1]!)}" is not one of the skills` : `"${truncate(m[1]!)}" is not a skill code`,
        'List the skills with /online/career_changers/skills',
      );
    }
    const level = Number(m[2]);
    if (!(level >= 0 && level <= 7))
      throw validationError('skills', `Level ${truncate(m[2]!)} of ${m[1]} is outside O*NET's level scale 0–7`, `Use a level from 0 to 7, e.g. ${m[1]}:4`);
    if (seen.has(element)) throw validationError('skills', `${m[1]} is given more than once`, 'Give each skill once');
    seen.add(element);
    return { element, level };
  });
}
