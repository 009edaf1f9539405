/**
 * Occupation keyword search (step 1 of the related-activities flow): by full or partial O*NET-SOC
 * code, by title, alternate titles and reported job titles. Case-, accent- and plural-insensitive;
 * the last query word also matches as a prefix so the search works as the user types.
 *
 * Relevance (docs/ranking.md): an occupation's score is its best-matching field. A field matches
 * when every query word is one of its words (the last may be a prefix). Title beats alternate
 * title beats reported title; within a field kind, an exact match beats a phrase prefix beats
 * containing all words. Ties: fewer extra words in the field, then title order, then code.
 */
import { validationError } from '../errors.js';
import { str, type Snapshot } from '../snapshot/schema.js';
import { groupRows } from './groups.js';
import { requireTable, tagsOf, type OccupationIndex } from './occupations.js';
import { buildRoute, page, readWindow } from './paging.js';
import { checkParams, requiredParam, type Request } from './request.js';
import { normalize, terms } from './text.js';

/** Kinds of searchable field, best first. */
const FieldKind = { Title: 0, Alternate: 1, Reported: 2 } as const;
type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

/** Base score per field kind for exact / phrase-prefix / all-words matches. */
const SCORES: readonly (readonly [number, number, number])[] = [
  [100, 90, 80], // title
  [70, 60, 50], // alternate title
  [65, 55, 45], // reported title
];

/** The search index: every searchable field as its term string, plus term → fields postings (CSR). */
export interface SearchIndex {
  readonly fieldOccupation: Uint16Array;
  readonly fieldKind: Uint8Array;
  /** Normalised, singular-folded words of each field joined by one space. */
  readonly fieldText: readonly string[];
  readonly fieldWordCount: Uint8Array;
  /** term → term id. */
  readonly termIds: ReadonlyMap<string, number>;
  /** Fields of term t: `postingFields[postingStart[t] … postingStart[t + 1] - 1]`, ascending. */
  readonly postingStart: Uint32Array;
  readonly postingFields: Uint32Array;
  /** All terms, sorted, for prefix lookups. */
  readonly sortedTerms: readonly string[];
}

/** Longest keyword accepted. */
export const MAX_KEYWORD_LENGTH = 200;

/** Builds the search index from titles, alternate titles and reported titles. */
export function buildSearchIndex(snapshot: Snapshot, occupations: OccupationIndex): SearchIndex {
  const alt = requireTable(snapshot, 'alternateTitles');
  const reported = requireTable(snapshot, 'reportedTitles');
  const fieldOccupation: number[] = [];
  const fieldKind: number[] = [];
  const fieldText: string[] = [];
  const fieldWordCount: number[] = [];
  const termIds = new Map<string, number>();
  const terms_: string[] = [];
  let pairTerm = new Uint32Array(1 << 18);
  let pairField = new Uint32Array(1 << 18);
  let pairs = 0;
  const add = (occ: number, kind: FieldKind, text: string) => {
    const ws = terms(text);
    if (ws.length === 0) return;
    const joined = ws.join(' ');
    if (fieldText.length > 0 && fieldOccupation[fieldOccupation.length - 1] === occ && fieldText[fieldText.length - 1] === joined) return;
    const id = fieldText.length;
    fieldOccupation.push(occ);
    fieldKind.push(kind);
    fieldText.push(joined);
    fieldWordCount.push(Math.min(ws.length, 255));
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      if (ws.indexOf(w) !== i) continue; // a word twice in one field is one posting
      let t = termIds.get(w);
      if (t === undefined) {
        t = terms_.length;
        termIds.set(w, t);
        terms_.push(w);
      }
      if (pairs === pairTerm.length) {
        const grow = (a: Uint32Array) => {
          const b = new Uint32Array(a.length * 2);
          b.set(a);
          return b;
        };
        pairTerm = grow(pairTerm);
        pairField = grow(pairField);
      }
      pairTerm[pairs] = t;
      pairField[pairs++] = id;
    }
  };
  for (let o = 0; o < occupations.count; o++) add(o, FieldKind.Title, occupations.titles[o]!);
  for (let r = 0; r < alt.rows; r++) {
    add(alt.columns.occ[r]!, FieldKind.Alternate, str(alt.columns.title, r));
    const short = str(alt.columns.shortTitle, r);
    if (short) add(alt.columns.occ[r]!, FieldKind.Alternate, short);
  }
  for (let r = 0; r < reported.rows; r++) add(reported.columns.occ[r]!, FieldKind.Reported, str(reported.columns.title, r));
  // Fields are numbered in insertion order, so each term's postings come out ascending.
  const groups = groupRows(pairTerm.subarray(0, pairs), terms_.length);
  const postingFields = new Uint32Array(pairs);
  for (let i = 0; i < pairs; i++) postingFields[i] = pairField[groups.rows[i]!]!;
  return {
    fieldOccupation: Uint16Array.from(fieldOccupation),
    fieldKind: Uint8Array.from(fieldKind),
    fieldText,
    fieldWordCount: Uint8Array.from(fieldWordCount),
    termIds,
    postingStart: groups.start,
    postingFields,
    sortedTerms: terms_.slice().sort(),
  };
}

function postingsOf(index: SearchIndex, term: string): Uint32Array | undefined {
  const t = index.termIds.get(term);
  return t === undefined ? undefined : index.postingFields.subarray(index.postingStart[t]!, index.postingStart[t + 1]!);
}

/** A ranked search hit. */
export interface SearchHit {
  readonly occupation: number;
  readonly score: number;
}

/** Matches a code query ("29", "29-1051", "291051", "29-1051.00"): occupations whose code starts with it, in code order. */
function searchByCode(occupations: OccupationIndex, keyword: string): SearchHit[] | undefined {
  const compact = keyword.trim().replace(/[\s-]/g, '');
  if (!/^\d{2,6}(\.\d{0,2})?$/.test(compact)) return undefined;
  const digits = compact.replace('.', '');
  const hits: SearchHit[] = [];
  for (let o = 0; o < occupations.count; o++) {
    if (occupations.codes[o]!.replace(/[-.]/g, '').startsWith(digits)) hits.push({ occupation: o, score: 100 });
  }
  return hits;
}

/** Field ids containing a word equal to `term`, or (when `prefix`) starting with it; sorted. */
function fieldsWithTerm(index: SearchIndex, term: string, prefix: boolean): Uint32Array {
  const exact = postingsOf(index, term);
  if (!prefix || term.length < 2) return exact ?? new Uint32Array(0);
  // Binary search for the first term ≥ `term`, then gather every term with that prefix.
  let lo = 0;
  let hi = index.sortedTerms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.sortedTerms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  const merged = new Set<number>();
  for (let i = lo; i < index.sortedTerms.length && index.sortedTerms[i]!.startsWith(term); i++) {
    for (const f of postingsOf(index, index.sortedTerms[i]!)!) merged.add(f);
  }
  return Uint32Array.from(merged).sort();
}

function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return Uint32Array.from(out);
}

/** Ranks occupations for a keyword. */
export function searchOccupations(index: SearchIndex, occupations: OccupationIndex, keyword: string): SearchHit[] {
  const byCode = searchByCode(occupations, keyword);
  if (byCode) return byCode;
  const words = terms(keyword);
  if (words.length === 0) return [];
  const query = words.join(' ');
  const endsWithSpace = /\s$/.test(keyword);
  // The last word is a prefix unless the user finished it with a space.
  const postingLists = words.map((w, i) => fieldsWithTerm(index, w, i === words.length - 1 && !endsWithSpace));
  const best = new Map<number, { score: number; extra: number }>();
  const consider = (field: number, score: number) => {
    const occ = index.fieldOccupation[field]!;
    const extra = index.fieldWordCount[field]! - words.length;
    const prev = best.get(occ);
    if (!prev || score > prev.score || (score === prev.score && extra < prev.extra)) best.set(occ, { score, extra });
  };

  const order = postingLists.map((_, i) => i).sort((a, b) => postingLists[a]!.length - postingLists[b]!.length);
  let all = postingLists[order[0]!]!;
  for (const i of order.slice(1)) all = intersect(all, postingLists[i]!);
  for (const field of all) {
    const text = index.fieldText[field]!;
    const [exact, prefix, contains] = SCORES[index.fieldKind[field]!]!;
    const score = text === query ? exact : text.startsWith(query) ? prefix : contains;
    consider(field, score);
  }
  if (best.size === 0 && words.length > 1) {
    // No field has every word: fall back to fields with most of the words, scored below any full match.
    const counts = new Map<number, number>();
    for (const list of postingLists) for (const f of list) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const [field, n] of counts) consider(field, Math.floor((40 * n) / words.length) - index.fieldKind[field]!);
  }
  const hits = [...best].map(([occupation, { score, extra }]) => ({ occupation, score, extra }));
  hits.sort((a, b) => b.score - a.score || a.extra - b.extra || occupations.titleRank[a.occupation]! - occupations.titleRank[b.occupation]!);
  return hits.map(({ occupation, score }) => ({ occupation, score }));
}

/** `/online/related_activities?keyword=K&start=&end=` */
export function relatedActivitiesSearch(getIndex: () => SearchIndex, occupations: OccupationIndex, request: Request) {
  const { query } = request;
  checkParams(query, ['keyword', 'start', 'end']);
  const keyword = requiredParam(query, 'keyword');
  if (keyword.length > MAX_KEYWORD_LENGTH) throw validationError('keyword', `"keyword" is longer than ${MAX_KEYWORD_LENGTH} characters`);
  if (normalize(keyword) === '') throw validationError('keyword', '"keyword" has no letters or digits to search for');
  const window = readWindow(query);
  const hits = searchOccupations(getIndex(), occupations, keyword);
  const { envelope, items } = page(hits, window, (start, end) => buildRoute('/online/related_activities', { keyword, start, end }));
  return {
    ...envelope,
    occupation: items.map(({ occupation }) => ({
      href: `/online/related_activities/activities/${occupations.codes[occupation]}`,
      code: occupations.codes[occupation]!,
      title: occupations.titles[occupation]!,
      tags: tagsOf(occupations, occupation),
    })),
  };
}
