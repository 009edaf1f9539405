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
import type { Snapshot, StringColumn } from '../snapshot/schema.js';
import { groupRows } from './groups.js';
import { requireTable, tagsOf, type OccupationIndex } from './occupations.js';
import { buildRoute, page, readWindow } from './paging.js';
import { checkParams, requiredParam, type Request } from './request.js';
import { LOW_SPAN, packable, sortByPackedKey } from './sortkey.js';
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

/**
 * The search index: every searchable field as its term string, plus term → fields postings (CSR).
 * Term ids are positions in `sortedTerms`, so the terms sharing a prefix are one contiguous id
 * range and their postings one contiguous slice of `postingFields`.
 */
export interface SearchIndex {
  readonly fieldOccupation: Uint16Array;
  readonly fieldKind: Uint8Array;
  /** Normalised, singular-folded words of each field joined by one space. */
  readonly fieldText: readonly string[];
  readonly fieldWordCount: Uint8Array;
  /** term → term id (its position in `sortedTerms`). */
  readonly termIds: ReadonlyMap<string, number>;
  /** Fields of term t: `postingFields[postingStart[t] … postingStart[t + 1] - 1]`, ascending. */
  readonly postingStart: Uint32Array;
  readonly postingFields: Uint32Array;
  /** All terms, sorted (UTF-16 code units); term id t is `sortedTerms[t]`. */
  readonly sortedTerms: readonly string[];
  /** Each occupation's code without "-" and ".", for code searches. */
  readonly codeDigits: readonly string[];
}

/** Longest keyword accepted. */
export const MAX_KEYWORD_LENGTH = 200;

/** A field's text, tokenised once per distinct value of its dictionary column. */
interface Tokens {
  readonly joined: string;
  readonly wordCount: number;
  /** Distinct term ids (insertion numbering, remapped to sorted ids at the end). */
  readonly termIds: readonly number[];
}

/** Builds the search index from titles, alternate titles and reported titles. */
export function buildSearchIndex(snapshot: Snapshot, occupations: OccupationIndex): SearchIndex {
  const alt = requireTable(snapshot, 'alternateTitles');
  const reported = requireTable(snapshot, 'reportedTitles');
  const fieldOccupation: number[] = [];
  const fieldKind: number[] = [];
  const fieldText: string[] = [];
  const fieldWordCount: number[] = [];
  const insertionIds = new Map<string, number>();
  const terms_: string[] = [];
  let pairTerm = new Uint32Array(1 << 18);
  let pairField = new Uint32Array(1 << 18);
  let pairs = 0;
  const tokenize = (text: string): Tokens | undefined => {
    const ws = terms(text);
    if (ws.length === 0) return undefined;
    const ids: number[] = [];
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      if (ws.indexOf(w) !== i) continue; // a word twice in one field is one posting
      let t = insertionIds.get(w);
      if (t === undefined) {
        t = terms_.length;
        insertionIds.set(w, t);
        terms_.push(w);
      }
      ids.push(t);
    }
    return { joined: ws.join(' '), wordCount: Math.min(ws.length, 255), termIds: ids };
  };
  const add = (occ: number, kind: FieldKind, tokens: Tokens | undefined) => {
    if (tokens === undefined) return;
    if (fieldText.length > 0 && fieldOccupation[fieldOccupation.length - 1] === occ && fieldText[fieldText.length - 1] === tokens.joined) return;
    const id = fieldText.length;
    fieldOccupation.push(occ);
    fieldKind.push(kind);
    fieldText.push(tokens.joined);
    fieldWordCount.push(tokens.wordCount);
    for (const t of tokens.termIds) {
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
  /** Tokens of row r of a dictionary column, computed once per distinct value. */
  const cached = (column: StringColumn) => {
    const cache: (Tokens | null | undefined)[] = new Array(column.values.length);
    return (r: number): Tokens | undefined => {
      const v = column.index[r]!;
      let tokens = cache[v];
      if (tokens === undefined) tokens = cache[v] = tokenize(column.values[v]!) ?? null;
      return tokens ?? undefined;
    };
  };
  for (let o = 0; o < occupations.count; o++) add(o, FieldKind.Title, tokenize(occupations.titles[o]!));
  const altTitle = cached(alt.columns.title);
  const altShort = cached(alt.columns.shortTitle);
  for (let r = 0; r < alt.rows; r++) {
    add(alt.columns.occ[r]!, FieldKind.Alternate, altTitle(r));
    add(alt.columns.occ[r]!, FieldKind.Alternate, altShort(r)); // empty short titles have no tokens
  }
  const reportedTitle = cached(reported.columns.title);
  for (let r = 0; r < reported.rows; r++) add(reported.columns.occ[r]!, FieldKind.Reported, reportedTitle(r));

  // Renumber terms in sorted order; fields are numbered in insertion order, so each term's postings come out ascending.
  const sortedTerms = terms_.slice().sort();
  const termIds = new Map<string, number>();
  sortedTerms.forEach((t, i) => termIds.set(t, i));
  const remap = new Uint32Array(terms_.length);
  terms_.forEach((t, i) => (remap[i] = termIds.get(t)!));
  for (let i = 0; i < pairs; i++) pairTerm[i] = remap[pairTerm[i]!]!;
  const groups = groupRows(pairTerm.subarray(0, pairs), sortedTerms.length);
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
    sortedTerms,
    codeDigits: occupations.codes.map((c) => c.replace(/[-.]/g, '')),
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
function searchByCode(index: SearchIndex, keyword: string): SearchHit[] | undefined {
  const compact = keyword.trim().replace(/[\s-]/g, '');
  if (!/^\d{2,6}(\.\d{0,2})?$/.test(compact)) return undefined;
  const digits = compact.replace('.', '');
  const hits: SearchHit[] = [];
  for (let o = 0; o < index.codeDigits.length; o++) {
    if (index.codeDigits[o]!.startsWith(digits)) hits.push({ occupation: o, score: 100 });
  }
  return hits;
}

const EMPTY = new Uint32Array(0);

/** Field ids containing a word equal to `term`, or (when `prefix`) starting with it; sorted. */
function fieldsWithTerm(index: SearchIndex, term: string, prefix: boolean): Uint32Array {
  if (!prefix || term.length < 2) return postingsOf(index, term) ?? EMPTY;
  // The terms with this prefix are the id range [lo, hi): binary search for the first, scan to the last.
  const sorted = index.sortedTerms;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  hi = lo;
  while (hi < sorted.length && sorted[hi]!.startsWith(term)) hi++;
  const from = index.postingStart[lo]!;
  const to = index.postingStart[hi]!;
  if (hi - lo <= 1) return index.postingFields.subarray(from, to);
  // Union of their postings (one contiguous slice) through a bitset, read back in ascending order.
  const bits = new Uint32Array((index.fieldOccupation.length + 31) >>> 5);
  for (let i = from; i < to; i++) {
    const f = index.postingFields[i]!;
    bits[f >>> 5]! |= 1 << (f & 31);
  }
  const out = new Uint32Array(to - from);
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w]! | 0;
    while (x !== 0) {
      const low = x & -x;
      out[n++] = (w << 5) | (31 - Math.clz32(low));
      x ^= low;
    }
  }
  return out.subarray(0, n);
}

function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      out[n++] = a[i]!;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/** Ranks occupations for a keyword. */
export function searchOccupations(index: SearchIndex, occupations: OccupationIndex, keyword: string): SearchHit[] {
  const byCode = searchByCode(index, keyword);
  if (byCode) return byCode;
  const words = terms(keyword);
  if (words.length === 0) return [];
  const query = words.join(' ');
  const endsWithSpace = /\s$/.test(keyword);
  // The last word is a prefix unless the user finished it with a space.
  const postingLists = words.map((w, i) => fieldsWithTerm(index, w, i === words.length - 1 && !endsWithSpace));
  // Best (score, fewest extra words) per occupation, in typed arrays; `touched` lists the occupations seen.
  const bestScore = new Int16Array(occupations.count);
  const bestExtra = new Int16Array(occupations.count);
  const seen = new Uint8Array(occupations.count);
  const touched: number[] = [];
  const consider = (field: number, score: number) => {
    const occ = index.fieldOccupation[field]!;
    const extra = index.fieldWordCount[field]! - words.length;
    if (seen[occ] === 0) {
      seen[occ] = 1;
      touched.push(occ);
      bestScore[occ] = score;
      bestExtra[occ] = extra;
    } else if (score > bestScore[occ]! || (score === bestScore[occ]! && extra < bestExtra[occ]!)) {
      bestScore[occ] = score;
      bestExtra[occ] = extra;
    }
  };

  const order = postingLists.map((_, i) => i).sort((a, b) => postingLists[a]!.length - postingLists[b]!.length);
  let all = postingLists[order[0]!]!;
  for (const i of order.slice(1)) all = intersect(all, postingLists[i]!);
  for (let i = 0; i < all.length; i++) {
    const field = all[i]!;
    const text = index.fieldText[field]!;
    const [exact, prefix, contains] = SCORES[index.fieldKind[field]!]!;
    const score = text === query ? exact : text.startsWith(query) ? prefix : contains;
    consider(field, score);
  }
  if (touched.length === 0 && words.length > 1) {
    // No field has every word: fall back to fields with most of the words, scored below any full match.
    const counts = new Uint16Array(index.fieldOccupation.length);
    const fields: number[] = [];
    for (const list of postingLists) {
      for (let i = 0; i < list.length; i++) {
        const f = list[i]!;
        if (counts[f]!++ === 0) fields.push(f);
      }
    }
    for (const field of fields) consider(field, Math.floor((40 * counts[field]!) / words.length) - index.fieldKind[field]!);
  }
  // Score desc, extra words asc, title order: one packed key per hit (./sortkey.ts). Scores are in
  // [-2, 100] and extra in [-255, 255]; the unique title rank is the low part.
  if (packable(occupations.count)) {
    sortByPackedKey(touched, (o) => ((200 - bestScore[o]!) * 1024 + (bestExtra[o]! + 512)) * LOW_SPAN + occupations.titleRank[o]!, (low) => occupations.titleOrder[low]!);
  } else {
    touched.sort((a, b) => bestScore[b]! - bestScore[a]! || bestExtra[a]! - bestExtra[b]! || occupations.titleRank[a]! - occupations.titleRank[b]!);
  }
  return touched.map((occupation) => ({ occupation, score: bestScore[occupation]! }));
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
