/**
 * The per-query latency loop, shared by the Node harness and the browser bench Worker:
 *
 *   1. warm-up + answer check: every contender answers every query once (untimed); each answer is
 *      compared with onet-match's (canonical JSON) for the checked subset — differences are
 *      reported as mismatches, which fail the bench. Keyword-search answers are not compared: the
 *      baselines implement the plain word-match ranking, not onet-match's relevance, typo and
 *      lay-word rules (search quality is compared separately, bench/search-quality/);
 *   2. `runs` timed passes; in each pass, kind by kind, the contenders take turns over the same
 *      queries (so machine noise hits them alike). One sample = one query, performance.now().
 */
import { canonical, firstDifference } from './compare.js';
import { QUERY_KINDS, type Contender, type ContenderName, type Query, type QueryKind, type QuerySet } from '../types.js';

/** Kinds whose answers must be identical across contenders (see the note at the top). */
const ANSWER_CHECKED_KINDS: ReadonlySet<QueryKind> = new Set(QUERY_KINDS.filter((k) => k !== 'search'));

export interface Mismatch {
  contender: ContenderName;
  kind: QueryKind;
  route: string;
  difference: string;
}

export interface QueryRunResult {
  /** contender → kind → runs → per-query milliseconds. */
  samples: Partial<Record<ContenderName, Partial<Record<QueryKind, number[][]>>>>;
  /** contender → kind → executions per sample (see RunnerOptions.minSampleMs). */
  repeat: Partial<Record<ContenderName, Partial<Record<QueryKind, number>>>>;
  /** Answers compared per contender and kind. */
  checked: Partial<Record<ContenderName, Partial<Record<QueryKind, number>>>>;
  mismatches: Mismatch[];
  errors: { contender: ContenderName; kind: QueryKind; route: string; message: string }[];
}

export interface RunnerOptions {
  runs: number;
  /** Compare every `checkEvery`-th answer with onet-match's (1 = all). */
  checkEvery: number;
  now: () => number;
  /**
   * 0 (default): one sample = one execution of one query — the latency a user sees. The browser
   * clock ticks in (jittered, so unbiased on average) 5 µs steps, coarse for the fastest queries.
   * > 0: one sample = the mean of r back-to-back executions of the same query, r (1–20) chosen
   * from the warm-up pass so that the fastest contender's sample lasts about this long, and the
   * SAME r for every contender of that kind (repeating a query warms caches, which must not favour
   * one contender). Finer resolution, but repeated-query (cache-warm) latencies, and slow.
   */
  minSampleMs: number;
  log?: (line: string) => void;
}

let sink: unknown;
/** Keeps the last answer reachable so no engine can optimise the work away. */
export function lastAnswer(): unknown {
  return sink;
}

export function runQueries(contenders: readonly Contender[], queries: QuerySet, options: RunnerOptions): QueryRunResult {
  const result: QueryRunResult = { samples: {}, repeat: {}, checked: {}, mismatches: [], errors: [] };
  const reference = contenders.find((c) => c.name === 'onet-match');
  const expected = new Map<Query, string>();

  // 1. warm-up + answer check
  for (const kind of QUERY_KINDS) {
    const list = queries[kind] as Query[];
    for (const c of contenders) {
      const t0 = options.now();
      let checked = 0;
      let spent = 0;
      list.forEach((q, i) => {
        let answer: unknown;
        const a0 = options.now();
        try {
          answer = c.answer(q);
          spent += options.now() - a0;
        } catch (error) {
          result.errors.push({ contender: c.name, kind, route: q.route, message: error instanceof Error ? error.message : String(error) });
          return;
        }
        sink = answer;
        if (!reference || i % options.checkEvery !== 0 || !ANSWER_CHECKED_KINDS.has(kind)) return;
        if (c === reference) expected.set(q, canonical(answer));
        else {
          const want = expected.get(q);
          if (want === undefined) return;
          const got = canonical(answer);
          checked++;
          if (got !== want) result.mismatches.push({ contender: c.name, kind, route: q.route, difference: firstDifference(want, got) });
        }
      });
      (result.checked[c.name] ??= {})[kind] = c === reference ? 0 : checked;
      const elapsed = options.now() - t0;
      const mean = spent / Math.max(1, list.length);
      const needed = options.minSampleMs > 0 ? Math.max(1, Math.min(20, Math.ceil(options.minSampleMs / Math.max(mean, 1e-3)))) : 1;
      (result.repeat[c.name] ??= {})[kind] = needed;
      options.log?.(`  warm-up ${c.name.padEnd(10)} ${kind.padEnd(18)} ${list.length} queries in ${elapsed.toFixed(0)} ms`);
    }
    // One r per kind for every contender: the largest any of them needs.
    const r = Math.max(...contenders.map((c) => result.repeat[c.name]?.[kind] ?? 1));
    for (const c of contenders) (result.repeat[c.name] ??= {})[kind] = r;
  }

  // 2. timed passes
  for (let run = 0; run < options.runs; run++) {
    for (const kind of QUERY_KINDS) {
      const list = queries[kind] as Query[];
      for (const c of contenders) {
        const times = new Array<number>(list.length);
        const r = result.repeat[c.name]?.[kind] ?? 1;
        for (let i = 0; i < list.length; i++) {
          const q = list[i]!;
          const t0 = options.now();
          try {
            for (let k = 0; k < r; k++) sink = c.answer(q);
          } catch {
            // already reported in the warm-up pass
          }
          times[i] = (options.now() - t0) / r;
        }
        (((result.samples[c.name] ??= {})[kind] ??= []) as number[][]).push(times);
      }
    }
    options.log?.(`  timed run ${run + 1}/${options.runs} done`);
  }
  return result;
}

/** Wraps an engine-like `get(route)` as the onet-match contender. */
export function routeContender(get: (route: string) => unknown): Contender {
  return { name: 'onet-match', answer: (q) => get(q.route) };
}
