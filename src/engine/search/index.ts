/**
 * The keyword-search index: every searchable field (title, alternate title, short title, reported
 * job title) as folded terms with term → fields postings, plus what the ranking weighs (field
 * kind, evidence weight, word count) and what the query side needs for prefix typing (plural
 * surface forms) and typo tolerance (the sorted term dictionary). Built once, on first search.
 */
import type { Snapshot, StringColumn } from '../../snapshot/schema.js';
import { groupRows } from '../groups.js';
import { requireTable, type OccupationIndex } from '../occupations.js';
import { singular } from '../text.js';
import { searchWords, STOP_WORDS } from './words.js';
import { compileLayWords, type LayWordIndex } from './lay-words.js';

/** Kinds of searchable field, best first. */
export const FieldKind = { Title: 0, Alternate: 1, Reported: 2 } as const;
export type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

/**
 * The search index. Term ids are positions in `sortedTerms`, so the terms sharing a prefix are one
 * contiguous id range.
 */
export interface SearchIndex {
  readonly fieldOccupation: Uint16Array;
  readonly fieldKind: Uint8Array;
  /**
   * How much a field says about what people call the occupation (docs/ranking.md): 0 for titles;
   * an alternate title 1–4 by its number of sources when the snapshot keeps them (else 1); a
   * reported job title 3 when shown in My Next Move, else 2.
   */
  readonly fieldEvidence: Uint8Array;
  /** Normalised, singular-folded words of each occupation's title joined by one space. */
  readonly titleText: readonly string[];
  /** Words of each field, stop words left out (at most 255). */
  readonly fieldWordCount: Uint8Array;
  /** Field id of each occupation's title. */
  readonly titleField: Uint32Array;
  /** term → term id (its position in `sortedTerms`). */
  readonly termIds: ReadonlyMap<string, number>;
  /** Fields of term t: `postingFields[postingStart[t] … postingStart[t + 1] - 1]`, ascending. */
  readonly postingStart: Uint32Array;
  readonly postingFields: Uint32Array;
  /** All terms, sorted (UTF-16 code units); term id t is `sortedTerms[t]`. */
  readonly sortedTerms: readonly string[];
  /**
   * Words as written whose folded term differs ("secretaries" → "secretary"), sorted, with their
   * term ids: an unfinished last word is a prefix of what was written, not of the folded form.
   */
  readonly pluralSurfaces: readonly string[];
  readonly pluralTerms: Uint32Array;
  /** Each occupation's code without "-" and ".", for code searches. */
  readonly codeDigits: readonly string[];
  /** The lay words applied to queries (built-in list plus the host's). */
  readonly layWords: LayWordIndex;
}

/**
 * Evidence weight of an alternate title from its Source(s) list ("04,06,08"): one per source, at
 * most 4. Titles O*NET found in several places (job postings, incumbents, the SOC index, user
 * searches) are names people actually use.
 */
function sourcesEvidence(sources: string): number {
  let n = 0;
  for (const part of sources.split(',')) if (part.trim() !== '') n++;
  return Math.max(1, Math.min(4, n));
}

/** The tables {@link buildSearchIndex} reads besides the occupations (test/node/engine-tables.test.ts pins it). */
export const SEARCH_INDEX_TABLES = ['alternateTitles', 'reportedTitles'] as const;

/** Builds the search index from titles, alternate titles and reported titles. */
export function buildSearchIndex(snapshot: Snapshot, occupations: OccupationIndex, layWords: LayWordIndex = compileLayWords()): SearchIndex {
  const alt = requireTable(snapshot, 'alternateTitles');
  const reported = requireTable(snapshot, 'reportedTitles');
  // Source(s) of alternate titles: used when the snapshot keeps them (a string column "sources").
  const altSources = (alt.columns as Record<string, unknown>).sources as StringColumn | undefined;
  // At most one field per title, alternate title, short title and reported title: typed arrays of
  // that capacity, trimmed at the end (pushing onto number arrays and copying them at the end was
  // one of the build's largest costs).
  const capacity = occupations.count + 2 * alt.rows + reported.rows;
  const fieldOccupation = new Uint16Array(capacity);
  const fieldKind = new Uint8Array(capacity);
  const fieldEvidence = new Uint8Array(capacity);
  const fieldWordCount = new Uint8Array(capacity);
  let fieldCount = 0;
  const titleField = new Uint32Array(occupations.count);
  const insertionIds = new Map<string, number>();
  const terms_: string[] = [];
  // Per insertion id, 1 for a stop word: looked up once per term, not once per word.
  let stopTerm = new Uint8Array(4096);
  const plurals = new Map<string, string>();
  // A tokenised text is a record in one growing typed array — [word count, meaningful word count
  // (at most 255), term id of each word in order] — not an object with arrays and strings: what
  // the build keeps until its end then costs the garbage collector nothing to copy, and copying
  // such survivors was most of the build's collection time.
  let tokens = new Uint32Array(1 << 18);
  let tokensLength = 0;
  let pairTerm = new Uint32Array(1 << 18);
  let pairField = new Uint32Array(1 << 18);
  let pairs = 0;
  const grow = <A extends Uint8Array | Uint32Array>(a: A, needed: number): A => {
    if (needed <= a.length) return a;
    const b = new (a.constructor as new (length: number) => A)(Math.max(needed, a.length * 2));
    b.set(a);
    return b;
  };
  /** Tokenises `text` into a record; -1 when it has no words. */
  const tokenize = (text: string): number => {
    const ws = searchWords(text);
    if (ws.length === 0) return -1;
    tokens = grow(tokens, tokensLength + 2 + ws.length);
    const record = tokensLength;
    let meaningful = 0;
    for (let i = 0; i < ws.length; i++) {
      const surface = ws[i]!;
      const w = singular(surface);
      if (w !== surface && !plurals.has(surface)) plurals.set(surface, w);
      let t = insertionIds.get(w);
      if (t === undefined) {
        t = terms_.length;
        insertionIds.set(w, t);
        terms_.push(w);
        stopTerm = grow(stopTerm, t + 1);
        stopTerm[t] = STOP_WORDS.has(w) ? 1 : 0;
      }
      if (stopTerm[t] === 0) meaningful++;
      tokens[record + 2 + i] = t;
    }
    tokens[record] = ws.length;
    tokens[record + 1] = Math.min(meaningful, 255);
    tokensLength += 2 + ws.length;
    return record;
  };
  /** True when two records have the same words in the same order. */
  const sameWords = (a: number, b: number): boolean => {
    if (a === b) return true;
    const n = tokens[a]!;
    if (tokens[b] !== n) return false;
    for (let i = 2; i < n + 2; i++) if (tokens[a + i] !== tokens[b + i]) return false;
    return true;
  };
  let lastRecord = -1;
  const add = (occ: number, kind: FieldKind, evidence: number, record: number): number => {
    if (record < 0) return -1;
    const last = fieldCount - 1;
    if (last >= 0 && fieldOccupation[last] === occ && sameWords(lastRecord, record)) {
      // The same words again for this occupation (a short title equal to its title): one field, the stronger evidence.
      if (fieldKind[last] === kind && evidence > fieldEvidence[last]!) fieldEvidence[last] = evidence;
      return last;
    }
    const id = fieldCount++;
    lastRecord = record;
    fieldOccupation[id] = occ;
    fieldKind[id] = kind;
    fieldEvidence[id] = evidence;
    fieldWordCount[id] = tokens[record + 1]!;
    const from = record + 2;
    const to = from + tokens[record]!;
    pairTerm = grow(pairTerm, pairs + (to - from));
    pairField = grow(pairField, pairs + (to - from));
    words: for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      for (let j = from; j < i; j++) if (tokens[j] === t) continue words; // a word twice in one field is one posting
      pairTerm[pairs] = t;
      pairField[pairs++] = id;
    }
    return id;
  };
  /** Record of row r of a dictionary column, tokenised once per distinct value. */
  const cached = (column: StringColumn) => {
    const cache = new Int32Array(column.values.length).fill(-2); // -2: not yet tokenised
    return (r: number): number => {
      const v = column.index[r]!;
      if (cache[v] === -2) cache[v] = tokenize(column.values[v]!);
      return cache[v]!;
    };
  };
  const titleText: string[] = new Array(occupations.count);
  for (let o = 0; o < occupations.count; o++) {
    const record = tokenize(occupations.titles[o]!);
    const words: string[] = [];
    for (let i = 0; record >= 0 && i < tokens[record]!; i++) words.push(terms_[tokens[record + 2 + i]!]!);
    titleText[o] = words.join(' ');
    titleField[o] = add(o, FieldKind.Title, 0, record);
  }
  const altTitle = cached(alt.columns.title);
  const altShort = cached(alt.columns.shortTitle);
  const evidenceCache = new Map<number, number>();
  const altEvidence = (r: number): number => {
    if (!altSources) return 1;
    const v = altSources.index[r]!;
    let e = evidenceCache.get(v);
    if (e === undefined) evidenceCache.set(v, (e = sourcesEvidence(altSources.values[v]!)));
    return e;
  };
  for (let r = 0; r < alt.rows; r++) {
    const e = altEvidence(r);
    add(alt.columns.occ[r]!, FieldKind.Alternate, e, altTitle(r));
    add(alt.columns.occ[r]!, FieldKind.Alternate, e, altShort(r)); // empty short titles have no tokens
  }
  const reportedTitle = cached(reported.columns.title);
  for (let r = 0; r < reported.rows; r++) add(reported.columns.occ[r]!, FieldKind.Reported, reported.columns.shown[r] ? 3 : 2, reportedTitle(r));

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
  const pluralSurfaces = [...plurals.keys()].sort();
  return {
    fieldOccupation: fieldOccupation.slice(0, fieldCount),
    fieldKind: fieldKind.slice(0, fieldCount),
    fieldEvidence: fieldEvidence.slice(0, fieldCount),
    titleText,
    fieldWordCount: fieldWordCount.slice(0, fieldCount),
    titleField,
    termIds,
    postingStart: groups.start,
    postingFields,
    sortedTerms,
    pluralSurfaces,
    pluralTerms: Uint32Array.from(pluralSurfaces, (s) => termIds.get(plurals.get(s)!)!),
    codeDigits: occupations.codes.map((c) => c.replace(/[-.]/g, '')),
    layWords,
  };
}

/** Number of fields containing term id t. */
export function documentFrequency(index: SearchIndex, t: number): number {
  return index.postingStart[t + 1]! - index.postingStart[t]!;
}

/** First position in sorted `list` whose entry is ≥ `key` (binary search). */
export function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
