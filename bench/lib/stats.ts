/** Small statistics helpers shared by the Node and browser sides of the benchmark. */

/** Linear-interpolated percentile (p in 0–100) of `values` (not modified). NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Median of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** p50/p95/mean/min/max of one batch of samples. */
export interface Summary {
  samples: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { samples: values.length, p50: percentile(values, 50), p95: percentile(values, 95), mean: values.length ? sum / values.length : Number.NaN, min, max };
}

/**
 * Several runs of the same measurement: the headline p50/p95 are the medians of the per-run
 * p50/p95 (robust to one noisy run on a busy machine); `samples` counts every sample.
 */
export interface RunSummary {
  samples: number;
  p50: number;
  p95: number;
  runs: { p50: number; p95: number; mean: number; max: number; samples: number }[];
}

export function summarizeRuns(runs: readonly (readonly number[])[]): RunSummary {
  const per = runs.map((r) => summarize(r));
  return {
    samples: per.reduce((n, s) => n + s.samples, 0),
    p50: median(per.map((s) => s.p50)),
    p95: median(per.map((s) => s.p95)),
    runs: per.map((s) => ({ p50: round(s.p50), p95: round(s.p95), mean: round(s.mean), max: round(s.max), samples: s.samples })),
  };
}

/** Rounds to `digits` significant decimals for the JSON output. */
export function round(value: number, digits = 4): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
