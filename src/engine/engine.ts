/**
 * The engine: pure functions over a decoded snapshot plus the in-memory indexes built once at load.
 * No DOM, IndexedDB, Worker or Node APIs here, so the same engine runs in a Worker, in Node
 * (CLI, tests, benchmarks) and in-page.
 */
import { OnetError, toOnetError, type OnetErrorBody } from '../errors.js';
import type { Snapshot, SnapshotInfo, TableName } from '../snapshot/schema.js';
import { ACTIVITY_INDEX_TABLES, buildActivityIndex, occupationActivities, relatedActivityResults, resolveActivityIds, type ActivityIndex } from './activities.js';
import { buildOccupationIndex } from './occupations.js';
import { careerRoutes, careerWarmUpSteps } from './careers/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { checkParams, parseRoute, routeNotFound, type Request } from './request.js';
import type { EngineIndexes, RouteDef, RouteHandler } from './routes.js';
import { buildSearchIndex, compileLayWords, SEARCH_INDEX_TABLES, relatedActivitiesSearch, type LayWordIndex, type LayWords, type SearchIndex } from './search.js';
import {
  SOFT_SKILL_INDEX_TABLES,
  buildSoftSkillIndex,
  listSoftSkills,
  softSkillResults,
  DEFAULT_HIGH_LEVEL_POLICY,
  type HighLevelPolicy,
  type SoftSkillIndex,
} from './soft-skills.js';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Which soft skills count as "high-level" for an occupation (default {@link DEFAULT_HIGH_LEVEL_POLICY}). */
  highLevelPolicy?: HighLevelPolicy;
  /**
   * Lay words added to (or replacing entries of) the built-in list the keyword search applies, e.g.
   * `{ "barkeep": "bartender", "shrink": ["psychiatrist", "psychologist"] }` (docs/lay-words.md).
   */
  layWords?: LayWords;
}

/** The response of {@link Engine.handle}: a route's JSON, or `{error}` with an HTTP-style status. */
export type RouteResponse = { status: 200; body: unknown } | { status: number; body: { error: OnetErrorBody } };

/** The engine's public surface: one route dispatcher shared by the promise API, the CLI and the tests. */
export interface Engine {
  /** Snapshot facts (release, attribution). */
  readonly info: SnapshotInfo;
  /** The indexes, for typed helpers and benchmarks. */
  readonly indexes: EngineIndexes;
  /**
   * Answers a local route (e.g. `/online/soft_skills/results?skills=2.B.1.a`) with its JSON.
   * Throws an {@link OnetError} (VALIDATION_ERROR, NOT_FOUND, NOT_AVAILABLE) for bad input.
   */
  get(route: string): unknown;
  /** Like {@link Engine.get} but never throws: errors come back as `{status, body: {error}}`. */
  handle(route: string): RouteResponse;
  /**
   * The lazily built indexes as separate steps (soft skills, activities, keyword search), each a
   * no-op once built. A host with idle time runs them one per task after the load, so that no
   * user's first query of a kind pays for its index; they are idempotent and safe to skip.
   */
  warmUpSteps(): readonly (() => void)[];
  /**
   * The tables `route` always reads besides the engine's own (empty when they depend on the
   * request, or for a route that does not parse): a loader fetching sections on demand fetches
   * them together before running it. Never throws.
   */
  tablesFor(route: string): readonly TableName[];
}

/** Matching-engine routes: snapshot facts, soft skills, occupation search, related activities. */
const matchingRoutes: readonly RouteDef[] = [
  { path: '/info', handler: (ix, req) => info(ix, req) },
  { path: '/online/soft_skills', handler: (ix, req) => listSoftSkills(ix.softSkills, req), tables: SOFT_SKILL_INDEX_TABLES },
  { path: '/online/soft_skills/results', handler: (ix, req) => softSkillResults(ix.softSkills, ix.occupations, req), tables: SOFT_SKILL_INDEX_TABLES },
  { path: '/online/related_activities', handler: (ix, req) => relatedActivitiesSearch(ix.search, ix.occupations, req), tables: SEARCH_INDEX_TABLES },
  {
    path: '/online/related_activities/activities/*',
    handler: (ix, req, [code]) => occupationActivities(ix.activities, ix.occupations, req, code),
    tables: ACTIVITY_INDEX_TABLES,
  },
  {
    path: '/online/related_activities/results/*',
    handler: (ix, req, [code]) => relatedActivityResults(ix.activities, ix.occupations, req, code),
    tables: ACTIVITY_INDEX_TABLES,
  },
  { path: '/online/related_activities/resolve', handler: (ix, req) => resolveActivityIds(ix.activities, req), tables: ACTIVITY_INDEX_TABLES },
];

/** `/info`: snapshot release, attribution and the tables it holds. */
function info(ix: EngineIndexes, req: Request) {
  checkParams(req.query, []);
  const lay = ix.layWords;
  return {
    ...ix.snapshot.info,
    tables: Object.keys(ix.snapshot.tables),
    highLevelPolicy: ix.softSkills.policy.name,
    layWords: { version: lay.version, entries: lay.entries.size, hostEntries: lay.hostEntries },
  };
}

/** A compiled route: literal segments, `*` for one path parameter. */
interface RouteSpec {
  readonly pattern: readonly string[];
  readonly handler: RouteHandler;
  readonly tables: readonly TableName[];
}

const routes: readonly RouteSpec[] = [...matchingRoutes, ...catalogRoutes, ...careerRoutes].map((r) => ({
  pattern: r.path.split('/').filter(Boolean),
  handler: r.handler,
  tables: r.tables ?? [],
}));

function match(segments: readonly string[]): { spec: RouteSpec; params: string[] } | undefined {
  for (const spec of routes) {
    if (spec.pattern.length !== segments.length) continue;
    const params: string[] = [];
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      if (spec.pattern[i] === '*') params.push(segments[i]!);
      else ok = spec.pattern[i] === segments[i];
    }
    if (ok) return { spec, params };
  }
  return undefined;
}

/**
 * Builds the occupation index for `snapshot` and returns the engine; the other indexes are built on
 * first use (see {@link Engine.warmUpSteps}), except the soft-skill index of a caller's own
 * high-level policy: built now, so a policy that does not fit the snapshot fails here, not on a query.
 */
export function createEngine(snapshot: Snapshot, options: EngineOptions = {}): Engine {
  const occupations = buildOccupationIndex(snapshot);
  const policy = options.highLevelPolicy ?? DEFAULT_HIGH_LEVEL_POLICY;
  // Compiled now: a malformed host list fails here, not on a query.
  const layWords: LayWordIndex = compileLayWords(options.layWords);
  let softSkills: SoftSkillIndex | undefined;
  let activities: ActivityIndex | undefined;
  let searchIndex: SearchIndex | undefined;
  const indexes: EngineIndexes = {
    snapshot,
    occupations,
    get softSkills() {
      return (softSkills ??= buildSoftSkillIndex(snapshot, occupations, policy));
    },
    get activities() {
      return (activities ??= buildActivityIndex(snapshot, occupations));
    },
    layWords,
    search: () => (searchIndex ??= buildSearchIndex(snapshot, occupations, layWords)),
  };
  if (options.highLevelPolicy) void indexes.softSkills;
  const get = (route: string): unknown => {
    const request = parseRoute(route);
    const found = match(request.segments);
    if (!found) routeNotFound(request);
    return found.spec.handler(indexes, request, found.params);
  };
  return {
    info: snapshot.info,
    indexes,
    get,
    tablesFor(route) {
      try {
        return match(parseRoute(route).segments)?.spec.tables ?? [];
      } catch {
        return [];
      }
    },
    warmUpSteps: () => [() => void indexes.softSkills, () => void indexes.activities, () => void indexes.search(), ...careerWarmUpSteps(indexes)],
    handle(route) {
      try {
        return { status: 200, body: get(route) };
      } catch (error) {
        const e = toOnetError(error);
        return { status: e.status, body: { error: e.toJSON() } };
      }
    },
  };
}

export { OnetError };
export type { EngineIndexes };
/** The snapshot decoder, for hosts that run the engine themselves (package entry `onet-match/engine`). */
export { decodeSnapshot, decodeSections, inflateSections } from '../snapshot/codec.js';
export type { Snapshot, SnapshotInfo } from '../snapshot/schema.js';
