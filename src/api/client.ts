/**
 * The promise API for single-page apps:
 *
 *   import { openEngine } from 'onet-match';
 *   const engine = await openEngine({ snapshot: '/snapshot/manifest.json', onProgress: console.log });
 *   const page = await engine.softSkillResults({ skills: ['2.B.1.a'] });
 *
 * The engine runs in a module Worker (comlink); without Worker support, or with `mode: 'inline'`,
 * the same code runs in-page from a lazily loaded chunk. Every method rejects with an
 * {@link OnetError} whose `code` survived the Worker boundary.
 */
import { proxy } from 'comlink';
import { OnetError, toOnetError, validationError } from '../errors.js';
import { INVALID, MAX_TIMEOUT_MS, readArgs, typeName } from './validate.js';
import { installErrorTransfer } from '../transfer.js';
import { getDefaultWorkerUrl } from '../worker-url.js';
import { ResilientWorker } from './worker-backend.js';
import type { Progress } from '../../worker/loader.js';
import type { LoadSummary, WorkerApi, WorkerOpenOptions } from '../../worker/worker.js';
import type { softSkillResults, listSoftSkills } from '../engine/soft-skills.js';
import type { relatedActivityResults, occupationActivities } from '../engine/activities.js';
import type { relatedActivitiesSearch } from '../engine/search.js';
import type { CareerChangerResults, RateableSkill } from '../engine/careers/career-changers.js';
import type { interestResults } from '../engine/interests/interests.js';
import { careerChangersRoute, interestRoute, skillProfileRoute, type CareerChangersQuery, type InterestQuery, type SkillProfileQuery } from './career-routes.js';
import {
  activitiesRoute,
  detailsRoute,
  occupationListRoute,
  relatedActivitiesRoute,
  searchRoute,
  softSkillResultsRoute,
  stemRoute,
  type DetailsQuery,
  type OccupationListQuery,
  type RelatedActivitiesQuery,
  type SearchQuery,
  type SoftSkillQuery,
  type StemQuery,
} from './routes.js';

export type { Progress, LoadSummary };

/** Options of {@link openEngine}. */
export interface OpenEngineOptions {
  /** URL of the snapshot's manifest.json, resolved against the document (default 'snapshot/manifest.json'). */
  snapshot?: string | URL;
  /** Progress of the install or warm start (stage and bytes). */
  onProgress?: (progress: Progress) => void;
  /** Aborts opening: the promise rejects with ABORTED and the Worker is terminated. */
  signal?: AbortSignal;
  /** 'worker' (default when available) or 'inline' (same engine on the main thread). */
  mode?: 'auto' | 'worker' | 'inline';
  /** 'memory' never touches IndexedDB; default uses IndexedDB and falls back to memory when it is unavailable. */
  storage?: 'indexeddb' | 'memory';
  /** IndexedDB database name (default 'onet-match'). */
  dbName?: string;
  /** Per-request inactivity timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Serve only the installed snapshot; never touch the network. */
  offline?: boolean;
  /** Serve the installed snapshot when updating fails (default true); see docs/install-and-storage.md. */
  fallbackToInstalled?: boolean;
  /** Worker script URL override, for hosts that serve the Worker chunk from elsewhere (default: see setDefaultWorkerUrl). */
  workerUrl?: string | URL;
  /** Creates the engine's Worker (advanced: custom Worker setup; tests). Overrides `workerUrl`. */
  createWorker?: () => Worker;
  /**
   * How long one query may take before the Worker is presumed dead and replaced (default 15 000 ms).
   * Queries take milliseconds; this only bounds how long a call can hang on a crashed Worker.
   */
  callTimeoutMs?: number;
  /**
   * Build the keyword-search, activity and soft-skill indexes in the Worker's idle time after the
   * load (default true), so that no first query of a kind waits for its index. `false` builds each
   * on its first use only: less memory for hosts that use one feature (with every index built the
   * Worker holds 22.9 MB instead of 16.2 MB after the load, in `npm run bench`).
   */
  warmUp?: boolean;
}

/** Default for {@link OpenEngineOptions.callTimeoutMs}. */
export const DEFAULT_CALL_TIMEOUT_MS = 15_000;

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

/** Response of `/online/interests/results`. */
export type InterestResults = ReturnType<typeof interestResults>;
export type { CareerChangerResults, RateableSkill, CareerChangersQuery, InterestQuery, SkillProfileQuery };

/** An open engine. */
export interface OnetEngine {
  /** Where it runs. */
  readonly mode: 'worker' | 'inline';
  /** Facts of the load: release, storage ('memory' when IndexedDB was unavailable), warnings. */
  readonly summary: LoadSummary;
  /** Any local route, exactly as the CLI prints it. */
  get(route: string): Promise<unknown>;
  /** Social and thinking soft skills with descriptions and level examples. */
  softSkills(): Promise<SoftSkillList>;
  /** Occupations ranked by coverage of the selected soft skills. */
  softSkillResults(query: SoftSkillQuery): Promise<SoftSkillResults>;
  /** Occupation keyword search (code, title, alternate and reported titles). */
  searchOccupations(query: SearchQuery): Promise<OccupationSearchResults>;
  /** An occupation's detailed work activities. */
  occupationActivities(code: string): Promise<ActivityList>;
  /** Occupations sharing / with activities similar to the selected ones. */
  relatedActivities(query: RelatedActivitiesQuery): Promise<RelatedActivitiesResults>;
  /** Paginated occupation list with filters. */
  listOccupations(query?: OccupationListQuery): Promise<unknown>;
  /** STEM occupation types with their job families. */
  stemTypes(): Promise<unknown>;
  /** STEM occupations of a type, or of all types. */
  stemOccupations(query: StemQuery): Promise<unknown>;
  /** Occupation details by code or exact title. */
  occupationDetails(query: DetailsQuery): Promise<unknown>;
  /** Occupations similar to the person's occupation, with strengths and what to learn. */
  careerChangers(query: CareerChangersQuery): Promise<CareerChangerResults>;
  /** Occupations ranked against the person's own skill levels (0–7). */
  careerChangersForSkills(query: SkillProfileQuery): Promise<CareerChangerResults>;
  /** The skills a person can rate, with their level anchors. */
  rateableSkills(): Promise<{ skill: RateableSkill[] }>;
  /** Occupations ranked by fit to the person's six interest scores or high-point code. */
  interestResults(query: InterestQuery): Promise<InterestResults>;
  /** Terminates the Worker; later calls reject with ENGINE_CLOSED. */
  close(): void;
}

/** The subset of the Worker API the client needs (also implemented in-page). */
type Backend = { open: WorkerApi['open']; get(route: string): unknown; close(): void };

/** Resolves a URL option against the document (or the global location); VALIDATION_ERROR when it cannot be resolved. */
function resolveUrl(value: string | URL, field: string): string {
  const base = typeof document !== 'undefined' ? document.baseURI : globalThis.location?.href;
  try {
    return new URL(value, base).href;
  } catch {
    throw validationError(field, `"${field}" is not a valid URL`);
  }
}

const isUrl = (v: unknown) => typeof v === 'string' || v instanceof URL;
const isFunction = (v: unknown) => typeof v === 'function';
const isBoolean = (v: unknown) => typeof v === 'boolean';
/** A timer delay: setTimeout fires at once for NaN, ≤ 0 or more than 2^31 − 1 ms. */
const isDelay = (v: unknown) => typeof v === 'number' && v > 0 && v <= MAX_TIMEOUT_MS;

/** What each option of {@link openEngine} accepts. */
const OPEN_OPTIONS: Record<string, (v: unknown) => boolean> = {
  snapshot: isUrl,
  onProgress: isFunction,
  // Duck-typed, so that signals of other realms (iframes) pass.
  signal: (v) => typeof (v as AbortSignal | null)?.addEventListener === 'function' && isBoolean((v as AbortSignal).aborted),
  mode: (v) => v === 'auto' || v === 'worker' || v === 'inline',
  storage: (v) => v === 'indexeddb' || v === 'memory',
  dbName: (v) => typeof v === 'string',
  timeoutMs: isDelay,
  offline: isBoolean,
  fallbackToInstalled: isBoolean,
  workerUrl: isUrl,
  createWorker: isFunction,
  callTimeoutMs: isDelay,
  warmUp: isBoolean,
};

/** Checks every option of {@link openEngine} (own properties only); throws VALIDATION_ERROR naming the first bad one. */
function readOpenOptions(options: unknown): OpenEngineOptions {
  return readArgs(options, Object.keys(OPEN_OPTIONS).join(' '), [], 'options', (v, key) => (OPEN_OPTIONS[key]!(v) ? v : INVALID)) as OpenEngineOptions;
}

function abortReason(signal: AbortSignal): OnetError {
  return signal.reason instanceof OnetError ? signal.reason : new OnetError('ABORTED', 'Opening the engine was aborted', { cause: signal.reason });
}

/** Starts the Worker (or the in-page engine) and resolves once the snapshot is installed or warm-loaded. */
export async function openEngine(options: OpenEngineOptions = {}): Promise<OnetEngine> {
  options = readOpenOptions(options);
  const { signal } = options;
  if (signal?.aborted) throw abortReason(signal);
  const manifestUrl = resolveUrl(options.snapshot ?? 'snapshot/manifest.json', 'snapshot');
  if (options.workerUrl !== undefined) resolveUrl(options.workerUrl, 'workerUrl');
  const wantInline = options.mode === 'inline' || (options.mode !== 'worker' && typeof Worker === 'undefined');
  if (options.mode === 'worker' && typeof Worker === 'undefined') throw new OnetError('NOT_AVAILABLE', 'This environment has no Web Worker support', { field: 'mode', suggestion: "Use mode: 'inline'" });

  let backend: Backend;
  let terminate: () => void;
  if (wantInline) {
    const { createWorkerApi } = await import('../../worker/worker.js');
    // No idle-time index building on the page's own thread (see WorkerApiOptions.warmUp).
    const api = createWorkerApi({ warmUp: false });
    backend = api;
    terminate = () => api.close();
  } else {
    installErrorTransfer();
    const workerUrl = options.workerUrl ?? getDefaultWorkerUrl();
    const resilient = new ResilientWorker({
      createWorker:
        options.createWorker ??
        // Keep the literal `new Worker(new URL(…, import.meta.url))`: bundlers (Vite, webpack) detect
        // exactly that pattern to emit the Worker chunk, in this repository and in apps using the package.
        (() => (workerUrl ? new Worker(workerUrl, { type: 'module' }) : new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' }))),
      callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      restartTimeoutMs: Math.max(options.timeoutMs ?? 30_000, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS),
    });
    backend = resilient;
    terminate = () => resilient.close();
  }

  const openOptions: WorkerOpenOptions = {
    manifestUrl,
    dbName: options.dbName,
    storage: options.storage,
    timeoutMs: options.timeoutMs,
    offline: options.offline,
    fallbackToInstalled: options.fallbackToInstalled,
    warmUp: options.warmUp,
  };
  // comlink cannot clone `undefined`-valued keys differently from absent ones, but keep the message minimal.
  for (const key of Object.keys(openOptions) as (keyof WorkerOpenOptions)[]) if (openOptions[key] === undefined) delete openOptions[key];
  const onProgress = options.onProgress;
  const progress = onProgress ? (wantInline ? onProgress : proxy(onProgress)) : undefined;

  let summary: LoadSummary;
  try {
    const opening = backend.open(openOptions, progress);
    summary = signal
      ? await new Promise<LoadSummary>((resolve, reject) => {
          const onAbort = () => reject(abortReason(signal));
          signal.addEventListener('abort', onAbort, { once: true });
          opening.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
        })
      : await opening;
  } catch (error) {
    terminate();
    throw toOnetError(error);
  }

  let closed = false;
  const get = async (route: string): Promise<unknown> => {
    if (closed) throw new OnetError('ENGINE_CLOSED', 'The engine was closed');
    // Checked here too: a non-string must not reach postMessage (DataCloneError) or the Worker.
    if (typeof route !== 'string') throw validationError('route', `Route must be a string, got ${typeName(route)}`);
    try {
      return await backend.get(route);
    } catch (error) {
      throw toOnetError(error);
    }
  };
  /** A typed method: validates its arguments into a route (rejecting, never throwing, on bad input), then asks the engine. */
  const call = async <T>(build: () => string): Promise<T> => (await get(build())) as T;
  return {
    mode: wantInline ? 'inline' : 'worker',
    summary,
    get,
    softSkills: () => call<SoftSkillList>(() => '/online/soft_skills'),
    softSkillResults: (q) => call<SoftSkillResults>(() => softSkillResultsRoute(q)),
    searchOccupations: (q) => call<OccupationSearchResults>(() => searchRoute(q)),
    occupationActivities: (code) => call<ActivityList>(() => activitiesRoute(code)),
    relatedActivities: (q) => call<RelatedActivitiesResults>(() => relatedActivitiesRoute(q)),
    listOccupations: (q) => call(() => occupationListRoute(q)),
    stemTypes: () => call(() => '/online/stem_occupations'),
    stemOccupations: (q) => call(() => stemRoute(q)),
    occupationDetails: (q) => call(() => detailsRoute(q)),
    careerChangers: (q) => call<CareerChangerResults>(() => careerChangersRoute(q)),
    careerChangersForSkills: (q) => call<CareerChangerResults>(() => skillProfileRoute(q)),
    rateableSkills: () => call<{ skill: RateableSkill[] }>(() => '/online/career_changers/skills'),
    interestResults: (q) => call<InterestResults>(() => interestRoute(q)),
    close() {
      if (closed) return;
      closed = true;
      terminate();
    },
  };
}
