/**
 * Keyword ranking (docs/ranking.md, "Step 1 — occupation search"). A query is read as word slots;
 * each slot matches fields through its exact term, a lay-word replacement, prefix completions of
 * an unfinished last word, or — for a word the dictionary does not know — terms within one or two
 * edits. A field matches when every slot does. Occupations are ordered by match class (exact
 * words, then completions, then corrections, then partial matches), an exact title first, then a
 * relevance score: the best field's kind and closeness, how many of the occupation's other names
 * contain the words (weighted by their evidence), and how much of the query its own title holds.
 */
import { LOW_SPAN, packable, sortByPackedKey } from '../sortkey.js';
import { singular } from '../text.js';
import type { OccupationIndex } from '../occupations.js';
import { allowedEdits, nearTerms } from './fuzzy.js';
import { documentFrequency, FieldKind, lowerBound, type SearchIndex } from './index.js';
import { searchWords, STOP_WORDS } from './words.js';
import type { LayWordIndex } from './lay-words.js';

/** How a field matched, best first. */
export const MatchClass = { Exact: 0, Completed: 1, Corrected: 2, Partial: 3 } as const;
export type MatchClass = (typeof MatchClass)[keyof typeof MatchClass];

/** Relevance weights (docs/ranking.md lists them with the reasons). */
export const WEIGHTS = {
  titleEqual: 1000,
  nameEqual: 400,
  titleContains: 300,
  nameContains: 100,
  extraWord: 15,
  maxExtraWords: 10,
  support: 80,
  titleOverlap: 250,
  partial: 300,
} as const;

/** A ranked search hit. */
export interface SearchHit {
  readonly occupation: number;
  /** Relevance within its match class (higher is better); comparable only within one query. */
  readonly score: number;
  readonly matchClass: MatchClass;
}

/** The ranking of one keyword, with the corrected query when the best hit needed a correction. */
export interface KeywordResult {
  readonly hits: SearchHit[];
  /** The words searched for instead of misspelt ones, when the first hit came from a correction. */
  readonly didYouMean?: string;
}

/** One word of the query and the terms it matches, with how. */
interface Slot {
  /** The word as typed (normalised, not folded). */
  readonly typed: string;
  /** Explicit terms and their match class. */
  readonly terms: number[];
  readonly classes: number[];
  /** Prefix completions: term ids [rangeLo, rangeHi) of the sorted dictionary. */
  readonly rangeLo: number;
  readonly rangeHi: number;
  /** Fuzzy alternatives' edit counts, parallel to the corrected entries of `terms`. */
  readonly edits: number[];
  readonly idf: number;
}

/** Terms of one reading of the query (the query itself, or with a lay phrase replaced). */
type Variant = readonly Slot[];

const NO_CLASS = 255;

function termSlot(index: SearchIndex, typed: string, allowPrefix: boolean, allowFuzzy: boolean): Slot {
  const folded = singular(typed);
  const termList: number[] = [];
  const classes: number[] = [];
  const edits: number[] = [];
  const exact = index.termIds.get(folded);
  if (exact !== undefined) {
    termList.push(exact);
    classes.push(MatchClass.Exact);
  }
  let rangeLo = 0;
  let rangeHi = 0;
  // One-letter last words match whole words only: a prefix of one letter matches most of the index.
  if (allowPrefix && typed.length >= 2) {
    rangeLo = lowerBound(index.sortedTerms, typed);
    rangeHi = rangeLo;
    while (rangeHi < index.sortedTerms.length && index.sortedTerms[rangeHi]!.startsWith(typed)) rangeHi++;
    // Words as written that the folding changed ("secretari" → "secretaries" → term "secretary").
    for (let i = lowerBound(index.pluralSurfaces, typed); i < index.pluralSurfaces.length && index.pluralSurfaces[i]!.startsWith(typed); i++) {
      const t = index.pluralTerms[i]!;
      if ((t < rangeLo || t >= rangeHi) && !termList.includes(t)) {
        termList.push(t);
        classes.push(MatchClass.Completed);
      }
    }
  }
  if (allowFuzzy && termList.length === 0 && rangeHi === rangeLo) {
    for (const near of nearTerms(index.sortedTerms, folded, allowedEdits(folded))) {
      termList.push(near.term);
      classes.push(MatchClass.Corrected);
      edits[termList.length - 1] = near.edits;
    }
  }
  // Inverse document frequency of the slot: a rare word says more about the occupation than a common one.
  let df = 0;
  for (const t of termList) df = Math.max(df, documentFrequency(index, t));
  if (rangeHi > rangeLo) df = Math.max(df, index.postingStart[rangeHi]! - index.postingStart[rangeLo]!);
  const idf = Math.log(1 + index.fieldOccupation.length / (1 + df));
  return { typed, terms: termList, classes, rangeLo, rangeHi, edits, idf };
}

/** The query's readings: as typed, and with each lay phrase it contains replaced (at most 8). */
function variants(index: SearchIndex, lay: LayWordIndex | undefined, typed: readonly string[], endsWithSpace: boolean): Variant[] {
  const last = typed.length - 1;
  const slot = (w: string, i: number) => termSlot(index, w, i === last && !endsWithSpace, true);
  const base = typed.map(slot);
  const out: Variant[] = [base];
  if (!lay) return out;
  const folded = typed.map(singular);
  for (let start = 0; start < folded.length; start++) {
    for (let len = Math.min(lay.longestKey, folded.length - start); len >= 1; len--) {
      const replacements = lay.entries.get(folded.slice(start, start + len).join(' '));
      if (!replacements) continue;
      for (const words of replacements) {
        if (out.length >= 8) return out;
        const middle = words.map((w) => termSlot(index, w, false, false));
        out.push([...base.slice(0, start), ...middle, ...base.slice(start + len)]);
      }
      break; // the longest key at this position
    }
  }
  return out;
}

/**
 * A query's working state: per-occupation accumulators (typed arrays sized by the occupation
 * count, reused across queries: {@link queryScratch}) and the occupations it touched.
 */
interface State {
  readonly cls: Uint8Array;
  readonly base: Int32Array;
  readonly extra: Int16Array;
  readonly field: Int32Array;
  readonly support: Float64Array;
  readonly overlap: Float64Array;
  readonly exactTitle: Uint8Array;
  /** Final score of each touched occupation (written before it is read: never cleared). */
  readonly score: Int32Array;
  /** Per field, for {@link partialMatches}: the query weight it holds and the words it matches (zero between queries). */
  readonly held: Float64Array;
  readonly matched: Uint8Array;
  readonly touched: number[];
}

/** Marks every field of a slot with (best class + 1); returns the marked fields. */
function markSlot(index: SearchIndex, slot: Slot, marks: Uint8Array): number[] {
  const fields: number[] = [];
  const mark = (t: number, cls: number) => {
    const end = index.postingStart[t + 1]!;
    for (let i = index.postingStart[t]!; i < end; i++) {
      const f = index.postingFields[i]!;
      const m = marks[f]!;
      if (m === 0) fields.push(f);
      if (m === 0 || m > cls + 1) marks[f] = cls + 1;
    }
  };
  for (let t = slot.rangeLo; t < slot.rangeHi; t++) mark(t, MatchClass.Completed);
  // Explicit terms after the range: an exact term inside the range keeps its better class.
  for (let i = 0; i < slot.terms.length; i++) mark(slot.terms[i]!, slot.classes[i]!);
  return fields;
}

function consider(index: SearchIndex, s: State, field: number, cls: number, base: number, wordCount: number): void {
  const o = index.fieldOccupation[field]!;
  const extra = index.fieldWordCount[field]! - wordCount;
  // A name that is the query says more than one that adds qualifiers to it ("IT Project Manager" for "project manager").
  const evidence = (index.fieldEvidence[field]! * wordCount) / (wordCount + Math.max(0, extra));
  if (s.cls[o] === NO_CLASS) s.touched.push(o);
  if (cls < s.cls[o]!) {
    s.cls[o] = cls;
    s.base[o] = base;
    s.extra[o] = extra;
    s.field[o] = field;
    s.support[o] = evidence;
    s.exactTitle[o] = 0;
  } else if (cls === s.cls[o]) {
    s.support[o]! += evidence;
    if (base > s.base[o]! || (base === s.base[o]! && extra < s.extra[o]!)) {
      s.base[o] = base;
      s.extra[o] = extra;
      s.field[o] = field;
    }
  } else return;
  if (cls === MatchClass.Exact && index.fieldKind[field] === FieldKind.Title && extra === 0) s.exactTitle[o] = 1;
}

function fieldBase(index: SearchIndex, field: number, slots: number): number {
  const extra = index.fieldWordCount[field]! - slots;
  const title = index.fieldKind[field] === FieldKind.Title;
  if (extra <= 0) return title ? WEIGHTS.titleEqual : WEIGHTS.nameEqual;
  return (title ? WEIGHTS.titleContains : WEIGHTS.nameContains) - WEIGHTS.extraWord * Math.min(extra, WEIGHTS.maxExtraWords);
}

/**
 * Share of the query's weight (idf) that the occupation's own title holds, for this reading.
 * `stems`: each slot's typed word folded to singular (computed once per reading, not per occupation).
 */
function titleOverlap(index: SearchIndex, o: number, variant: Variant, marks: readonly Uint8Array[], stems: readonly string[]): number {
  const tf = index.titleField[o]!;
  let held = 0;
  let total = 0;
  for (let i = 0; i < variant.length; i++) {
    const slot = variant[i]!;
    total += slot.idf;
    const m = marks[i]![tf]!;
    if (m === MatchClass.Exact + 1) held += slot.idf;
    else if (m !== 0 || sameStem(index.titleText[o]!, stems[i]!)) held += slot.idf / 2;
  }
  return total > 0 ? held / total : 0;
}

/** Shortest shared beginning for two words to count as forms of one ("manager" / "management"). */
const STEM_LENGTH = 5;

/**
 * True when a word of `text` shares its first letters with `word` up to at most three letters
 * from the end of either ("manager" ~ "management", "nurse" ~ "nursing", not "manager" ~
 * "manufacturing"): the title names the same thing in another form. Counts for title overlap only.
 */
function sameStem(text: string, word: string): boolean {
  if (word.length < STEM_LENGTH) return false;
  for (let from = 0; from < text.length;) {
    let to = text.indexOf(' ', from);
    if (to < 0) to = text.length;
    let shared = 0;
    while (from + shared < to && shared < word.length && text.charCodeAt(from + shared) === word.charCodeAt(shared)) shared++;
    if (shared >= STEM_LENGTH && shared >= word.length - 3 && shared >= to - from - 4) return true;
    from = to + 1;
  }
  return false;
}

/** Ranks occupations for a keyword made of words (code queries are handled by the caller). */
export function rankKeyword(index: SearchIndex, occupations: OccupationIndex, lay: LayWordIndex | undefined, keyword: string): KeywordResult {
  const all = searchWords(keyword);
  // Stop words are left out unless the query has nothing else.
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  const typed = meaningful.length > 0 ? meaningful : all;
  if (typed.length === 0) return { hits: [] };
  const endsWithSpace = /\s$/.test(keyword);
  const s: State = { ...queryScratch(index, occupations.count), touched: [] };
  const readings = variants(index, lay, typed, endsWithSpace);
  const pool = scratchPool(index);
  const used: { marks: Uint8Array; list: number[] }[] = [];
  try {
    return rankReadings(index, occupations, s, typed.length, readings, pool, used);
  } finally {
    // Scratch arrays go back clean: only the fields each one marked are reset.
    for (const { marks, list } of used) {
      for (const f of list) marks[f] = 0;
      pool.push(marks);
    }
  }
}

/** The arrays of a {@link State}, kept per index. */
type QueryScratch = Omit<State, 'touched'>;

const scratches = new WeakMap<SearchIndex, QueryScratch>();

/**
 * The index's query arrays, the per-occupation ones cleared: allocated once rather than per query,
 * as allocating them cost the common-word queries more than ranking. Queries run synchronously
 * and no answer keeps a reference to these arrays.
 */
function queryScratch(index: SearchIndex, occupationCount: number): QueryScratch {
  let scratch = scratches.get(index);
  if (scratch?.cls.length !== occupationCount) {
    const fields = index.fieldOccupation.length;
    scratch = {
      cls: new Uint8Array(occupationCount),
      base: new Int32Array(occupationCount),
      extra: new Int16Array(occupationCount),
      field: new Int32Array(occupationCount),
      support: new Float64Array(occupationCount),
      overlap: new Float64Array(occupationCount),
      exactTitle: new Uint8Array(occupationCount),
      score: new Int32Array(occupationCount),
      held: new Float64Array(fields),
      matched: new Uint8Array(fields),
    };
    scratches.set(index, scratch);
  }
  scratch.cls.fill(NO_CLASS);
  scratch.base.fill(0);
  scratch.extra.fill(0);
  scratch.field.fill(0);
  scratch.support.fill(0);
  scratch.overlap.fill(0);
  scratch.exactTitle.fill(0);
  return scratch;
}

/** Per-index pool of field-sized mark arrays: allocating and zeroing ~70,000 bytes per word per query dominated short queries. */
const pools = new WeakMap<SearchIndex, Uint8Array[]>();

function scratchPool(index: SearchIndex): Uint8Array[] {
  let pool = pools.get(index);
  if (!pool) pools.set(index, (pool = []));
  return pool;
}

function rankReadings(
  index: SearchIndex,
  occupations: OccupationIndex,
  s: State,
  wordCount: number,
  readings: Variant[],
  pool: Uint8Array[],
  used: { marks: Uint8Array; list: number[] }[],
): KeywordResult {
  const fieldCount = index.fieldOccupation.length;
  let original: { marks: Uint8Array[]; lists: number[][] } | undefined;
  for (const variant of readings) {
    const marks = variant.map(() => pool.pop() ?? new Uint8Array(fieldCount));
    const lists = variant.map((slot, i) => {
      const list = markSlot(index, slot, marks[i]!);
      used.push({ marks: marks[i]!, list });
      return list;
    });
    original ??= { marks, lists };
    if (lists.some((l) => l.length === 0)) continue;
    const stems = variant.map((slot) => singular(slot.typed));
    let smallest = 0;
    for (let i = 1; i < lists.length; i++) if (lists[i]!.length < lists[smallest]!.length) smallest = i;
    for (const field of lists[smallest]!) {
      let cls = 0;
      let all = true;
      for (let i = 0; i < marks.length; i++) {
        const m = marks[i]![field]!;
        if (m === 0) {
          all = false;
          break;
        }
        if (m - 1 > cls) cls = m - 1;
      }
      if (!all) continue;
      consider(index, s, field, cls, fieldBase(index, field, variant.length), variant.length);
      const o = index.fieldOccupation[field]!;
      const overlap = titleOverlap(index, o, variant, marks, stems);
      if (overlap > s.overlap[o]!) s.overlap[o] = overlap;
    }
  }
  if (s.touched.length === 0 && wordCount > 1 && original) partialMatches(index, s, readings[0]!, original.marks, original.lists);
  return { hits: order(occupations, s), didYouMean: correction(index, s, readings[0]!, original?.marks) };
}

/**
 * No field holds every word: fields holding some of them, scored by the share of the query's
 * weight they hold, all in the Partial class (below any full match).
 */
function partialMatches(index: SearchIndex, s: State, variant: Variant, marks: readonly Uint8Array[], lists: readonly number[][]): void {
  const { held, matched } = s;
  const fields: number[] = [];
  try {
    collectPartial(index, s, variant, marks, lists, fields);
  } finally {
    // Back to zero for the next query: only the fields this one touched.
    for (const f of fields) {
      held[f] = 0;
      matched[f] = 0;
    }
  }
}

/** {@link partialMatches}' work: sums each field's share of the query, then considers every field that holds some of it; `fields` collects the fields written. */
function collectPartial(index: SearchIndex, s: State, variant: Variant, marks: readonly Uint8Array[], lists: readonly number[][], fields: number[]): void {
  const { held, matched } = s;
  let total = 0;
  variant.forEach((slot, i) => {
    total += slot.idf;
    for (const f of lists[i]!) {
      if (held[f] === 0) fields.push(f);
      held[f]! += marks[i]![f] === MatchClass.Exact + 1 ? slot.idf : slot.idf / 2;
      matched[f]!++;
    }
  });
  const stems = variant.map((slot) => singular(slot.typed));
  for (const f of fields) {
    const title = index.fieldKind[f] === FieldKind.Title ? WEIGHTS.titleContains / 5 : 0;
    const extra = Math.max(0, index.fieldWordCount[f]! - matched[f]!);
    const base = Math.round((WEIGHTS.partial * held[f]!) / total) + title - WEIGHTS.extraWord * Math.min(extra, WEIGHTS.maxExtraWords);
    consider(index, s, f, MatchClass.Partial, base, matched[f]!);
    const o = index.fieldOccupation[f]!;
    const overlap = titleOverlap(index, o, variant, marks, stems);
    if (overlap > s.overlap[o]!) s.overlap[o] = overlap;
  }
}

/** The final score of occupation o (docs/ranking.md). */
function finalScore(s: State, o: number): number {
  return s.base[o]! + Math.round(WEIGHTS.support * Math.log2(1 + s.support[o]!)) + Math.round(WEIGHTS.titleOverlap * s.overlap[o]!);
}

/** Class asc, exact title first, score desc, fewer extra words, title order: one packed key per hit. */
function order(occupations: OccupationIndex, s: State): SearchHit[] {
  const { touched, score } = s;
  for (const o of touched) score[o] = finalScore(s, o);
  // Scores stay below 2^14 (1000 + 60·log2(1 + 4·65,536) + 150); extra words in [-255, 255].
  const key = (o: number) =>
    (((s.cls[o]! * 2 + (1 - s.exactTitle[o]!)) * 32_768 + (16_383 - Math.max(0, Math.min(score[o]!, 16_383)))) * 1024 + (s.extra[o]! + 512)) * LOW_SPAN + occupations.titleRank[o]!;
  if (packable(occupations.count)) sortByPackedKey(touched, key, (low) => occupations.titleOrder[low]!);
  else touched.sort((a, b) => key(a) - key(b));
  return touched.map((occupation) => ({ occupation, score: score[occupation]!, matchClass: s.cls[occupation] as MatchClass }));
}

/** For a first hit found through corrected words: the query with each corrected word as found. */
function correction(index: SearchIndex, s: State, variant: Variant, marks: readonly Uint8Array[] | undefined): string | undefined {
  const first = s.touched[0];
  if (first === undefined || s.cls[first] !== MatchClass.Corrected || !marks) return undefined;
  const field = s.field[first]!;
  const out = variant.map((slot, i) => {
    if (marks[i]![field] !== MatchClass.Corrected + 1) return slot.typed;
    let best: number | undefined;
    let bestEdits = Infinity;
    for (let k = 0; k < slot.terms.length; k++) {
      if (slot.classes[k] !== MatchClass.Corrected) continue;
      const t = slot.terms[k]!;
      const list = index.postingFields.subarray(index.postingStart[t]!, index.postingStart[t + 1]!);
      if (slot.edits[k]! < bestEdits && hasField(list, field)) {
        best = t;
        bestEdits = slot.edits[k]!;
      }
    }
    return best === undefined ? slot.typed : index.sortedTerms[best]!;
  });
  return out.join(' ');
}

function hasField(sorted: Uint32Array, field: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < field) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === field;
}
