/**
 * Typo tolerance: the terms of the sorted dictionary within `maxEdits` edits of a word
 * (optimal-string-alignment distance: insertion, deletion, substitution, or a swap of two
 * neighbouring letters each count one).
 *
 * The dictionary is walked in sorted order as an implicit trie: consecutive terms share a prefix,
 * and the dynamic-programming rows of that prefix are kept, so each term costs only its new
 * letters; once every cell of a row exceeds `maxEdits`, all following terms with that prefix are
 * skipped. A general-purpose library would scan every term (or bring its own index); this walk
 * reuses the search index's dictionary and adds no bytes to the Worker beyond these few lines.
 */

/** A dictionary term near the query word. */
export interface NearTerm {
  /** Position in the sorted dictionary (the term id). */
  readonly term: number;
  readonly edits: number;
}

/** Edits allowed for a word: none below 4 letters, one from 4, two from 8 (docs/ranking.md). */
export function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/**
 * Terms of `sorted` within `maxEdits` of `word`, in dictionary order, among the terms that start
 * with the word's first or second letter: people rarely mistype the first letter, and the two
 * ranges keep a swap of the first two letters and an extra first letter correctable while the
 * walk reads about a tenth of the dictionary.
 */
export function nearTerms(sorted: readonly string[], word: string, maxEdits: number): NearTerm[] {
  const out: NearTerm[] = [];
  if (maxEdits <= 0 || word.length < 2) return out;
  const letters = word[0] === word[1] ? [word[0]!] : [word[0]!, word[1]!].sort();
  for (const letter of letters) {
    const from = lowerBound(sorted, letter);
    let to = from;
    while (to < sorted.length && sorted[to]!.charCodeAt(0) === letter.charCodeAt(0)) to++;
    walk(sorted, from, to, word, maxEdits, out);
  }
  return out;
}

function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The walk over `sorted[from … to - 1]`, appending near terms to `out`. */
function walk(sorted: readonly string[], from: number, to: number, word: string, maxEdits: number, out: NearTerm[]): void {
  const n = word.length;
  const width = n + 1;
  // rows[d] is the DP row after the first d letters of the current term (row 0: distance from the empty prefix).
  const maxLength = n + maxEdits;
  const rows = new Int32Array((maxLength + 1) * width);
  for (let j = 0; j <= n; j++) rows[j] = j;
  const rowMin = new Int32Array(maxLength + 1);
  let prev = ''; // the last term whose rows are in `rows`
  for (let t = from; t < to; t++) {
    const term = sorted[t]!;
    if (term.length > maxLength || term.length < n - maxEdits) {
      // Too long or too short to be near; its rows are not computed, so `prev` keeps the last computed term.
      continue;
    }
    let shared = 0;
    const limit = Math.min(prev.length, term.length);
    while (shared < limit && prev.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    let d = shared;
    let pruned = false;
    // A shared prefix whose row already exceeds maxEdits rules this term out without computing anything.
    for (let k = 1; k <= shared; k++) {
      if (rowMin[k]! > maxEdits) {
        pruned = true;
        break;
      }
    }
    if (pruned) continue;
    for (; d < term.length; d++) {
      const c = term.charCodeAt(d);
      const cur = (d + 1) * width;
      const above = d * width;
      rows[cur] = d + 1;
      let min = d + 1;
      const before = d > 0 ? term.charCodeAt(d - 1) : -1;
      for (let j = 1; j <= n; j++) {
        const wc = word.charCodeAt(j - 1);
        let v = rows[above + j - 1]! + (wc === c ? 0 : 1);
        const del = rows[above + j]! + 1;
        if (del < v) v = del;
        const ins = rows[cur + j - 1]! + 1;
        if (ins < v) v = ins;
        if (j > 1 && before === wc && c === word.charCodeAt(j - 2)) {
          const swap = rows[above - width + j - 2]! + 1;
          if (swap < v) v = swap;
        }
        rows[cur + j] = v;
        if (v < min) min = v;
      }
      rowMin[d + 1] = min;
      if (min > maxEdits) {
        d++;
        break;
      }
    }
    // Rows are valid up to the letters computed: remember that prefix as the reusable one.
    prev = term.slice(0, d);
    if (d === term.length && rowMin[d]! <= maxEdits) {
      const edits = rows[d * width + n]!;
      if (edits <= maxEdits) out.push({ term: t, edits });
    }
  }
}
