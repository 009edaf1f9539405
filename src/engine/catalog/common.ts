/**
 * Helpers shared by the catalog routes: one-pass query reading, validation that reports every bad
 * parameter at once (with the rules and value parsers of ../request.ts), per-snapshot memoised
 * indexes, local request ids, and the source URLs named in responses.
 */
import { OnetError, type FieldError } from '../../errors.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { paramKeyError } from '../request.js';
import type { EngineIndexes } from '../routes.js';

// Parameter values are read by the parsers of ../request.ts (booleanValue is re-exported for the catalog routes).
export { booleanValue } from '../request.js';

/**
 * Collects parameter problems and reports every VALIDATION_ERROR together: one error whose
 * `field`, `message` and `suggestion` are the first problem's and whose `errors` list all of them
 * (the commercial list API's 422 body). Other errors propagate unchanged.
 */
export class ParamCollector {
  private readonly problems: OnetError[] = [];

  /**
   * `parse(name, raw)`, or `fallback` when the parameter is absent (`raw` null or undefined) or
   * invalid (the validation error is recorded). `parse` is a plain function of the name and the
   * raw value, so reading a parameter allocates no closure: with up to 19 parameters per request,
   * one closure and one `query.get` each were a large part of a catalog route's fixed cost.
   */
  value<T>(name: string, raw: string | null | undefined, parse: (name: string, raw: string) => T, fallback: T): T {
    if (raw === null || raw === undefined) return fallback;
    try {
      return parse(name, raw);
    } catch (error) {
      return this.recorded(error, fallback);
    }
  }

  /** Runs `read`; on a validation error records it and returns `fallback`. */
  read<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch (error) {
      return this.recorded(error, fallback);
    }
  }

  /** Records a validation error. */
  record(error: OnetError): void {
    this.problems.push(error);
  }

  /** Records a validation error and returns `fallback`; rethrows anything else. */
  private recorded<T>(error: unknown, fallback: T): T {
    if (error instanceof OnetError && error.code === 'VALIDATION_ERROR') {
      this.record(error);
      return fallback;
    }
    throw error;
  }

  /** Throws the combined VALIDATION_ERROR when anything was recorded. */
  throwIfAny(): void {
    const first = this.problems[0];
    if (!first) return;
    if (this.problems.length === 1) throw first;
    const errors: FieldError[] = this.problems.flatMap((p) => p.errors ?? [{ field: p.field ?? 'request', message: p.message }]);
    throw new OnetError('VALIDATION_ERROR', `${errors.length} query parameters are invalid: ${first.message}`, {
      field: first.field,
      suggestion: first.suggestion,
      errors,
    });
  }
}

/** Rejects unknown and repeated parameters ({@link paramKeyError}), collecting one problem per offending key. */
function collectUnknownParams(collector: ParamCollector, query: URLSearchParams, allowed: readonly string[]): void {
  for (const key of new Set(query.keys())) {
    const error = paramKeyError(key, allowed, query.getAll(key).length > 1);
    if (error) collector.record(error);
  }
}

/**
 * The query parameters a catalog route accepts, compiled once per route. {@link QueryParams.read}
 * reads a query in one pass instead of one `get` per accepted parameter plus a `Set` of the keys
 * and a `getAll` per key.
 */
export class QueryParams {
  private readonly position: ReadonlyMap<string, number>;
  /** One null per parameter: copied per request (a copy of a packed array is cheaper than `new Array(n).fill`). */
  private readonly absent: readonly null[];

  constructor(readonly names: readonly string[]) {
    this.position = new Map(names.map((name, i) => [name, i]));
    this.absent = names.map(() => null);
  }

  /**
   * The first value of each accepted parameter (what `query.get` returns), by its position in
   * `names`; null when absent. Unknown and repeated keys are recorded in `collector` by
   * {@link collectUnknownParams}, the definition of those problems (messages, one per offending
   * key, in order of first appearance): only a query that has such keys pays for it.
   */
  read(query: URLSearchParams, collector: ParamCollector): (string | null)[] {
    const values: (string | null)[] = this.absent.slice();
    let irregular = false;
    query.forEach((value, key) => {
      const i = this.position.get(key);
      if (i === undefined || values[i] !== null) irregular = true;
      else values[i] = value;
    });
    if (irregular) collectUnknownParams(collector, query, this.names);
    return values;
  }
}

/** Per-snapshot memo of catalog indexes: built on first use, shared by every engine over the snapshot. */
const memo = new WeakMap<Snapshot, Map<string, unknown>>();

/** Returns the value memoised under `key` for `snapshot`, building it once. */
export function memoised<T>(snapshot: Snapshot, key: string, build: () => T): T {
  let entries = memo.get(snapshot);
  if (!entries) memo.set(snapshot, (entries = new Map()));
  const value = entries.get(key);
  if (value !== undefined || entries.has(key)) return value as T;
  const built = build();
  entries.set(key, built);
  return built;
}

const requestCounters = new WeakMap<EngineIndexes, { next: number }>();

/**
 * A locally generated request id: `local-<n>`, counting the catalog requests answered by one
 * engine from 1. Deterministic (no clock, no randomness), unique within the engine's lifetime.
 */
export function nextRequestId(ix: EngineIndexes): string {
  let counter = requestCounters.get(ix);
  if (!counter) requestCounters.set(ix, (counter = { next: 1 }));
  return `local-${counter.next++}`;
}

/** The O*NET database source, as listed in responses. */
export const ONET_DATABASE_URL = 'https://www.onetcenter.org/database.html';
/** Where O*NET OnLine explains the Bright Outlook designation. */
export const BRIGHT_OUTLOOK_URL = 'https://www.onetonline.org/help/bright/';
