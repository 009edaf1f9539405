/**
 * Search quality: hit@1, hit@3 and mean reciprocal rank of a ranked search over the query set in
 * bench/search-quality/queries.json, per kind of query. Pure functions: the ranked codes come from
 * the caller (onet-match, MiniSearch, …), so every contender is scored by the same rules.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One query of the set: what a person types and the occupation(s) they mean. */
export interface QualityQuery {
  readonly q: string;
  /** lay, abbrev, misspell, partial, code or title. */
  readonly kind: string;
  /** O*NET-SOC codes that count as right; "25-1*" matches every code starting with "25-1". */
  readonly expect: readonly string[];
}

/** Quality figures over a group of queries. */
export interface QualityScore {
  readonly queries: number;
  /** Share of queries whose first result is right. */
  readonly hit1: number;
  /** Share of queries with a right result among the first three. */
  readonly hit3: number;
  /** Mean of 1 / rank of the first right result (0 when none in the first 20). */
  readonly mrr: number;
}

/** The query set. */
export function loadQualityQueries(path = resolve(import.meta.dirname, 'queries.json')): QualityQuery[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { queries: QualityQuery[] }).queries;
}

/** True when `code` is one of the expected codes (or prefixes). */
export function isExpected(expect: readonly string[], code: string): boolean {
  return expect.some((e) => (e.endsWith('*') ? code.startsWith(e.slice(0, -1)) : e === code));
}

/** 1-based rank of the first right code among the first `depth`, or 0. */
export function firstRightRank(expect: readonly string[], ranked: readonly string[], depth = 20): number {
  const n = Math.min(depth, ranked.length);
  for (let i = 0; i < n; i++) if (isExpected(expect, ranked[i]!)) return i + 1;
  return 0;
}

/** Scores `search` on `queries`: overall, per kind, and the queries it ranks wrong first. */
export function scoreSearch(queries: readonly QualityQuery[], search: (q: string) => readonly string[]) {
  const ranks = queries.map((query) => ({ query, rank: firstRightRank(query.expect, search(query.q)) }));
  const summarize = (rows: typeof ranks): QualityScore => ({
    queries: rows.length,
    hit1: rows.length ? rows.filter((r) => r.rank === 1).length / rows.length : 0,
    hit3: rows.length ? rows.filter((r) => r.rank >= 1 && r.rank <= 3).length / rows.length : 0,
    mrr: rows.length ? rows.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / rows.length : 0,
  });
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const byKind: Record<string, QualityScore> = {};
  for (const kind of kinds) byKind[kind] = summarize(ranks.filter((r) => r.query.kind === kind));
  const target = ranks.filter((r) => ['lay', 'abbrev', 'misspell'].includes(r.query.kind));
  return {
    all: summarize(ranks),
    /** Lay words, abbreviations and misspellings together: the set the targets are stated on. */
    target: summarize(target),
    byKind,
    misses: ranks.filter((r) => r.rank !== 1).map((r) => ({ q: r.query.q, kind: r.query.kind, rank: r.rank })),
  };
}
