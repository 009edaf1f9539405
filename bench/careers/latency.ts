/**
 * Per-query latency of the career routes, run by the browser bench Worker after the main query
 * loop (bench/lib/runner.ts). One phase per contender, onet-match first: an untimed warm-up pass
 * over every kind (onet-match builds its lazily built career and interest indexes there), then
 * `runs` timed passes, kind by kind. One sample = one query, performance.now().
 *
 * Unlike the main loop, the contenders do not take turns kind by kind: the naive baseline builds
 * maps of some 100,000 entries per query, and the collections of that garbage (and the collector
 * threads it keeps busy on a machine with few cores) landed in onet-match's next samples: in
 * Node, taking turns raised onet-match's p95 on most kinds, up to fourfold. The ratios of this
 * part are reported, not targets; the target is onet-match's own p95.
 *
 * No answer check: the naive baseline ranks with a different algorithm (bench/careers/naive.ts),
 * so its answers differ by design.
 */
import { CAREER_KINDS, type CareerKind, type CareerQuery, type CareerQuerySet } from './queries.js';

/** The two career contenders (sql.js does not answer these routes). */
export const CAREER_CONTENDERS = ['onet-match', 'naive'] as const;
export type CareerContenderName = (typeof CAREER_CONTENDERS)[number];

export interface CareerContender {
  readonly name: CareerContenderName;
  answer(q: CareerQuery): unknown;
}

export interface CareerRunResult {
  /** contender → kind → runs → per-query milliseconds. */
  samples: Partial<Record<CareerContenderName, Partial<Record<CareerKind, number[][]>>>>;
  errors: { contender: CareerContenderName; kind: CareerKind; route: string; message: string }[];
}

export interface CareerRunOptions {
  runs: number;
  now: () => number;
  log?: (line: string) => void;
}

let sink: unknown;
/** Keeps the last answer reachable so no engine can optimise the work away. */
export function lastCareerAnswer(): unknown {
  return sink;
}

export function runCareerQueries(contenders: readonly CareerContender[], queries: CareerQuerySet, options: CareerRunOptions): CareerRunResult {
  const result: CareerRunResult = { samples: {}, errors: [] };
  for (const c of contenders) {
    for (const kind of CAREER_KINDS) {
      const list = queries[kind] as CareerQuery[];
      const t0 = options.now();
      for (const q of list) {
        try {
          sink = c.answer(q);
        } catch (error) {
          result.errors.push({ contender: c.name, kind, route: q.route, message: error instanceof Error ? error.message : String(error) });
        }
      }
      options.log?.(`  warm-up ${c.name.padEnd(10)} ${kind.padEnd(18)} ${list.length} queries in ${(options.now() - t0).toFixed(0)} ms`);
    }
    for (let run = 0; run < options.runs; run++) {
      for (const kind of CAREER_KINDS) {
        const list = queries[kind] as CareerQuery[];
        const times = new Array<number>(list.length);
        for (let i = 0; i < list.length; i++) {
          const t0 = options.now();
          try {
            sink = c.answer(list[i]!);
          } catch {
            // already reported in the warm-up pass
          }
          times[i] = options.now() - t0;
        }
        ((result.samples[c.name] ??= {})[kind] ??= []).push(times);
      }
    }
    options.log?.(`  careers: ${c.name} timed (${options.runs} runs)`);
  }
  return result;
}

/** Wraps an engine-like `get(route)` as the onet-match career contender. */
export function careerRouteContender(get: (route: string) => unknown): CareerContender {
  return { name: 'onet-match', answer: (q) => get(q.route) };
}
