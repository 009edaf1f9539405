/**
 * Helpers shared by the catalog routes: boolean and small-integer parameters, validation that
 * reports every bad parameter at once, per-engine memoised indexes, and local request ids.
 */
import { OnetError, validationError, type FieldError } from '../../errors.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { truncate } from '../request.js';
import type { EngineIndexes } from '../routes.js';

/**
 * A boolean query parameter: `true`/`false`/`1`/`0`, case-insensitive. Anything else (including
 * an empty value) is a VALIDATION_ERROR, so `bright_outlook=maybe` never silently filters nothing.
 */
export function booleanParam(query: URLSearchParams, name: string, fallback: boolean): boolean;
export function booleanParam(query: URLSearchParams, name: string, fallback?: undefined): boolean | undefined;
export function booleanParam(query: URLSearchParams, name: string, fallback?: boolean): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = raw.toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw validationError(name, `"${name}" must be true or false (or 1 / 0); got "${truncate(raw)}"`, `Use ${name}=true or ${name}=false`);
}

/**
 * Runs parameter readers and reports every VALIDATION_ERROR together: one error whose `field`,
 * `message` and `suggestion` are the first problem's and whose `errors` list all of them (the
 * commercial list API's 422 body). Other errors propagate unchanged.
 */
export class ParamCollector {
  private readonly problems: OnetError[] = [];

  /** Runs `read`; on a validation error records it and returns `fallback`. */
  read<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof OnetError && error.code === 'VALIDATION_ERROR') {
        this.problems.push(error);
        return fallback;
      }
      throw error;
    }
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

/** Rejects unknown and repeated parameters, collecting one problem per offending key. */
export function collectUnknownParams(collector: ParamCollector, query: URLSearchParams, allowed: readonly string[]): void {
  for (const key of new Set(query.keys())) {
    collector.read(() => {
      if (!allowed.includes(key)) {
        throw validationError(key, `Unknown query parameter "${truncate(key)}"`, `Allowed parameters: ${allowed.join(', ')}`);
      }
      if (query.getAll(key).length > 1) throw validationError(key, `Query parameter "${key}" is given more than once`);
    }, undefined);
  }
}

/** Per-snapshot memo of catalog indexes: built on first use, shared by every engine over the snapshot. */
const memo = new WeakMap<Snapshot, Map<string, unknown>>();

/** Returns the value memoised under `key` for `snapshot`, building it once. */
export function memoised<T>(snapshot: Snapshot, key: string, build: () => T): T {
  let entries = memo.get(snapshot);
  if (!entries) memo.set(snapshot, (entries = new Map()));
  if (!entries.has(key)) entries.set(key, build());
  return entries.get(key) as T;
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
