/**
 * The yardstick of the career similarity: O*NET's Related Occupations. Used by the analysis script,
 * the tests and the benchmark only — never by the ranking itself.
 */
import { str, type Snapshot } from '../../snapshot/schema.js';
import type { OccupationIndex } from '../occupations.js';
import type { CareerProfiles } from './profiles.js';

/** Result of {@link relatedRecall}. */
export interface RelatedRecall {
  /** Share of the Primary-Short related occupations found in the top `k` (pooled over occupations). */
  readonly recall: number;
  /** Occupations evaluated (skill-rated, with Primary-Short related occupations). */
  readonly occupations: number;
  readonly k: number;
}

/**
 * For every skill-rated occupation with Primary-Short related occupations: ranks the others by
 * `scores(target)` (higher first, itself excluded, ties by row) and counts how many of its
 * Primary-Short related occupations are in the first `k`.
 */
export function relatedRecall(snapshot: Snapshot, occupations: OccupationIndex, profiles: CareerProfiles, scores: (target: number) => ArrayLike<number>, k = 10): RelatedRecall {
  const related = snapshot.tables.relatedOccupations;
  if (!related) return { recall: NaN, occupations: 0, k };
  const primary: number[][] = Array.from({ length: occupations.count }, () => []);
  for (let r = 0; r < related.rows; r++) if (str(related.columns.tier, r) === 'Primary-Short') primary[related.columns.occ[r]!]!.push(related.columns.related[r]!);
  let found = 0;
  let total = 0;
  let evaluated = 0;
  const rated = profiles.skills.rated;
  for (let t = 0; t < occupations.count; t++) {
    if (!rated[t] || primary[t]!.length === 0) continue;
    const s = scores(t);
    const others: number[] = [];
    for (let o = 0; o < occupations.count; o++) if (o !== t && rated[o]) others.push(o);
    others.sort((a, b) => s[b]! - s[a]! || a - b);
    const top = new Set(others.slice(0, k));
    evaluated++;
    for (const o of primary[t]!) {
      total++;
      if (top.has(o)) found++;
    }
  }
  return { recall: total ? found / total : NaN, occupations: evaluated, k };
}

/**
 * The naive baseline: Pearson correlation of the two occupations' skill and knowledge levels (LV),
 * concatenated. Returns a scorer for {@link relatedRecall}.
 */
export function naiveLevelCorrelation(profiles: CareerProfiles, count: number): (target: number) => Float64Array {
  const domains = profiles.domains.filter((d) => d.name === 'skills' || d.name === 'knowledge');
  const width = domains.reduce((s, d) => s + d.codes.length, 0);
  const unit = new Float64Array(count * width);
  for (let o = 0; o < count; o++) {
    let k = 0;
    for (const d of domains) for (let e = 0; e < d.codes.length; e++) unit[o * width + k++] = d.rated[o] ? d.level[o * d.codes.length + e]! : 0;
    let mean = 0;
    for (let e = 0; e < width; e++) mean += unit[o * width + e]!;
    mean /= width;
    let norm = 0;
    for (let e = 0; e < width; e++) norm += (unit[o * width + e]! -= mean) ** 2;
    for (let e = 0; e < width; e++) unit[o * width + e]! /= Math.sqrt(norm) || 1;
  }
  return (target) => {
    const out = new Float64Array(count);
    for (let o = 0; o < count; o++) {
      let dot = 0;
      for (let e = 0; e < width; e++) dot += unit[target * width + e]! * unit[o * width + e]!;
      out[o] = dot;
    }
    return out;
  };
}
