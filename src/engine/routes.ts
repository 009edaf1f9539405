/**
 * Route table types, and the response type of every route the promise API has a typed method
 * for. Each capability module exports its routes; engine.ts assembles them into one dispatcher, so
 * the promise API, the CLI and the tests share exactly one `get(route)`.
 */
import type { Snapshot, TableName } from '../snapshot/schema.js';
import type { ActivityIndex, occupationActivities, relatedActivityResults, resolveActivityIds } from './activities.js';
import type { OccupationIndex } from './occupations.js';
import type { interestResults } from './interests/interests.js';
import type { Request } from './request.js';
import type { LayWordIndex, relatedActivitiesSearch, SearchIndex } from './search.js';
import type { listSoftSkills, softSkillResults, SoftSkillIndex } from './soft-skills.js';

export type * from './catalog/routes.js';
export type { CareerChangerResults, RateableSkill } from './careers/career-changers.js';

/** Response of `/online/interests/results`. */
export type InterestResults = ReturnType<typeof interestResults>;

/** Response of `/online/soft_skills`. */
export type SoftSkillList = ReturnType<typeof listSoftSkills>;
/** Response of `/online/soft_skills/results`. */
export type SoftSkillResults = ReturnType<typeof softSkillResults>;
/** Response of `/online/related_activities`. */
export type OccupationSearchResults = ReturnType<typeof relatedActivitiesSearch>;
/** Response of `/online/related_activities/activities/{code}`. */
export type ActivityList = ReturnType<typeof occupationActivities>;
/** Response of `/online/related_activities/results/{code}`. */
export type RelatedActivitiesResults = ReturnType<typeof relatedActivityResults>;
/** Response of `/online/related_activities/resolve`. */
export type ActivityResolution = ReturnType<typeof resolveActivityIds>;

/**
 * The in-memory indexes the routes read. Every index but `occupations` is built on first read
 * (the properties are getters), so a load pays only for what its first answers need.
 */
export interface EngineIndexes {
  readonly snapshot: Snapshot;
  readonly occupations: OccupationIndex;
  /** Built on first read. */
  readonly softSkills: SoftSkillIndex;
  /** Built on first read. */
  readonly activities: ActivityIndex;
  /** The lay words the keyword search applies (built-in list plus the host's). */
  readonly layWords: LayWordIndex;
  /** Built on first use: the keyword search index is the largest and only the search needs it. */
  search(): SearchIndex;
}

/** A route handler: indexes, the parsed request and the path parameters matched by `*`. */
export type RouteHandler = (indexes: EngineIndexes, request: Request, params: readonly string[]) => unknown;

/** A route: literal path segments and `*` for one path parameter, e.g. `/v1/occupation/*\/*`. */
export interface RouteDef {
  readonly path: string;
  readonly handler: RouteHandler;
  /**
   * Tables the route always reads besides the engine's own (the index it answers from), for a
   * loader that fetches sections on demand: it fetches them together instead of one after the
   * other as the route would discover them. Absent when the tables depend on the request.
   */
  readonly tables?: readonly TableName[];
}
