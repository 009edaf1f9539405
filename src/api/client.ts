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
import { OnetError, toOnetError, validationError } from '../errors.js';
import { INVALID, readArgs, typeName } from './validate.js';
import { DEFAULT_TIMEOUT_MS, isTimerDelay, type LoadSummary, type Progress, type WorkerApi, type WorkerOpenOptions } from '../protocol.js';
import { installErrorTransfer } from '../transfer.js';
import { checkAllowedOrigin, originOf } from '../read-capped.js';
import { resolveUrl } from '../url.js';
import { getDefaultWorkerUrl } from '../worker-url.js';
import { createEngineWorker, loadInPageApi } from './create-worker.js';
import { ResilientWorker } from './worker-backend.js';
import type {
  ActivityList,
  ActivityResolution,
  OccupationDetailsResponse,
  OccupationListResponse,
  OccupationSearchResults,
  RelatedActivitiesResults,
  SoftSkillList,
  SoftSkillResults,
  StemOccupationsResponse,
  StemTypesResponse,
} from '../engine/routes.js';
import type { CareerChangerResults, InterestResults, RateableSkill } from '../engine/routes.js';
import { careerChangersRoute, interestRoute, skillProfileRoute, type CareerChangersQuery, type InterestQuery, type SkillProfileQuery } from './career-routes.js';
import {
  activitiesRoute,
  detailsRoute,
  occupationListRoute,
  relatedActivitiesRoute,
  resolveActivitiesRoute,
  searchRoute,
  softSkillResultsRoute,
  stemRoute,
  type DetailsQuery,
  type OccupationListQuery,
  type RelatedActivitiesQuery,
  type ResolveActivitiesQuery,
  type SearchQuery,
  type SoftSkillQuery,
  type StemQuery,
} from './routes.js';

export type { Progress, LoadSummary };
export type { SoftSkillList, SoftSkillResults, OccupationSearchResults, ActivityList, RelatedActivitiesResults, ActivityResolution };

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
  /** Per-request inactivity timeout in ms (default 30 000, DEFAULT_TIMEOUT_MS of src/protocol.ts). */
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
   * on its first use only, after a warm start: less memory for hosts that use one feature (in
   * `npm run bench` the Worker holds 26.08 MB with every index built, 19.82 MB after a warm start and
   * a keyword search). An install builds them all anyway, while checking the new snapshot.
   */
  warmUp?: boolean;
  /**
   * Lay words the keyword search applies on top of its built-in list (a key given here replaces
   * the built-in entry), e.g. `{ barkeep: 'bartender', shrink: ['psychiatrist', 'psychologist'] }`;
   * see docs/lay-words.md. A malformed entry fails the open with VALIDATION_ERROR on `layWords`.
   */
  layWords?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Other origins than the page's own that the manifest and the snapshot may come from, e.g.
   * `['https://cdn.example']` (each entry a URL; its origin counts). By default both must be on the
   * page's origin, redirects included: a `snapshot` elsewhere fails the open with VALIDATION_ERROR
   * before any request, a redirect elsewhere with NETWORK. The Worker enforces it for its own
   * fetches, since it does not inherit the page's `<meta>` CSP; see docs/embedding.md.
   */
  allowedOrigins?: readonly string[];
  /**
   * Ask the browser to keep the installed snapshot under storage pressure
   * (`navigator.storage.persist()`, asked after a successful open that stored it in IndexedDB).
   * Without it browsers may evict IndexedDB data of sites the user rarely visits, and the next
   * start downloads the snapshot again. The outcome is `summary.persisted`; see
   * docs/install-and-storage.md.
   */
  persist?: boolean;
}

/** Default for {@link OpenEngineOptions.callTimeoutMs}. */
const DEFAULT_CALL_TIMEOUT_MS = 15_000;

export type { CareerChangersQuery, InterestQuery, SkillProfileQuery };

/** The load summary as the page sees it: the Worker's {@link LoadSummary} plus what only the page can ask. */
export interface EngineSummary extends LoadSummary {
  /**
   * Outcome of the `persist: true` request: true when the browser keeps the stored snapshot under
   * storage pressure, false when it may evict it (request refused, or storage 'memory' so there is
   * nothing to keep), null when persistence was not requested, the browser has no
   * `navigator.storage.persist`, or it did not answer within {@link PERSIST_ANSWER_MS} (a browser
   * that asks the user still records the answer later).
   */
  readonly persisted: boolean | null;
}

/** How long the open waits for the browser's answer to `persist: true` before reporting null. */
export const PERSIST_ANSWER_MS = 2_000;

/**
 * Asks for persistent storage. Chromium and Safari answer at once from their heuristics; Firefox
 * may ask the user, so the open does not wait on that prompt beyond PERSIST_ANSWER_MS.
 */
async function requestPersistence(storage: LoadSummary['storage']): Promise<boolean | null> {
  const manager = globalThis.navigator?.storage;
  if (typeof manager?.persist !== 'function') return null;
  if (storage === 'memory') return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const noAnswer = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), PERSIST_ANSWER_MS);
  });
  try {
    return await Promise.race([manager.persist().catch(() => false), noAnswer]);
  } finally {
    clearTimeout(timer);
  }
}

/** An open engine. */
export interface OnetEngine {
  /** Where it runs. */
  readonly mode: 'worker' | 'inline';
  /** Facts of the load: release, storage ('memory' when IndexedDB was unavailable), warnings, persistence. */
  readonly summary: EngineSummary;
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
  /** The snapshot's own ID and title for each DWA ID given, of either O*NET layout (null when it names none). */
  resolveActivities(query: ResolveActivitiesQuery): Promise<ActivityResolution>;
  /** Paginated occupation list with filters. */
  listOccupations(query?: OccupationListQuery): Promise<OccupationListResponse>;
  /** STEM occupation types with their job families. */
  stemTypes(): Promise<StemTypesResponse>;
  /** STEM occupations of a type, or of all types. */
  stemOccupations(query: StemQuery): Promise<StemOccupationsResponse>;
  /** Occupation details by code or exact title. */
  occupationDetails(query: DetailsQuery): Promise<OccupationDetailsResponse>;
  /** Occupations similar to the person's occupation, with strengths and what to learn. */
  careerChangers(query: CareerChangersQuery): Promise<CareerChangerResults>;
  /** Occupations ranked against the person's own skill levels (0–7). */
  careerChangersForSkills(query: SkillProfileQuery): Promise<CareerChangerResults>;
  /** The skills a person can rate, with their level anchors. */
  rateableSkills(): Promise<{ skill: RateableSkill[] }>;
  /** Occupations ranked by fit to the person's six interest scores or high-point code. */
  interestResults(query: InterestQuery): Promise<InterestResults>;
  /**
   * Resolves once the snapshot is installed for offline use, with the summary at that point. A
   * first load from section files answers before its install completes (`summary.installing`),
   * and a warm start from section files before it read and checked every installed section
   * (`summary.repaired` then says what was damaged and downloaded again); otherwise this resolves
   * at once. When the install could not be stored, the summary says `storage: 'memory'` with a
   * `storageError`. Rejects with ENGINE_CLOSED when the engine closes first.
   */
  installed(): Promise<EngineSummary>;
  /** Terminates the Worker; later calls reject with ENGINE_CLOSED. */
  close(): void;
}

/** The subset of the Worker API the client needs (also implemented in-page). */
type Backend = { open: WorkerApi['open']; get(route: string): unknown; installed(): Promise<LoadSummary>; close(): void };

const isUrl = (v: unknown) => typeof v === 'string' || v instanceof URL;
const isFunction = (v: unknown) => typeof v === 'function';
const isBoolean = (v: unknown) => typeof v === 'boolean';

/** What each option of {@link openEngine} accepts. */
const OPEN_OPTIONS: Record<string, (v: unknown) => boolean> = {
  snapshot: isUrl,
  onProgress: isFunction,
  // Duck-typed, so that signals of other realms (iframes) pass.
  signal: (v) => typeof (v as AbortSignal | null)?.addEventListener === 'function' && isBoolean((v as AbortSignal).aborted),
  mode: (v) => v === 'auto' || v === 'worker' || v === 'inline',
  storage: (v) => v === 'indexeddb' || v === 'memory',
  dbName: (v) => typeof v === 'string',
  timeoutMs: isTimerDelay,
  offline: isBoolean,
  fallbackToInstalled: isBoolean,
  workerUrl: isUrl,
  createWorker: isFunction,
  callTimeoutMs: isTimerDelay,
  warmUp: isBoolean,
  persist: isBoolean,
  // The entries themselves are checked where they are compiled (the engine): the main thread stays small.
  layWords: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  allowedOrigins: (v) => Array.isArray(v) && v.length <= 100 && v.every((o) => typeof o === 'string' && !!originOf(o) && originOf(o) !== 'null'),
};

/**
 * The origins the engine may fetch from: the page's own (when it has one: not in Node, not in a
 * sandboxed or file: document) and the host's `allowedOrigins`; undefined (no restriction) when
 * there are neither.
 */
function effectiveOrigins(extra: readonly string[] | undefined): string[] | undefined {
  const page = globalThis.location?.origin;
  const origins = [...(page && page !== 'null' ? [page] : []), ...(extra ?? []).map((o) => originOf(o)!)];
  return origins.length > 0 || extra ? origins : undefined;
}

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
  const manifestUrl = resolveUrl(options.snapshot ?? 'snapshot/manifest.json', { field: 'snapshot' });
  const allowedOrigins = effectiveOrigins(options.allowedOrigins);
  checkAllowedOrigin(manifestUrl, allowedOrigins, 'snapshot');
  if (options.workerUrl !== undefined) resolveUrl(options.workerUrl, { field: 'workerUrl' });
  const wantInline = options.mode === 'inline' || (options.mode !== 'worker' && typeof Worker === 'undefined');
  if (options.mode === 'worker' && typeof Worker === 'undefined')
    throw new OnetError('NOT_AVAILABLE', 'This environment has no Web Worker support', { field: 'mode', suggestion: "Use mode: 'inline'" });

  let backend: Backend;
  let terminate: () => void;
  if (wantInline) {
    const api = await loadInPageApi();
    backend = api;
    terminate = () => api.close();
  } else {
    installErrorTransfer();
    const workerUrl = options.workerUrl ?? getDefaultWorkerUrl();
    const resilient = new ResilientWorker({
      createWorker: options.createWorker ?? (() => createEngineWorker(workerUrl)),
      callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      restartTimeoutMs: Math.max(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS),
      // The Worker's own fetches time out after timeoutMs of silence and its steps between progress
      // events are bounded like a call: past the longer of the two, the Worker is presumed gone.
      openSilenceMs: Math.max(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS),
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
    layWords: options.layWords,
    allowedOrigins,
  };
  // comlink cannot clone `undefined`-valued keys differently from absent ones, but keep the message minimal.
  for (const key of Object.keys(openOptions) as (keyof WorkerOpenOptions)[]) if (openOptions[key] === undefined) delete openOptions[key];
  // The Worker backend wraps the listener in a comlink proxy itself (its progress also keeps the open's deadline alive).
  const progress = options.onProgress;

  let loaded: LoadSummary;
  try {
    const opening = backend.open(openOptions, progress);
    loaded = signal
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
  const summary: EngineSummary = { ...loaded, persisted: options.persist ? await requestPersistence(loaded.storage) : null };

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
    installed: async () => ({ ...(await backend.installed()), persisted: summary.persisted }),
    softSkills: () => call<SoftSkillList>(() => '/online/soft_skills'),
    softSkillResults: (q) => call<SoftSkillResults>(() => softSkillResultsRoute(q)),
    searchOccupations: (q) => call<OccupationSearchResults>(() => searchRoute(q)),
    occupationActivities: (code) => call<ActivityList>(() => activitiesRoute(code)),
    relatedActivities: (q) => call<RelatedActivitiesResults>(() => relatedActivitiesRoute(q)),
    resolveActivities: (q) => call<ActivityResolution>(() => resolveActivitiesRoute(q)),
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
