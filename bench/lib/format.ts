/**
 * Response shaping shared by the two baselines (sql.js, naive JSON). Only presentation lives
 * here — paging envelopes, tags, constant texts — never data access or ranking, which each
 * baseline does its own way. The engine's pure formatting helpers (route builder, 0–100 scores)
 * are reused so that an answer mismatch always means a data/ranking difference.
 */
import { buildRoute } from '../../src/engine/paging.js';
import { BRIGHT_OUTLOOK_CATEGORIES } from '../../src/snapshot/schema.js';

export { buildRoute };
export { importanceScore, levelScore } from '../../src/engine/soft-skills.js';

/** 0–100 score of a 1–7 rating in hundredths (interests, work values). */
export function sevenPointScore(hundredths: number): number {
  return Math.floor(Math.max(0, hundredths - 100) / 6);
}

/** The requested window of an O*NET-style route. */
export function windowOf(q: { start?: number; end?: number }): { start: number; end: number } {
  const start = q.start ?? 1;
  return { start, end: q.end ?? start + 19 };
}

/** O*NET-style paging envelope for `total` results. */
export function envelope(total: number, w: { start: number; end: number }, routeFor: (start: number, end: number) => string) {
  if (w.start > Math.max(total, 1)) throw new Error(`start ${w.start} past total ${total}`);
  const end = Math.min(w.end, total);
  const length = w.end - w.start + 1;
  const env: { start: number; end: number; total: number; prev?: string; next?: string } = { start: w.start, end, total };
  if (w.start > 1) env.prev = routeFor(Math.max(1, w.start - length), w.start - 1);
  if (end < total) env.next = routeFor(end + 1, end + length);
  return env;
}

export function tags(brightOutlook: number): { bright_outlook?: true } {
  return brightOutlook !== 0 ? { bright_outlook: true } : {};
}

/** The fields every occupation of a ranked O*NET-style list starts with. */
export function occupationHead(code: string, title: string, brightOutlook: number, jobZone: { code: number; title: string } | null) {
  return { href: `/v1/occupation/${code}/US`, code, title, tags: tags(brightOutlook), job_zone: jobZone };
}

export function brightCategories(mask: number): string {
  return BRIGHT_OUTLOOK_CATEGORIES.filter((_, bit) => (mask & (1 << bit)) !== 0).join('; ');
}

// The catalog routes' constant texts and the details MetaData block come from the engine itself
// (not copies), so every contender answers with the very same presentation.
export { BRIGHT_OUTLOOK_URL, ONET_DATABASE_URL } from '../../src/engine/catalog/common.js';
export { LIST_SOURCES } from '../../src/engine/catalog/list.js';
export { TRAINING_BLS_PARTS, detailsMetaData } from '../../src/engine/catalog/details/index.js';

/** Exact-title key of the details route (case-insensitive, whitespace-collapsed). */
export function titleKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Search fields' base scores per kind (title, alternate, reported) for exact / phrase prefix / all words. */
export const SEARCH_SCORES: readonly (readonly [number, number, number])[] = [
  [100, 90, 80],
  [70, 60, 50],
  [65, 55, 45],
];

/** A code query ("29", "29-1051", "291051.00"): the digits to prefix-match, else undefined. */
export function codeQueryDigits(keyword: string): string | undefined {
  const compact = keyword.trim().replace(/[\s-]/g, '');
  if (!/^\d{2,6}(\.\d{0,2})?$/.test(compact)) return undefined;
  return compact.replace('.', '');
}
